(() => {
const { LANGUAGES, LABELS, guess, preferred } = window.PathwaysLanguages;
const root = document.documentElement;
const log = document.getElementById("log");
const form = document.getElementById("composer");
const input = document.getElementById("text");
const restartButton = document.getElementById("restart");
const confirmBar = document.getElementById("confirm");
// The conversation id lives in this browser only as long as the conversation: it ends when the
// person starts a new one or erases their data, and after the session idle time, so the next
// person on a shared phone starts afresh.
const key = "pathways-conversation";
const idleMs = Number(root.dataset.idleMinutes || 60) * 60 * 1000;
// Until the person's language is known the page speaks the phone's, if it is one of ours.
const fallbackLanguage = preferred(root.lang || "es");
const fresh = () => ({
  sender: Array.from(crypto.getRandomValues(new Uint8Array(12)), b => b.toString(16).padStart(2, "0")).join(""),
  last: Date.now(),
});
let conversation;
try { conversation = JSON.parse(localStorage.getItem(key) || "null"); } catch { conversation = null; }
if (!conversation || typeof conversation.sender !== "string" || !(Date.now() - conversation.last < idleMs)) {
  conversation = fresh();
}
localStorage.removeItem("pathways-sender");  // the id kept forever by earlier versions
const save = () => localStorage.setItem(key, JSON.stringify(conversation));
save();

// -- the page's own words, in the person's language -------------------------------------------
function speak(lang) {
  const words = LABELS[lang];
  root.lang = lang;
  document.title = words.title;
  document.getElementById("title").textContent = words.title;
  restartButton.textContent = "↺ " + words.restart;
  document.getElementById("confirm-text").textContent = words.confirm;
  document.getElementById("confirm-yes").textContent = words.confirmYes;
  document.getElementById("confirm-no").textContent = words.confirmNo;
  log.setAttribute("aria-label", words.log);
  input.placeholder = words.placeholder;
  input.setAttribute("aria-label", words.message);
  document.getElementById("send").setAttribute("aria-label", words.send);
}

function learnLanguage(lang) {
  if (!LANGUAGES.includes(lang) || lang === conversation.lang) return;
  conversation.lang = lang;
  save();
  speak(lang);
}
speak(LANGUAGES.includes(conversation.lang) ? conversation.lang : fallbackLanguage);

// -- a new conversation, after a second tap that says so ----------------------------------------
function askToRestart(open) {
  confirmBar.hidden = !open;
  restartButton.setAttribute("aria-expanded", String(open));
  if (open) document.getElementById("confirm-no").focus();
}

function restart() {
  askToRestart(false);
  conversation = fresh();
  save();
  log.replaceChildren();
  delete log.dataset.question;
  speak(fallbackLanguage);
  input.focus();
}
// Even an empty screen (after a reload) may stand for answers given: always ask.
restartButton.addEventListener("click", () => askToRestart(true));
document.getElementById("confirm-yes").addEventListener("click", restart);
document.getElementById("confirm-no").addEventListener("click", () => { askToRestart(false); input.focus(); });

// -- bot text: paragraphs, *headings* and *bold*, links and phone numbers; nothing else is markup --
const INLINE = /(https?:\/\/[^\s<>"]*[^\s<>".,;:!?)\]])|☎\s*(\+?\d[\d ().-]{1,}\d)|\*([^*\n]+)\*/gu;

function link(url) {
  const a = document.createElement("a");
  a.href = url;
  a.rel = "noopener noreferrer";
  a.target = "_blank";
  // Shown without the scheme, with break points after its separators, so a long address wraps
  // between its parts rather than anywhere in a word.
  for (const part of url.replace(/^https?:\/\//, "").split(/(?<=[/?&=._-])/)) {
    a.append(part, document.createElement("wbr"));
  }
  a.lastChild.remove();
  return a;
}

function inline(parent, text) {
  let at = 0;
  for (const m of text.matchAll(INLINE)) {
    parent.append(text.slice(at, m.index));
    if (m[1]) parent.append(link(m[1]));
    else if (m[2]) {
      const a = document.createElement("a");
      a.href = "tel:" + m[2].replace(/[^\d+]/g, "");
      a.textContent = m[2];
      parent.append("☎ ", a);
    } else {
      const b = document.createElement("strong");
      b.textContent = m[3];
      parent.append(b);
    }
    at = m.index + m[0].length;
  }
  parent.append(text.slice(at));
}

function render(div, text) {
  for (const paragraph of text.split(/\n{2,}/)) {
    const p = document.createElement("p");
    const lines = paragraph.split("\n");
    const heading = /^\*([^*]+)\*$/.exec(lines[0].trim());
    if (heading && lines.length > 1) {  // "*Name of the programme*" opening a block
      const h = document.createElement("h3");
      h.textContent = heading[1];
      div.append(h);
      lines.shift();
    }
    inline(p, lines.join("\n"));
    div.append(p);
  }
}

function bubble(text, who, custom) {
  const div = document.createElement("div");
  div.className = "msg " + who;
  div.dataset.testid = who === "bot" ? "bot-message" : "user-message";
  if (who === "bot") {
    render(div, text);
    if (custom && custom.results) div.classList.add("results");
  } else {
    div.textContent = text;  // what the person wrote, exactly
  }
  log.append(div);
  return div;
}

// -- where the view goes -------------------------------------------------------------------------
const toNewest = () => { log.scrollTop = log.scrollHeight; };
// Results (and urgent help) are read from their first line: the best result comes first.
function toTopOf(el) {
  log.scrollTop += el.getBoundingClientRect().top - log.getBoundingClientRect().top - 8;
}

function options(buttons, custom) {
  const row = document.createElement("div");
  row.className = "options";
  const values = custom && custom.question === "language" && Array.isArray(custom.options) ? custom.options : [];
  buttons.forEach((b, i) => {
    const el = document.createElement("button");
    el.type = "button";
    el.textContent = `${i + 1}. ${b.title}`;
    el.dataset.testid = "option";
    el.addEventListener("click", () => {
      row.querySelectorAll("button").forEach(x => x.disabled = true);
      learnLanguage(values[i]);  // the person said which language: no need to guess
      send(b.payload, b.title);
    });
    row.append(el);
  });
  log.append(row);
}

function showError() {
  const div = document.createElement("div");
  div.className = "error"; div.dataset.testid = "error";
  div.textContent = "⚠ " + LABELS[root.lang in LABELS ? root.lang : fallbackLanguage].error;
  log.append(div);
  toNewest();
}

// Rasa's REST channel sends a message's `custom` as a message of its own, after its text; and it
// sends text without buttons one paragraph at a time. Put them back together: `custom` belongs to
// the message with buttons just before it, or else to the paragraphs sent since the last message
// with buttons or `custom` (all the paragraphs of the results, say).
function paired(data) {
  const messages = [];
  let paragraphs = [];
  for (const m of data) {
    const previous = messages[messages.length - 1];
    const owners = paragraphs.length ? paragraphs : previous && previous.buttons && !previous.custom ? [previous] : [];
    if (m.custom && !m.text && !m.buttons && owners.length) {
      for (const owner of owners) owner.custom = m.custom;
      paragraphs = [];
      continue;
    }
    const copy = {...m};
    messages.push(copy);
    if (m.buttons || m.custom) paragraphs = [];
    else paragraphs.push(copy);
  }
  return messages;
}

async function send(message, shown) {
  bubble(shown, "me");
  toNewest();
  let data;
  try {
    const res = await fetch("/chat/api/messages", {
      method: "POST", headers: {"Content-Type": "application/json"},
      body: JSON.stringify({sender: conversation.sender, message}),
    });
    data = await res.json();
    if (!res.ok || !Array.isArray(data)) throw new Error(String(data && data.error || res.status));
  } catch (err) {
    console.warn("chat:", err.message);
    showError();
    return;
  }
  conversation.last = Date.now();
  conversation.talked = true;
  save();
  listen();
  let top = null;
  const spoken = [];
  const done = new Set();  // a `custom` shared by several paragraphs acts once
  for (const m of paired(data)) {
    const custom = m.custom || {};
    const first = !done.has(custom);
    done.add(custom);
    if (m.text) {
      const el = bubble(m.text, "bot", custom);
      if (!top && (custom.results || custom.urgent)) top = el;
      if (custom.question !== "language") spoken.push(m.text);  // the menu speaks all five
    }
    if (m.buttons && m.buttons.length) options(m.buttons, custom);
    if (custom.question) log.dataset.question = custom.question;
    if (custom.erased && first) {  // the data is gone: so is this browser's id for it
      conversation = {...fresh(), lang: conversation.lang};
      save();
    }
  }
  learnLanguage(guess(spoken.join("\n")));
  if (top) toTopOf(top); else toNewest();
}

// -- messages sent outside a turn: a person from the helpline answering ------------------------------
// Asked for every few seconds once the person has written, and no longer after the idle time: a
// page left open does not ask forever. `seen` is the last one shown, so a reload shows none twice.
const LISTEN_MS = 4000;
let listening = null;

async function poll() {
  listening = null;
  if (!conversation.talked || !(Date.now() - conversation.last < idleMs)) return;
  const asked = conversation.sender;
  try {
    const res = await fetch("/chat/api/updates", {
      method: "POST", headers: {"Content-Type": "application/json"},
      body: JSON.stringify({sender: asked, after: conversation.seen || 0}),
    });
    const data = res.ok ? await res.json() : null;
    if (data && Array.isArray(data.messages) && asked === conversation.sender) {
      for (const m of data.messages) {
        if (typeof m.text === "string" && m.text) bubble(m.text, "bot").classList.add("staff");
      }
      if (data.messages.length) {
        conversation.seen = data.last;
        save();
        toNewest();
      }
    }
  } catch (err) {
    console.warn("chat:", err.message);
  }
  listen();
}

function listen() {
  if (listening === null) listening = setTimeout(poll, LISTEN_MS);
}
listen();

form.addEventListener("submit", e => {
  e.preventDefault();
  const text = input.value.trim();
  if (!text) return;
  input.value = "";
  send(text, text);
});
})();

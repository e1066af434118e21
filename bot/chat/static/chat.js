(() => {
const log = document.getElementById("log");
const form = document.getElementById("composer");
const input = document.getElementById("text");
// The conversation id lives in this browser only as long as the conversation: it ends when the
// person starts a new one or erases their data, and after the session idle time, so the next
// person on a shared phone starts afresh.
const key = "pathways-conversation";
const idleMs = Number(document.documentElement.dataset.idleMinutes || 60) * 60 * 1000;
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
function restart() {
  conversation = fresh();
  save();
  log.replaceChildren();
  delete log.dataset.question;
  input.focus();
}
document.getElementById("restart").addEventListener("click", restart);

function bubble(text, who) {
  const div = document.createElement("div");
  div.className = "msg " + who;
  div.dataset.testid = who === "bot" ? "bot-message" : "user-message";
  // Text only: *bold* becomes <strong>, everything else is escaped.
  for (const [i, part] of text.split("*").entries()) {
    if (i % 2) { const b = document.createElement("strong"); b.textContent = part; div.append(b); }
    else div.append(document.createTextNode(part));
  }
  log.append(div);
  log.scrollTop = log.scrollHeight;
}

function options(buttons) {
  const row = document.createElement("div");
  row.className = "options";
  buttons.forEach((b, i) => {
    const el = document.createElement("button");
    el.type = "button";
    el.textContent = `${i + 1}. ${b.title}`;
    el.dataset.testid = "option";
    el.addEventListener("click", () => {
      row.querySelectorAll("button").forEach(x => x.disabled = true);
      send(b.payload, b.title);
    });
    row.append(el);
  });
  log.append(row);
  log.scrollTop = log.scrollHeight;
}

async function send(message, shown) {
  bubble(shown, "me");
  try {
    const res = await fetch("/chat/api/messages", {
      method: "POST", headers: {"Content-Type": "application/json"},
      body: JSON.stringify({sender: conversation.sender, message}),
    });
    const data = await res.json();
    if (!res.ok) throw new Error(data.error || res.status);
    conversation.last = Date.now();
    save();
    for (const m of data) {
      if (m.text) bubble(m.text, "bot");
      if (m.buttons && m.buttons.length) options(m.buttons);
      if (m.custom && m.custom.question) log.dataset.question = m.custom.question;
      if (m.custom && m.custom.erased) {  // the data is gone: so is this browser's id for it
        conversation = fresh();
        save();
      }
    }
  } catch (err) {
    const div = document.createElement("div");
    div.className = "error"; div.dataset.testid = "error"; div.textContent = "⚠ " + err.message;
    log.append(div);
  }
}

form.addEventListener("submit", e => {
  e.preventDefault();
  const text = input.value.trim();
  if (!text) return;
  input.value = "";
  send(text, text);
});
})();

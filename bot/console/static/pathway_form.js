// The pathway edit form: add and remove repeatable rows (copying the row's <template> with "__i__"
// replaced by the next index), keep a condition's value inputs named after its operator, and check
// the form as the editor types (debounced) with each message next to its field. Without this
// script the form still works: the server checks it on save.
"use strict";

(function () {
  const ROW = "__i__";
  const DEBOUNCE_MS = 400;
  const form = document.querySelector("form.pathway-form");
  if (!form) return;
  const opsData = JSON.parse(form.querySelector("script[data-ops]").textContent);
  const status = form.querySelector("[data-validation-status]");
  const csrf = document.querySelector('meta[name="csrf-token"]').content;

  const NAMED = ["name", "id", "for", "aria-describedby", "data-field", "data-errors-for", "data-rows", "data-predicate"];

  // Put the row's index in place of the first placeholder of every name in `root` (a nested
  // template's own rows keep their later placeholder; querySelectorAll does not enter <template>).
  function numberRow(root, index) {
    root.querySelectorAll(NAMED.map((attr) => `[${attr}]`).join(",")).forEach((el) => {
      for (const attr of NAMED) {
        const value = el.getAttribute(attr);
        if (value !== null && value.includes(ROW)) el.setAttribute(attr, value.replace(ROW, String(index)));
      }
    });
    root.querySelectorAll("template").forEach((inner) => numberRow(inner.content, index));
  }

  function addRow(container) {
    const template = container.querySelector(":scope > template[data-template]");
    const list = container.querySelector(":scope > [data-row-list]");
    const index = Number(container.dataset.next || list.children.length);
    container.dataset.next = String(index + 1);
    const copy = template.content.cloneNode(true);
    numberRow(copy, index);
    list.appendChild(copy);
    const first = list.lastElementChild.querySelector("input, select, textarea");
    if (first) first.focus();
    schedule();
  }

  function valueInput(name, value, label) {
    const input = document.createElement("input");
    input.type = "text";
    input.name = name;
    input.id = `f-${name}`;
    input.value = value;
    input.setAttribute("aria-label", label);
    input.setAttribute("aria-describedby", `e-${name}`);
    const box = document.createElement("div");
    box.className = "field";
    box.dataset.field = name;
    const errors = document.createElement("ul");
    errors.className = "field-errors";
    errors.id = `e-${name}`;
    errors.dataset.errorsFor = name;
    box.append(input, errors);
    return box;
  }

  // The value inputs are named "<predicate>.<op>" (or ".<op>.0" / ".1" for a pair): rebuild them.
  function operatorChanged(select) {
    const predicate = select.closest("[data-predicate]");
    const base = predicate.dataset.predicate;
    const op = select.value;
    const values = predicate.querySelector("[data-values]");
    const old = Array.from(values.querySelectorAll("input, select")).map((el) => el.value);
    const label = values.querySelector("[aria-label], label");
    const text = label ? (label.getAttribute("aria-label") || label.textContent.trim()) : op;
    values.replaceChildren();
    if (opsData.pairs.includes(op)) {
      values.classList.add("pair");
      values.append(valueInput(`${base}.${op}.0`, old[0] || "", text), valueInput(`${base}.${op}.1`, old[1] || "", text));
    } else {
      values.classList.remove("pair");
      values.append(valueInput(`${base}.${op}`, old.join(", "), text));
    }
  }

  function factChanged(select) {
    const predicate = select.closest("[data-predicate]");
    const opSelect = predicate.querySelector("select[data-op]");
    const ops = opsData.ops[select.value] || [];
    const current = opSelect.value;
    opSelect.replaceChildren(...ops.map((op) => new Option(opsData.labels[op] || op, op, false, op === current)));
    if (opSelect.value !== current) operatorChanged(opSelect);
  }

  function show(errors) {
    form.querySelectorAll("[data-errors-for]").forEach((box) => box.replaceChildren());
    form.querySelectorAll('[aria-invalid="true"]').forEach((el) => el.removeAttribute("aria-invalid"));
    for (const [name, messages] of Object.entries(errors)) {
      let key = name;
      let box = form.querySelector(`[data-errors-for="${CSS.escape(key)}"]`);
      while (!box && key) {  // a message about something with no box of its own goes to its parent
        key = key.includes(".") ? key.slice(0, key.lastIndexOf(".")) : "";
        box = form.querySelector(`[data-errors-for="${CSS.escape(key)}"]`);
      }
      for (const message of messages) {
        const item = document.createElement("li");
        item.textContent = message;
        box.appendChild(item);
      }
      const input = document.getElementById(`f-${key}`);
      if (input) input.setAttribute("aria-invalid", "true");
    }
  }

  let timer = null;
  let sent = 0;
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(validate, DEBOUNCE_MS);
  }

  async function validate() {
    const ticket = ++sent;
    const body = new URLSearchParams(new FormData(form));
    try {
      const response = await fetch(form.dataset.validateUrl, {
        method: "POST",
        body,
        headers: { "X-CSRF-Token": csrf },
        credentials: "same-origin",
      });
      if (!response.ok || ticket !== sent) return;  // an older answer must not overwrite a newer one
      const result = await response.json();
      show(result.errors);
      if (status) status.textContent = result.ok ? status.dataset.ok : status.dataset.problems;
    } catch (error) {
      // Offline or the server restarting: the check on save still runs.
    }
  }

  form.addEventListener("click", (event) => {
    const add = event.target.closest("[data-add]");
    if (add) {
      addRow(add.closest("[data-rows]"));
      return;
    }
    const remove = event.target.closest("[data-remove]");
    if (remove) {
      remove.closest("[data-row]").remove();
      schedule();
    }
  });
  form.addEventListener("change", (event) => {
    if (event.target.matches("select[data-op]")) operatorChanged(event.target);
    else if (event.target.matches("select[data-fact]")) factChanged(event.target);
    schedule();
  });
  form.addEventListener("input", schedule);
})();

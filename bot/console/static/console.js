// The console's one script: asks before an irreversible button does its work (forms with
// data-confirm), sends a form once however often it is clicked, and focuses the first field with
// an error. Pages work without it.
"use strict";
document.addEventListener("submit", (event) => {
  const form = event.target;
  const question = form.getAttribute && form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
    return;
  }
  // A second click while the first is on its way does nothing (the server also refuses a reply
  // form submitted twice). Disabled after this event, so the clicked button's value still goes.
  if (form.dataset.sending) {
    event.preventDefault();
    return;
  }
  form.dataset.sending = "1";
  window.setTimeout(() => {
    form.querySelectorAll("button[type=submit]").forEach((button) => {
      button.disabled = true;
    });
  }, 0);
});
document.addEventListener("DOMContentLoaded", () => {
  const invalid = document.querySelector("[aria-invalid=true]");
  if (invalid) {
    invalid.focus();
  }
});

// The conversation view, live: new messages from the person (and replies, notes, claims by others)
// reload the transcript without losing what the agent is typing. A canned reply chosen in the list
// fills the reply box (without JavaScript the "use" button does it through the server).
"use strict";
(() => {
  const canned = document.getElementById("canned");
  const box = document.getElementById("reply-text");
  if (canned && box) {
    canned.addEventListener("change", () => {
      const option = canned.selectedOptions[0];
      if (option && option.dataset.text) {
        box.value = option.dataset.text;
        box.focus();
      }
    });
  }

  const transcript = document.getElementById("transcript");
  if (!transcript) {
    return;
  }
  // The newest lines matter most: keep the scrolling history at its end.
  function toEnd() {
    const list = transcript.querySelector(".transcript");
    if (list) {
      list.scrollTop = list.scrollHeight;
    }
  }
  toEnd();
  if (!window.EventSource) {
    return;
  }
  let loading = false;
  let again = false;

  async function reload() {
    if (loading) {
      again = true;
      return;
    }
    loading = true;
    try {
      const response = await fetch(transcript.dataset.fragment, { credentials: "same-origin" });
      if (response.ok && !response.redirected) {
        transcript.innerHTML = await response.text();
        toEnd();
      }
    } finally {
      loading = false;
      if (again) {
        again = false;
        reload();
      }
    }
  }

  const source = new EventSource(transcript.dataset.events);
  source.addEventListener("change", reload);
})();

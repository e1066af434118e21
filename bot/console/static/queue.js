// The queue, live: when the server reports a change (a new ticket, a claim, a message), reload the
// list fragment. EventSource reconnects by itself when the server ends a stream (every few
// minutes); if the session has expired it cannot, and the page says to reload.
"use strict";
(() => {
  const rows = document.getElementById("queue-rows");
  if (!rows || !window.EventSource) {
    return;
  }
  let loading = null;
  let again = false;

  async function reload() {
    if (loading) {
      again = true; // one more reload after this one, however many changes came meanwhile
      return;
    }
    loading = fetch(rows.dataset.rows, { credentials: "same-origin", headers: { Accept: "text/html" } });
    try {
      const response = await loading;
      if (response.ok && !response.redirected) {
        rows.innerHTML = await response.text();
      }
    } finally {
      loading = null;
      if (again) {
        again = false;
        reload();
      }
    }
  }

  const source = new EventSource(rows.dataset.events);
  source.addEventListener("change", reload);
  source.addEventListener("error", () => {
    if (source.readyState === EventSource.CLOSED) {
      document.getElementById("live-off").hidden = false;
    }
  });
})();

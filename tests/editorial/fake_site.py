"""A fake web site on 127.0.0.1 for the source watch: pages that tests change between fetches, ETag /
If-None-Match and Last-Modified / If-Modified-Since answered with 304, status codes on demand, a page
that never answers (for timeouts), and a record of every request and of how many ran at once."""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LAST_MODIFIED = "Mon, 02 Nov 2026 10:00:00 GMT"
HANG_LIMIT_S = 30  # a hanging page gives up after this long even if the test forgot to release it


@dataclass
class Page:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    last_modified: str = LAST_MODIFIED
    hang: bool = False  # never answer until the site is stopped

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha256(self.body).hexdigest()[:16] + '"'


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    status: int


@dataclass
class FakeSite:
    pages: dict[str, Page] = field(default_factory=dict)
    seen: list[Seen] = field(default_factory=list)
    hold_s: float = 0.0  # how long an answer waits for another request to overlap it (concurrency tests)
    active: int = 0
    most_at_once: int = 0

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._overlap = threading.Event()
        self._released = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def put(self, path: str, html: str, **values) -> None:
        self.pages[path] = Page(html.encode("utf-8"), **values)

    def requests_for(self, path: str) -> list[Seen]:
        return [s for s in self.seen if s.path == path]

    def start(self) -> FakeSite:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._released.set()
        self._server.shutdown()
        self._server.server_close()

    def _enter(self) -> None:
        with self._lock:
            self.active += 1
            self.most_at_once = max(self.most_at_once, self.active)
            if self.active > 1:
                self._overlap.set()

    def _leave(self) -> None:
        with self._lock:
            self.active -= 1

    @staticmethod
    def _unchanged_for(page: Page, headers: dict[str, str]) -> bool:
        """The client's copy is current: its ETag matches, or (without one) its date does."""
        if "if-none-match" in headers:
            return headers["if-none-match"] == page.etag
        return headers.get("if-modified-since") == page.last_modified

    def answer(self, path: str, headers: dict[str, str]) -> tuple[Page | None, int]:
        self._enter()
        try:
            if self.hold_s:  # give a concurrent request the chance to show up
                self._overlap.wait(self.hold_s)
            page = self.pages.get(path)
            if page is not None and page.hang:
                self._released.wait(HANG_LIMIT_S)
            status = 404 if page is None else page.status
            if page is not None and status == 200 and self._unchanged_for(page, headers):
                status = 304
            with self._lock:
                self.seen.append(Seen(path, headers, status))
            return page, status
        finally:
            self._leave()


def _handler(site: FakeSite) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
            headers = {name.lower(): value for name, value in self.headers.items()}
            page, status = site.answer(self.path, headers)
            self.send_response(status)
            if page is not None:
                self.send_header("ETag", page.etag)
                self.send_header("Last-Modified", page.last_modified)
            body = page.body if page is not None and status == 200 else b""
            if status == 200 and page is not None:
                self.send_header("Content-Type", page.content_type)
            if status != 304:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    return Handler

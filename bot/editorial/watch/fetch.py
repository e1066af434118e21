"""One polite HTTP GET of a source page: the project's User-Agent, a conditional request when an earlier
fetch left an ETag or Last-Modified, a timeout, bounded redirects and a cap on the body.

The request carries the URL and those two conditional headers and nothing else: no cookies (the jar
refuses every cookie), no credentials from .netrc or proxies from the environment (trust_env=False),
no referrer. Nothing about a person ever goes near it.
"""

from __future__ import annotations

from dataclasses import dataclass
from http.cookiejar import CookieJar, DefaultCookiePolicy

import httpx

USER_AGENT = "pathways-assistant-source-watch/1.0 (checks cited government pages for changes)"
MAX_BODY_BYTES = 3 * 1024 * 1024
MAX_REDIRECTS = 5
ERROR_CHARS = 255


@dataclass(frozen=True)
class Fetched:
    url: str
    status: int | None  # None when no HTTP answer came (timeout, refused connection)
    body: bytes = b""
    content_type: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None  # why this fetch gives nothing to compare

    @property
    def not_modified(self) -> bool:
        return self.status == 304 and self.error is None

    @property
    def usable(self) -> bool:
        """A body to extract and compare."""
        return self.status == 200 and self.error is None


def make_client(timeout_s: float) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        headers={"User-Agent": USER_AGENT, "Accept": "text/html, text/plain;q=0.9, */*;q=0.5"},
        cookies=CookieJar(policy=DefaultCookiePolicy(allowed_domains=[])),
        timeout=httpx.Timeout(timeout_s),
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        trust_env=False,
    )


def conditional_headers(etag: str | None, last_modified: str | None) -> dict[str, str]:
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    return headers


async def fetch(
    client: httpx.AsyncClient, url: str, etag: str | None = None, last_modified: str | None = None
) -> Fetched:
    """GET `url`; every failure becomes a Fetched with an error, never an exception."""
    try:
        async with client.stream("GET", url, headers=conditional_headers(etag, last_modified)) as response:
            status = response.status_code
            if status == 304:
                return Fetched(url, 304)
            if status >= 400:
                return Fetched(url, status, error=f"HTTP {status}")
            if status != 200:
                return Fetched(url, status, error=f"unexpected HTTP {status}")
            body = bytearray()
            async for chunk in response.aiter_bytes():
                body += chunk
                if len(body) > MAX_BODY_BYTES:
                    return Fetched(url, status, error=f"larger than {MAX_BODY_BYTES} bytes")
            return Fetched(
                url,
                status,
                bytes(body),
                response.headers.get("Content-Type"),
                response.headers.get("ETag"),
                response.headers.get("Last-Modified"),
            )
    except httpx.TimeoutException:
        return Fetched(url, None, error="timed out")
    except httpx.TooManyRedirects:
        return Fetched(url, None, error=f"more than {MAX_REDIRECTS} redirects")
    except httpx.HTTPError as exc:
        return Fetched(url, None, error=f"{type(exc).__name__}"[:ERROR_CHARS])

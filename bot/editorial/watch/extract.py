"""The text of a fetched page that a reader would see, so that a change of markup, a rotating script or
a new tracking tag does not flag a pathway: only a change of what the page says does."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from html.parser import HTMLParser

# Content that is not what the page says: code, styling, and the site's chrome around the article.
SKIPPED_TAGS = frozenset(
    {"script", "style", "noscript", "template", "svg", "nav", "header", "footer", "iframe"}
)
# Tags that end a line, so that the text keeps its paragraphs and the diff shows readable lines.
BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "br",
        "li",
        "tr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "section",
        "article",
        "table",
        "ul",
        "ol",
        "dd",
        "dt",
        "blockquote",
        "pre",
        "main",
        "title",
        "td",
        "th",
    }
)
TEXT_TYPES = ("text/plain", "text/markdown", "text/csv")


@dataclass(frozen=True)
class Extracted:
    """`text` is None for a PDF or binary body: then only its `digest` is compared."""

    text: str | None
    digest: str


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in SKIPPED_TAGS:
            self.skipping += 1
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED_TAGS:
            self.skipping = max(0, self.skipping - 1)
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def tidy(text: str) -> str:
    """Whitespace collapsed inside each line, blank lines dropped: the text as stored and shown."""
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def comparable(text: str) -> str:
    """All whitespace collapsed: two texts that differ only in spacing or line breaks are the same."""
    return " ".join(text.split())


def digest_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _decode(body: bytes, charset: str | None) -> str:
    try:
        return body.decode(charset or "utf-8")
    except (LookupError, UnicodeDecodeError):
        return body.decode("utf-8", errors="replace")


def html_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    return tidy("".join(parser.parts))


def extract(body: bytes, content_type: str | None) -> Extracted:
    """The visible text of an HTML page, plain text as it is, and nothing but a digest for the rest."""
    media, _, params = (content_type or "").partition(";")
    media = media.strip().lower()
    charset = next(
        (
            p.split("=", 1)[1].strip().strip('"')
            for p in params.split(";")
            if p.strip().lower().startswith("charset=")
        ),
        None,
    )
    if media in ("text/html", "application/xhtml+xml") or (not media and body.lstrip()[:1] == b"<"):
        text = html_text(_decode(body, charset))
    elif media in TEXT_TYPES:
        text = tidy(_decode(body, charset))
    else:
        return Extracted(None, digest_of(body))
    return Extracted(text, digest_of(comparable(text).encode("utf-8")))

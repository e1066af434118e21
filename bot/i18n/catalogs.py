"""The gettext catalogs under locales/: compiling, checking completeness, translating.

Message ids are symbolic (`ask.nationality`); the English catalog holds the source text.
Two domains: `messages` (what people read, in every supported language) and `console` (what helpline
staff read, in Spanish, Portuguese and English only).
Run `python -m bot.i18n.catalogs compile` (or `check`) — `make locales` does; both domains.
"""

from __future__ import annotations

import argparse
import sys
from functools import cache
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

from bot.settings import SUPPORTED_LANGUAGES, get_settings

DOMAIN = "messages"
CONSOLE_DOMAIN = "console"
CONSOLE_LANGUAGES = ("es", "pt", "en")
SOURCE_LANGUAGE = "en"


def domain_languages(domain: str) -> tuple[str, ...]:
    """The languages a domain must be complete in."""
    return CONSOLE_LANGUAGES if domain == CONSOLE_DOMAIN else tuple(SUPPORTED_LANGUAGES)


class CatalogError(RuntimeError):
    """A catalog is missing, incomplete or fuzzy."""


def _po_path(locales_dir: Path, lang: str, domain: str = DOMAIN) -> Path:
    return locales_dir / lang / "LC_MESSAGES" / f"{domain}.po"


def check_catalogs(locales_dir: Path, domain: str = DOMAIN) -> list[str]:
    """Every problem that makes a catalog unusable: missing file, untranslated or fuzzy entries."""
    problems = []
    reference = None
    for lang in domain_languages(domain):
        path = _po_path(locales_dir, lang, domain)
        if not path.exists():
            problems.append(f"{path}: missing catalog for {lang}")
            continue
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=lang)
        ids = {m.id for m in catalog if m.id}
        for message in catalog:
            if not message.id:
                continue
            if not message.string:
                problems.append(f"{path}:{message.lineno}: {message.id!r} has no translation")
            elif message.fuzzy:
                problems.append(f"{path}:{message.lineno}: {message.id!r} is marked fuzzy")
        if reference is None:
            reference = (lang, ids)
        else:
            for missing in sorted(reference[1] - ids):
                problems.append(f"{path}: {missing!r} is in the {reference[0]} catalog but not here")
            for extra in sorted(ids - reference[1]):
                problems.append(f"{path}: {extra!r} is not in the {reference[0]} catalog")
    return problems


def compile_catalogs(locales_dir: Path, domain: str = DOMAIN) -> list[Path]:
    """Write <domain>.mo beside each <domain>.po that is newer than its .mo; return what was written."""
    written = []
    for lang in domain_languages(domain):
        po = _po_path(locales_dir, lang, domain)
        mo = po.with_suffix(".mo")
        if not po.exists() or (mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime):
            continue
        with po.open("rb") as handle:
            catalog = read_po(handle, locale=lang)
        with mo.open("wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)
        written.append(mo)
    return written


@cache
def translations(locales_dir: Path, lang: str, domain: str = DOMAIN) -> NullTranslations:
    """The compiled catalog of `domain` in `lang`, falling back to the English source."""
    compile_catalogs(locales_dir, domain)
    found = Translations.load(str(locales_dir), [lang], domain)
    if not isinstance(found, Translations):
        raise CatalogError(f"no compiled {domain} catalog for {lang!r} under {locales_dir}")
    if lang != SOURCE_LANGUAGE:
        found.add_fallback(translations(locales_dir, SOURCE_LANGUAGE, domain))
    return found


def translate(lang: str, msgid: str, locales_dir: Path | None = None, **values: Any) -> str:
    """The message `msgid` in `lang`, with `{name}` placeholders filled from `values`."""
    locales_dir = locales_dir or get_settings().locales_dir
    text = translations(locales_dir, lang).gettext(msgid)
    return text.format(**values) if values else text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.i18n.catalogs", description=__doc__)
    parser.add_argument("command", choices=["compile", "check"])
    args = parser.parse_args(argv)
    locales_dir = get_settings().locales_dir
    domains = (DOMAIN, CONSOLE_DOMAIN)
    problems = [problem for domain in domains for problem in check_catalogs(locales_dir, domain)]
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    if args.command == "compile":
        for domain in domains:
            for path in compile_catalogs(locales_dir, domain):
                print(f"compiled {path.relative_to(locales_dir.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Canned replies: ready texts an agent can start a reply from, in the PERSON's language.

They are person-facing, so they live in the person catalogs (five languages, ids canned.<name>);
their titles in the reply box are console ids (canned_title.<name>) in the staff's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.i18n.catalogs import translate
from bot.nlg.message_ids import N_

CANNED = {
    "greeting": N_("canned.greeting"),
    "looking_into_it": N_("canned.looking_into_it"),
    "documents": N_("canned.documents"),
    "emergency": N_("canned.emergency"),
    "closing": N_("canned.closing"),
}


@dataclass(frozen=True)
class Canned:
    name: str
    title_id: str  # console catalog id of its title
    text: str  # in the person's language


def canned_replies(language: str, locales_dir: Path) -> list[Canned]:
    return [
        Canned(name=name, title_id=f"canned_title.{name}", text=translate(language, msgid, locales_dir))
        for name, msgid in CANNED.items()
    ]


def canned_text(name: str, language: str, locales_dir: Path) -> str | None:
    """The text of canned reply `name` in `language`; None for a name we do not have."""
    msgid = CANNED.get(name)
    return translate(language, msgid, locales_dir) if msgid else None

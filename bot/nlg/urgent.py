"""The urgent reply (`utter_urgent`): sent at once when a message shows danger.

It says briefly that we understood (one line per category, most urgent first), gives the contacts
that answer those categories in the person's country (`bot.safety.contacts_for`); the handoff
message follows it (a person will answer: bot/nlg/handoff.py). When the country is not known yet it asks
for it instead of guessing: a wrong country's numbers are worse than none. No region-wide line
is given: none was found that answers people in every country we cover.

Arguments: {"categories": [...], "country": "MX" | None, "region": "MX-CHP" | None}.
The message carries `custom: {"urgent": True, "categories": [...]}`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bot.kb.danger import CATEGORIES
from bot.nlg.errors import BadArguments, Message
from bot.nlg.help import place_lines
from bot.safety import contacts_for

if TYPE_CHECKING:
    from bot.nlg.responses import Renderer

MAX_ACKNOWLEDGEMENTS = 2  # two short lines; more would bury the numbers
SHORT_ABOUT = 140  # an `about` longer than this is left out: the number matters more


def _categories(arguments: dict[str, Any]) -> list[str]:
    given = arguments.get("categories")
    if not isinstance(given, list) or not given or any(c not in CATEGORIES for c in given):
        raise BadArguments(f"categories must be a non-empty list of {', '.join(CATEGORIES)}: {given!r}")
    return [c for c in CATEGORIES if c in given]


def render_urgent(renderer: Renderer, language: str, arguments: dict[str, Any]) -> Message:
    categories = _categories(arguments)
    country, region = arguments.get("country"), arguments.get("region")
    blocks = ["\n".join(renderer.t(language, f"urgent.ack.{c}") for c in categories[:MAX_ACKNOWLEDGEMENTS])]
    if not country:
        blocks.append(renderer.t(language, "urgent.ask_country"))
    else:
        found = contacts_for(renderer.kb, country, categories, region)
        if found:
            lines = [renderer.t(language, "urgent.contacts")]
            for contact in found:
                about = contact.about.get(language)
                lines.append(
                    place_lines(contact, language, about if about and len(about) <= SHORT_ABOUT else None)
                )
            blocks.append("\n".join(lines))
        else:
            blocks.append(renderer.t(language, "urgent.no_contacts"))
    return {"text": "\n\n".join(blocks), "custom": {"urgent": True, "categories": categories}}

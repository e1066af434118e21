"""What was understood from free text, said back in one short line ("Anotado: llegaste en noviembre
de 2024.") and carried as `custom.understood = {fact: value}` (design.md section 5)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from bot.eligibility.conditions import age_on
from bot.i18n.display import long_date, month_year, places
from bot.kb.facts import CLAIM_STATES, LIST_FACTS
from bot.nlg.errors import BadArguments, Message

if TYPE_CHECKING:
    from bot.nlg.responses import Renderer


def _when(value: str, language: str) -> tuple[str, bool]:
    """A stored date in words, and whether it names a day ("el 3 de marzo…" vs "en 2019")."""
    first = value.split("/", 1)[0]
    if len(first) == 4:
        return first, False
    if len(first) == 7:
        return month_year(date.fromisoformat(f"{first}-01"), language), False
    return long_date(date.fromisoformat(first), language), True


def _age(value: str, on: date) -> int:
    """The age an interval of birth dates stands for (its latest date gives the completed years)."""
    return age_on(date.fromisoformat(value.split("/", 1)[1]), on)


def _item(renderer: Renderer, language: str, fact: str, value: Any, on: date) -> str:
    t = renderer.t
    if value is None:
        return t(language, "understood.dont_know", question=t(language, f"understood.topic.{fact}"))
    if fact == "nationality":
        return t(language, "understood.nationality", place=places([value], language, "from"))
    if fact == "current_country":
        return t(language, "understood.current_country", place=places([value], language, "in"))
    if fact in ("entry_date", "birth_date"):
        if fact == "birth_date" and "/" in value:
            return t(language, "understood.age", age=_age(value, on))
        when, is_day = _when(value, language)
        return t(language, f"understood.{fact}.{'day' if is_day else 'period'}", when=when)
    if fact in LIST_FACTS:
        if not value:
            return t(language, "option.none")
        names = [
            t(language, f"option.{v}") if v in CLAIM_STATES else renderer.kb.pathway(v).name[language]
            for v in value
        ]
        return "; ".join(names)
    if isinstance(value, bool):
        return t(language, f"understood.{fact}.{'yes' if value else 'no'}")
    raise BadArguments(f"cannot say back {fact}={value!r}")


def render_understood(renderer: Renderer, language: str, arguments: dict[str, Any]) -> Message:
    understood = arguments.get("understood")
    if not isinstance(understood, dict) or not understood:
        raise BadArguments("`understood` must be a non-empty {fact: value} mapping")
    on = date.fromisoformat(str(arguments.get("on") or date.today().isoformat()))
    try:
        items = [_item(renderer, language, fact, value, on) for fact, value in understood.items()]
    except (KeyError, ValueError, TypeError, IndexError) as exc:
        raise BadArguments(f"cannot say back {understood!r}: {exc}") from exc
    return {
        "text": renderer.t(language, "understood.intro", items=" · ".join(items)),
        "custom": {"understood": understood},
    }

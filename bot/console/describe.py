"""A ticket's facts, results, language, channel and country in plain words in the staff's language.

The console never shows a fact id, an ISO code or an engine status: fact names and statuses come
from the console catalog, countries and languages from Babel (CLDR), pathway names from the
knowledge base. `gettext` is the staff's console translation (bot/console/templating.py gives it).
The ids below are console-domain ids (locales/<lang>/LC_MESSAGES/console.po), not person-facing ones,
so they are not marked with N_ (which feeds the person catalogs).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any

from babel import Locale

from bot.i18n.display import long_date, month_year
from bot.kb.facts import CANONICAL_FACTS
from bot.kb.model import KnowledgeBase, Pathway

Gettext = Callable[[str], str]

FACT_LABELS = {
    "nationality": "fact.nationality",
    "current_country": "fact.current_country",
    "destination_country": "fact.destination_country",
    "entry_date": "fact.entry_date",
    "entry_regular": "fact.entry_regular",
    "birth_date": "fact.birth_date",
    "has_criminal_record": "fact.has_criminal_record",
    "has_passport_or_id": "fact.has_passport_or_id",
    "fear_of_return": "fact.fear_of_return",
    "holds": "fact.holds",
    "children_hold": "fact.children_hold",
    "relatives_hold": "fact.relatives_hold",
    "current_region": "fact.current_region",
}
CLAIM_LABELS = {
    "asylum_claim_pending": "held.asylum_claim_pending",
    "asylum_claim_denied": "held.asylum_claim_denied",
}
STATUS_LABELS = {
    "likely_eligible": "result.likely_eligible",
    "possibly_eligible": "result.possibly_eligible",
    "not_eligible": "result.not_eligible",
    "closed": "result.closed",
}
CHANNEL_LABELS = {
    "whatsapp": "channel.whatsapp",
    "sms": "channel.sms",
    "telegram": "channel.telegram",
    "web": "channel.web",
}
REASON_LABELS = {
    "asked": "reason.asked",
    "misunderstood": "reason.misunderstood",
    "urgent": "reason.urgent",
}
TICKET_STATUS_LABELS = {
    "open": "status.open",
    "claimed": "status.claimed",
    "closed": "status.closed",
}
OUTCOME_LABELS = {
    "resolved": "outcome.resolved",
    "referred": "outcome.referred",
    "no_answer": "outcome.no_answer",
}
# CLDR's Portuguese calls Haitian Creole just "haitiano"; staff say "crioulo haitiano".
LANGUAGE_NAMES = {("pt", "ht"): "crioulo haitiano"}


def language_name(code: str, staff_language: str) -> str:
    """ "ht" for a Spanish-speaking agent -> "criollo haitiano"."""
    special = LANGUAGE_NAMES.get((staff_language, code))
    return special or Locale.parse(staff_language).languages.get(code, code)


def country_name(code: str | None, staff_language: str) -> str:
    if not code:
        return ""
    return Locale.parse(staff_language).territories.get(code.upper(), code)


def label(labels: Mapping[str, str], value: str | None, gettext: Gettext) -> str:
    """A known value's words; an unknown one (data newer than this code) as it is, never blank."""
    if value is None:
        return ""
    return gettext(labels[value]) if value in labels else value


def _date(text: str, staff_language: str, gettext: Gettext) -> str:
    """ISO day, month, year, or a span "A/B" (an age gives one) as the staff read dates."""
    if "/" in text:
        first, _, last = text.partition("/")
        return gettext("fact.between").format(
            first=_date(first, staff_language, gettext), last=_date(last, staff_language, gettext)
        )
    try:
        if len(text) == 10:
            return long_date(date.fromisoformat(text), staff_language)
        if len(text) == 7:
            return month_year(date.fromisoformat(f"{text}-01"), staff_language)
    except ValueError:
        pass
    return text  # a year, or a value this code does not know how to read


def _held(values: Iterable[Any], kb: KnowledgeBase, staff_language: str, gettext: Gettext) -> str:
    names = []
    for value in values:
        value = str(value)
        if value in CLAIM_LABELS:
            names.append(gettext(CLAIM_LABELS[value]))
            continue
        try:
            names.append(pathway_name(kb, value, staff_language))
        except KeyError:
            names.append(value)
    return ", ".join(names) if names else gettext("answer.none")


def pathway_name(kb: KnowledgeBase, pathway_id: str, staff_language: str) -> str:
    return name_of(kb.pathway(pathway_id), staff_language)


def name_of(pathway: Pathway, staff_language: str) -> str:
    """The pathway's name in the staff member's language, else in English, else its id."""
    return pathway.name.get(staff_language) or pathway.name.get("en") or pathway.id


def fact_value(fact: str, value: Any, kb: KnowledgeBase, staff_language: str, gettext: Gettext) -> str:
    if value is None:
        return gettext("answer.unknown")
    kind = CANONICAL_FACTS.get(fact)
    if kind == "boolean":
        return gettext("answer.yes" if value else "answer.no")
    if kind == "country":
        return country_name(str(value), staff_language)
    if kind == "date":
        return _date(str(value), staff_language, gettext)
    if kind == "list" and isinstance(value, list):
        return _held(value, kb, staff_language, gettext)
    if kind == "region":
        country, _, region = str(value).partition("-")
        return f"{country_name(country, staff_language)} ({region})"
    return str(value)


def facts_in_words(
    facts: Mapping[str, Any], kb: KnowledgeBase, staff_language: str, gettext: Gettext
) -> list[tuple[str, str]]:
    """(what was asked, the answer) in the order the bot asks, then the facts never asked."""
    order = [f for f in kb.question_order if f in facts]
    order += [f for f in FACT_LABELS if f in facts and f not in order]
    return [(gettext(FACT_LABELS[f]), fact_value(f, facts[f], kb, staff_language, gettext)) for f in order]


def results_in_words(
    results: Iterable[Mapping[str, str]], kb: KnowledgeBase, staff_language: str, gettext: Gettext
) -> list[tuple[str, str]]:
    """(pathway name, what the bot found) for each result the person was shown."""
    described = []
    for result in results:
        pathway = str(result.get("pathway", ""))
        try:
            name = pathway_name(kb, pathway, staff_language)
        except KeyError:  # removed from the KB since the person saw it
            name = pathway
        described.append((name, label(STATUS_LABELS, result.get("status"), gettext)))
    return described

"""A pathway's conditions as plain sentences in the staff member's language.

Editors are lawyers and caseworkers: they read "Nationality is Colombia, Ecuador or Peru", never
`nationality in [CO, EC, PE]`. Every fact of bot/kb/facts.py and every operator of
bot/eligibility/conditions.py has a sentence in the console catalog (`rule.<fact>.<op>`), with the
values in words: countries by name (Babel), dates written out, pathways by their KB name. The all /
any / not tree stays a tree, so the page shows it as nested lists.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from bot.console.describe import CLAIM_LABELS, country_name, pathway_name
from bot.eligibility.conditions import AGE_OPS, AllOf, AnyOf, Condition, Not, Predicate
from bot.i18n.display import long_date, or_list
from bot.kb.facts import CANONICAL_FACTS
from bot.kb.model import KnowledgeBase

Gettext = Callable[..., str]

GROUP_LABELS = {AllOf: "rule.all", AnyOf: "rule.any"}
NOT_LABEL = "rule.not"


@dataclass(frozen=True)
class Sentence:
    """One line of the tree: a condition in words, or a group's heading with its parts below it."""

    text: str
    parts: tuple[Sentence, ...] = ()


def _countries(codes: Iterable[str], lang: str) -> str:
    return or_list([country_name(str(code), lang) for code in codes], lang)


def _regions(codes: Iterable[str], kb: KnowledgeBase, lang: str) -> str:
    named = []
    for code in codes:
        country, _, region = str(code).partition("-")
        named.append(f"{kb.region_names.get(str(code), region)} ({country_name(country, lang)})")
    return or_list(named, lang)


def _held(ids: Iterable[str], kb: KnowledgeBase, lang: str, gettext: Gettext) -> str:
    names = []
    for value in ids:
        if value in CLAIM_LABELS:
            names.append(gettext(CLAIM_LABELS[value]))
            continue
        try:
            names.append(pathway_name(kb, value, lang))
        except KeyError:  # an id outside the KB (the loader rejects these): shown rather than dropped
            names.append(value)
    return or_list(names, lang)


def _day(value: Any, lang: str) -> str:
    return long_date(value if isinstance(value, date) else date.fromisoformat(str(value)), lang)


def _values(predicate: Predicate, kb: KnowledgeBase, lang: str, gettext: Gettext) -> dict[str, str]:
    """The sentence's placeholders: {values}, {day}, {first}/{last}, or {years} / {low}/{high} for ages."""
    kind, op, value = CANONICAL_FACTS.get(predicate.fact), predicate.op, predicate.value
    if op in ("between", "age_between"):
        low, high = value
        if op == "age_between":
            return {"low": str(low), "high": str(high)}
        return {"first": _day(low, lang), "last": _day(high, lang)}
    if op in AGE_OPS:
        return {"years": str(value)}
    if op == "is":
        return {}
    if kind == "date":
        return {"day": _day(value, lang)}
    if kind == "country":
        return {"values": _countries(value, lang)}
    if kind == "region":
        return {"values": _regions(value, kb, lang)}
    return {"values": _held(value, kb, lang, gettext)}


def message_id(predicate: Predicate) -> str:
    """The catalog id of a predicate's sentence: booleans say yes or no in the id itself."""
    if predicate.op == "is":
        return f"rule.{predicate.fact}.{'true' if predicate.value else 'false'}"
    if predicate.op in AGE_OPS:
        return f"rule.{predicate.op}"  # only birth_date carries an age
    return f"rule.{predicate.fact}.{predicate.op}"


def sentence(predicate: Predicate, kb: KnowledgeBase, lang: str, gettext: Gettext) -> str:
    return gettext(message_id(predicate), **_values(predicate, kb, lang, gettext))


def sentences(condition: Condition, kb: KnowledgeBase, lang: str, gettext: Gettext) -> Sentence:
    """The condition tree in words: groups become headings ("All of these:") over their parts."""
    if isinstance(condition, Predicate):
        return Sentence(sentence(condition, kb, lang, gettext))
    if isinstance(condition, Not):
        return Sentence(gettext(NOT_LABEL), (sentences(condition.child, kb, lang, gettext),))
    parts = tuple(sentences(child, kb, lang, gettext) for child in condition.children)
    return Sentence(gettext(GROUP_LABELS[type(condition)]), parts)


def flatten(tree: Sentence) -> list[str]:
    """Every line of the tree, depth first (for tests and plain-text views)."""
    lines = [tree.text]
    for part in tree.parts:
        lines += flatten(part)
    return lines

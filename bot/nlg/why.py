"""The "why" answer in plain sentences: one per condition, then the rule's source.

A sentence says what is true of the person ("Eres venezolana o venezolano", "Llegaste después del
31 de enero de 2021", "Todavía no sé si tienes antecedentes penales") and the mark after it says
whether the programme's requirement is met (✓), not met (✗) or not known yet (?). A condition under
"not" keeps its sentence and flips its mark: "Tienes o tuviste: Visa V ✗". Only catalog text,
localized country names, long dates and programme names reach the person: never fact ids,
operators or ISO codes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from bot.eligibility.conditions import AGE_OPS, DATE_OPS, SET_OPS, AllOf, AnyOf, Condition, Not, Predicate
from bot.eligibility.engine import Outcome
from bot.i18n.display import demonym, long_date, or_list, places
from bot.kb.facts import CANONICAL_FACTS, CLAIM_STATES, FactError, normalize_facts, with_defaults
from bot.kb.model import KnowledgeBase, Pathway

Translate = Callable[..., str]  # (msgid, **values) -> text in the person's language
Truth = bool | None

MARK = {True: "✓", False: "✗", None: "?"}
BOOLEAN_FACTS = tuple(f for f, kind in CANONICAL_FACTS.items() if kind == "boolean")
COUNTRY_FACTS = tuple(f for f, kind in CANONICAL_FACTS.items() if kind == "country")
LIST_FACT_NAMES = tuple(f for f, kind in CANONICAL_FACTS.items() if kind == "list")
# What the person's date is, when a date condition is true or false.
DATE_WHEN_TRUE = {
    "before": "before",
    "on_or_before": "on_or_before",
    "after": "after",
    "on_or_after": "on_or_after",
    "between": "between",
}
DATE_WHEN_FALSE = {
    "before": "on_or_after",
    "on_or_before": "after",
    "after": "on_or_before",
    "on_or_after": "before",
    "between": "outside",
}
AGE_WHEN = {  # op -> (when true, when false)
    "age_under": ("under", "at_least"),
    "age_at_least": ("at_least", "under"),
    "age_between": ("between", "outside"),
}


class Sentences:
    """Writes the sentences of one language; `t` looks catalog messages up in that language."""

    def __init__(self, kb: KnowledgeBase, language: str, t: Translate, facts: Mapping[str, Any]) -> None:
        self.kb, self.language, self.t, self.facts = kb, language, t, facts

    def _item(self, value: str) -> str:
        """A programme by its name, or a claim state as the list question offers it."""
        if value in CLAIM_STATES:
            text = self.t(f"option.{value}")
            return text[:1].lower() + text[1:]  # "una solicitud de refugio…" after a colon
        try:
            return self.kb.pathway(value).name[self.language]
        except KeyError:
            return self.t("why.other")

    def _country(self, predicate: Predicate, truth: bool) -> str:
        fact, values = predicate.fact, list(predicate.value)
        actual = self.facts.get(fact)
        # Is the person's country one of the listed ones? Then name theirs, not the whole list.
        among = truth if predicate.op == "in" else not truth
        shown = [actual] if among and isinstance(actual, str) else values
        if fact == "nationality":
            if not among:
                return self.t("why.nationality.not_from", places=places(shown, self.language, "from"))
            name = demonym(shown[0], self.language) if len(shown) == 1 else None
            if name or self.language == "ht":
                return self.t(
                    "why.nationality.is",
                    demonym=name or "",
                    country=places(shown, self.language, "from"),
                )
            return self.t("why.nationality.from", places=places(shown, self.language, "from"))
        key = "in" if among else "not_in"
        return self.t(f"why.{fact}.{key}", places=places(shown, self.language, "in"))

    def _list(self, predicate: Predicate, truth: Truth) -> str:
        actual = self.facts.get(predicate.fact) or ()
        values = [v for v in predicate.value if v in actual] if truth else list(predicate.value)
        items = or_list([self._item(v) for v in values], self.language)
        key = {True: "yes", False: "no", None: "unknown"}[truth]
        return self.t(f"why.{predicate.fact}.{key}", items=items)

    def sentence(self, predicate: Predicate, truth: Truth) -> str:
        """What `truth` says about the person for this condition, in one plain sentence."""
        fact, op, value = predicate.fact, predicate.op, predicate.value
        if fact in LIST_FACT_NAMES and op == "includes_any":
            return self._list(predicate, truth)
        if fact in COUNTRY_FACTS and op in SET_OPS:
            return self.t(f"why.{fact}.unknown") if truth is None else self._country(predicate, truth)
        if fact in BOOLEAN_FACTS and op == "is":
            if truth is None:
                return self.t(f"why.{fact}.unknown")
            return self.t(f"why.{fact}.{'yes' if truth == value else 'no'}")
        if fact == "entry_date" and op in DATE_OPS:
            if truth is None:
                return self.t("why.entry_date.unknown")
            when = (DATE_WHEN_TRUE if truth else DATE_WHEN_FALSE)[op]
            if op == "between":
                start, end = (long_date(v, self.language) for v in value)
                return self.t(f"why.entry_date.{when}", start=start, end=end)
            return self.t(f"why.entry_date.{when}", date=long_date(value, self.language))
        if fact == "birth_date" and op in AGE_OPS:
            if truth is None:
                return self.t("why.age.unknown")
            when = AGE_WHEN[op][0 if truth else 1]
            if op == "age_between":
                return self.t(f"why.age.{when}", low=value[0], high=value[1])
            return self.t(f"why.age.{when}", years=value)
        return self.t("why.other")


def _lines(condition: Condition, write: Sentences, truths: Mapping[int, Truth], negated: bool) -> list[str]:
    """One line per condition; an "any" group is introduced and its options indented."""
    if isinstance(condition, Predicate):
        truth = truths.get(id(condition))
        met = truth if truth is None or not negated else not truth
        return [f"{write.sentence(condition, truth)} {MARK[met]}"]
    if isinstance(condition, Not):
        return _lines(condition.child, write, truths, not negated)
    children = condition.children
    if isinstance(condition, AnyOf) and not negated or isinstance(condition, AllOf) and negated:
        lines = [write.t("why.any_of")]
        for child in children:
            lines.append("  • " + " · ".join(_lines(child, write, truths, negated)))
        return lines
    return [line for child in children for line in _lines(child, write, truths, negated)]


def typed_facts(facts: Mapping[str, Any]) -> dict[str, Any]:
    """The facts as the engine reads them (typed, defaults filled); unusable ones are left out."""
    try:
        return with_defaults(normalize_facts(dict(facts)))
    except FactError:
        return {}


def why_block(
    kb: KnowledgeBase,
    pathway: Pathway,
    outcome: Outcome | None,
    facts: Mapping[str, Any],
    language: str,
    t: Translate,
) -> str:
    """The pathway's name, a sentence and mark per condition, then "Source: title" and the URL on a
    line of its own (a long URL then never breaks a sentence on a narrow screen)."""
    write = Sentences(kb, language, t, typed_facts(facts))
    lines = [f"*{pathway.name[language]}*"]
    if outcome is not None:
        truths = {id(p): truth for p, truth in zip(pathway.predicates, outcome.truths, strict=True)}
        lines += _lines(pathway.conditions, write, truths, negated=False)
    source = pathway.primary_source
    lines += [t("why.source_named", title=source.title), source.url]
    return "\n".join(lines)

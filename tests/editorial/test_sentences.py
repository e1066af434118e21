"""Conditions as plain sentences: every predicate of every pathway, in every console language, with no
fact id, operator id or ISO code left in the words; a few pinned literally."""

from __future__ import annotations

import re
from functools import cache

import pytest

from bot.console.i18n import gettext_for
from bot.editorial.sentences import Sentence, flatten, message_id, sentence, sentences
from bot.eligibility.conditions import AGE_OPS, OPERATORS, AllOf, AnyOf, Not, Predicate
from bot.i18n.catalogs import CONSOLE_LANGUAGES
from bot.kb.condition_parser import OPS_FOR_TYPE
from bot.kb.facts import CANONICAL_FACTS
from bot.kb.loader import load_knowledge_base
from bot.kb.model import KnowledgeBase
from bot.settings import PROJECT_ROOT

LOCALES = PROJECT_ROOT / "locales"


@cache
def kb() -> KnowledgeBase:
    return load_knowledge_base(PROJECT_ROOT / "pathways_kb")


def _leaks(text: str) -> list[str]:
    """Ids left in the words: snake_case ids (facts, operators, pathways, catalog keys), a lower-case
    one-word fact id, an ISO code, an unfilled {placeholder}. ("is", "in", "before" are English words.)"""
    ids = {w for w in (*CANONICAL_FACTS, *OPERATORS, *(p.id for p in kb().pathways)) if "_" in w}
    words = set(re.findall(r"[A-Za-z_.]+", text))
    found = sorted(w for w in words if w in ids or "_" in w or w.startswith("rule.") or w == "nationality")
    codes = sorted(words & _country_codes())
    return found + codes + (["{"] if "{" in text else [])


@cache
def _country_codes() -> set[str]:
    """Every ISO code the KB names (where granted, and in conditions), and those the tests below use."""
    codes = {p.country for p in kb().pathways} | {"CO", "VE", "US", "TX"}
    for pathway in kb().pathways:
        for predicate in pathway.predicates:
            if CANONICAL_FACTS[predicate.fact] == "country":
                codes |= set(predicate.value)
    return codes


def _nodes(condition) -> int:
    if isinstance(condition, Predicate):
        return 1
    children = (condition.child,) if isinstance(condition, Not) else condition.children
    return 1 + sum(_nodes(child) for child in children)


@pytest.mark.parametrize("lang", ["es", "pt", "en"])
def test_every_predicate_of_every_pathway_reads_as_words(lang):
    gettext = gettext_for(LOCALES, lang)
    assert set(CONSOLE_LANGUAGES) == {"es", "pt", "en"}
    seen = 0
    for pathway in kb().pathways:
        for line in flatten(sentences(pathway.conditions, kb(), lang, gettext)):
            assert line.strip() and _leaks(line) == [], (pathway.id, line)
            seen += 1
    assert seen == sum(_nodes(p.conditions) for p in kb().pathways)


def _every_kind_of_predicate() -> list[Predicate]:
    values = {
        "country": ("CO", "VE"),
        "region": ("US-TX",),
        "list": ("pe_cpp", "asylum_claim_pending"),
        "boolean": None,
    }
    made = []
    for fact, kind in CANONICAL_FACTS.items():
        ops = list(OPS_FOR_TYPE[kind]) + (list(AGE_OPS) if fact == "birth_date" else [])
        for op in ops:
            if op == "is":
                made += [Predicate(fact, op, True), Predicate(fact, op, False)]
            elif op == "between":
                made.append(Predicate(fact, op, ("2020-01-01", "2021-06-30")))
            elif op == "age_between":
                made.append(Predicate(fact, op, (18, 30)))
            elif op in AGE_OPS:
                made.append(Predicate(fact, op, 18))
            elif kind == "date":
                made.append(Predicate(fact, op, "2024-12-04"))
            else:
                made.append(Predicate(fact, op, values[kind]))
    return made


@pytest.mark.parametrize("lang", ["es", "pt", "en"])
def test_every_fact_and_operator_the_loader_accepts_has_a_sentence(lang):
    gettext = gettext_for(LOCALES, lang)
    for predicate in _every_kind_of_predicate():
        text = sentence(predicate, kb(), lang, gettext)
        assert text != message_id(predicate) and _leaks(text) == [], (predicate, text)


def test_sentences_pinned_in_english_and_spanish():
    en, es = gettext_for(LOCALES, "en"), gettext_for(LOCALES, "es")
    nationality = Predicate("nationality", "in", ("CO", "EC", "PE"))
    assert sentence(nationality, kb(), "en", en) == "Nationality is Colombia, Ecuador or Peru"
    assert sentence(nationality, kb(), "es", es) == "La nacionalidad es Colombia, Ecuador o Perú"
    entry = Predicate("entry_date", "before", "2024-12-04")
    assert sentence(entry, kb(), "en", en) == "Entered before 4 December 2024"
    assert sentence(entry, kb(), "es", es) == "Entró antes del 4 de diciembre de 2024"
    record = Predicate("has_criminal_record", "is", False)
    assert sentence(record, kb(), "en", en) == "Has no criminal record"
    age = Predicate("birth_date", "age_between", (18, 30))
    assert sentence(age, kb(), "pt", gettext_for(LOCALES, "pt")) == "Tem entre 18 e 30 anos"
    held = Predicate("holds", "includes_any", ("pe_cpp", "asylum_claim_denied"))
    cpp = kb().pathway("pe_cpp").name["en"]
    assert sentence(held, kb(), "en", en) == f"Holds or held {cpp} or an asylum claim that was denied"


def test_the_tree_keeps_its_shape():
    en = gettext_for(LOCALES, "en")
    tree = AllOf(
        (
            Predicate("nationality", "in", ("VE",)),
            AnyOf((Predicate("fear_of_return", "is", True), Not(Predicate("entry_regular", "is", True)))),
        )
    )
    assert sentences(tree, kb(), "en", en) == Sentence(
        "All of these:",
        (
            Sentence("Nationality is Venezuela"),
            Sentence(
                "At least one of these:",
                (
                    Sentence("Fears persecution or serious harm if returned"),
                    Sentence(
                        "This must not be the case:",
                        (Sentence("Entered through an official border crossing"),),
                    ),
                ),
            ),
        ),
    )


def test_a_region_is_named_as_the_kb_names_it():
    """CLDR names no regions: the first name pathways_kb/countries/regions.yml gives one is used."""
    text = sentence(Predicate("current_region", "in", ("US-TX",)), kb(), "es", gettext_for(LOCALES, "es"))
    assert "Texas (Estados Unidos)" in text and "US-TX" not in text

"""Dates known only to a year, a month or an age: stored with their precision and evaluated three-valued.
A condition or a deadline is settled only when every day the person may mean agrees."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bot.eligibility.conditions import Predicate
from bot.eligibility.engine import assess, evaluate, next_question
from bot.kb import load_knowledge_base
from bot.kb.facts import DateSpan, FactError, is_partial, normalize_facts
from bot.settings import PROJECT_ROOT

ON = date(2026, 11, 30)
HONEST_KB = Path(__file__).resolve().parents[1] / "fixtures" / "kb_honest"


@pytest.mark.parametrize(
    ("raw", "typed"),
    [
        ("2019", DateSpan(date(2019, 1, 1), date(2019, 12, 31))),
        (2019, DateSpan(date(2019, 1, 1), date(2019, 12, 31))),  # a bare year in YAML
        ("2024-02", DateSpan(date(2024, 2, 1), date(2024, 2, 29))),
        ("1985-12-01/1986-11-30", DateSpan(date(1985, 12, 1), date(1986, 11, 30))),
        ("2019-08-15", date(2019, 8, 15)),
    ],
)
def test_date_facts_keep_their_precision(raw, typed) -> None:
    assert normalize_facts({"entry_date": raw}) == {"entry_date": typed}


@pytest.mark.parametrize("raw", ["2019-13", "2019-00", "2020-01-01/2019-01-01", "19", "2019/08", 1850, True])
def test_bad_partial_dates_are_refused(raw) -> None:
    with pytest.raises(FactError, match="not a real date"):
        normalize_facts({"entry_date": raw})


def test_a_span_prints_in_its_shortest_iso_form() -> None:
    assert str(normalize_facts({"entry_date": "2019"})["entry_date"]) == "2019"
    assert str(normalize_facts({"entry_date": "2024-02"})["entry_date"]) == "2024-02"
    assert str(DateSpan(date(1985, 12, 1), date(1986, 11, 30))) == "1985-12-01/1986-11-30"


@pytest.mark.parametrize(
    ("value", "partial"),
    [
        ("2019", True),
        ("2019-08", True),
        ("1985-12-01/1986-11-30", True),
        (DateSpan(date(2019, 1, 1), date(2019, 12, 31)), True),
        ("2019-08-15", False),
        (date(2019, 8, 15), False),
        (DateSpan(date(2019, 8, 15), date(2019, 8, 15)), False),
        (None, False),
        ("VE", False),
    ],
)
def test_is_partial(value, partial) -> None:
    assert is_partial(value) is partial


CUTOFF = date(2021, 1, 31)


@pytest.mark.parametrize(
    ("op", "entry", "expected"),
    [
        ("before", "2019", True),
        ("before", "2021", None),  # the month decides
        ("before", "2022", False),
        ("before", "2021-01", None),  # 31 January itself is not before
        ("on_or_before", "2021-01", True),
        ("on_or_before", "2021-02", False),
        ("after", "2021-02", True),
        ("after", "2021", None),
        ("on_or_after", "2021-01", None),
        ("on_or_after", "2020", False),
    ],
)
def test_date_operators_over_a_span(op, entry, expected) -> None:
    facts = normalize_facts({"entry_date": entry})
    assert Predicate("entry_date", op, CUTOFF).evaluate(facts, ON) is expected


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ("2015", True),
        ("2014", True),
        ("2020-03", True),
        ("2020", None),  # April to December 2020 are outside
        ("2013", False),
        ("2021", False),
        ("2013-06-01/2015-06-01", None),
    ],
)
def test_between_over_a_span(entry, expected) -> None:
    window = Predicate("entry_date", "between", (date(2014, 1, 1), date(2020, 3, 31)))
    assert window.evaluate(normalize_facts({"entry_date": entry}), ON) is expected


@pytest.mark.parametrize(
    ("birth", "op", "value", "expected"),
    [
        ("2008-12-01/2009-11-30", "age_under", 18, True),  # "tenho 17 anos"
        ("2008-12-01/2009-11-30", "age_at_least", 18, False),
        ("2008", "age_under", 18, None),  # 17 or 18 today, by the month
        ("2008", "age_at_least", 17, True),
        ("1998", "age_between", (18, 30), True),  # 27 or 28
        ("1996", "age_between", (18, 30), True),  # 29 (born in December) or 30
        ("1995", "age_between", (18, 30), None),  # 30 or 31
        ("1990", "age_between", (18, 30), False),
    ],
)
def test_age_operators_over_a_span(birth, op, value, expected) -> None:
    facts = normalize_facts({"birth_date": birth})
    assert Predicate("birth_date", op, value).evaluate(facts, ON) is expected


@pytest.fixture(scope="module")
def kb():
    return load_knowledge_base(HONEST_KB, PROJECT_ROOT / "locales")


CHILEAN_CLAIM = {"nationality": "VE", "current_country": "CL", "fear_of_return": True}


def _refuge(kb, entry):
    (refuge,) = [
        o for o in evaluate(kb, {**CHILEAN_CLAIM, "entry_date": entry}, ON) if o.pathway.id == "refuge_cl"
    ]
    return refuge


def test_a_deadline_that_passed_in_every_case_is_flagged_without_a_last_day(kb) -> None:
    refuge = _refuge(kb, "2019")  # 7 working days from any day of 2019
    assert (
        refuge.status == "possibly_eligible"
        and refuge.deadline_passed
        and refuge.flags == ("deadline_passed",)
    )
    assert refuge.last_day_to_file is None and not refuge.deadline_unknown
    assert refuge.last_day_range == (date(2019, 1, 10), date(2020, 1, 9))


def test_a_deadline_the_month_leaves_open_is_unknown_and_never_likely(kb) -> None:
    refuge = _refuge(kb, "2026-11")  # from 1 November (passed) to 30 November (not yet)
    assert refuge.status == "possibly_eligible" and refuge.flags == ()
    assert refuge.deadline_unknown and not refuge.deadline_passed and refuge.last_day_to_file is None
    assert refuge.last_day_range == (date(2026, 11, 10), date(2026, 12, 9))


def test_a_deadline_known_to_the_day_is_as_before(kb) -> None:
    refuge = _refuge(kb, "2026-11-25")
    assert refuge.status == "likely_eligible" and refuge.last_day_to_file == date(2026, 12, 4)
    assert refuge.last_day_range is None and not refuge.deadline_unknown and not refuge.deadline_passed


def test_assess_asks_again_for_a_date_too_vague_for_the_deadline(kb) -> None:
    facts = {**CHILEAN_CLAIM, "entry_date": "2026-11", "holds": []}
    assert assess(kb, facts, ON)[1] == "entry_date"
    assert next_question(kb, facts, ON) is None  # next_question never asks a present fact again
    # A year that settles everything is not asked again.
    assert assess(kb, {**facts, "entry_date": "2019"}, ON)[1] is None
    assert assess(kb, {**facts, "entry_date": "2026-11-25"}, ON)[1] is None

"""Three-valued predicates and groups, dates and ages at the evaluation date."""

from datetime import date

import pytest

from bot.eligibility.conditions import AllOf, AnyOf, Not, Predicate, age_on

ON = date(2026, 11, 24)
VE = Predicate("nationality", "in", ("VE",))


@pytest.mark.parametrize(
    ("facts", "expected"),
    [
        ({"nationality": "VE"}, True),
        ({"nationality": "CO"}, False),
        ({}, None),
        ({"nationality": None}, None),
    ],
)
def test_predicate_is_true_false_or_unknown(facts, expected) -> None:
    assert VE.evaluate(facts, ON) is expected


def test_all_any_not_follow_kleene_logic() -> None:
    yes, no, unknown = VE, Predicate("nationality", "in", ("CO",)), Predicate("entry_regular", "is", True)
    facts = {"nationality": "VE"}
    assert AllOf((yes, unknown)).evaluate(facts, ON) is None
    assert AllOf((no, unknown)).evaluate(facts, ON) is False
    assert AllOf((yes, yes)).evaluate(facts, ON) is True
    assert AnyOf((yes, unknown)).evaluate(facts, ON) is True
    assert AnyOf((no, unknown)).evaluate(facts, ON) is None
    assert AnyOf((no, no)).evaluate(facts, ON) is False
    assert Not(unknown).evaluate(facts, ON) is None
    assert Not(no).evaluate(facts, ON) is True
    assert Predicate("entry_regular", "is", False).evaluate({"entry_regular": False}, ON) is True


CUTOFF = date(2024, 12, 4)


@pytest.mark.parametrize(
    ("op", "day_before", "on_day", "day_after"),
    [
        ("before", True, False, False),
        ("on_or_before", True, True, False),
        ("after", False, False, True),
        ("on_or_after", False, True, True),
    ],
)
def test_date_operators_at_the_edges(op, day_before, on_day, day_after) -> None:
    predicate = Predicate("entry_date", op, CUTOFF)
    assert predicate.evaluate({"entry_date": date(2024, 12, 3)}, ON) is day_before
    assert predicate.evaluate({"entry_date": CUTOFF}, ON) is on_day
    assert predicate.evaluate({"entry_date": date(2024, 12, 5)}, ON) is day_after


def test_between_is_inclusive() -> None:
    window = Predicate("entry_date", "between", (date(2021, 5, 29), date(2023, 5, 28)))
    assert window.evaluate({"entry_date": date(2021, 5, 29)}, ON) is True
    assert window.evaluate({"entry_date": date(2023, 5, 28)}, ON) is True
    assert window.evaluate({"entry_date": date(2023, 5, 29)}, ON) is False


def test_age_is_computed_on_the_evaluation_date() -> None:
    assert age_on(date(1995, 11, 24), date(2026, 11, 24)) == 31  # birthday today
    assert age_on(date(1995, 11, 25), date(2026, 11, 24)) == 30  # birthday tomorrow
    assert age_on(date(2004, 2, 29), date(2025, 2, 28)) == 20
    assert age_on(date(2004, 2, 29), date(2025, 3, 1)) == 21
    youth = Predicate("birth_date", "age_between", (18, 30))
    assert youth.evaluate({"birth_date": date(1995, 11, 24)}, ON) is False  # turns 31 today
    assert youth.evaluate({"birth_date": date(1995, 11, 25)}, ON) is True
    assert youth.evaluate({"birth_date": date(2008, 11, 24)}, ON) is True  # turns 18 today
    assert youth.evaluate({"birth_date": date(2008, 11, 25)}, ON) is False
    assert Predicate("birth_date", "age_under", 18).evaluate({"birth_date": date(2008, 11, 25)}, ON) is True
    assert Predicate("birth_date", "age_at_least", 65).evaluate({"birth_date": None}, ON) is None


def test_descriptions_read_like_the_rule() -> None:
    assert VE.describe() == "nationality in VE"
    assert Predicate("entry_date", "on_or_before", CUTOFF).describe() == "entry_date on or before 2024-12-04"
    assert Predicate("birth_date", "age_between", (18, 30)).describe() == "age between 18 and 30"
    assert Predicate("fear_of_return", "is", True).describe() == "fear_of_return is true"

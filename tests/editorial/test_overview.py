"""The pathways list's rows, filters and sort orders, and the editors' "to check" list, over the
shipped knowledge base (expectations computed from the KB, a few pinned)."""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

from bot.editorial import overview
from bot.editorial.overview import Filters
from bot.kb import freshness
from bot.kb.loader import load_knowledge_base
from bot.kb.model import KnowledgeBase
from bot.settings import PROJECT_ROOT

ON = date(2026, 11, 30)


@cache
def kb() -> KnowledgeBase:
    return load_knowledge_base(PROJECT_ROOT / "pathways_kb")


def _rows(watch=None):
    return overview.rows(kb(), ON, "en", watch)


def _countries() -> set[str]:
    return {p.country for p in kb().pathways}


def test_one_row_per_pathway_with_its_status_and_next_change():
    rows = _rows()
    assert [r.id for r in rows] == [p.id for p in kb().pathways] and len(rows) == 51
    for row in rows:
        assert row.status == row.pathway.status_on(ON)
        assert row.days_since_verified == (ON - row.pathway.last_verified).days
        assert row.stale == (row.pathway.last_verified < ON - timedelta(days=freshness.STALE_AFTER_DAYS))
        later = [p for p in row.pathway.status_history if p.start > ON]
        assert (row.next_change.day if row.next_change else None) == (later[0].start if later else None)
    andean = next(r for r in rows if r.id == "andean_bo")
    assert (andean.name, andean.status) == (
        "Andean Temporary Residence in Bolivia (Andean Migration Statute)",
        "open",
    )


def test_country_filter_gives_exactly_that_countrys_pathways_sorted_by_name():
    picked = overview.select(_rows(), Filters.from_query({"country": "co"}, _countries()), {})
    expected = sorted((p for p in kb().pathways if p.country == "CO"), key=lambda p: p.name["en"].casefold())
    assert [r.id for r in picked] == [p.id for p in expected] and len(picked) == 7


def test_kind_stale_and_review_filters_combine():
    query = {"kind": "asylum", "needs_review": "1"}
    picked = overview.select(_rows(), Filters.from_query(query, _countries()), {})
    expected = {p.id for p in kb().pathways if p.kind == "asylum" and p.needs_review}
    assert {r.id for r in picked} == expected
    stale = overview.select(_rows(), Filters.from_query({"stale": "1"}, _countries()), {})
    cutoff = ON - timedelta(days=freshness.STALE_AFTER_DAYS)
    assert {r.id for r in stale} == {p.id for p in kb().pathways if p.last_verified < cutoff}


def test_unknown_values_are_dropped_not_errors():
    filters = Filters.from_query(
        {"country": "ZZ", "kind": "pirate", "sort": "drop table", "stale": "yes"}, _countries()
    )
    assert filters == Filters()
    assert len(overview.select(_rows(), filters, {})) == 51


def test_sort_orders():
    rows = _rows()
    by_date = overview.select(rows, Filters(sort="last_verified"), {})
    assert [r.pathway.last_verified for r in by_date] == sorted(p.last_verified for p in kb().pathways)
    names = {"CO": "Colombia", "PE": "Peru", "US": "United States", "BR": "Brazil"}
    by_country = overview.select(rows, Filters(sort="country"), names)
    shown = [names.get(r.pathway.country, r.pathway.country) for r in by_country]
    assert shown == sorted(shown, key=str.casefold)
    by_status = overview.select(rows, Filters(sort="status"), {})
    ranks = [overview.STATUS_ORDER.get(r.status or "", 99) for r in by_status]
    assert ranks == sorted(ranks) and by_status[0].status == "open"


def test_to_check_lists_each_reason_in_working_order():
    rows = _rows(watch={"co_ppt": 2, "pe_cpp": 5})
    home = overview.to_check(rows, kb(), ON)
    stale, total = freshness.stale_entries(kb(), ON)
    assert [r.id for r in home.stale] == [
        e.id for e in stale if e.kind == "pathway" and e.days_old is not None
    ]
    assert [(u, r.id) for u, r in home.upcoming] == [
        (u, u.pathway) for u in freshness.upcoming_changes(kb(), ON)
    ]
    assert [(u.day, r.id) for u, r in home.upcoming] == [(date(2026, 12, 5), "co_visa_v_special")]
    assert {r.id for r in home.needs_review} == {p.id for p in kb().pathways if p.needs_review}
    assert [(r.id, r.watch_changes) for r in home.watched] == [("pe_cpp", 5), ("co_ppt", 2)]

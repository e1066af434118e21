"""The source watch against a fake site on loopback: baseline, 304 on unchanged pages, a change row for
exactly the citing pathways, whitespace and markup ignored, errors recorded without a change, one
request per host, the per-pass bound, and the settings."""

from __future__ import annotations

import asyncio
import dataclasses
from datetime import datetime, timezone

import pytest
import sqlalchemy as sa

from bot.db.engine import get_engine
from bot.db.migrate import upgrade
from bot.db.tables import source_changes, source_pages
from bot.editorial.watch import changes, open_changes_by_pathway
from bot.editorial.watch.compare import diff
from bot.editorial.watch.extract import extract
from bot.editorial.watch.fetch import USER_AGENT
from bot.editorial.watch.run import Politeness, cited_urls, run_pass, watch_periodically
from bot.eligibility.conditions import AllOf, Predicate
from bot.kb.model import KnowledgeBase, Source
from bot.settings import Settings, SettingsError
from tests.editorial.fake_site import FakeSite

FAST = Politeness(delay_s=0, timeout_s=2)
DAY1 = datetime(2026, 11, 2, 10, tzinfo=timezone.utc)
DAY2 = datetime(2026, 11, 3, 10, tzinfo=timezone.utc)

NOTICE = """<html><head><title>TPS</title><style>p {color: red}</style><script>var x = 1;</script></head>
<body><nav>Home | About</nav><h1>Temporary protection</h1>
<p>Registration is open until 2026-12-31.</p><p>Fees: none.</p><footer>© Gov</footer></body></html>"""


@pytest.fixture
def site():
    fake = FakeSite().start()
    yield fake
    fake.stop()


@pytest.fixture
def db(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'watch.db'}"
    upgrade(url)
    return url


def _kb(base: KnowledgeBase, citing: dict[str, list[str]]) -> KnowledgeBase:
    """The fixture KB with each pathway's sources replaced by the fake URLs it cites (the first as a
    source, the rest as conditions' sources): no pathway points outside loopback."""
    pathways = []
    for pathway in base.pathways:
        urls = [url for url, ids in citing.items() if pathway.id in ids]
        if not urls:
            continue
        predicates = tuple(Predicate("nationality", "in", ["VE"], url) for url in urls[1:])
        pathways.append(
            dataclasses.replace(
                pathway,
                sources=(Source(urls[0], "Notice", None),),
                conditions=AllOf(predicates),
                filing_deadline=None,
            )
        )
    return dataclasses.replace(base, pathways=tuple(pathways))


def _pass(db: str, kb: KnowledgeBase, now: datetime = DAY1, politeness: Politeness = FAST):
    return asyncio.run(run_pass(db, kb, politeness, now=now))


def _rows(db: str, table: sa.Table) -> list[sa.Row]:
    with get_engine(db).connect() as connection:
        return connection.execute(sa.select(table).order_by(table.c.id)).all()


def test_the_urls_are_every_source_with_the_pathways_that_cite_them(kb, site):
    a, b = site.url("/a"), site.url("/b")
    watched = _kb(kb, {a: ["agreement", "border"], b: ["border"]})
    assert cited_urls(watched) == {a: ("agreement", "border"), b: ("border",)}


def test_first_fetch_is_a_baseline_then_304_then_a_change_for_exactly_the_citing_pathways(kb, site, db):
    site.put("/tps", NOTICE)
    site.put("/other", "<p>Unrelated page</p>")
    watched = _kb(kb, {site.url("/tps"): ["agreement", "refuge"], site.url("/other"): ["border"]})

    first = _pass(db, watched)
    assert (first.baselines, first.changed, first.failed) == (2, 0, 0)
    assert _rows(db, source_changes) == []
    page = next(r for r in _rows(db, source_pages) if r.url == site.url("/tps"))
    assert page.text == "TPS\nTemporary protection\nRegistration is open until 2026-12-31.\nFees: none."
    assert page.etag == site.pages["/tps"].etag
    assert site.requests_for("/tps")[0].headers["user-agent"] == USER_AGENT
    assert "if-none-match" not in site.requests_for("/tps")[0].headers

    second = _pass(db, watched, DAY2)
    assert (second.unchanged, second.changed) == (2, 0)
    asked = site.requests_for("/tps")[1]
    assert asked.headers["if-none-match"] == site.pages["/tps"].etag
    assert asked.headers["if-modified-since"] == site.pages["/tps"].last_modified
    assert asked.status == 304
    assert "cookie" not in asked.headers and "authorization" not in asked.headers

    site.put("/tps", NOTICE.replace("open until 2026-12-31", "closed since 2026-11-02"))
    third = _pass(db, watched, DAY2)
    assert (third.changed, third.unchanged) == (1, 1)
    [change] = _rows(db, source_changes)
    assert (change.url, change.pathway_ids, change.detected_at) == (
        site.url("/tps"),
        ["agreement", "refuge"],
        DAY2,
    )
    assert "Registration is open until 2026-12-31." in change.before
    assert "Registration is closed since 2026-11-02." in change.after
    assert open_changes_by_pathway(db) == {"agreement": 1, "refuge": 1}


def test_whitespace_and_markup_only_changes_are_ignored(kb, site, db):
    site.put("/tps", NOTICE)
    watched = _kb(kb, {site.url("/tps"): ["youth"]})
    _pass(db, watched)
    reflowed = NOTICE.replace("<p>Fees: none.</p>", "<div class='new'>\n   Fees:\n none.  </div>")
    reflowed = reflowed.replace("var x = 1;", "var x = 2; track();").replace("Home | About", "Home | News")
    site.put("/tps", reflowed)
    result = _pass(db, watched, DAY2)
    assert site.requests_for("/tps")[-1].status == 200  # a new ETag: the body was fetched and compared
    assert (result.changed, result.unchanged) == (0, 1)
    assert _rows(db, source_changes) == []


def test_errors_are_recorded_without_a_change_and_a_gone_page_is_flagged(kb, site, db):
    for path in ("/broken", "/slow", "/gone"):
        site.put(path, "<p>Original text</p>")
    watched = _kb(
        kb, {site.url("/broken"): ["agreement"], site.url("/slow"): ["border"], site.url("/gone"): ["youth"]}
    )
    _pass(db, watched)
    site.pages["/broken"].status = 500
    site.pages["/slow"].hang = True
    site.pages["/gone"].status = 410
    result = _pass(db, watched, DAY2, Politeness(delay_s=0, timeout_s=0.5))
    assert (result.failed, result.changed) == (3, 0)
    assert _rows(db, source_changes) == []
    pages = {r.url: r for r in _rows(db, source_pages)}
    assert (pages[site.url("/broken")].status, pages[site.url("/broken")].error) == (500, "HTTP 500")
    assert (pages[site.url("/slow")].status, pages[site.url("/slow")].error) == (None, "timed out")
    assert pages[site.url("/slow")].text == "Original text"  # the last good text stays the baseline
    failing = changes.failing_sources(db)
    assert [(p.url, p.gone) for p in failing] == [
        (site.url("/gone"), True),
        (site.url("/broken"), False),
        (site.url("/slow"), False),
    ]


def test_a_page_that_never_worked_is_failing_but_not_gone(kb, site, db):
    watched = _kb(kb, {site.url("/missing"): ["agreement"]})
    _pass(db, watched)
    [page] = changes.failing_sources(db)
    assert (page.status, page.gone) == (404, False)


def test_one_request_per_host_at_a_time_with_the_pause_between(kb, db):
    one, two = FakeSite(hold_s=0.3).start(), FakeSite(hold_s=0.3).start()
    pauses: list[float] = []

    async def pause(seconds: float) -> None:
        pauses.append(seconds)

    try:
        citing = {}
        for site, name in ((one, "agreement"), (two, "border")):
            for n in range(3):
                site.put(f"/p{n}", f"<p>page {n}</p>")
                citing[site.url(f"/p{n}")] = [name]
        polite = Politeness(delay_s=7, timeout_s=5)
        result = asyncio.run(run_pass(db, _kb(kb, citing), polite, now=DAY1, sleep=pause))
        assert result.baselines == 6
        assert (one.most_at_once, two.most_at_once) == (1, 1)
        assert (len(one.seen), len(two.seen)) == (3, 3)
        assert pauses == [7, 7, 7, 7]  # between the 3 requests of each host, never before the first
    finally:
        one.stop()
        two.stop()


def test_a_pass_is_bounded_and_the_least_recently_fetched_go_first(kb, site, db):
    for n in range(5):
        site.put(f"/p{n}", f"<p>page {n}</p>")
    watched = _kb(kb, {site.url(f"/p{n}"): ["agreement"] for n in range(5)})
    bounded = Politeness(delay_s=0, timeout_s=2, max_urls=3)
    first = _pass(db, watched, DAY1, bounded)
    assert (first.fetched, first.left_for_later) == (3, 2)
    second = _pass(db, watched, DAY2, bounded)
    assert (second.fetched, second.left_for_later) == (3, 2)
    assert sorted(s.path for s in site.seen) == ["/p0", "/p0", "/p1", "/p2", "/p3", "/p4"]


def test_a_pdf_is_compared_by_digest_and_shown_as_a_document_change(kb, site, db):
    site.put("/form.pdf", "%PDF-1.4 one", content_type="application/pdf")
    watched = _kb(kb, {site.url("/form.pdf"): ["permit"]})
    _pass(db, watched)
    site.put("/form.pdf", "%PDF-1.4 two", content_type="application/pdf")
    assert _pass(db, watched, DAY2).changed == 1
    [change] = changes.open_changes(db)
    assert change.is_document and change.pathway_ids == ("permit",)


def test_resolving_a_change_removes_its_flag(kb, site, db):
    site.put("/tps", "<p>Open</p>")
    watched = _kb(kb, {site.url("/tps"): ["agreement"]})
    _pass(db, watched)
    site.put("/tps", "<p>Closed</p>")
    _pass(db, watched, DAY2)
    [change] = changes.open_changes(db)
    assert changes.resolve(db, change.id, 7, "eva", now=DAY2) is True
    assert changes.resolve(db, change.id, 7, "eva", now=DAY2) is False
    assert open_changes_by_pathway(db) == {}
    assert changes.open_changes(db) == []


def test_extract_and_diff():
    assert extract(b"a  b\n\n c", "text/plain").text == "a b\nc"
    assert extract(b"<p>x</p>", None).text == "x"
    assert extract(b"\x00\x01", "application/octet-stream").text is None
    lines = [(d.kind, d.text) for d in diff("a\nb\nc", "a\nB\nc")]
    assert lines == [("same", "a"), ("removed", "b"), ("added", "B"), ("same", "c")]


def test_settings_default_off_and_validated():
    settings = Settings.from_env({})
    assert (settings.source_watch_hours, settings.source_watch_delay_s, settings.source_watch_timeout_s) == (
        0,
        5.0,
        20.0,
    )
    tuned = Settings.from_env(
        {"SOURCE_WATCH_HOURS": "24", "SOURCE_WATCH_DELAY_S": "0", "SOURCE_WATCH_TIMEOUT_S": "3.5"}
    )
    assert (tuned.source_watch_hours, tuned.source_watch_delay_s, tuned.source_watch_timeout_s) == (
        24,
        0.0,
        3.5,
    )
    with pytest.raises(SettingsError):
        Settings.from_env({"SOURCE_WATCH_DELAY_S": "soon"})


class _Stop(Exception):
    """Ends watch_periodically after its first look (raised by the injected sleep)."""


def test_the_schedule_runs_a_pass_once_per_period_across_instances(kb, site, db, tmp_path):
    site.put("/tps", "<p>Open</p>")
    watched = _kb(kb, {site.url("/tps"): ["agreement"]})
    store = type("Store", (), {"get": lambda self: watched})()
    env = {"VAR_DIR": str(tmp_path / "var"), "SOURCE_WATCH_HOURS": "24", "SOURCE_WATCH_DELAY_S": "0"}

    async def stop(_seconds: float) -> None:
        raise _Stop

    for port in ("8001", "8002"):  # two web instances, one after the other within the period
        settings = dataclasses.replace(Settings.from_env(env | {"WEB_PORT": port}), database_url=db)
        with pytest.raises(_Stop):
            asyncio.run(watch_periodically(settings, store, sleep=stop))
    assert [s.path for s in site.seen] == ["/tps"]

"""The editors' read pages over HTTP against the real web service and the shipped knowledge base:
the pathways list (rows, filters, sort, unknown values), a pathway in plain words (sentences,
timeline, texts, sources, scenarios), the "to check" home page, and who may see them."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from datetime import datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import requests

from bot.console.i18n import gettext_for
from bot.console.pathway_pages import _texts, _timeline
from bot.editorial import overview
from bot.editorial.sentences import flatten, sentences
from bot.i18n.display import long_date
from bot.kb.loader import load_knowledge_base
from bot.kb.model import KnowledgeBase
from bot.settings import PROJECT_ROOT, Settings
from tests.console import console_web
from tests.console.console_web import TIMEOUT_S, Web
from tests.helpers.console import create_staff

web = console_web.web  # the fixture

ROW = re.compile(r'data-testid="pathway-row" data-id="([a-z0-9_]+)"')
LOCALES = PROJECT_ROOT / "locales"


@cache
def kb() -> KnowledgeBase:
    return load_knowledge_base(PROJECT_ROOT / "pathways_kb")


def _today():
    return datetime.now(ZoneInfo(Settings.from_env({}).helpline_timezone)).date()


_EDITORS: dict[str, requests.Session] = {}


def _editor(web: Web) -> requests.Session:
    """One signed-in editor per web service (creating the account twice would fail)."""
    if web.url not in _EDITORS:
        _EDITORS[web.url] = web.session("eva_pathways", role="editor", language="en")
    return _EDITORS[web.url]


def _ids(page: requests.Response) -> list[str]:
    assert page.status_code == 200, page.status_code
    return ROW.findall(page.text)


def _section(text: str, name: str) -> str:
    start = text.index(f'data-testid="{name}"')
    return text[start : text.index("</section>", start)]


def test_the_list_filtered_by_country_is_exactly_that_countrys_pathways(web):
    page = _editor(web).get(f"{web.url}/console/pathways?country=CO", timeout=TIMEOUT_S)
    expected = sorted((p for p in kb().pathways if p.country == "CO"), key=lambda p: p.name["en"].casefold())
    assert _ids(page) == [p.id for p in expected] and len(expected) == 7
    text = html.unescape(page.text)
    assert "Showing 7 of 51 pathways." in text
    assert "<td>Colombia</td>" in text and "<td>CO</td>" not in text


def test_sorting_and_combined_filters(web):
    editor = _editor(web)
    by_date = _ids(editor.get(f"{web.url}/console/pathways?sort=last_verified", timeout=TIMEOUT_S))
    assert by_date == [
        p.id for p in sorted(kb().pathways, key=lambda p: (p.last_verified, p.name["en"].casefold()))
    ]
    page = editor.get(f"{web.url}/console/pathways?kind=asylum&needs_review=1", timeout=TIMEOUT_S)
    assert set(_ids(page)) == {p.id for p in kb().pathways if p.kind == "asylum" and p.needs_review}
    assert "Asylum / refugee status" in page.text


def test_unknown_filter_values_are_ignored(web):
    page = _editor(web).get(
        f"{web.url}/console/pathways?country=ZZ&kind=%3Cscript%3E&sort=evil&stale=maybe", timeout=TIMEOUT_S
    )
    assert len(_ids(page)) == 51 and "<script>" not in page.text


def test_a_pathway_in_plain_words(web):
    page = _editor(web).get(f"{web.url}/console/pathways/andean_bo", timeout=TIMEOUT_S)
    assert page.status_code == 200
    text = html.unescape(page.text)
    pathway = kb().pathway("andean_bo")
    conditions = _section(text, "conditions")
    for line in flatten(sentences(pathway.conditions, kb(), "en", gettext_for(LOCALES, "en"))):
        assert line in conditions
    assert "Nationality is Colombia, Ecuador or Peru" in conditions
    assert "Has no criminal record" in conditions
    timeline = _section(text, "timeline")
    for period in pathway.status_history:
        assert f"From {long_date(period.start, 'en')}: Open" in timeline
    assert f"Today, {long_date(_today(), 'en')}" in timeline
    assert 'class="missing"' not in _section(text, "texts")  # the shipped KB has every translation
    for source in pathway.sources:
        assert f'href="{source.url}"' in text
    assert 'action="/console/pathways/andean_bo/verify"' in text
    assert 'href="/console/pathways/andean_bo/edit"' in text
    assert 'href="/console/pathways/andean_bo/versions"' in text


def _marks(items) -> list:
    return ["today" if item.get("today") else (item["period"], item["current"]) for item in items]


def test_the_timeline_marks_today_before_a_known_closing():
    pathway = kb().pathway("co_visa_v_special")
    opened, closing = pathway.status_history
    before = _timeline(pathway, closing.start - timedelta(days=5))
    assert _marks(before) == [(opened, True), "today", (closing, False)]
    after = _timeline(pathway, closing.start)
    assert _marks(after) == [(opened, False), (closing, True), "today"]


def test_the_scenarios_that_mention_it(web):
    page = _editor(web).get(f"{web.url}/console/pathways/andean_bo", timeout=TIMEOUT_S)
    rows = re.findall(r'data-testid="scenario"', page.text)
    from bot.kb.scenarios import load_scenarios

    found, _ = load_scenarios(PROJECT_ROOT / "pathways_kb" / "tests", kb())
    mentioning = [s for s in found if "andean_bo" in (*s.expect, *s.absent, *s.flags)]
    assert len(rows) == len(mentioning) > 0
    assert html.escape(mentioning[0].name, quote=False) in page.text


def test_a_missing_translation_is_marked():
    """The loader refuses a pathway missing a language, so a gap only reaches this view from a draft."""
    pathway = kb().pathway("andean_bo")
    summary = {k: v for k, v in pathway.summary.items() if k != "fr"}
    rows = dict(_texts(replace(pathway, summary=summary, fees={})))
    assert rows["summary"]["fr"] is None and rows["summary"]["ht"] == pathway.summary["ht"]
    assert "fees" not in rows and rows["documents"]["es"] == list(pathway.documents["es"])
    held = kb().pathway("pe_cpp")  # what its end means for people who hold it: shown too
    assert dict(_texts(held))["holders"]["es"] == held.holders["es"]


def test_unknown_pathway_is_the_404_page(web):
    page = _editor(web).get(f"{web.url}/console/pathways/no_such_thing", timeout=TIMEOUT_S)
    assert page.status_code == 404 and "Page not found" in page.text


def test_the_to_check_list(web):
    page = _editor(web).get(f"{web.url}/console/pathways/stale", timeout=TIMEOUT_S)
    assert page.status_code == 200
    home = overview.to_check(overview.rows(kb(), _today(), "en"), kb(), _today())
    for name, rows in (
        ("stale-old", home.stale),
        ("stale-review", home.needs_review),
        ("stale-upcoming", [row for _, row in home.upcoming]),
    ):
        assert re.findall(r'data-id="([a-z0-9_]+)"', _section(page.text, name)) == [r.id for r in rows]


def test_editors_land_on_the_to_check_list_and_admins_get_in(web):
    password = create_staff(web.database_url, "eli_home", "editor", language="es")
    response = requests.post(
        f"{web.url}/console/login",
        data={"username": "eli_home", "password": password},
        allow_redirects=False,
        timeout=TIMEOUT_S,
    )
    assert response.headers["location"] == "/console/pathways/stale"
    admin = web.session("ada_pathways", role="admin", language="pt")
    page = admin.get(f"{web.url}/console/pathways?country=PE", timeout=TIMEOUT_S)
    assert len(_ids(page)) == 8 and "Vias de regularização" in html.unescape(page.text)


def test_agents_are_refused_and_strangers_sent_to_sign_in(web):
    agent = web.session("abel_pathways", role="agent")
    for path in ("/console/pathways", "/console/pathways/stale", "/console/pathways/andean_bo"):
        assert agent.get(f"{web.url}{path}", timeout=TIMEOUT_S).status_code == 403
        stranger = requests.get(f"{web.url}{path}", allow_redirects=False, timeout=TIMEOUT_S)
        assert stranger.status_code == 302
        assert stranger.headers["location"].startswith("/console/login?next=")

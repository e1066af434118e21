"""The source watch in Chromium: an admin starts the baseline pass from the Sources page, one cited page
changes and a second pass finds it; the Sources page shows the change with its flagged pathway and the
removed and added text, the pathways list and the editors' home flag that pathway, "Mark reviewed" clears
it everywhere, and an agent gets the "not allowed" page. Saves docs/console/sources.png for the README."""

from __future__ import annotations

import re

import pytest

from bot.editorial.watch import open_changes_by_pathway
from bot.settings import PROJECT_ROOT
from tests.console import test_watch_pages as watch_pages
from tests.helpers.console import create_staff, login_page

pytestmark = [pytest.mark.integration, pytest.mark.browser]

watched = watch_pages.watched  # the fixture: the web service, a KB copy citing only the fake site
SCREENSHOTS = PROJECT_ROOT / "docs" / "console"
PASSWORD = "a long watch browser pass"
WATCH_FLAG = re.compile(r"^Source changed \(\d+\)$")


def _new_page(browser, watched, username: str, role: str):
    create_staff(watched.database_url, username, role, password=PASSWORD)
    context = browser.new_context(locale="en-GB", viewport={"width": 1100, "height": 700})
    page = context.new_page()
    page.set_default_timeout(20_000)  # bounds every wait on an element
    login_page(page, watched.url, username, PASSWORD)
    return context, page


def test_a_changed_source_flags_its_pathway_until_an_admin_marks_it_reviewed(watched, browser) -> None:
    context, page = _new_page(browser, watched, "ada_watch_browser", "admin")
    page.get_by_role("link", name="Sources", exact=True).click()
    page.wait_for_url(f"{watched.url}/console/sources")
    page.get_by_role("button", name="Check the sources now").click()
    page.wait_for_url(f"{watched.url}/console/sources?notice=started")
    page.get_by_role("status").filter(has_text="A check of the sources has started").wait_for()
    watch_pages.wait_for_first_pass(watched)

    watched.site.put("/refuge", "<h1>refuge</h1><p>Rules of refuge changed overnight.</p>")
    result = watch_pages.pass_now(watched)
    assert (result.changed, result.unchanged) == (1, len(watch_pages.CITED) - 1)

    page.goto(f"{watched.url}/console/sources")  # without the "started" notice, for the screenshot
    change = page.get_by_test_id("source-change")
    change.first.wait_for()
    assert change.count() == 1
    assert change.get_by_role("heading").inner_text() == f"{watched.site.base}/refuge"
    assert change.get_by_test_id("flagged-pathway").all_inner_texts() == ["refuge"]
    assert change.locator("del").all_text_contents() == ["Removed: − Rules of refuge as published."]
    assert change.locator("ins").all_text_contents() == ["Added: + Rules of refuge changed overnight."]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "sources.png"), full_page=True)

    page.get_by_role("link", name="Pathways", exact=True).click()
    page.wait_for_url(f"{watched.url}/console/pathways")
    page.get_by_test_id("pathway-row").first.wait_for()
    flags = page.locator(".flag").filter(has_text=WATCH_FLAG)
    assert flags.all_inner_texts() == ["Source changed (1)"]
    refuge = page.locator('[data-testid="pathway-row"][data-id="refuge"]')
    assert refuge.locator(".flag").filter(has_text=WATCH_FLAG).count() == 1

    page.get_by_role("link", name="To check", exact=True).click()
    page.wait_for_url(f"{watched.url}/console/pathways/stale")
    assert page.get_by_test_id("stale-watch").locator("li").all_inner_texts() == [
        "refuge en: 1 open change(s)"
    ]

    page.get_by_role("link", name="Sources", exact=True).click()
    page.wait_for_url(f"{watched.url}/console/sources")
    page.get_by_test_id("source-change").get_by_role("button", name="Mark reviewed").click()
    page.wait_for_url(f"{watched.url}/console/sources?notice=resolved")
    page.get_by_role("status").filter(has_text="The change is marked reviewed.").wait_for()
    assert page.get_by_test_id("source-change").count() == 0
    assert open_changes_by_pathway(watched.database_url) == {}

    page.get_by_role("link", name="Pathways", exact=True).click()
    page.wait_for_url(f"{watched.url}/console/pathways")
    page.get_by_test_id("pathway-row").first.wait_for()
    assert page.locator(".flag").filter(has_text=WATCH_FLAG).count() == 0
    page.goto(f"{watched.url}/console/pathways/stale")
    assert page.get_by_test_id("stale-watch").locator("li").count() == 0
    context.close()


def test_an_agent_opening_the_sources_page_sees_not_allowed(watched, browser) -> None:
    context, page = _new_page(browser, watched, "abe_watch_browser", "agent")
    response = page.goto(f"{watched.url}/console/sources")
    assert response is not None and response.status == 403
    assert page.get_by_role("heading", level=1).inner_text() == "Not allowed"
    assert page.get_by_text("Your role does not give access to this page or action.").count() == 1
    assert page.get_by_role("button", name="Check the sources now").count() == 0
    context.close()

"""Four eyes in Chromium: the author sees their submitted draft with no approve button, a second editor
opens the review queue, opens the draft, approves it and lands on the published version with its diff.
Saves docs/console/review_queue.png and docs/console/version.png for the README."""

from __future__ import annotations

import re

import pytest

from bot.editorial import drafts
from bot.settings import PROJECT_ROOT
from tests.console import review_web
from tests.helpers.console import login_page

pytestmark = [pytest.mark.integration, pytest.mark.browser]

service = review_web.service  # the fixture
SCREENSHOTS = PROJECT_ROOT / "docs" / "console"


def test_a_second_editor_approves_from_the_queue_and_the_author_cannot(service, browser) -> None:
    author, _ = service.staff("olga_browser")
    reviewer, _ = service.staff("pedro_browser")
    draft = service.reverified(author, "andean_co", "2026-11-20")
    approve_button = f'form[action="/console/drafts/{draft.id}/approve"] button'

    context = browser.new_context(locale="en-GB", viewport={"width": 1100, "height": 700})
    own = context.new_page()
    own.set_default_timeout(20_000)
    login_page(own, service.url, "olga_browser", review_web.PASSWORD)
    own.goto(f"{service.url}/console/review")
    assert own.get_by_test_id("review-draft").count() == 0
    own.get_by_test_id("own-draft").get_by_role("link", name=draft.summary).click()
    own.wait_for_url(f"{service.url}/console/drafts/{draft.id}")
    assert own.locator(approve_button).count() == 0
    context.close()

    context = browser.new_context(locale="en-GB", viewport={"width": 1100, "height": 700})
    page = context.new_page()
    page.set_default_timeout(20_000)
    login_page(page, service.url, "pedro_browser", review_web.PASSWORD)
    page.get_by_role("link", name="Review", exact=True).click()
    page.wait_for_url(f"{service.url}/console/review")
    row = page.get_by_test_id("review-draft").filter(has_text="andean_co")
    assert row.get_by_role("cell").nth(1).inner_text() == "olga_browser"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "review_queue.png"), full_page=True)
    row.get_by_role("link", name=draft.summary).click()
    page.wait_for_url(f"{service.url}/console/drafts/{draft.id}")
    page.locator(approve_button).click()
    page.wait_for_url(re.compile(r"/console/versions/\d+\?notice=published$"))
    page.get_by_role("status").filter(has_text="Approved and published.").wait_for()
    assert page.get_by_test_id("diff-added").filter(has_text="last_verified: 2026-11-20").count() == 1
    page.screenshot(path=str(SCREENSHOTS / "version.png"), full_page=True)
    context.close()

    assert drafts.get(service.database_url, draft.id).status == drafts.PUBLISHED
    assert "last_verified: 2026-11-20\n" in (service.kb_dir / "pathways" / "andean_co.yml").read_text()

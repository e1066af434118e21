"""The edit form in Chromium: an editor closes a programme, changes a condition's values, types an
impossible date and sees the message appear next to that field before saving, fixes it, saves, reads
the scenarios that change and submits. Saves docs/console/pathway_edit.png and draft.png."""

from __future__ import annotations

import pytest

from bot.console.i18n import gettext_for
from bot.settings import PROJECT_ROOT
from tests.console.test_editing_pages import kb_copy, web  # noqa: F401 - the fixtures (KB on a copy)
from tests.helpers.console import create_staff, login_page

pytestmark = [pytest.mark.integration, pytest.mark.browser]

SCREENSHOTS = PROJECT_ROOT / "docs" / "console"
PATHWAY = "andean_co"
gettext = gettext_for(PROJECT_ROOT / "locales", "en")


def by_id(page, name: str):
    return page.locator(f'[id="{name}"]')


def test_editor_edits_sees_live_errors_saves_and_submits(web, browser) -> None:  # noqa: F811
    create_staff(web.database_url, "eva_browser", "editor", password="a long browser pass", language="en")
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(20_000)
    login_page(page, web.url, "eva_browser", "a long browser pass")
    page.goto(f"{web.url}/console/pathways/{PATHWAY}/edit")
    edit_url = page.url

    conditions = page.locator('[data-rows="conditions"]')
    before = conditions.locator("[data-predicate]").count()
    conditions.get_by_role("button", name="Add a condition").click()
    added_fact = by_id(page, f"f-conditions.all.{before}.fact")
    assert added_fact.evaluate("el => el === document.activeElement")
    added_fact.select_option("entry_date")  # the operators follow the fact
    by_id(page, f"f-conditions.all.{before}.op").select_option("between")
    assert by_id(page, f"f-conditions.all.{before}.between.1").count() == 1
    added_fact.locator("xpath=ancestor::div[@data-row][1]").get_by_role("button", name="Remove").click()
    assert conditions.locator("[data-predicate]").count() == before

    by_id(page, "f-status.1.status").select_option("closed")
    by_id(page, "f-conditions.all.0.in").fill("BO, EC")
    date = by_id(page, "f-status.1.from")
    date.fill("2026-02-30")
    message = by_id(page, "e-status.1.from").locator("li")
    message.first.wait_for()
    assert "2026-02-30" in message.first.inner_text()
    assert date.get_attribute("aria-invalid") == "true"
    assert date.get_attribute("aria-describedby") == "e-status.1.from"
    checked = page.locator("[data-validation-status]")
    assert checked.inner_text() == "Some fields need attention: see the messages next to them."
    assert page.url == edit_url  # nothing was submitted
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "pathway_edit.png"), full_page=False)

    date.fill("2022-01-01")
    message.first.wait_for(state="detached")
    assert date.get_attribute("aria-invalid") is None
    page.get_by_text("No problems found so far.").wait_for()
    page.get_by_label("What changed and why").fill("Colombia stopped taking applications")
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_url(f"{web.url}/console/drafts/*")

    page.get_by_role("status").filter(has_text="Draft saved.").wait_for()
    removed = page.get_by_test_id("diff-removed").locator("code").all_inner_texts()
    added = page.get_by_test_id("diff-added").locator("code").all_inner_texts()
    assert removed == ["    status: open", "    - {fact: nationality, in: [BO, EC, PE]}"]
    assert added == ["    status: closed", "    - {fact: nationality, in: [BO, EC]}"]
    changes = page.get_by_test_id("scenario-change")
    assert changes.count() >= 1
    assert all(row.locator("td").nth(1).inner_text() == PATHWAY for row in changes.all())
    closed = changes.filter(has=page.locator('td[data-status="closed"]')).first
    assert closed.locator("td").nth(3).inner_text() == gettext("result.closed")
    page.screenshot(path=str(SCREENSHOTS / "draft.png"), full_page=True)

    page.get_by_role("button", name="Send for review").click()
    page.get_by_role("status").filter(has_text="Sent for review.").wait_for()
    assert page.get_by_test_id("status").inner_text() == "Waiting for review"
    context.close()

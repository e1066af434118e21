"""The edit form, live validation, drafts and their preview, through a real web service whose KB is
a copy (drafts never touch /work/main/pathways_kb): round trip, field errors, diff, scenario changes,
submit, roles and a stale row_version."""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser

import pytest

from bot.editorial import drafts, preview
from bot.kb.loader import load_knowledge_base
from bot.settings import PROJECT_ROOT
from tests.console import console_web
from tests.helpers.console import TIMEOUT_S, post_form
from tests.helpers.kb_files import copy_kb

pytestmark = pytest.mark.integration

PATHWAY = "andean_co"
EDIT = f"/console/pathways/{PATHWAY}/edit"
VALIDATE = f"/console/pathways/{PATHWAY}/validate"
KB_SOURCE = PROJECT_ROOT / "pathways_kb"


@pytest.fixture(scope="module")
def kb_copy(tmp_path_factory):
    return copy_kb(KB_SOURCE, tmp_path_factory.mktemp("editing-kb"))


@pytest.fixture(scope="module")
def web(kb_copy, tmp_path_factory) -> Iterator[console_web.Web]:
    """console_web's service, serving the copy of the KB."""
    yield from console_web.start_web(tmp_path_factory.mktemp("editing-web"), {"KB_DIR": str(kb_copy)})


class FormReader(HTMLParser):
    """What a browser would post for the edit form: inputs, selects and textareas outside <template>."""

    def __init__(self) -> None:
        super().__init__()
        self.values: dict[str, list[str]] = {}
        self.in_template = 0
        self.select: str | None = None
        self.textarea: str | None = None
        self.first_option: str | None = None

    def _add(self, name: str, value: str) -> None:
        self.values.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "template":
            self.in_template += 1
        if self.in_template:
            return
        if tag == "input" and a.get("name"):
            self._add(a["name"], a.get("value") or "")
        elif tag == "select" and a.get("name"):
            self.select, self.first_option = a["name"], None
        elif tag == "option" and self.select:
            if self.first_option is None:
                self.first_option = a.get("value") or ""
            if "selected" in a:
                self._add(self.select, a.get("value") or "")
                self.select = None
        elif tag == "textarea" and a.get("name"):
            self.textarea = a["name"]
            self._add(self.textarea, "")

    def handle_endtag(self, tag):
        if tag == "template":
            self.in_template -= 1
        elif tag == "select" and self.select:
            self._add(self.select, self.first_option or "")
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea and not self.in_template:
            self.values[self.textarea][-1] += data


def form_of(html: str) -> dict[str, list[str]]:
    reader = FormReader()
    reader.feed(html)
    return reader.values


def post(session, url: str, values: dict[str, list[str]], **extra):
    data = [(k, v) for k, vs in values.items() for v in vs if k != "csrf_token" and k not in extra]
    data += [("csrf_token", session.csrf), *extra.items()]
    return session.post(url, data=data, allow_redirects=False, timeout=TIMEOUT_S)


def status_row_of(values: dict[str, list[str]], status: str) -> str:
    """The name of the status row holding `status` (e.g. "status.1.status")."""
    return next(k for k, v in values.items() if re.fullmatch(r"status\.\d+\.status", k) and v == [status])


def test_agent_gets_403(web) -> None:
    agent = web.session("agent_edit", "agent")
    assert agent.get(web.url + EDIT, timeout=TIMEOUT_S).status_code == 403
    assert post_form(agent, web.url + VALIDATE).status_code == 403
    assert post_form(agent, web.url + EDIT, change_summary="x").status_code == 403
    assert agent.get(web.url + "/console/drafts/1", timeout=TIMEOUT_S).status_code == 403
    assert post_form(agent, web.url + "/console/drafts/1/submit", row_version="1").status_code == 403


def test_form_round_trips_the_pathway_unchanged(web, kb_copy) -> None:
    editor = web.session("ed_roundtrip", "editor")
    page = editor.get(web.url + EDIT, timeout=TIMEOUT_S)
    assert page.status_code == 200
    values = form_of(page.text)
    assert values["name.es"] == ["Residencia Temporal Andina en Colombia (Estatuto Migratorio Andino)"]
    assert values["conditions.all.0.in"] == ["BO, EC, PE"]
    checked = post(editor, web.url + VALIDATE, values)
    assert checked.json() == {"ok": True, "errors": {}}
    saved = post(editor, web.url + EDIT, values, change_summary="no change")
    assert saved.status_code == 303
    draft_url = web.url + saved.headers["location"].split("?")[0]
    draft_id = int(draft_url.rsplit("/", 1)[1])
    stored = drafts.get(web.database_url, draft_id)
    assert stored.text == (kb_copy / "pathways" / f"{PATHWAY}.yml").read_text(encoding="utf-8")
    assert (stored.summary, stored.status) == ("no change", "draft")
    draft = editor.get(draft_url, timeout=TIMEOUT_S).text
    assert 'data-testid="diff-removed"' not in draft and 'data-testid="diff-added"' not in draft
    assert 'data-testid="valid"' in draft
    # Tidy up: withdraw it so the next tests start from the served text.
    row_version = re.search(r'name="row_version" value="(\d+)"', draft).group(1)
    assert post_form(editor, draft_url + "/withdraw", row_version=row_version).status_code == 303


def test_impossible_date_is_an_error_on_that_field(web) -> None:
    editor = web.session("ed_dates", "editor")
    values = form_of(editor.get(web.url + EDIT, timeout=TIMEOUT_S).text)
    field = status_row_of(values, "open").replace(".status", ".from")
    values[field] = ["2026-02-30"]
    checked = post(editor, web.url + VALIDATE, values).json()
    assert checked["ok"] is False
    assert list(checked["errors"]) == [field]
    saved = post(editor, web.url + EDIT, values, change_summary="typo")
    assert saved.status_code == 200  # saved, but shown again with the message on the field
    assert 'data-testid="own-draft"' in saved.text
    box = re.search(rf'<ul class="field-errors" id="e-{re.escape(field)}"[^>]*>(.*?)</ul>', saved.text, re.S)
    assert box and checked["errors"][field][0] in box.group(1).replace("&#39;", "'").replace("&#34;", '"')
    assert f'id="f-{field}" name="{field}" aria-describedby="e-{field}" aria-invalid="true"' in saved.text
    draft_id = re.search(r'href="/console/drafts/(\d+)"', saved.text).group(1)
    draft = editor.get(f"{web.url}/console/drafts/{draft_id}", timeout=TIMEOUT_S).text
    row_version = re.search(r'name="row_version" value="(\d+)"', draft).group(1)
    refused = post_form(editor, f"{web.url}/console/drafts/{draft_id}/submit", row_version=row_version)
    assert refused.headers["location"] == f"/console/drafts/{draft_id}?notice=invalid"
    post_form(editor, f"{web.url}/console/drafts/{draft_id}/withdraw", row_version=row_version)


def test_closing_shows_diff_and_scenario_changes_then_submits(web, kb_copy) -> None:
    editor = web.session("ed_close", "editor")
    values = form_of(editor.get(web.url + EDIT, timeout=TIMEOUT_S).text)
    values[status_row_of(values, "open")] = ["closed"]
    saved = post(
        editor, web.url + EDIT, values, change_summary="closed", change_sources="https://example.org/a"
    )
    assert saved.status_code == 303
    location = saved.headers["location"]
    assert re.fullmatch(r"/console/drafts/\d+\?notice=saved", location)
    page = editor.get(web.url + location, timeout=TIMEOUT_S).text
    removed = re.findall(r'data-testid="diff-removed">.*?<code>(.*?)</code>', page)
    added = re.findall(r'data-testid="diff-added">.*?<code>(.*?)</code>', page)
    assert (removed, added) == (["    status: open"], ["    status: closed"])

    before = load_knowledge_base(kb_copy)
    closed_dir = copy_kb(kb_copy, kb_copy.parent / "closed")
    path = closed_dir / "pathways" / f"{PATHWAY}.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    status: open\n", "    status: closed\n", 1), encoding="utf-8")
    expected = preview.scenario_changes(kb_copy / "tests", before, load_knowledge_base(closed_dir))
    assert expected, "closing the programme must change some scenario"
    rows = re.findall(
        r'data-testid="scenario-change"><td>(.*?)</td><td>(.*?)</td>'
        r'<td data-status="(.*?)">.*?</td><td data-status="(.*?)">.*?</td>',
        page,
    )
    unescape = {"&#39;": "'", "&#34;": '"', "&amp;": "&", "&lt;": "<", "&gt;": ">"}

    def plain(s: str) -> str:
        for k, v in unescape.items():
            s = s.replace(k, v)
        return s

    assert [tuple(plain(c) for c in row) for row in rows] == [
        (c.name, c.pathway_id, c.before, c.after) for c in expected
    ]
    assert page.count('data-testid="example"') >= 1

    draft_url = web.url + location.split("?")[0]
    row_version = re.search(r'name="row_version" value="(\d+)"', page).group(1)
    done = post_form(editor, draft_url + "/submit", row_version=row_version)
    assert done.headers["location"] == location.split("?")[0] + "?notice=submitted"
    again = post_form(editor, draft_url + "/submit", row_version=row_version)  # a double click
    assert again.headers["location"] == location.split("?")[0] + "?notice=conflict"
    after = editor.get(draft_url, timeout=TIMEOUT_S).text
    assert re.search(r'data-testid="status">([^<]*)<', after).group(1) == "Waiting for review"
    assert f'action="{location.split("?")[0]}/withdraw"' in after
    assert "/submit" not in after
    # Another editor sees the reviewer's forms, the author does not.
    other = web.session("ed_reviewer", "editor").get(draft_url, timeout=TIMEOUT_S).text
    assert "/approve" in other and 'name="note"' in other and "/approve" not in after
    row_version = re.search(r'name="row_version" value="(\d+)"', after).group(1)
    post_form(editor, draft_url + "/withdraw", row_version=row_version)


def test_stale_row_version_is_a_conflict_and_keeps_the_values(web) -> None:
    editor = web.session("ed_conflict", "editor")
    values = form_of(editor.get(web.url + EDIT, timeout=TIMEOUT_S).text)
    assert post(editor, web.url + EDIT, values, change_summary="first").status_code == 303
    stale = form_of(editor.get(web.url + EDIT, timeout=TIMEOUT_S).text)
    assert stale["row_version"] == ["1"]
    assert post(editor, web.url + EDIT, stale, change_summary="second").status_code == 303
    stale["name.en"] = ["A name typed in the other tab"]
    lost = post(editor, web.url + EDIT, stale, change_summary="third")
    assert lost.status_code == 409
    shown = form_of(lost.text)
    assert shown["name.en"] == ["A name typed in the other tab"]
    assert shown["change_summary"] == ["third"]
    assert shown["row_version"] == ["2"]
    assert 'data-testid="message"' in lost.text

"""What a draft page's forms send back and where their actions lead, for the editing and the review
pages alike."""

from __future__ import annotations

from sanic import Request
from sanic.response import HTTPResponse, redirect


def row_version(request: Request) -> int | None:
    """The draft's version the form was read at (compare-and-set), None when missing or not a number."""
    try:
        return int(request.form.get("row_version", ""))
    except ValueError:
        return None


def back_to_draft(draft_id: int, notice: str) -> HTTPResponse:
    """Back to the draft's page, with the notice of what happened (a code of the pages' NOTICES)."""
    return redirect(f"/console/drafts/{draft_id}?notice={notice}", status=303)

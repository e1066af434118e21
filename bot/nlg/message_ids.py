"""Message ids the code builds at run time (f"results.status.{status}"), declared here so that
`make messages` (pybabel extract) finds them. N_ marks a string for extraction and returns it."""

from __future__ import annotations


def N_(msgid: str) -> str:  # noqa: N802 - the gettext convention
    return msgid


DYNAMIC_IDS = (
    # results.status.<engine status>
    N_("results.status.likely_eligible"),
    N_("results.status.possibly_eligible"),
    # results.status.<programme status>_since
    N_("results.status.closed_since"),
    N_("results.status.terminated_since"),
    N_("results.status.suspended_since"),
    # option.<value>
    N_("option.yes"),
    N_("option.no"),
    N_("option.unknown"),
    N_("option.none"),
    N_("option.asylum_claim_pending"),
    N_("option.asylum_claim_denied"),
    # why.<reason outcome>
    N_("why.passed"),
    N_("why.failed"),
    N_("why.unknown"),
)

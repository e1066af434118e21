"""The booking messages: choices of service, centre and time; the confirmation with its code, the
address, what to bring and how to cancel or change; and the answers about a visit already booked.

Times are said on the centre's clock in the person's language ("martes 3 de diciembre, 10:30",
bot/i18n/display.py). Choices are buttons (a numbered list on SMS, bot/channels/render.py) whose
values the conversation reads back. The confirmation carries `custom.booking = {code, centre,
start}` (start: ISO 8601 with the centre's offset) for machines.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from bot.conversation import replies
from bot.i18n.display import places, visit_time
from bot.kb.model import Centre
from bot.kb.schema import BOOKING_SERVICES
from bot.nlg.buttons import answer_buttons
from bot.nlg.errors import BadArguments, Message
from bot.nlg.message_ids import N_

if TYPE_CHECKING:
    from collections.abc import Callable

    from bot.nlg.responses import Renderer

LATER = "later"  # the option that asks for later free times (bot/conversation/flows/booking_new.py)
SERVICE_IDS = {
    "regularisation": N_("booking.service.regularisation"),
    "legal_aid": N_("booking.service.legal_aid"),
    "asylum": N_("booking.service.asylum"),
    "documents": N_("booking.service.documents"),
    "employment": N_("booking.service.employment"),
    "social_assistance": N_("booking.service.social_assistance"),
    "health": N_("booking.service.health"),
    "education": N_("booking.service.education"),
    "language_classes": N_("booking.service.language_classes"),
    "psychosocial": N_("booking.service.psychosocial"),
}
assert set(SERVICE_IDS) == set(BOOKING_SERVICES), "every booking service needs its label"
OPTION_IDS = {
    "cancel": N_("booking.option.cancel"),
    "change": N_("booking.option.change"),
    "keep": N_("booking.option.keep"),
    LATER: N_("booking.option.later"),
}
BRING_AT_MOST = 6  # documents listed; the pathway's card has the rest


def _choice(text: str, step: str, options: list[tuple[str, str]]) -> Message:
    return {
        "text": text,
        "buttons": answer_buttons(options),
        "custom": {"booking_step": step, "options": [value for value, _ in options]},
    }


def _centre(renderer: Renderer, arguments: dict[str, Any], key: str = "centre") -> Centre:
    centre = renderer.kb.centres.get(arguments.get(key) or "")
    if centre is None or centre.booking is None:
        raise BadArguments(f"unknown centre {arguments.get(key)!r}")
    return centre


def _when(value: Any, centre: Centre, language: str) -> str:
    try:
        moment = datetime.fromisoformat(value)
    except (TypeError, ValueError) as exc:
        raise BadArguments(f"not an ISO date and time: {value!r}") from exc
    if moment.tzinfo is None:
        raise BadArguments(f"a time without its offset: {value!r}")
    return visit_time(moment.astimezone(ZoneInfo(centre.booking.schedule.timezone)), language)


def _service(renderer: Renderer, service: Any, language: str) -> str:
    if service not in SERVICE_IDS:
        raise BadArguments(f"unknown service {service!r}")
    return renderer.t(language, SERVICE_IDS[service])


def _yes_no(renderer: Renderer, language: str, text: str, step: str) -> Message:
    return _choice(text, step, renderer.yes_no_options(language))


def _code(arguments: dict[str, Any]) -> str:
    code = arguments.get("code")
    if not isinstance(code, str) or not code:
        raise BadArguments("a booking code is needed")
    return code


def _visit(renderer: Renderer, language: str, arguments: dict[str, Any]) -> dict[str, str]:
    """code, centre name and time, as placeholders."""
    centre = _centre(renderer, arguments)
    when = _when(arguments.get("start"), centre, language)
    return {"code": _code(arguments), "centre": centre.name, "when": when}


# -- a new visit ----------------------------------------------------------------------------------
def offer(renderer: Renderer, language: str, arguments: dict[str, Any]) -> Message:
    return _yes_no(renderer, language, renderer.t(language, "booking.offer"), "offer")


def ask_service(renderer: Renderer, language: str, arguments: dict[str, Any]) -> Message:
    services = arguments.get("services")
    if not isinstance(services, list) or not services:
        raise BadArguments("`services` must be a non-empty list")
    suggested = arguments.get("suggested")
    options = []
    for service in services:
        title = _service(renderer, service, language)
        if service == suggested:
            title = renderer.t(language, "booking.suggested", service=title)
        options.append((service, title))
    return _choice(renderer.t(language, "booking.ask_service"), "service", options)


def ask_centre(renderer: Renderer, language: str, arguments: dict[str, Any]) -> Message:
    ids = arguments.get("centres")
    if not isinstance(ids, list) or not ids:
        raise BadArguments("`centres` must be a non-empty list")
    options = []
    for centre_id in ids:
        centre = _centre(renderer, {"centre": centre_id})
        options.append((centre_id, f"{centre.name} ({centre.city})"))
    return _choice(renderer.t(language, "booking.ask_centre"), "centre", options)


def ask_slot(renderer: Renderer, language: str, arguments: dict[str, Any]) -> Message:
    centre = _centre(renderer, arguments)
    slots = arguments.get("slots")
    if not isinstance(slots, list) or not slots:
        raise BadArguments("`slots` must be a non-empty list of ISO times")
    lines = []
    if arguments.get("taken"):
        lines.append(renderer.t(language, "booking.slot_taken"))
    if arguments.get("moving"):
        moving = arguments["moving"]
        lines.append(renderer.t(language, "booking.ask_new_slot", code=moving, centre=centre.name))
    else:
        lines.append(renderer.t(language, "booking.ask_slot", centre=centre.name))
    options = [(slot, _when(slot, centre, language)) for slot in slots]
    if arguments.get("more"):
        later = OPTION_IDS[LATER]
        options.append((LATER, renderer.t(language, later)))
    return _choice("\n".join(lines), "slot", options)


def no_slots(renderer: Renderer, language: str, arguments: dict[str, Any]) -> Message:
    centre = _centre(renderer, arguments)
    if centre.phone:
        text = renderer.t(language, "booking.no_slots_phone", centre=centre.name, phone=centre.phone)
        return {"text": text}
    return {"text": renderer.t(language, "booking.no_slots", centre=centre.name)}


def no_centre(renderer: Renderer, language: str, arguments: dict[str, Any]) -> Message:
    country = arguments.get("country")
    if not isinstance(country, str):
        return {"text": renderer.t(language, "booking.no_centre_where")}
    name = places([country], language, "in")
    service = arguments.get("service")
    if service is not None:
        label = _service(renderer, service, language)
        return {"text": renderer.t(language, "booking.no_centre_service", country=name, service=label)}
    return {"text": renderer.t(language, "booking.no_centre", country=name)}


def confirm(renderer: Renderer, language: str, arguments: dict[str, Any]) -> Message:
    centre = _centre(renderer, arguments)
    when = _when(arguments.get("start"), centre, language)
    if arguments.get("moving"):
        text = renderer.t(
            language, "booking.confirm_move", code=arguments["moving"], centre=centre.name, when=when
        )
    else:
        service = _service(renderer, arguments.get("service"), language)
        text = renderer.t(language, "booking.confirm", centre=centre.name, when=when, service=service)
    return _yes_no(renderer, language, text, "confirm")


def _bring(renderer: Renderer, language: str, pathway_id: Any) -> str:
    documents: tuple[str, ...] = ()
    if isinstance(pathway_id, str):
        pathway = next((p for p in renderer.kb.pathways if p.id == pathway_id), None)
        documents = pathway.documents.get(language, ()) if pathway else ()
    if not documents:
        return renderer.t(language, "booking.bring_default")
    items = "\n".join(f"• {item}" for item in documents[:BRING_AT_MOST])
    return renderer.t(language, "booking.bring") + "\n" + items


def confirmed(renderer: Renderer, language: str, arguments: dict[str, Any]) -> Message:
    visit = _visit(renderer, language, arguments)
    centre = _centre(renderer, arguments)
    service = _service(renderer, arguments.get("service"), language)
    heading = N_("booking.moved") if arguments.get("moved") else N_("booking.confirmed")
    parts = [renderer.t(language, heading, service=service, **visit)]
    if centre.address:
        parts.append(renderer.t(language, "booking.address", address=centre.address))
    if centre.where.get(language):
        parts.append(centre.where[language].strip())
    parts.append(_bring(renderer, language, arguments.get("pathway")))
    parts.append(renderer.t(language, "booking.how_to_change", code=visit["code"]))
    if isinstance(arguments.get("link"), str):
        parts.append(renderer.t(language, "booking.calendar", link=arguments["link"]))
    custom = {"code": visit["code"], "centre": centre.id, "start": arguments["start"]}
    return {"text": "\n\n".join(parts), "custom": {"booking": custom}}


def not_booked(renderer: Renderer, language: str, arguments: dict[str, Any]) -> Message:
    return {"text": renderer.t(language, "booking.not_booked")}


# -- a visit already booked -----------------------------------------------------------------------
def exists(renderer: Renderer, language: str, arguments: dict[str, Any]) -> Message:
    visit = _visit(renderer, language, arguments)
    text = renderer.t(language, "booking.exists", **visit)
    return {"text": text + "\n" + renderer.t(language, "booking.how_to_change", code=visit["code"])}


def show(renderer: Renderer, language: str, arguments: dict[str, Any]) -> Message:
    text = renderer.t(language, "booking.show", **_visit(renderer, language, arguments))
    options = [(value, renderer.t(language, OPTION_IDS[value])) for value in ("cancel", "change", "keep")]
    return _choice(text, "manage", options)


def pick(renderer: Renderer, language: str, arguments: dict[str, Any]) -> Message:
    visits = arguments.get("bookings")
    if not isinstance(visits, list) or not visits:
        raise BadArguments("`bookings` must be a non-empty list")
    options = []
    for visit in visits:
        about = _visit(renderer, language, visit)
        options.append((about["code"], f"{about['when']} – {about['centre']} ({about['code']})"))
    return _choice(renderer.t(language, "booking.pick"), "pick", options)


def confirm_cancel(renderer: Renderer, language: str, arguments: dict[str, Any]) -> Message:
    text = renderer.t(language, "booking.confirm_cancel", **_visit(renderer, language, arguments))
    return _yes_no(renderer, language, text, "cancel")


def cancelled(renderer: Renderer, language: str, arguments: dict[str, Any]) -> Message:
    return {"text": renderer.t(language, "booking.cancelled", **_visit(renderer, language, arguments))}


def kept(renderer: Renderer, language: str, arguments: dict[str, Any]) -> Message:
    return {"text": renderer.t(language, "booking.kept", code=_code(arguments))}


def unknown(renderer: Renderer, language: str, arguments: dict[str, Any]) -> Message:
    code = arguments.get("code")
    if isinstance(code, str) and code:
        return {"text": renderer.t(language, "booking.unknown", code=code)}
    return {"text": renderer.t(language, "booking.unknown_none")}


def over(renderer: Renderer, language: str, arguments: dict[str, Any]) -> Message:
    visit = _visit(renderer, language, arguments)
    if arguments.get("status") == "cancelled":
        return {"text": renderer.t(language, "booking.over_cancelled", **visit)}
    return {"text": renderer.t(language, "booking.over_past", **visit)}


RENDERERS: dict[str, Callable[[Renderer, str, dict[str, Any]], Message]] = {
    replies.BOOKING_OFFER: offer,
    replies.BOOKING_ASK_SERVICE: ask_service,
    replies.BOOKING_ASK_CENTRE: ask_centre,
    replies.BOOKING_ASK_SLOT: ask_slot,
    replies.BOOKING_NO_SLOTS: no_slots,
    replies.BOOKING_NO_CENTRE: no_centre,
    replies.BOOKING_CONFIRM: confirm,
    replies.BOOKING_CONFIRMED: confirmed,
    replies.BOOKING_NOT_BOOKED: not_booked,
    replies.BOOKING_EXISTS: exists,
    replies.BOOKING_SHOW: show,
    replies.BOOKING_PICK: pick,
    replies.BOOKING_CONFIRM_CANCEL: confirm_cancel,
    replies.BOOKING_CANCELLED: cancelled,
    replies.BOOKING_KEPT: kept,
    replies.BOOKING_UNKNOWN: unknown,
    replies.BOOKING_OVER: over,
}

"""The names of the bot's replies: the conversation says them, the NLG endpoint renders them.

One list, imported by both sides (bot/nlg/responses.py registers a renderer for each name, and a
test checks that the two agree), so a reply is never named twice in two places.
"""

from __future__ import annotations

ASK_LANGUAGE = "utter_ask_language"
LANGUAGE_CHANGED = "utter_language_changed"
CONSENT = "utter_consent"
ASK_QUESTION = "utter_ask_question"  # {question, options?, precision?: "month" | "year", year?}
NOT_UNDERSTOOD = "utter_not_understood"
UNDERSTOOD = "utter_understood"  # {understood: {fact: value}}: "Anotado: ..." + custom.understood
RESULTS = "utter_results"
WHY = "utter_why"
WHY_QUESTION = "utter_why_question"
WHY_NOTHING = "utter_why_nothing"
FOLLOWUP = "utter_followup"  # {topic, pathway?, term?, need?, results, facts, on, country}
RESTARTED = "utter_restarted"
NOTHING_TO_UNDO = "utter_nothing_to_undo"
WENT_BACK = "utter_went_back"
HANDOFF_CREATED = "utter_handoff_created"
HANDOFF_DECLINED = "utter_handoff_declined"
OFFER_HUMAN = "utter_offer_human"
CONFIRM_DELETE = "utter_confirm_delete"
DATA_DELETED = "utter_data_deleted"
DELETE_CANCELLED = "utter_delete_cancelled"
WELCOME_BACK = "utter_welcome_back"
TEXT_ONLY = "utter_text_only"
LOCATION_NOTED = "utter_location_noted"
URGENT = "utter_urgent"  # {categories, country, region}: custom.urgent = true
HANDOFF_WAITING = "utter_handoff_waiting"  # {status}: no text, only custom.handoff (the bot is paused)
# Booking a visit to a centre (bot/conversation/flows/booking.py, rendered by bot/nlg/booking.py).
# Times are ISO 8601 with the centre's offset; `centre` is a centre id, `service` a booking service.
BOOKING_OFFER = "utter_booking_offer"  # {}: yes / no
BOOKING_ASK_SERVICE = "utter_booking_ask_service"  # {services, suggested}
BOOKING_ASK_CENTRE = "utter_booking_ask_centre"  # {centres}
BOOKING_ASK_SLOT = "utter_booking_ask_slot"  # {centre, slots, more, taken?: bool, moving?: code}
BOOKING_NO_SLOTS = "utter_booking_no_slots"  # {centre}
BOOKING_NO_CENTRE = "utter_booking_no_centre"  # {country?, service?}
BOOKING_CONFIRM = "utter_booking_confirm"  # {centre, start, service, moving?: code}
BOOKING_CONFIRMED = "utter_booking_confirmed"  # {code, centre, start, service, pathway?, ics_token, moved?}
BOOKING_NOT_BOOKED = "utter_booking_not_booked"  # {}
BOOKING_EXISTS = "utter_booking_exists"  # {code, centre, start}
BOOKING_SHOW = "utter_booking_show"  # {code, centre, start}: cancel / change / keep
BOOKING_PICK = "utter_booking_pick"  # {bookings: [{code, centre, start}]}
BOOKING_CONFIRM_CANCEL = "utter_booking_confirm_cancel"  # {code, centre, start}
BOOKING_CANCELLED = "utter_booking_cancelled"  # {code, centre, start}
BOOKING_KEPT = "utter_booking_kept"  # {code}
BOOKING_UNKNOWN = "utter_booking_unknown"  # {code?}: no such booking (or none from this conversation)
BOOKING_OVER = "utter_booking_over"  # {code, centre, start, status}: past, cancelled or already marked

ALL = tuple(value for name, value in sorted(globals().items()) if name.isupper() and isinstance(value, str))

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

ALL = tuple(value for name, value in sorted(globals().items()) if name.isupper() and isinstance(value, str))

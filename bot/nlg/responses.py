"""Renders each named bot response into text, buttons and `custom` metadata in one language.

Question messages carry `custom: {"question": FACT, "options": [...]}` and the results message
`custom: {"results": [{"pathway": ID, "status": STATUS}]}` (design.md section 5).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from babel import Locale

from bot.i18n.answers import native_language_name
from bot.i18n.catalogs import translate
from bot.kb.facts import CLAIM_STATES
from bot.kb.model import NONE, UNKNOWN, KnowledgeBase
from bot.kb.store import KnowledgeBaseStore
from bot.nlg import results
from bot.nlg.errors import BadArguments, Message, UnknownResponse
from bot.settings import SUPPORTED_LANGUAGES, Settings

__all__ = ["BadArguments", "Renderer", "UnknownResponse"]


def _answer_payload(value: str) -> str:
    # Rasa reads "/intent{json}" without NLU; the action takes the value from the `answer` entity.
    return "/inform" + json.dumps({"answer": value}, separators=(",", ":"))


def _question(text: str, fact: str, options: list[tuple[str, str]]) -> Message:
    return {
        "text": text,
        "buttons": [{"title": title, "payload": _answer_payload(value)} for value, title in options],
        "custom": {"question": fact, "options": [value for value, _ in options]},
    }


class Renderer:
    """Knows every response the bot can send; `render(name, language, arguments)` builds one."""

    def __init__(self, kb: KnowledgeBase | KnowledgeBaseStore, settings: Settings) -> None:
        self._kb = kb
        self.settings = settings
        self._responses: dict[str, Callable[[str, dict[str, Any]], Message]] = {
            "utter_ask_language": self._ask_language,
            "utter_consent": self._consent,
            "utter_ask_question": self._ask_question,
            "utter_not_understood": self._not_understood,
            "utter_results": lambda lang, args: results.render_results(self, lang, args),
            "utter_why": lambda lang, args: results.render_why(self, lang, args),
            "utter_why_question": self._why_question,
            "utter_why_nothing": self._simple("why.nothing"),
            "utter_restarted": self._simple("restart.done"),
            "utter_nothing_to_undo": self._simple("back.nothing"),
            "utter_went_back": self._simple("back.done"),
            "utter_handoff_created": self._simple("handoff.created"),
            "utter_handoff_declined": self._simple("handoff.declined"),
            "utter_confirm_delete": self._yes_no("delete.confirm", "confirm_delete"),
            "utter_offer_human": self._yes_no("handoff.offer", "offer_human"),
            # `erased` tells the /chat page to forget its conversation id too
            "utter_data_deleted": lambda lang, args: {
                "text": self.t(lang, "delete.done"),
                "custom": {"erased": True},
            },
            "utter_delete_cancelled": self._simple("delete.cancelled"),
            "utter_language_changed": self._simple("language.changed"),
            "utter_welcome_back": self._simple("welcome.back"),
            "utter_text_only": self._simple("channel.text_only"),
            "utter_location_noted": self._location_noted,
        }

    @property
    def kb(self) -> KnowledgeBase:
        """The current knowledge base (a store reloads edited files)."""
        return self._kb.get() if isinstance(self._kb, KnowledgeBaseStore) else self._kb

    @property
    def names(self) -> list[str]:
        return sorted(self._responses)

    def render(self, name: str, language: str, arguments: dict[str, Any]) -> Message:
        if name not in self._responses:
            raise UnknownResponse(name)
        if language not in SUPPORTED_LANGUAGES:
            language = self.settings.default_language
        return self._responses[name](language, arguments)

    def t(self, language: str, msgid: str, **values: Any) -> str:
        """The catalog message `msgid` in `language`, placeholders filled."""
        return translate(language, msgid, self.settings.locales_dir, **values)

    def _simple(self, msgid: str) -> Callable[[str, dict[str, Any]], Message]:
        return lambda language, arguments: {"text": self.t(language, msgid)}

    def _yes_no(self, msgid: str, question: str) -> Callable[[str, dict[str, Any]], Message]:
        def render(language: str, arguments: dict[str, Any]) -> Message:
            options = [(value, self.t(language, f"option.{value}")) for value in ("yes", "no")]
            return _question(self.t(language, msgid), question, options)

        return render

    def _location_noted(self, language: str, arguments: dict[str, Any]) -> Message:
        code = arguments.get("country")
        name = Locale.parse(language).territories.get(code) if isinstance(code, str) else None
        if name is None:
            raise BadArguments(f"unknown country {code!r}")
        return {"text": self.t(language, "location.noted", country=name)}

    def _why_question(self, language: str, arguments: dict[str, Any]) -> Message:
        fact = arguments.get("question")
        question = self.kb.questions.get(fact) if isinstance(fact, str) else None
        if question is None or not question.help:
            raise BadArguments(f"no help text for question {arguments.get('question')!r}")
        return {"text": self.t(language, "why.question", help=self.t(language, question.help))}

    def _ask_language(self, language: str, arguments: dict[str, Any]) -> Message:
        # Nobody has chosen a language yet, so the prompt speaks all of them.
        text = " / ".join(self.t(lang, "language.ask") for lang in SUPPORTED_LANGUAGES)
        options = [(lang, native_language_name(lang)) for lang in SUPPORTED_LANGUAGES]
        return _question(text, "language", options)

    def _consent(self, language: str, arguments: dict[str, Any]) -> Message:
        days = self.settings.retention_days
        # The plural rule of the language (CLDR): "1 día" but "90 días", "0 jour" and "2 jours".
        if Locale.parse(language).plural_form(days) == "one":
            notice = self.t(language, "consent.notice.one", days=days)
        else:
            notice = self.t(language, "consent.notice.other", days=days)
        return {"text": notice + "\n\n" + self.t(language, "commands.hint")}

    def _not_understood(self, language: str, arguments: dict[str, Any]) -> Message:
        return {"text": self.t(language, "answer.not_understood")}

    def _list_options(self, language: str, values: Any) -> list[tuple[str, str]]:
        """A list question's options: programmes by their name in the language, claim states from
        the catalogs, then "none of these" and "I don't know"."""
        if not isinstance(values, list) or not values or not all(isinstance(v, str) for v in values):
            raise BadArguments("a list question needs `options`: a non-empty list of ids")
        options = []
        for value in values:
            if value in CLAIM_STATES:
                options.append((value, self.t(language, f"option.{value}")))
                continue
            try:
                options.append((value, self.kb.pathway(value).name[language]))
            except KeyError as exc:
                raise BadArguments(f"unknown option {value!r}") from exc
        return options + [(value, self.t(language, f"option.{value}")) for value in (NONE, UNKNOWN)]

    def _ask_question(self, language: str, arguments: dict[str, Any]) -> Message:
        fact = arguments.get("question")
        question = self.kb.questions.get(fact) if isinstance(fact, str) else None
        if question is None:
            raise BadArguments(f"unknown question {fact!r}")
        if question.type == "country":
            names = Locale.parse(language).territories
            options = [(code, names.get(code, code)) for code in question.options]
        elif question.type == "list":
            options = self._list_options(language, arguments.get("options"))
        else:
            options = [(value, self.t(language, f"option.{value}")) for value in question.answer_options]
        return _question(self.t(language, question.prompt), fact, options)

"""Which language a person writes in, and when they ask to change it.

Three readings, for three moments of a conversation:
- `detect_language`: the first message, as people write it ("ola bns tardes", "sak pase", "soy d
  venezuela toy en lima"), scored with cue words and letter shapes kept as data in `lexicon`;
- `parse_language_switch`: an explicit request at any point ("mejor en español", "english please",
  "pale kreyòl"), never a demonym ("sou haitiano") nor a negation ("no hablo español");
- `parse_language`: the reply to the language menu, a code or a name alone, or a switch phrase.
Language names come from CLDR (through Babel) plus the spellings people type and Creole's own names.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from functools import lru_cache

from babel import Locale

from bot.i18n import lexicon
from bot.i18n.text import normalize
from bot.settings import ALL_LANGUAGES

__all__ = [
    "detect_language",
    "language_names",
    "native_language_name",
    "parse_language",
    "parse_language_switch",
]

# Weights: a word cue, each extra word of a phrase cue, a letter shape, an accented letter.
_CUE_WEIGHT = 1.0
_PHRASE_BONUS = 1.0
_PATTERN_WEIGHT = 0.5
_LETTER_WEIGHT = 0.5


def _phrase_table(table: dict[str, list[str]]) -> dict[tuple[str, ...], frozenset[str]]:
    """Normalized phrase (as a word tuple) -> the languages that list it."""
    langs: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for lang, phrases in table.items():
        for phrase in phrases:
            if words := tuple(normalize(phrase).split()):
                langs[words].add(lang)
    return {words: frozenset(codes) for words, codes in langs.items()}


_CUES = _phrase_table(lexicon.LANGUAGE_CUES)
_LONGEST_CUE = max(len(words) for words in _CUES)
_PATTERNS = {lang: [re.compile(p) for p in patterns] for lang, patterns in lexicon.LANGUAGE_PATTERNS.items()}


def _squeezed(word: str) -> list[str]:
    """Spellings of a drawn-out word to try: "holaa" -> "hola", "oiii" -> "oi", "helloooo" -> "hello"."""
    return [
        re.sub(r"(.)\1{2,}", r"\1", word),
        re.sub(r"(.)\1+", r"\1", word),
        re.sub(r"(.)\1{2,}", r"\1\1", word),
    ]


def _cue_spans(words: list[str]) -> list[tuple[int, frozenset[str]]]:
    """The cues in a word list, longest first from left to right: (number of words, languages)."""
    found: list[tuple[int, frozenset[str]]] = []
    i = 0
    while i < len(words):
        for size in range(min(_LONGEST_CUE, len(words) - i), 0, -1):
            langs = _CUES.get(tuple(words[i : i + size]))
            if langs is None and size == 1:
                langs = next((_CUES[(w,)] for w in _squeezed(words[i]) if (w,) in _CUES), None)
            if langs is not None:
                found.append((size, langs))
                i += size
                break
        else:
            i += 1
    return found


def _scores(text: str, languages: Sequence[str]) -> dict[str, float]:
    words = normalize(text).split()
    scores = dict.fromkeys(languages, 0.0)
    for size, langs in _cue_spans(words):
        for lang in langs & scores.keys():
            scores[lang] += _CUE_WEIGHT + _PHRASE_BONUS * (size - 1)
    for lang in scores:
        shapes = sum(1 for w in words for p in _PATTERNS.get(lang, ()) if p.search(w))
        letters = sum(1 for c in text.casefold() if c in lexicon.LANGUAGE_LETTERS.get(lang, ""))
        scores[lang] += _PATTERN_WEIGHT * shapes + _LETTER_WEIGHT * letters
    return scores


def detect_language(text: str, languages: Sequence[str] = ALL_LANGUAGES) -> str | None:
    """The language a first message is most likely written in, or None when it is not clear: no
    cue at all ("ok", "👍", ".") or two languages exactly level ("ola" alone is Spanish or
    Portuguese). Shared words count for every language that uses them, so the words that tell the
    languages apart decide, and letter shapes ("-ção", "ñ", "mw-") break what the words leave even."""
    if named := parse_language_switch(text, languages):
        return named
    scores = _scores(text, languages)
    best = max(scores.values(), default=0.0)
    winners = [lang for lang, score in scores.items() if score == best]
    return winners[0] if best > 0 and len(winners) == 1 else None


@lru_cache(maxsize=1)
def language_names() -> dict[str, str]:
    """Normalized language name -> code: every language's name in each supported language (CLDR),
    plus the spellings and Creole names in `lexicon.LANGUAGE_NAMES`."""
    names: dict[str, str] = {}
    for display in ALL_LANGUAGES:
        locale = Locale.parse(display)
        for code in ALL_LANGUAGES:
            names[normalize(locale.languages[code])] = code
    for code, spellings in lexicon.LANGUAGE_NAMES.items():
        names.update((normalize(name), code) for name in spellings)
    return names


_DEMONYMS = frozenset(normalize(w) for w in lexicon.DEMONYM_LANGUAGE_NAMES)
_VERBS = frozenset(lexicon.SWITCH_VERBS)
_PREPOSITIONS = frozenset(lexicon.SWITCH_PREPOSITIONS)
_TO_WORDS = frozenset(lexicon.SWITCH_TO_WORDS)
_FILLERS = frozenset(lexicon.SWITCH_FILLERS)
_NEGATIONS = frozenset(lexicon.SWITCH_NEGATIONS)
_POLITE = tuple(tuple(normalize(p).split()) for p in lexicon.SWITCH_POLITE)


def _name_spans(words: list[str]) -> list[tuple[int, int, str]]:
    """Language names in a word list, longest first: (start, end, normalized name)."""
    names = language_names()
    longest = max(len(name.split()) for name in names)
    spans, i = [], 0
    while i < len(words):
        for size in range(min(longest, len(words) - i), 0, -1):
            name = " ".join(words[i : i + size])
            if name in names:
                spans.append((i, i + size, name))
                i += size
                break
        else:
            i += 1
    return spans


def _verb_before(words: list[str], start: int) -> int | None:
    """Where the switch verb governing a name that starts at `start` is, if there is one."""
    i = start - 1
    if i >= 0 and (words[i] in _PREPOSITIONS or words[i] in _TO_WORDS):
        i -= 1
    if i >= 0 and words[i] in _FILLERS:
        i -= 1
    return i if i >= 0 and words[i] in _VERBS else None


def _negated(words: list[str], verb: int) -> bool:
    """ "no hablo", "não falo", "I don't speak", "je ne parle pas", "m pa pale"."""
    around = words[max(0, verb - 1) : verb] + words[verb + 1 : verb + 2]  # "nao entendo, fala" is no negation
    return any(w in _NEGATIONS for w in around)


def _polite_after(words: list[str], end: int) -> bool:
    return any(tuple(words[end : end + len(p)]) == p for p in _POLITE)


def parse_language_switch(text: str, languages: Sequence[str] = ALL_LANGUAGES) -> str | None:
    """The language a message explicitly asks to continue in, or None.

    A name counts when a switch word goes with it: a preposition ("en español", "em português",
    "in english", "an kreyòl"), a verb ("fala português", "can we speak english", "parlez-vous
    français", "cambiar a inglés") or a courtesy after it ("english please", "kreyòl souple"). A
    negated verb ("no hablo español", "I don't speak French") is not a choice, and a demonym
    without a switch word ("sou haitiano", "je suis haïtien") is a nationality, not a language."""
    words = normalize(text).split()
    names = language_names()
    for start, end, name in _name_spans(words):
        code = names[name]
        if code not in languages:
            continue
        verb = _verb_before(words, start)
        if verb is not None:
            if _negated(words, verb):
                continue
            return code
        if start > 0 and words[start - 1] in _PREPOSITIONS:
            return code
        if name not in _DEMONYMS and _polite_after(words, end):
            return code
    return None


def parse_language(text: str, languages: Sequence[str] = ALL_LANGUAGES) -> str | None:
    """The reply to the language menu: a code sent alone ("en" is English here, not Creole "one";
    option numbers are the caller's), a language name alone ("kreyol", "english", "español"),
    or a switch phrase ("en español por favor"). A demonym alone ("haitiano") is not a choice."""
    words = normalize(text)
    if words in languages:
        return words
    code = language_names().get(words)
    if code in languages and words not in _DEMONYMS:
        return code
    return parse_language_switch(text, languages)


def native_language_name(code: str) -> str:
    """ "Español", "Português", "English", "Français", "Kreyòl ayisyen": a language's own name."""
    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]

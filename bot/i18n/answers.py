"""Reading answers as people type them: option numbers, yes / no / "I don't know", languages,
countries (via places.py) and dates (via dates.py), in any of the five languages."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from bot.i18n import lexicon
from bot.i18n.dates import parse_date
from bot.i18n.languages import (
    detect_language,
    language_names,
    native_language_name,
    parse_language,
    parse_language_switch,
)
from bot.i18n.text import normalize

if TYPE_CHECKING:
    from bot.i18n.places import PlaceReader

__all__ = [
    "detect_language",
    "is_dont_know",
    "language_names",
    "native_language_name",
    "normalize",
    "parse_country",
    "parse_date",
    "parse_language",
    "parse_language_switch",
    "parse_option",
    "parse_options",
    "parse_yes_no",
]

_OPTION_NUMBER = re.compile(r"^\s*(?:n[°ºo.]?\s*)?(\d{1,2})\s*[.)\-]?\s*$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _number_words() -> dict[str, int]:
    words: dict[str, int] = {}
    for numbers in lexicon.NUMBERS.values():
        for value, word in enumerate(numbers, start=1):
            words.setdefault(normalize(word), value)
    return words


def parse_option(text: str, options: Sequence[str]) -> str | None:
    """The option a reply like "2", "2.", "2)", "dos" or "two" picks, or None."""
    match = _OPTION_NUMBER.match(text)
    if match:
        index = int(match.group(1)) - 1
    elif (number := _number_words().get(normalize(text))) is not None:
        index = number - 1
    else:
        return None
    return options[index] if 0 <= index < len(options) else None


_NUMBER_LIST = re.compile(r"\d{1,2}(?: \d{1,2})*")


def parse_options(text: str, options: Sequence[str]) -> list[str] | None:
    """The options a reply like "1 3", "1, 3" or "1 y 3" picks (several at once), or None when it
    is not a list of option numbers or names a number that is not offered."""
    words = " ".join(w for w in normalize(text).split() if w not in _AND_WORDS)
    if not _NUMBER_LIST.fullmatch(words):
        return None
    picked = []
    for number in words.split():
        index = int(number) - 1
        if not 0 <= index < len(options):
            return None
        picked.append(options[index])
    return list(dict.fromkeys(picked)) or None


def is_none_of_these(text: str) -> bool:
    """ "ninguno", "nenhum", "none of these", "aucun", "okenn"…"""
    return normalize(text) in _NONE_OF_THESE


_SPELLINGS = {normalize(k): v for k, v in lexicon.ANSWER_SPELLINGS.items()}
_CONTRACTIONS = frozenset(lexicon.CONTRACTIONS)


def _words(text: str) -> list[str]:
    """Normalized words with SMS spellings expanded ("q" -> "que", "naum" -> "nao") and "don t"
    joined into "dont", so the lexicon's phrases and people's messages compare in one form."""
    words: list[str] = []
    for word in normalize(text).split():
        if word == "t" and words and words[-1] in _CONTRACTIONS:
            words[-1] += "t"
        else:
            words.append(_SPELLINGS.get(word, word))
    return words


def _phrases(table: dict[str, list[str]]) -> frozenset[str]:
    return frozenset(" ".join(_words(p)) for phrases in table.values() for p in phrases)


_YES, _NO, _DONT_KNOW = _phrases(lexicon.YES), _phrases(lexicon.NO), _phrases(lexicon.DONT_KNOW)
_NONE_OF_THESE = _phrases(lexicon.NONE_OF_THESE)
_AND_WORDS = frozenset(lexicon.AND_WORDS)
_YES_FIRST = frozenset({"si", "sim", "yes", "yeah", "yep", "oui", "ouais", "wi", "claro", "s"})
_NO_FIRST = frozenset({"no", "nao", "non", "nope", "nah", "nop", "nan", "nunca", "never", "jamais", "jamas"})
_BUT = frozenset(" ".join(_words(w)) for w in lexicon.BUT_WORDS)
_NEGATIONS = frozenset(lexicon.NEGATIONS)
_HEDGES = sorted((_words(h) for h in lexicon.ANSWER_HEDGES), key=len, reverse=True)
_DONT_KNOW_FOLLOWERS = {
    tuple(_words(p)): frozenset(_SPELLINGS.get(f, f) for f in followers)
    for p, followers in lexicon.DONT_KNOW_FOLLOWERS.items()
}
_LONGEST_DONT_KNOW = max(len(p.split()) for p in _DONT_KNOW)
_ANY_CLAUSE_AFFIRMS = frozenset(lexicon.ANY_CLAUSE_AFFIRMS)
# Words that may stand before a cue that opens its clause ("mi pasaporte no", "el pasaporte no").
_DETERMINERS = frozenset([*lexicon.ARTICLES, "mi", "my", "mon", "ma", "meu", "minha", "un", "una", "um"])
_CLAUSE_BREAK = re.compile(r"[,;.!?¡¿\n]+|\s-\s")
_REPEATED_LETTER = re.compile(r"(\w)\1+")
# How many words before a content cue a negation still reaches ("no tengo ningún documento").
_NEGATION_REACH = 3


def _starts_dont_know(words: list[str]) -> bool:
    """Whether the words are, or begin with, a don't-know ("no sé qué decir"), but not "no se puede"."""
    for size in range(min(len(words), _LONGEST_DONT_KNOW), 0, -1):
        head = tuple(words[:size])
        if " ".join(head) in _DONT_KNOW:
            rest = words[size:]
            followers = _DONT_KNOW_FOLLOWERS.get(head)
            return not rest or followers is None or rest[0] in followers
    return False


def is_dont_know(text: str) -> bool:
    """ "no sé", "não sei", "I don't know", "je ne sais pas", "m pa konnen"…, also opening a longer
    reply ("no sé qué decir", "idk what to say", "je sais pas quoi dire"): such a reply is a
    don't-know, never a no."""
    first_clause = _CLAUSE_BREAK.split(text.strip(), maxsplit=1)[0]
    return _starts_dont_know(_words(first_clause))


def _clauses(text: str) -> list[list[str]]:
    """The reply cut at punctuation and at "but" words ("no tengo pasaporte | sí cédula")."""
    clauses: list[list[str]] = []
    for part in _CLAUSE_BREAK.split(text):
        current: list[str] = []
        words = _words(part)
        i = 0
        while i < len(words):
            size = 2 if " ".join(words[i : i + 2]) in _BUT else 1 if words[i] in _BUT else 0
            if size:
                clauses.append(current)
                current = []
                i += size
            else:
                current.append(words[i])
                i += 1
        clauses.append(current)
    return [clause for clause in clauses if clause]


@dataclass(frozen=True)
class _Cue:
    """A content cue: its words ("*" ending a word matches any word it begins) and whether it
    affirms the fact."""

    words: tuple[str, ...]
    affirms: bool

    def matches(self, words: list[str], start: int) -> bool:
        if start + len(self.words) > len(words):
            return False
        return all(
            word.startswith(pattern[:-1]) if pattern.endswith("*") else word == pattern
            for pattern, word in zip(self.words, words[start:], strict=False)
        )


@cache
def _fact_cues(fact: str) -> tuple[_Cue, ...]:
    """The content cues of one fact (lexicon.FACT_CUES), longest first."""
    cues = {
        _Cue(tuple(w if w.endswith("*") else _SPELLINGS.get(w, w) for w in phrase.split()), polarity == "yes")
        for polarity, per_language in lexicon.FACT_CUES.get(fact, {}).items()
        for phrases in per_language.values()
        for phrase in phrases
    }
    return tuple(sorted(cues, key=lambda cue: (-len(cue.words), cue.words)))


def _negated(words: list[str], start: int, end: int) -> bool:
    """A negation shortly before the cue ("no tengo miedo", "m pa gen paspò"), or right after a
    cue that opens its clause ("pasaporte no", "mi cédula no")."""
    if any(word in _NEGATIONS for word in words[max(0, start - _NEGATION_REACH) : start]):
        return True
    opens = start == 0 or (start == 1 and words[0] in _DETERMINERS)
    return opens and end < len(words) and words[end] in _NEGATIONS


def _content_answer(words: list[str], cues: tuple[_Cue, ...], any_affirms: bool) -> bool | None:
    """What the clause's content says about the fact (None without cues): each cue affirms or denies
    it, turned round under a negation ("no tengo miedo"). With `any_affirms` one affirming cue is
    enough; otherwise the last cue counts ("mon casier judiciaire est vierge")."""
    taken = [False] * len(words)
    verdicts: list[tuple[int, bool]] = []
    for cue in cues:
        size = len(cue.words)
        for start in range(len(words) - size + 1):
            if not any(taken[start : start + size]) and cue.matches(words, start):
                taken[start : start + size] = [True] * size
                verdicts.append((start, cue.affirms != _negated(words, start, start + size)))
    if not verdicts:
        return None
    return any(v for _, v in verdicts) if any_affirms else max(verdicts)[1]


def _without_hedges(words: list[str]) -> list[str]:
    """The words after softeners such as "kinda", "creo que", "je pense que"."""
    stripped = True
    while stripped and words:
        stripped = False
        for hedge in _HEDGES:
            if words[: len(hedge)] == hedge and len(words) > len(hedge):
                words, stripped = words[len(hedge) :], True
                break
    return words


def _plain_answer(words: list[str]) -> bool | None:
    """A yes or no said with yes/no words: the whole clause ("claro que sí", "nops"), or its first
    word ("sí, tengo", "siii", "noo")."""
    words = _without_hedges(words)
    phrase = " ".join(words)
    for candidate in (phrase, _REPEATED_LETTER.sub(r"\1", phrase)):
        if candidate in _YES:
            return True
        if candidate in _NO:
            return False
    for first in (words[0], _REPEATED_LETTER.sub(r"\1", words[0])):
        if first in _YES_FIRST:
            return True
        if first in _NO_FIRST:
            return False
    return None


def _emoji_answer(text: str) -> bool | None:
    yes = any(e in text for e in lexicon.EMOJI_YES)
    no = any(e in text for e in lexicon.EMOJI_NO)
    return yes if yes != no else None


def parse_yes_no(text: str, fact: str | None = None) -> bool | None:
    """True for a yes, False for a no, None when the reply says neither or does not know.

    Replies are read clause by clause ("no tengo pasaporte, pero sí cédula"). With `fact`, a
    clause's content counts before its yes/no words: "tengo pasaporte vencido" answers
    has_passport_or_id, "me quieren matar si vuelvo" answers fear_of_return. A clause opening with
    a don't-know says nothing. For the facts in lexicon.ANY_CLAUSE_AFFIRMS any affirming clause
    wins; otherwise the last clause that says something does ("arrested once but no charges").
    """
    cues = _fact_cues(fact) if fact else ()
    verdicts = []
    for clause in _clauses(text):
        if _starts_dont_know(clause):
            continue
        verdict = _content_answer(clause, cues, fact in _ANY_CLAUSE_AFFIRMS) if cues else None
        if verdict is None:
            verdict = _plain_answer(clause)
        if verdict is not None:
            verdicts.append(verdict)
    if not verdicts:
        return _emoji_answer(text)
    return any(verdicts) if fact in _ANY_CLAUSE_AFFIRMS else verdicts[-1]


@lru_cache(maxsize=1)
def _default_reader() -> PlaceReader:
    # Imported here: spaCy is needed only where answers are read, not where messages are rendered.
    from bot.i18n.places import PlaceReader

    return PlaceReader({}, {})


def parse_country(text: str, reader: PlaceReader | None = None) -> str | None:
    """The one country a text names (by name, or demonym and city when the reader knows them)."""
    return (reader or _default_reader()).country(text)

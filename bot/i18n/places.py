"""Finding countries in free text: names (Babel/CLDR, five languages), demonyms and cities (KB).

A blank spaCy pipeline (no model download) tokenizes the normalized text and a PhraseMatcher
finds every known name; the longest match wins where they overlap ("Guinea Ecuatorial" over
"Guinea"). Cue phrases tell where someone comes from ("soy de…") from where they are
("estoy en…"): a demonym means nationality, a city means the current country.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from babel import Locale

from bot.i18n import lexicon
from bot.i18n.text import normalize
from bot.settings import ALL_LANGUAGES


def _import_spacy_without_tensorflow():
    """Import spaCy while TensorFlow is hidden: thinc probes for it at import, which costs ~2 s and
    ~400 MiB, and a blank tokenizer with a PhraseMatcher needs none of it. The block is lifted
    afterwards, so a process that really uses TensorFlow (Rasa) is unaffected."""
    hide = "tensorflow" not in sys.modules
    if hide:
        sys.modules["tensorflow"] = None  # type: ignore[assignment]  # makes `import tensorflow` fail
    try:
        import spacy
        from spacy.matcher import PhraseMatcher
        from spacy.util import filter_spans
    finally:
        if hide:
            del sys.modules["tensorflow"]
    return spacy, PhraseMatcher, filter_spans


spacy, PhraseMatcher, filter_spans = _import_spacy_without_tensorflow()

LANGUAGES = ALL_LANGUAGES
NAME, DEMONYM, CITY = "name", "demonym", "city"


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Normalized country name in any supported language -> ISO 3166-1 alpha-2 code (from CLDR)."""
    names: dict[str, str] = {}
    for lang in LANGUAGES:
        for code, name in Locale.parse(lang).territories.items():
            if len(code) == 2 and code.isalpha() and code != "ZZ":
                names.setdefault(normalize(name), code)
    return names


@dataclass(frozen=True)
class Place:
    code: str
    kind: str  # name, demonym or city
    start: int  # token offsets in the normalized text
    end: int


_ORIGIN_LINKS = frozenset(lexicon.ORIGIN_LINKS)
_ARTICLES = frozenset(lexicon.ARTICLES)
_PREPOSITIONS = frozenset(lexicon.PLACE_PREPOSITIONS)
_PLACE_WORDS = frozenset(normalize(w) for w in lexicon.PLACE_WORDS)
_CAPITALS_ONLY = {normalize(w): frozenset(after) for w, after in lexicon.CAPITALS_ONLY_PLACES.items()}
_LANGUAGE_WORDS = frozenset(normalize(w) for w in lexicon.LANGUAGE_WORDS)
_AMBIGUOUS = {normalize(name): tuple(codes) for name, codes in lexicon.AMBIGUOUS_PLACES.items()}
_AMBIGUOUS_LONGEST = max(len(name.split()) for name in _AMBIGUOUS)
_FLAG = re.compile("([\U0001f1e6-\U0001f1ff])([\U0001f1e6-\U0001f1ff])")


def _flags_as_names(text: str) -> str:
    """An emoji flag ("🇻🇪", two regional-indicator letters) replaced by its country's English name,
    so a flag reads like the name typed out."""

    def name(match: re.Match[str]) -> str:
        code = "".join(chr(ord(c) - 0x1F1E6 + ord("A")) for c in match.groups())
        return f" {Locale.parse('en').territories.get(code, '')} "

    return _FLAG.sub(name, text)


def _cased_words(text: str) -> list[str]:
    """The words of `normalize(text)` with their original case, to tell "LA" from the article "la"."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^\w]+", " ", stripped).replace("_", " ").split()


def _before(words: list[str], start: int) -> str:
    """Up to five words before a place, without an article right before it ("en los estados")."""
    end = start - 1 if start and words[start - 1] in _ARTICLES else start
    return " ".join(words[max(0, end - 5) : end])


def _ends_with_cue(before: str, cues: list[str]) -> bool:
    """Whether a cue ends the words before a place, or ends them but for one preposition ("je vis
    | au Chili", "j'habite | à Lima")."""
    padded = f" {before}"
    head, _, last = padded.rpartition(" ")
    endings = [padded, head] if last in _PREPOSITIONS else [padded]
    return any(ending.endswith(f" {cue}") for ending in endings for cue in cues)


def _ambiguous_city_before(words: list[str], start: int, code: str) -> int | None:
    """Where an ambiguous city name ends right before a country of its own ("cordoba | argentina"):
    the start of that name, which the country settles; None otherwise."""
    for size in range(min(start, _AMBIGUOUS_LONGEST), 0, -1):
        if code in _AMBIGUOUS.get(" ".join(words[start - size : start]), ()):
            return start - size
    return None


def _stands_as_place(words: list[str], cased: list[str], start: int, end: int) -> bool:
    """Whether a name that is also an ordinary word is used as a place here: the whole message, or
    after a place preposition ("estoy en quito", not "me quito el pasaporte"); "LA" also in capitals."""
    name = " ".join(words[start:end])
    if name in _CAPITALS_ONLY:
        previous = words[start - 1] if start else ""
        capitals = cased[start:end] == [w.upper() for w in cased[start:end]]
        return previous in _CAPITALS_ONLY[name] or (capitals and previous in _PREPOSITIONS)
    if name not in _PLACE_WORDS:
        return True
    if end - start == len(words):
        return True
    i = start - 1
    if i >= 0 and words[i] in _ARTICLES and i > 0 and words[i - 1] in _PREPOSITIONS:
        return True
    return i >= 0 and words[i] in _PREPOSITIONS


class PlaceReader:
    """Finds places in text; build one per knowledge base (demonyms and cities come from it)."""

    def __init__(
        self,
        demonyms: dict[str, str],
        cities: dict[str, str],
        names: dict[str, str] | None = None,
        regions: dict[str, str] | None = None,
    ) -> None:
        self.nlp = spacy.blank("xx")
        self.matcher = PhraseMatcher(self.nlp.vocab)
        self._labels: dict[int, tuple[str, str]] = {}
        all_names = {**(names or {}), **country_names()}
        # A state or province ("Texas", "Roraima") places the person like a city does.
        self._regions = regions or {}
        cities = {**{name: code.split("-", 1)[0] for name, code in self._regions.items()}, **cities}
        for kind, names in ((CITY, cities), (DEMONYM, demonyms), (NAME, all_names)):
            by_code: dict[str, list] = {}
            for name, code in names.items():
                by_code.setdefault(code, []).append(self.nlp.make_doc(name))
            for code, docs in by_code.items():
                key = f"{kind}:{code}"
                self.matcher.add(key, docs)
                self._labels[self.nlp.vocab.strings[key]] = (kind, code)
        self._here = [normalize(c) for c in lexicon.HERE_CUES]
        self._from = [normalize(c) for c in lexicon.FROM_CUES]
        self._nationality = [normalize(c) for c in lexicon.NATIONALITY_CUES]

    def _doc(self, text: str):
        return self.nlp.make_doc(normalize(_flags_as_names(text)))

    def find(self, text: str) -> list[Place]:
        text = _flags_as_names(text)
        doc = self._doc(text)
        words = [token.text for token in doc]
        cased = _cased_words(text)
        cased = cased if len(cased) == len(words) else words
        matches = [
            (start, end, self._labels[match])
            for match, start, end in self.matcher(doc)
            if _stands_as_place(words, cased, start, end)
            and (self._labels[match][0] != DEMONYM or self._names_nationality(words, start, end))
        ]
        labels = {(start, end): label for start, end, label in matches}
        kept = filter_spans([doc[start:end] for start, end, _ in matches])
        return [Place(labels[(s.start, s.end)][1], labels[(s.start, s.end)][0], s.start, s.end) for s in kept]

    def _names_nationality(self, words: list[str], start: int, end: int) -> bool:
        """A demonym that is also a language ("fala portugues", "hablo español") is a nationality
        only after "soy", "sou", "I'm"… or as the whole message."""
        if " ".join(words[start:end]) not in _LANGUAGE_WORDS or end - start == len(words):
            return True
        return _ends_with_cue(_before(words, start), self._nationality)

    def roles(self, text: str) -> dict[str, str]:
        """Which country facts the text states: {"nationality": "VE", "current_country": "CO"}.

        Only what the wording makes clear: a demonym or "soy de X" is a nationality; a city or
        "estoy en X" is the current country. A bare country name has no role here. A city right
        after a demonym ("venezolana de Maracaibo") is a home town: it states no current country.
        A country name or demonym right after a city names the city's country, not a nationality
        ("vivo en cordoba argentina", "lima peru"): it plays the city's role. A place said with a
        cue ("llegamos a Guayaquil") outweighs a bare city named before it ("salimos por Cúcuta").
        """
        words = [token.text for token in self._doc(text)]
        found: dict[str, str] = {}
        demonym_ends: set[int] = set()
        here_by_cue = False
        places = self.find(text)
        city_ends = {p.end: p.code for p in places if p.kind == CITY}
        for place in places:
            kind, start = place.kind, place.start
            if kind != CITY:
                if city_ends.get(start) == place.code:
                    continue  # the city before it has already placed the person
                city_start = _ambiguous_city_before(words, start, place.code)
                if city_start is not None:
                    kind, start = CITY, city_start
            before = _before(words, start)
            # Also with the word before the place kept: "a" is an article in Portuguese but ends
            # the cue "llegamos a".
            kept = " ".join(words[max(0, start - 5) : start])
            from_cue = _ends_with_cue(before, self._from)
            home_town = start >= 2 and words[start - 1] in _ORIGIN_LINKS and (start - 1 in demonym_ends)
            if kind == DEMONYM or from_cue:
                found.setdefault("nationality", place.code)
                if kind == DEMONYM:
                    demonym_ends.add(place.end)
            elif home_town:
                continue
            elif _ends_with_cue(before, self._here) or _ends_with_cue(kept, self._here):
                if not here_by_cue:
                    found["current_country"], here_by_cue = place.code, True
            elif kind == CITY:
                found.setdefault("current_country", place.code)
        return found

    def ambiguous(self, text: str) -> list[str]:
        """The countries a message may mean when it is only a city name shared by several
        ("santiago" -> ["CL", "DO", "CU"]; also "en santiago"), so the bot can ask which one;
        [] for anything else. `country` reads such a message as None."""
        words = normalize(text).split()
        for skip in range(len(words)):
            if skip and words[skip - 1] not in _PREPOSITIONS and words[skip - 1] not in _ARTICLES:
                break
            codes = _AMBIGUOUS.get(" ".join(words[skip:]))
            if codes:
                return list(codes)
        return []

    def region(self, text: str, country: str | None = None) -> str | None:
        """The state or province (ISO 3166-2) of the city or region the text names, if only one."""
        words = [t.text for t in self.nlp.make_doc(normalize(text))]
        found, taken = set(), [False] * len(words)
        # Longest names first, so "Baja California Sur" is not also read as "California".
        for size in range(min(len(words), 6), 0, -1):
            for start in range(len(words) - size + 1):
                if any(taken[start : start + size]):
                    continue
                code = self._regions.get(" ".join(words[start : start + size]))
                if code:
                    taken[start : start + size] = [True] * size
                    if country is None or code.startswith(country + "-"):
                        found.add(code)
        return found.pop() if len(found) == 1 else None

    def country(self, text: str) -> str | None:
        """The one country the text names, if it names exactly one (or an ISO code on its own)."""
        words = normalize(text)
        # "LA" alone is Los Angeles as often as Laos: such abbreviations are not read as codes.
        if len(words) == 2 and words not in _CAPITALS_ONLY and words.upper() in set(country_names().values()):
            return words.upper()
        codes = list(dict.fromkeys(p.code for p in self.find(text)))
        return codes[0] if len(codes) == 1 else None

"""Finding countries in free text: names (Babel/CLDR, five languages), demonyms and cities (KB).

A blank spaCy pipeline (no model download) tokenizes the normalized text and a PhraseMatcher
finds every known name; the longest match wins where they overlap ("Guinea Ecuatorial" over
"Guinea"). Cue phrases tell where someone comes from ("soy de…") from where they are
("estoy en…"): a demonym means nationality, a city means the current country.
"""

from __future__ import annotations

import sys
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

    def find(self, text: str) -> list[Place]:
        doc = self.nlp.make_doc(normalize(text))
        spans = [doc[start:end] for _, start, end in self.matcher(doc)]
        labels = {(s, e): self._labels[m] for m, s, e in self.matcher(doc)}
        kept = filter_spans(spans)
        return [Place(labels[(s.start, s.end)][1], labels[(s.start, s.end)][0], s.start, s.end) for s in kept]

    def roles(self, text: str) -> dict[str, str]:
        """Which country facts the text states: {"nationality": "VE", "current_country": "CO"}.

        Only what the wording makes clear: a demonym or "soy de X" is a nationality; a city or
        "estoy en X" is the current country. A bare country name has no role here.
        """
        words = normalize(text).split()
        found: dict[str, str] = {}
        for place in self.find(text):
            before = " ".join(words[max(0, place.start - 4) : place.start])
            if place.kind == DEMONYM or any(before.endswith(cue) for cue in self._from):
                found.setdefault("nationality", place.code)
            elif place.kind == CITY or any(before.endswith(cue) for cue in self._here):
                found.setdefault("current_country", place.code)
        return found

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
        if len(words) == 2 and words.upper() in set(country_names().values()):
            return words.upper()
        codes = list(dict.fromkeys(p.code for p in self.find(text)))
        return codes[0] if len(codes) == 1 else None

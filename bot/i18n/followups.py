"""What a message written after the results asks about: a cost, a place, the steps, a deadline, a
word, thanks, or a need (a job, a lawyer, a bed).

After the results people keep writing ("¿cuánto cuesta?", "onde faço isso em foz?", "q es el
PPT?", "mesi"). Each such message gets a short answer about the programme or word in question
(`bot.nlg.followup`), never the whole results again. The cue phrases below are per language, in
normalized form; every language's cues are tried, because people mix them. The words (glossary)
and the needs are data editors keep in pathways_kb/.

Precedence, from the most specific: a question about a word with no other question in it
("¿qué es el PPT?"); a need; a deadline or status ("¿el TPS se acabó?", before "how much" since
"cuánto tiempo" is not a price); a cost; a place; the steps; a word named alone ("¿y la COMAR?");
thanks. Why, corrections, language switches and danger are read before this by the conversation.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from bot.eligibility.engine import LIKELY, NOT_ELIGIBLE, POSSIBLY
from bot.i18n.text import contains_phrase, normalize, normalized
from bot.kb.glossary import Term, need_named, terms_named
from bot.kb.model import KnowledgeBase

COST, WHERE, HOW, DEADLINE, TERM, THANKS, NEED, OTHER = (
    "cost", "where", "how", "deadline", "term", "thanks", "need", "other",
)  # fmt: skip
TOPICS = (COST, WHERE, HOW, DEADLINE, TERM, THANKS, NEED, OTHER)
OPEN_STATUSES = (LIKELY, POSSIBLY)


@dataclass(frozen=True)
class Followup:
    """A message after the results: its topic and the programme, word or need it is about."""

    topic: str
    pathway: str | None = None
    term: str | None = None
    need: str | None = None


def _cues(per_language: Mapping[str, list[str]]) -> frozenset[str]:
    return normalized(phrase for phrases in per_language.values() for phrase in phrases)


DEADLINE_CUES = _cues({
    "es": ["cuanto tiempo", "plazo", "fecha limite", "hasta cuando", "vence", "se vence", "vencio", "caduca",
           "se acabo", "se termino", "sigue abierto", "sigue vigente", "todavia esta", "todavia existe",
           "todavia hay", "aun esta", "aun existe", "ya cerro", "cuando cierra", "cuando vence", "ultimo dia",
           "cuantos dias", "a tiempo"],
    "pt": ["quanto tempo", "prazo", "ate quando", "data limite", "venceu", "acabou", "terminou",
           "ainda esta", "ainda existe", "ainda da", "ainda vale", "ja fechou", "quando fecha",
           "quantos dias", "ultimo dia"],
    "en": ["how long", "deadline", "until when", "how many days", "expire", "expires", "expired", "over",
           "still open", "still available", "still valid", "closed", "ended", "last day", "time limit",
           "too late", "when does it close", "when does it end"],
    "fr": ["combien de temps", "delai", "date limite", "jusqu a quand", "expire", "c est fini", "fini",
           "termine", "encore ouvert", "toujours ouvert", "c est ferme", "dernier jour", "trop tard",
           "combien de jours"],
    "ht": ["konbyen tan", "dat limit", "jiska ki le", "fini", "fin", "fenmen", "toujou ouve", "toujou la",
           "ekspire", "konbyen jou", "dele", "two ta"],
})  # fmt: skip
COST_CUES = _cues({
    "es": ["cuanto cuesta", "cuanto vale", "cuanto sale", "cuanto cobran", "cuanto se paga", "cuanto pago",
           "cuanto hay que pagar", "cuesta", "costo", "coste", "precio", "tarifa", "hay que pagar",
           "es gratis", "gratis", "cuanto"],
    "pt": ["quanto custa", "quanto pago", "quanto tenho que pagar", "custa", "custo", "preco", "taxa",
           "e de graca", "gratis", "gratuito", "valor", "quanto"],
    "en": ["how much", "cost", "costs", "price", "fee", "fees", "is it free", "pay"],
    "fr": ["combien ca coute", "combien coute", "combien", "coute", "cout", "prix", "tarif", "frais",
           "payer", "gratuit"],
    "ht": ["konbyen kob", "konbyen lajan", "konbyen", "pri", "kob", "peye", "koute"],
})  # fmt: skip
WHERE_CUES = _cues({
    "es": ["donde", "dnd", "adonde", "direccion", "ubicacion", "oficina", "en que lugar", "a que lugar"],
    "pt": ["onde", "aonde", "endereco", "localizacao", "qual lugar", "escritorio"],
    "en": ["where", "address", "location", "which office", "office"],
    "fr": ["ou est", "ou se trouve", "ou aller", "ou faire", "ou deposer", "ou je dois", "c est ou",
           "ou il faut", "ou dois je", "ou puis je", "adresse", "bureau"],
    "ht": ["ki kote", "kibo", "ki bo", "ki adres", "adres", "biwo"],
})  # fmt: skip
HOW_CUES = _cues({
    "es": ["como lo pido", "como pido", "como hago", "como se hace", "como lo hago", "como aplico",
           "como solicito", "como lo saco", "como saco", "como tramito", "como le hago", "como puedo",
           "q hago", "que hago", "k hago", "que debo hacer", "que tengo que hacer", "y ahora", "pasos",
           "requisitos", "que necesito", "que documentos", "que papeles"],
    "pt": ["como peco", "como faco", "como faz", "como solicito", "como tiro", "como eu faco",
           "o que eu faco", "o que faco", "que faco", "e agora", "o que fazer", "passo a passo", "requisitos",
           "quais documentos", "o que preciso"],
    "en": ["how do i", "how can i", "how to", "what do i do", "what should i do", "what now",
           "what do i need", "steps", "requirements", "what documents", "how do you apply"],
    "fr": ["comment", "je fais quoi", "que faire", "quoi faire", "que dois je faire", "qu est ce que je fais",
           "et maintenant", "demarches", "etapes", "quels papiers", "quels documents"],
    "ht": ["kijan", "kouman", "kisa m ka fe", "kisa pou m fe", "sa pou m fe", "kisa m dwe fe", "ki papye",
           "ki dokiman", "etap"],
})  # fmt: skip
TERM_CUES = _cues({
    "es": ["que es", "q es", "k es", "que significa", "q significa", "que quiere decir", "que son",
           "significado"],
    "pt": ["o que e", "oq e", "oque e", "que e", "o que significa", "que significa", "o que quer dizer"],
    "en": ["what is", "what s", "whats", "what does", "mean", "meaning", "stands for"],
    "fr": ["c est quoi", "qu est ce que", "que veut dire", "ca veut dire quoi", "veut dire", "signifie"],
    "ht": ["kisa", "ki sa", "sa sa ye", "vle di", "kiyes"],
})  # fmt: skip
THANKS_WORDS = _cues({
    "es": ["gracias", "muchas gracias", "mil gracias", "grax", "graciass", "dios te bendiga",
           "dios le bendiga"],
    "pt": ["obrigado", "obrigada", "brigado", "brigada", "obg", "vlw", "valeu", "muito obrigado",
           "deus abencoe"],
    "en": ["thanks", "thank you", "thx", "ty", "tks", "thank u", "god bless"],
    "fr": ["merci", "merci beaucoup", "mrc"],
    "ht": ["mesi", "mesi anpil", "bondye beni w"],
})  # fmt: skip
# Acknowledgements that mean thanks only when they are the whole message ("ok", "listo").
ACKNOWLEDGEMENTS = _cues({
    "es": ["ok", "okay", "vale", "listo", "entendi", "entendido", "perfecto", "ok listo"],
    "pt": ["ok", "ta bom", "ta bem", "beleza", "entendi", "certo", "show"],
    "en": ["ok", "okay", "got it", "great", "cool", "i see"],
    "fr": ["ok", "d accord", "compris", "parfait"],
    "ht": ["oke", "dako", "m konprann", "mwen konprann", "byen"],
})  # fmt: skip
THANKS_EMOJI = frozenset("🙏👍❤😊🤗💙💚")
# Words that may surround a word named alone: "¿y la COMAR?", "e o CONARE?", "and TPS?".
FILLERS = normalized(
    ["y", "e", "and", "et", "ak", "epi", "el", "la", "los", "las", "o", "a", "os", "as", "the", "le", "les",
     "l", "un", "una", "um", "uma", "an", "yon", "ok", "eso", "isso", "that", "ca", "sa"]
)  # fmt: skip

_TOPIC_CUES = ((DEADLINE, DEADLINE_CUES), (COST, COST_CUES), (WHERE, WHERE_CUES), (HOW, HOW_CUES))


# How long the procedure takes is part of "how", not a deadline ("quanto tempo demora?").
TAKES_TIME = _cues({
    "es": ["cuanto tarda", "cuanto demora", "tarda", "demora", "se demora"],
    "pt": ["quanto tempo demora", "demora", "leva quanto tempo", "quanto tempo leva"],
    "en": ["how long does it take", "how long will it take", "take long", "processing time"],
    "fr": ["combien de temps pour", "combien de temps ca prend", "ca prend combien de temps",
           "delai de traitement"],
    "ht": ["konbyen tan li pran", "konbyen tan sa pran", "li pran konbyen tan"],
})  # fmt: skip


def _topic_cue(words: str) -> str | None:
    if contains_phrase(words, TAKES_TIME):
        return HOW
    return next((topic for topic, cues in _TOPIC_CUES if contains_phrase(words, cues)), None)


def _named_alone(words: str, term: Term) -> bool:
    """The message is the word and nothing else but fillers ("y la comar", "ppt")."""
    rest = f" {words} "
    for alias in sorted(term.all_aliases, key=len, reverse=True):
        rest = rest.replace(f" {alias} ", " ")
    return all(word in FILLERS for word in rest.split())


def _entries(results: Iterable[Mapping[str, Any]]) -> list[tuple[str, str]]:
    return [
        (str(r["pathway"]), str(r.get("status", "")))
        for r in results
        if isinstance(r, Mapping) and r.get("pathway")
    ]


def _choose_term(kb: KnowledgeBase, terms: list[Term], shown: list[tuple[str, str]]) -> Term | None:
    """The term the person means: one about a programme in their results, else one of their
    country; a word two countries share ("conare") is never guessed without the country."""
    if not terms:
        return None
    ids = {pathway for pathway, _ in shown}
    countries = set()
    for pathway_id in ids:
        try:
            countries.add(kb.pathway(pathway_id).country)
        except KeyError:
            continue
    for term in terms:
        if ids & set(term.pathways):
            return term
    for term in terms:
        if term.country and term.country in countries:
            return term
    first = terms[0]
    shared = [t for t in terms if t.all_aliases & first.all_aliases and t is not first]
    return None if shared else first


def _choose_pathway(term: Term | None, shown: list[tuple[str, str]]) -> str | None:
    """The programme named (through the word), preferring one in the results and open; else
    the first open one in the results, else the first shown (closed: what it means now)."""
    open_ids = [pathway for pathway, status in shown if status in OPEN_STATUSES]
    named = [pathway for pathway, status in shown if status != NOT_ELIGIBLE]
    if term is not None and term.pathways:
        among = [pathway for pathway, _ in shown if pathway in term.pathways]
        if among:
            return next((p for p in among if p in open_ids), among[0])
        return term.pathways[0] if len(term.pathways) == 1 else None
    return (open_ids or named or [None])[0]


def classify_followup(kb: KnowledgeBase, text: str, results: Iterable[Mapping[str, Any]]) -> Followup | None:
    """What `text`, written after the results, asks about; None when it is none of the topics
    (the conversation then answers "I can't answer that; here is who can")."""
    words = normalize(text)
    if not words:
        return Followup(THANKS) if any(ch in THANKS_EMOJI for ch in text) else None
    shown = _entries(results)
    term = _choose_term(kb, terms_named(kb, words), shown)
    term_id = term.id if term else None
    cue = _topic_cue(words)
    if term is not None and cue is None and contains_phrase(words, TERM_CUES):
        return Followup(TERM, _choose_pathway(term, shown), term_id)
    need = need_named(kb, words)
    if need is not None:
        return Followup(NEED, need=need.id)
    if cue is not None:
        return Followup(cue, _choose_pathway(term, shown), term_id)
    if term is not None and _named_alone(words, term):
        return Followup(TERM, _choose_pathway(term, shown), term_id)
    if contains_phrase(words, THANKS_WORDS) or words in ACKNOWLEDGEMENTS:
        return Followup(THANKS)
    return None

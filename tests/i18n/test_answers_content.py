"""Yes/no replies that carry their content ("tengo pasaporte vencido", "me quieren matar si vuelvo"),
SMS spellings, and don't-knows that open a longer reply, in the five languages."""

from __future__ import annotations

import pytest

from bot.i18n.answers import is_dont_know, parse_yes_no

PASSPORT, RECORD, FEAR, ENTRY = "has_passport_or_id", "has_criminal_record", "fear_of_return", "entry_regular"

CONTENT = {
    "es": [
        (PASSPORT, "tengo pasaporte vencido", True),
        (PASSPORT, "tengo la cedula vencida", True),
        (PASSPORT, "no tengo pasaporte pero sí cédula", True),
        (PASSPORT, "tengo cédula pero no pasaporte", True),
        (PASSPORT, "no tengo ningun documento", False),
        (PASSPORT, "pasaporte no", False),
        (PASSPORT, "no tengo ningún papel", False),
        (PASSPORT, "tengo mis papeles", True),
        (RECORD, "nunca he estado preso", False),
        (RECORD, "si, estuve preso 2 años", True),
        (RECORD, "no, tengo ficha limpia", False),
        (FEAR, "tengo miedo de volver", True),
        (FEAR, "me quieren matar si vuelvo", True),
        (FEAR, "me meten preso si vuelvo x lo q dije del gobierno", True),
        (FEAR, "si, alla me persiguen x politica", True),
        (FEAR, "no, alla estoy tranquilo", False),
        (FEAR, "no tengo miedo", False),
        (FEAR, "no puedo volver, las maras me buscan", True),
        (ENTRY, "entre por la trocha", False),
        (ENTRY, "si, por el puente con sello", True),
    ],
    "pt": [
        (PASSPORT, "so a cedula venezuelana", True),
        (PASSPORT, "tenho passaporte guianense", True),
        (PASSPORT, "nao tenho passaporte, mas tenho RG", True),
        (PASSPORT, "não tenho nenhum documento", False),
        (PASSPORT, "sem documentos", False),
        (RECORD, "nunca fui preso", False),
        (RECORD, "tenho antecedentes criminais", True),
        (RECORD, "não, ficha limpa", False),
        (FEAR, "tenho medo de voltar, me perseguiam", True),
        (FEAR, "me ameaçaram de morte", True),
        (FEAR, "a facção mata quem volta", True),
        (FEAR, "nao tenho medo", False),
        (FEAR, "não, lá estou tranquilo", False),
        (ENTRY, "entrei pela mata", False),
        (ENTRY, "sim, carimbaram meu passaporte", True),
    ],
    "en": [
        (PASSPORT, "only my cedula", True),
        (PASSPORT, "i have an expired passport", True),
        (PASSPORT, "i dont have a passport", False),
        (PASSPORT, "no passport but i have my national id", True),
        (PASSPORT, "i have no papers", False),
        (RECORD, "i had a DUI in 2010", True),
        (RECORD, "i was arrested once but no charges", False),
        (RECORD, "never been convicted", False),
        (RECORD, "no, clean record", False),
        (FEAR, "im scared to go back, the gang said they would kill me", True),
        (FEAR, "they will kill me if I go back", True),
        (FEAR, "kinda yes, my brother was arrested there", True),
        (FEAR, "i'm not afraid", False),
        (FEAR, "no, it's safe there", False),
        (FEAR, "no, i cant go back", True),
        (ENTRY, "i crossed the river illegally", False),
        (ENTRY, "yes through the airport, they stamped it", True),
    ],
    "fr": [
        (PASSPORT, "j'ai mon passeport", True),
        (PASSPORT, "j'ai une carte d'identité", True),
        (PASSPORT, "je n'ai pas de passeport", False),
        (PASSPORT, "pas de passeport mais j'ai ma carte d'identité", True),
        (PASSPORT, "je n'ai aucun papier", False),
        (PASSPORT, "j'ai mes papiers", True),
        (RECORD, "j'ai un casier judiciaire", True),
        (RECORD, "je n'ai jamais été condamné", False),
        (RECORD, "mon casier judiciaire est vierge", False),
        (FEAR, "oui, ils vont me tuer", True),
        (FEAR, "j'ai peur de rentrer", True),
        (FEAR, "je n'ai pas peur", False),
        (FEAR, "on m'a menacée de mort", True),
        (FEAR, "non, je suis tranquille là-bas", False),
        (ENTRY, "je suis entré clandestinement", False),
        (ENTRY, "oui, à l'aéroport", True),
    ],
    "ht": [
        (PASSPORT, "m gen kat idantite", True),
        (PASSPORT, "m pa gen paspò", False),
        (PASSPORT, "mwen gen paspò m", True),
        (PASSPORT, "m pa gen paspò men m gen kat idantite", True),
        (PASSPORT, "m pa gen okenn papye", False),
        (RECORD, "m pa janm fè prizon", False),
        (RECORD, "wi, m te fè prizon", True),
        (RECORD, "m gen dosye kriminèl", True),
        (FEAR, "m pè retounen, yo ka touye m", True),
        (FEAR, "wi, gang yo ap touye moun", True),
        (FEAR, "mwen pa pè", False),
        (FEAR, "bandi yo menase m", True),
        (FEAR, "non, m trankil la", False),
        (ENTRY, "m pase anba fil", False),
        (ENTRY, "wi, m antre nan ayewopò a", True),
    ],
}


@pytest.mark.parametrize(
    ("fact", "text", "expected"),
    [pytest.param(*case, id=f"{lang}:{case[1]}") for lang, cases in CONTENT.items() for case in cases],
)
def test_content_answers_the_question(fact: str, text: str, expected: bool) -> None:
    assert parse_yes_no(text, fact) is expected


GENERIC = {
    "es": [("siii", True), ("noo", False), ("nop", False), ("creo que si", True), ("creo que no", False),
           ("sí, claro", True), ("no, nunca", False), ("nel", False), ("sep", True), ("claro q si", True)],
    "pt": [("naum", False), ("nops", False), ("nao", False), ("simm", True), ("acho que sim", True),
           ("acho que não", False), ("nn", False), ("ss", True), ("uhum", True), ("sim, tenho", True)],
    "en": [("kinda yes", True), ("yea", True), ("nope", False), ("nah", False), ("yesss", True),
           ("i think so, yes", True), ("well no", False), ("no i don't", False), ("yep", True),
           ("nooo", False)],
    "fr": [("ouiii", True), ("nan", False), ("je pense que oui", True), ("je pense que non", False),
           ("ouep", True), ("bon, non", False), ("non jamais", False), ("oui oui", True), ("ouais", True),
           ("bien sûr", True)],
    "ht": [("wi", True), ("wiii", True), ("non", False), ("m panse wi", True), ("m kwè non", False),
           ("mwen pa janm", False), ("wi wi", True), ("pa gen", False), ("non non", False), ("dakò", True)],
}  # fmt: skip


@pytest.mark.parametrize(
    ("text", "expected"),
    [pytest.param(*case, id=f"{lang}:{case[0]}") for lang, cases in GENERIC.items() for case in cases],
)
def test_sms_spellings_and_hedges(text: str, expected: bool) -> None:
    assert parse_yes_no(text) is expected


@pytest.mark.parametrize(("text", "expected"), [("👍", True), ("✅", True), ("👎", False), ("❌", False)])
def test_emoji_answers(text: str, expected: bool) -> None:
    assert parse_yes_no(text) is expected


DONT_KNOW_OPENINGS = {
    "es": ["no se q decir", "no sé qué decir", "no sé si tengo antecedentes", "ni idea la verdad",
           "no me acuerdo bien", "no estoy segura de eso", "no lo sé todavía", "nose q poner",
           "no sé, tal vez", "no sé nada"],
    "pt": ["não sei o que dizer", "nao sei se tenho", "sei la mano", "nao lembro direito",
           "não tenho certeza disso", "nem ideia", "nao sei, talvez", "não faço ideia do que é",
           "nao me lembro bem", "não sei dizer"],
    "en": ["idk what to say", "i don't know what to say", "not sure what you mean", "no idea tbh",
           "dunno really", "i dont remember exactly", "i'm not sure, maybe", "no clue at all",
           "can't remember when", "don't know"],
    "fr": ["je sais pas quoi dire", "je ne sais pas quoi répondre", "aucune idée vraiment", "jsp trop",
           "je me souviens pas bien", "pas sûr du tout", "je ne suis pas sûre", "chai pas",
           "je sais pas, peut-être", "sais pas"],
    "ht": ["m pa konnen sa pou m di", "mwen pa konnen", "m pa konn non", "m pa sonje byen",
           "m pa seten", "pa konnen", "mwen pa sonje dat la", "m pa konnen, petèt", "mwen pa konn sa",
           "m pa seten ditou"],
}  # fmt: skip


@pytest.mark.parametrize(
    "text", [pytest.param(t, id=f"{lang}:{t}") for lang, texts in DONT_KNOW_OPENINGS.items() for t in texts]
)
def test_dont_know_opening_a_reply_is_never_a_no(text: str) -> None:
    assert is_dont_know(text) is True
    assert parse_yes_no(text) is not False


@pytest.mark.parametrize(
    "text",
    ["no se puede volver", "no se preocupe", "nao", "no", "yes i know", "je sais", "m konnen", "sim, sei"],
)
def test_ordinary_sentences_are_not_dont_know(text: str) -> None:
    assert is_dont_know(text) is False


def test_no_se_puede_volver_answers_fear() -> None:
    assert parse_yes_no("no se puede volver alla, me matan", FEAR) is True

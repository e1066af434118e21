"""Danger is recognised in every language, from the review's table A and from phrasings of our own,
and ordinary answers never look like danger."""

from __future__ import annotations

import pytest

from bot.safety import danger_signals

TABLE_A = [
    ("me quieren matar si vuelvo a honduras ayudeme", ("threat_to_life",)),
    ("estoy detenido en iquique q hago", ("detention",)),
    ("si, alla me persiguen x politica", ("persecution",)),
    ("mi patron me quito el pasaporte y no me deja salir", ("trafficking",)),
    ("es trata de personas? a quien llamo?", ("trafficking",)),
    ("meu patrão pegou meu passaporte e nao devolve, sou boliviana", ("trafficking",)),
    ("isso é trabalho escravo? pra quem eu ligo?", ("trafficking",)),
    ("I'm detained by ICE in Texas what do I do", ("detention",)),
    ("they will kill me if I go back to Nicaragua", ("threat_to_life",)),
    ("i need a lawyer now", ("urgent_legal",)),
    ("im scared to go back, the gang said they would kill me", ("threat_to_life",)),
    ("wi, gang yo ap touye moun", ("threat_to_life", "persecution")),
    ("ede m souple, ICE arete mari m", ("detention",)),
    ("¿dónde puedo dormir esta noche? estoy en tapachula con mi bebe", ("no_shelter",)),
    ("onde eu durmo hoje?", ("no_shelter",)),
    ("ils font des rafles, j'ai peur d'être expulsée", ("raids_deportation",)),
    ("imigrasyon ap fè rafle, kisa m ka fè?", ("raids_deportation",)),
    ("m pè retounen, yo ka touye m", ("threat_to_life",)),
    ("tenho medo de voltar, me perseguiam por ser opositor", ("persecution",)),
]

OWN = {
    "es": [
        ("me van a matar", ("threat_to_life",)),
        ("la mara me amenazo de muerte", ("threat_to_life", "persecution")),
        ("me meten preso si vuelvo x lo q dije del gobierno", ("persecution",)),
        ("tengo 15 años y estoy solo", ("child_alone",)),
        ("toy sola tengo 16", ("child_alone",)),
        ("mi esposo me pega", ("violence",)),
        ("me violaron en el camino", ("violence",)),
        ("el patron tiene mis papeles y no me paga", ("trafficking",)),
        ("me obligan a trabajar para pagar la deuda", ("trafficking",)),
        ("me agarro la migra", ("detention",)),
        ("mi hermano esta en la estacion migratoria", ("detention",)),
        ("me van a deportar", ("raids_deportation",)),
        ("hay redadas en mi barrio", ("raids_deportation",)),
        ("duermo en la calle con mis hijos", ("no_shelter",)),
        ("no tengo donde dormir hoy", ("no_shelter",)),
        ("ya no quiero seguir viviendo", ("self_harm",)),
        ("mi bebe no puede respirar", ("medical_emergency",)),
        ("necesito un abogado urgente", ("urgent_legal",)),
        ("mi hijo de 12 años esta solo en la frontera, lo separaron de mi", ("child_alone",)),
        ("me separaron de mi hija", ("child_alone",)),
        ("ya no quiero vivir", ("self_harm",)),
        ("las maras me buscan", ("threat_to_life", "persecution")),
        ("me andan buscando", ("threat_to_life",)),
        ("secuestraron a mi hermano y piden rescate", ("trafficking",)),
        ("nos tienen encerrados en una casa", ("trafficking",)),
    ],
    "pt": [
        ("vao me matar se eu voltar", ("threat_to_life",)),
        ("fui ameacado de morte", ("threat_to_life",)),
        ("tenho 17 anos sozinha", ("child_alone",)),
        ("sou menor de idade e to sozinho", ("child_alone",)),
        ("meu marido me bate", ("violence",)),
        ("fui estuprada", ("violence",)),
        ("o patrao nao me deixa sair de casa", ("trafficking",)),
        ("ficaram com meus documentos", ("trafficking",)),
        ("meu irmao foi preso pela policia federal", ("detention",)),
        ("estou detida no aeroporto", ("detention",)),
        ("vao me deportar", ("raids_deportation",)),
        ("to dormindo na rua", ("no_shelter",)),
        ("nao tenho onde ficar hoje", ("no_shelter",)),
        ("quero me matar", ("self_harm", "threat_to_life")),
        ("ela esta sangrando muito", ("medical_emergency",)),
        ("preciso de advogado urgente", ("urgent_legal",)),
        ("minha filha de 15 anos ta sozinha na rodoviaria", ("child_alone",)),
        ("não quero mais viver", ("self_harm",)),
        ("estao me procurando", ("threat_to_life",)),
        ("sequestraram meu irmao", ("trafficking",)),
        ("estamos dormindo na rua", ("no_shelter",)),
    ],
    "en": [
        ("the gang wants to kill me", ("threat_to_life", "persecution")),
        ("they threatened my family", ("threat_to_life",)),
        ("im 16 and alone", ("child_alone",)),
        ("alone, im 15", ("child_alone",)),
        ("my boyfriend beats me", ("violence",)),
        ("i was raped on the way", ("violence",)),
        ("my boss took my passport", ("trafficking",)),
        ("they wont let me leave the house", ("trafficking",)),
        ("ICE arrested my husband this morning", ("detention",)),
        ("my son is in detention in arizona", ("detention",)),
        ("there are ICE raids at my work", ("raids_deportation",)),
        ("i got a deportation order", ("raids_deportation",)),
        ("im sleeping on the street with my baby", ("no_shelter",)),
        ("i have nowhere to stay tonight", ("no_shelter",)),
        ("i want to kill myself", ("self_harm", "threat_to_life")),
        ("my wife is in labor", ("medical_emergency",)),
        ("i need an attorney urgently", ("urgent_legal",)),
        ("my 12 year old son is alone at the border", ("child_alone",)),
        ("they kidnapped my cousin and want money", ("trafficking",)),
        ("they locked us in a house and make us work for free", ("trafficking",)),
        ("we are sleeping in the street with my kids", ("no_shelter",)),
        ("the cartel is looking for me here in juarez", ("threat_to_life",)),
        ("they're looking for me", ("threat_to_life",)),
    ],
    "fr": [
        ("ils veulent me tuer", ("threat_to_life",)),
        ("j'ai reçu des menaces de mort", ("threat_to_life",)),
        ("j'ai 16 ans et je suis seule", ("child_alone",)),
        ("mineur non accompagné", ("child_alone",)),
        ("mon mari me frappe", ("violence",)),
        ("j'ai été violée", ("violence",)),
        ("mon patron a confisqué mon passeport", ("trafficking",)),
        ("on m'empêche de sortir", ("trafficking",)),
        ("je suis détenu à la frontière", ("detention",)),
        ("la police m'a arrêté hier", ("detention",)),
        ("j'ai peur d'être expulsé", ("raids_deportation",)),
        ("je dors dans la rue", ("no_shelter",)),
        ("je ne sais pas où dormir ce soir", ("no_shelter",)),
        ("je veux mourir", ("self_harm",)),
        ("mon fils ne respire plus", ("medical_emergency",)),
        ("ils me poursuivent à cause de la politique", ("persecution",)),
        ("il me faut un avocat vite", ("urgent_legal",)),
        ("mon fils de 14 ans est seul à la frontière", ("child_alone",)),
        ("je veux plus vivre", ("self_harm",)),
        ("des hommes nous gardent enfermés et demandent de l'argent", ("trafficking",)),
        ("ils me cherchent", ("threat_to_life",)),
        ("on dort dans la rue", ("no_shelter",)),
    ],
    "ht": [
        ("yo vle touye m", ("threat_to_life",)),
        ("yo menase m", ("threat_to_life",)),
        ("m gen 15 an m pou kont mwen", ("child_alone",)),
        ("mari m bat mwen", ("violence",)),
        ("yo fè kadejak sou mwen", ("violence",)),
        ("patwon an, li pran paspò m", ("trafficking",)),
        ("yo pa kite m soti", ("trafficking",)),
        ("lapolis arete frè m", ("detention",)),
        ("li nan detansyon", ("detention",)),
        ("yo pral depote m", ("raids_deportation",)),
        ("m ap dòmi nan lari", ("no_shelter",)),
        ("m pa gen kote pou m dòmi", ("no_shelter",)),
        ("m vle mouri", ("self_harm",)),
        ("madanm mwen ap senyen", ("medical_emergency",)),
        ("yo pèsekite m pou politik", ("persecution",)),
        ("m bezwen yon avoka kounye a", ("urgent_legal",)),
        ("pitit mwen ki gen 13 an poukont li nan fwontyè a", ("child_alone",)),
        ("m pa vle viv ankò", ("self_harm",)),
        ("yo kidnape frè m, yo mande lajan", ("trafficking",)),
        ("patwon m pran paspò m e li pa vle remèt li", ("trafficking",)),
        ("gang yo ap chache m", ("threat_to_life", "persecution")),
    ],
}

NOT_DANGER = [
    "tengo miedo de volver",
    "no",
    "2019",
    "soy venezolana",
    "quiero trabajar",
    "me quito la gorra",
    "moun",
    "m vle pale ak yon moun",
    "tenho medo de voltar",
    "i'm scared to go back",
    "j'ai peur de rentrer",
    "m pè retounen",
    "no me persiguen",
    "no, nadie me amenazo",
    "i was arrested once but no charges",
    "hace 15 años vine solo",
    "I came alone 16 years ago",
    "vivo en guayaquil",
    "tenho 17 anos",
    "tengo pasaporte vencido",
    "se trata de mi hermano",
    "m arete travay",
    "quiero un abogado para mi tramite",
    "atras",
    "borrar mis datos",
    "quiero vivir en chile",
    "busco trabajo",
    "mi hijo tiene 12 años",
    "my son is 12",
    "mon fils a 14 ans",
    "minha filha tem 15 anos",
    "pitit mwen gen 13 an",
    "i am looking for a lawyer",
    "no tengo ningun papel",
]


@pytest.mark.parametrize(("text", "expected"), TABLE_A)
def test_every_table_a_message_is_recognised(kb_danger, text, expected):
    assert danger_signals(kb_danger, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"), [pair for pairs in OWN.values() for pair in pairs], ids=lambda v: str(v)[:40]
)
def test_own_phrasings_are_recognised(kb_danger, text, expected):
    assert danger_signals(kb_danger, text) == expected


def test_at_least_fifteen_own_phrasings_per_language():
    assert {lang: len(pairs) >= 15 for lang, pairs in OWN.items()} == dict.fromkeys(OWN, True)


@pytest.mark.parametrize("text", NOT_DANGER)
def test_ordinary_answers_are_not_danger(kb_danger, text):
    assert danger_signals(kb_danger, text) == ()


def test_most_urgent_first(kb_danger):
    text = "tengo 14 años, estoy sola y duermo en la calle, me quieren matar"
    assert danger_signals(kb_danger, text) == ("threat_to_life", "child_alone", "no_shelter")

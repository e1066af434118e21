"""Reading which language a person writes in (first messages), explicit switches, and the menu reply."""

from __future__ import annotations

import pytest

from bot.i18n import answers, lexicon
from bot.i18n.languages import (
    detect_language,
    language_names,
    native_language_name,
    parse_language,
    parse_language_switch,
)
from bot.i18n.text import normalize

# First messages as the review's people (and people like them) write them: greetings, SMS spelling,
# no accents, facts and danger in the first line.
FIRST_MESSAGES = {
    "es": [
        "ola bns tardes", "holaa", "holis", "q tal", "buenas", "hola", "Hola buenos días",
        "buenas noches necesito ayuda", "soy d venezuela toy en lima",
        "me quieren matar si vuelvo a honduras ayudeme",
        "estoy detenido en iquique q hago", "hola soy venezolana de maracaibo pero vivo en guayaquil",
        "buenas tardes, quisiera informacion sobre papeles", "necesito ayuda con mis papeles",
        "q hago para sacar el ppt", "hola, soy colombiana y vivo en santiago", "venezolano en medellin",
        "tengo miedo de volver a mi pais", "holaaa buen dia", "buenas, me robaron el pasaporte",
        "mi esposo esta preso en migracion", "donde puedo dormir esta noche con mi hijo",
        "hola q tal, llegue hace 2 años a chile", "ayudenme por favor", "Buen día, cómo puedo regularizarme?",
        "mi hija esta sola en la frontera", "soy venezolano, entré por trocha a cucuta",
        "buenas noches, tengo la cedula vencida", "k tal amigo", "necesito un abogado urgente",
        "me quito el pasaporte mi jefe", "hola hola", "¿Qué necesito para pedir refugio?",
    ],
    "pt": [
        "oi tudo bem", "bom dia, sou haitiano moro em sp", "meu patrão pegou meu passaporte", "oi", "oii",
        "olá, boa tarde", "boa noite preciso de ajuda", "oi td bem? sou venezuelano", "bom dia",
        "quero informação sobre documentos", "estou no brasil faz 2 anos", "cheguei em roraima mês passado",
        "preciso de ajuda urgente", "minha filha está sozinha na fronteira", "moro em manaus com meus filhos",
        "oi, vc pode me ajudar?", "tenho medo de voltar pro meu país", "sou venezuelana e estou em boa vista",
        "meu marido foi preso pela polícia federal", "não tenho onde dormir hoje", "olá, obrigado",
        "como faço pra tirar o cpf", "eu to sem documento", "boa tarde, gostaria de saber sobre refúgio",
        "tudo bom? preciso de informação", "vim da venezuela faz um ano", "estou em são paulo sem trabalho",
        "meu passaporte venceu, o que faço?", "ajuda por favor", "oi, sou do haiti e moro em curitiba",
        "valeu, bom dia", "quero regularizar minha situação",
    ],
    "en": [
        "hello", "hi", "I'm detained by ICE in Texas", "hey", "good morning", "hi I need help",
        "hello, I am from Venezuela and I live in Lima", "I need information about asylum", "hi there",
        "my husband was detained", "I have nowhere to sleep tonight", "can you help me please",
        "I'm from Haiti, living in Miami", "good evening, I need a lawyer", "what do I need for TPS",
        "my boss took my passport", "I am afraid to go back to my country", "hello, my parole expires soon",
        "hey, how does this work?", "I came to the US in 2022", "I need help with my papers",
        "thanks, I have a question", "my son is alone at the border", "where can I apply for asylum?",
        "I'm venezuelan", "hello I want to know my options", "how can I get a work permit",
        "I live in New York with my kids", "they want to kill me if I go back", "hi, what is this?",
        "good afternoon",
    ],
    "fr": [
        "bonjour", "je suis camerounais", "bonsoir", "salut", "bonjour j'ai besoin d'aide",
        "je suis haïtien et je vis au Chili", "bonsoir, je voudrais des informations", "slt",
        "j'ai peur de retourner dans mon pays", "mon patron a pris mon passeport", "je suis congolaise",
        "je n'ai pas de papiers", "comment faire une demande d'asile ?", "mon mari est détenu",
        "je n'ai nulle part où dormir ce soir", "bonjour, je suis arrivé au Brésil il y a 2 ans",
        "aidez-moi s'il vous plaît", "je vis à Montréal avec mes enfants", "merci, j'ai une question",
        "ma fille est seule à la frontière", "coucou", "je veux régulariser ma situation",
        "bonjour, mon titre de séjour a expiré", "je suis sénégalais, je suis au Mexique", "svp aidez moi",
        "c'est quoi les papiers qu'il faut ?", "je cherche un avocat", "ils veulent me tuer si je rentre",
        "bjr je suis en Équateur", "bonsoir, est-ce que vous pouvez m'aider ?",
    ],
    "ht": [
        "sak pase", "bonjou", "ede m souple, ICE arete mari m", "mwen se ayisyen, mwen nan brezil",
        "bonswa", "sa k pase", "mwen bezwen ed", "bonjou, mwen bezwen enfomasyon", "kijan ou ye",
        "mwen nan chili depi 2 lane", "m pa gen papye", "mwen pè retounen ayiti", "patwon an pran paspò m",
        "pitit mwen poukont li nan fwontyè a", "m pa gen kote pou m dòmi aswè a", "tanpri ede m",
        "mesi anpil", "mwen vle regilarize papye m", "bonswa, kouman m ka jwenn avoka",
        "mwen rive nan meksik ane pase", "madanm mwen arete", "gang yo ap touye moun lakay mwen",
        "m ap viv nan santiago ak pitit mwen", "mwen se ayisyèn", "kisa m bezwen pou m fè demann azil",
        "sak ap fèt", "bonjou, eske ou ka ede m", "m vle konnen ki papye m bezwen",
        "mwen pa konn ki sa pou m fè",
        "yo vle touye m si m tounen",
    ],
}  # fmt: skip

UNCLEAR = ["👍", ".", "ok", "", "?", "🙏🙏", "...", "ola"]


def _share(lang: str) -> float:
    messages = FIRST_MESSAGES[lang]
    return sum(detect_language(m) == lang for m in messages) / len(messages)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("ola bns tardes", "es"),
        ("holaa", "es"),
        ("holis", "es"),
        ("q tal", "es"),
        ("buenas", "es"),
        ("sak pase", "ht"),
        ("bonjou", "ht"),
        ("hello", "en"),
        ("hi", "en"),
        ("oi tudo bem", "pt"),
        ("bom dia, sou haitiano moro em sp", "pt"),
        ("soy d venezuela toy en lima", "es"),
        ("me quieren matar si vuelvo a honduras ayudeme", "es"),
        ("estoy detenido en iquique q hago", "es"),
        ("I'm detained by ICE in Texas", "en"),
        ("ede m souple, ICE arete mari m", "ht"),
        ("mwen se ayisyen, mwen nan brezil", "ht"),
        ("je suis camerounais", "fr"),
        ("meu patrão pegou meu passaporte", "pt"),
        ("mejor en español", "es"),
    ],
)
def test_first_messages_from_the_brief(text: str, code: str) -> None:
    assert detect_language(text) == code


@pytest.mark.parametrize("lang", sorted(FIRST_MESSAGES))
def test_first_messages_are_read_in_their_language(lang: str) -> None:
    assert len(FIRST_MESSAGES[lang]) >= 30
    missed = [m for m in FIRST_MESSAGES[lang] if detect_language(m) != lang]
    assert _share(lang) >= 0.95, missed


@pytest.mark.parametrize("text", UNCLEAR)
def test_no_language_when_nothing_tells(text: str) -> None:
    assert detect_language(text) is None


def test_detection_keeps_to_the_languages_offered() -> None:
    assert detect_language("bonjour", ["es", "pt"]) is None
    assert detect_language("bom dia, sou haitiano moro em sp", ["es", "pt"]) == "pt"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("mejor en español", "es"),
        ("en español por favor", "es"),
        ("Español por favor", "es"),
        ("english please", "en"),
        ("in english", "en"),
        ("can we speak english", "en"),
        ("can you speak English?", "en"),
        ("I don't speak Spanish, english please", "en"),
        ("fala português", "pt"),
        ("em português", "pt"),
        ("pode falar em portugues?", "pt"),
        ("não falo espanhol, pode falar em português?", "pt"),
        ("parle français", "fr"),
        ("en français svp", "fr"),
        ("parlez-vous français ?", "fr"),
        ("an kreyòl", "ht"),
        ("pale kreyòl", "ht"),
        ("kreyol souple", "ht"),
        ("ann pale kreyol tanpri", "ht"),
        ("cambiar a inglés", "en"),
        ("hablame en frances", "fr"),
        ("switch to portuguese", "pt"),
        ("em haitiano", "ht"),
    ],
)
def test_switch_requests(text: str, code: str) -> None:
    assert parse_language_switch(text) == code


@pytest.mark.parametrize(
    "text",
    [
        "no hablo español",
        "não falo português",
        "I don't speak French",
        "je ne parle pas espagnol",
        "m pa pale panyòl",
        "sou haitiano",
        "soy haitiana",
        "je suis haïtien",
        "mwen se ayisyen",
        "soy español",
        "je suis français",
        "I'm English",
        "haitiano por favor",
        "estoy en Colombia",
        "español",
        "hola",
    ],
)
def test_not_switch_requests(text: str) -> None:
    assert parse_language_switch(text) is None


def test_switch_keeps_to_the_languages_offered() -> None:
    assert parse_language_switch("english please", ["es", "pt"]) is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("en", "en"),
        ("EN", "en"),
        ("es", "es"),
        ("pt", "pt"),
        ("fr", "fr"),
        ("ht", "ht"),
        ("kreyol", "ht"),
        ("Kreyòl", "ht"),
        ("english", "en"),
        ("portugues", "pt"),
        ("espanol", "es"),
        ("Español.", "es"),
        ("francais", "fr"),
        ("Français", "fr"),
        ("panyòl", "es"),
        ("angle", "en"),
        ("en español por favor", "es"),
        ("fala portugues", "pt"),
    ],
)
def test_menu_replies(text: str, code: str) -> None:
    assert parse_language(text) == code


@pytest.mark.parametrize(
    "text", ["haitiano", "sou haitiano", "1", "de", "soy de Venezuela y estoy en Colombia"]
)
def test_menu_replies_that_are_not_a_language(text: str) -> None:
    assert parse_language(text) is None


def test_creole_and_cldr_names() -> None:
    names = language_names()
    assert (names["kreyol"], names["criollo haitiano"], names["haitian creole"]) == ("ht", "ht", "ht")
    assert (names["panyol"], names["potige"], names["angle"], names["franse"]) == ("es", "pt", "en", "fr")
    assert (names["espanhol"], names["anglais"], names["ingles"]) == ("es", "en", "en")


def test_native_names() -> None:
    assert [native_language_name(c) for c in ("es", "pt", "en", "fr", "ht")] == [
        "Español",
        "Português",
        "English",
        "Français",
        "Kreyòl Ayisyen",
    ]


def test_answers_re_exports_the_language_readers() -> None:
    assert answers.detect_language is detect_language
    assert answers.parse_language is parse_language
    assert answers.parse_language_switch is parse_language_switch
    assert answers.native_language_name is native_language_name


@pytest.mark.parametrize(
    "text",
    [
        "ola bns tardes",
        "holaa",
        "holis",
        "q tal",
        "buenas",
        "sak pase",
        "bonjou",
        "hello",
        "hi",
        "oi tudo bem",
    ],
)
def test_first_greetings_are_greetings(text: str) -> None:
    assert normalize(text) in {normalize(g) for g in lexicon.GREETINGS}

"""Words people type that CLDR does not provide, per language: yes/no, "I don't know", numbers,
relative time, and the cues that tell a language or a place apart.

All entries are written normalized (lower case, no accents, punctuation as spaces), the form
`answers.normalize` gives, so they compare directly. Month names come from Babel, except
Haitian Creole's, which CLDR lacks.
"""

from __future__ import annotations

YES = {
    "es": ["si", "s", "claro", "claro que si", "dale", "correcto", "asi es", "por supuesto", "afirmativo",
           "sip", "obvio", "si senor", "si claro", "exacto", "efectivamente", "aja"],
    "pt": ["sim", "s", "ss", "claro", "claro que sim", "com certeza", "isso", "isso mesmo", "positivo",
           "aham", "certo", "pode ser", "tenho", "tive"],
    "en": ["yes", "y", "yeah", "yep", "yup", "sure", "of course", "correct", "right", "i do", "i have",
           "ok yes"],
    "fr": ["oui", "o", "ouais", "ouai", "bien sur", "exact", "absolument", "tout a fait", "d accord", "si"],
    "ht": ["wi", "wi wi", "anwo", "se sa", "dako", "sa k vre", "wi mwen genyen", "mwen genyen", "genyen"],
}  # fmt: skip
NO = {
    "es": ["no", "n", "nunca", "jamas", "para nada", "nop", "nel", "negativo", "no tengo", "ninguno", "nada"],
    "pt": ["nao", "n", "nunca", "jamais", "de jeito nenhum", "nunca tive", "nao tenho", "negativo", "nenhum"],
    "en": ["no", "n", "nope", "nah", "never", "not at all", "i don t", "i do not", "none", "no i don t"],
    "fr": ["non", "n", "jamais", "pas du tout", "nan", "aucun", "je n en ai pas"],
    "ht": ["non", "pa janm", "m pa janm", "mwen pa janm", "mwen pa genyen", "pa gen", "okenn",
           "non mwen pa genyen", "janm"],
}  # fmt: skip
DONT_KNOW = {
    "es": ["no se", "nose", "no lo se", "no sabria", "ni idea", "no estoy seguro", "no estoy segura",
           "no me acuerdo", "no recuerdo", "quien sabe"],
    "pt": ["nao sei", "nao sei dizer", "sei la", "nao lembro", "nao me lembro", "nao tenho certeza",
           "nao faco ideia", "nem ideia"],
    "en": ["i don t know", "i dont know", "dont know", "don t know", "idk", "not sure", "no idea",
           "i m not sure", "can t remember", "i don t remember", "i dont remember", "dunno", "no clue"],
    "fr": ["je ne sais pas", "je sais pas", "sais pas", "aucune idee", "je ne suis pas sur",
           "je ne suis pas sure", "je ne me souviens pas", "je me souviens pas", "chai pas", "jsp",
           "pas sur", "pas sure"],
    "ht": ["m pa konnen", "mwen pa konnen", "pa konnen", "m pa konn", "mwen pa konn", "m pa sonje",
           "mwen pa sonje", "m pa seten", "mwen pa seten"],
}  # fmt: skip

# "None of these", for list questions (what someone holds or held).
NONE_OF_THESE = {
    "es": [
        "ninguno",
        "ninguna",
        "ningunos",
        "ninguna de esas",
        "ninguno de esos",
        "nada",
        "no tengo",
        "no tengo nada",
        "no tuve",
        "nunca tuve",
        "ninguna de estas",
        "ninguno de estos",
    ],
    "pt": [
        "nenhum",
        "nenhuma",
        "nenhum deles",
        "nenhuma delas",
        "nada",
        "nao tenho",
        "nunca tive",
        "nao tive",
    ],
    "en": [
        "none",
        "none of these",
        "none of them",
        "nothing",
        "neither",
        "i have none",
        "never had",
        "i never had",
    ],
    "fr": [
        "aucun",
        "aucune",
        "aucun d eux",
        "aucune d elles",
        "rien",
        "je n ai rien",
        "je n en ai pas",
        "jamais eu",
        "je n ai jamais eu",
    ],
    "ht": ["okenn", "anyen", "pa gen anyen", "m pa gen", "mwen pa gen", "m pa janm genyen", "pa janm genyen"],
}
# Words joining option numbers in "1 y 3", "1 e 3", "1 and 3", "1 et 3", "1 ak 3".
AND_WORDS = ["y", "e", "and", "et", "ak", "epi"]

NUMBERS = {
    "es": ["un", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez", "once", "doce"],
    "pt": ["um", "dois", "tres", "quatro", "cinco", "seis", "sete", "oito", "nove", "dez", "onze", "doze"],
    "en": ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"],
    "fr": ["un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze"],
    "ht": ["en", "de", "twa", "kat", "senk", "sis", "sèt", "uit", "nèf", "dis", "onz", "douz"],
}  # fmt: skip
# Other spellings of "one" (the article forms people use: "hace una semana", "há uma semana").
ONE = ["una", "uno", "uma", "a", "an", "une", "yon", "youn"]

# Relative time: unit words -> unit; "ago" is recognised by the surrounding words.
UNITS = {
    "day": ["dia", "dias", "day", "days", "jour", "jours", "jou"],
    "week": ["semana", "semanas", "week", "weeks", "semaine", "semaines", "semen"],
    "month": ["mes", "meses", "mes", "month", "months", "mois", "mwa"],
    "year": ["ano", "anos", "year", "years", "an", "ans", "annee", "annees", "lane", "zan"],
}  # fmt: skip
AGO_BEFORE = ["hace", "ha", "faz", "il y a", "sa gen", "sa fe", "gen"]  # words before the amount
AGO_AFTER = ["ago", "atras"]  # words after the unit
YESTERDAY = ["ayer", "ontem", "yesterday", "hier", "ier", "yer"]
TODAY = ["hoy", "hoje", "today", "aujourd hui", "jodi a", "jodi"]

HT_MONTHS = ["janvye", "fevriye", "mas", "avril", "me", "jen", "jiye", "out", "septanm", "oktob",
             "novanm", "desanm"]  # fmt: skip

# Words frequent in one language's first messages and rare in the others, for detecting it.
LANGUAGE_CUES = {
    "es": ["hola", "buenas", "buenos", "dias", "tardes", "noches", "quiero", "necesito", "ayuda", "soy",
           "estoy", "gracias", "por", "favor", "tengo", "como", "que", "informacion", "papeles"],
    "pt": ["oi", "ola", "bom", "boa", "tarde", "noite", "quero", "preciso", "ajuda", "sou", "estou",
           "obrigado", "obrigada", "tenho", "voce", "informacao", "documentos", "tudo", "bem"],
    "en": ["hi", "hello", "hey", "good", "morning", "evening", "want", "need", "help", "i", "am", "i m",
           "please", "thanks", "thank", "information", "papers", "the"],
    "fr": ["bonjour", "bonsoir", "salut", "je", "suis", "veux", "besoin", "aide", "merci", "s il",
           "vous", "plait", "papiers", "informations", "comment"],
    "ht": ["bonjou", "bonswa", "mwen", "m", "bezwen", "ede", "souple", "mesi", "kijan", "koman",
           "papye", "enfomasyon", "ki", "sa", "ou", "zot", "nou"],
}  # fmt: skip

# Phrases that introduce where someone is now, and where they come from.
HERE_CUES = [
    "estoy en", "vivo en", "ahora en", "llegue a", "estou em", "estou no", "estou na", "moro em",
    "moro no", "moro na", "i m in", "i am in", "i live in", "now in", "je suis en", "je suis au",
    "j habite", "je vis", "mwen nan", "m nan", "mwen ap viv", "m ap viv", "mwen rete", "m rete",
]  # fmt: skip
FROM_CUES = [
    "soy de", "vengo de", "naci en", "sou de", "sou do", "sou da", "venho de", "nasci",
    "i m from", "i am from", "i come from", "born in", "je viens de", "je suis ne", "mwen soti",
    "m soti", "mwen fet",
]  # fmt: skip

# Words that must appear for a command to override a message that also reads as an answer:
# NLU can mistake "Argentine" for "agente", but "Argentine" contains none of these.
COMMAND_WORDS = {
    "start_over": ["menu", "meni", "reiniciar", "empezar", "de nuevo", "desde cero", "recomecar", "comecar",
                   "de novo", "start over", "restart", "recommencer", "rekomanse", "inicio", "kòmanse"],
    "go_back": ["atras", "volver", "regresar", "voltar", "back", "retour", "revenir", "tounen", "undo",
                "deshacer", "desfazer", "me equivoque", "errei", "mistake", "erreur", "anile"],
    "change_language": ["idioma", "language", "langue", "lang", "lingua", "langaj"],
    "human": ["persona", "humano", "agente", "pessoa", "atendente", "alguien", "alguem", "human", "person",
              "agent", "someone", "somebody", "quelqu un", "personne", "conseiller", "moun", "ajan"],
    "delete_data": ["borrar", "eliminar", "apagar", "delete", "erase", "remove", "effacer", "supprimer",
                    "efase", "retire"],
    "why": ["por que", "porque", "why", "pourquoi", "poukisa", "pou ki sa"],
}  # fmt: skip

# Greetings: "hola" after a pause means "I'm back", not an answer; gibberish NLU calls a greeting
# is still a misunderstood answer.
GREETINGS = ["hola", "buenas", "buenos dias", "buenas tardes", "buenas noches", "saludos", "oi", "ola",
             "bom dia", "boa tarde", "boa noite", "hello", "hi", "hey", "good morning", "good afternoon",
             "good evening", "bonjour", "bonsoir", "salut", "coucou", "bonjou", "bonswa", "alo", "allo",
             "sak pase", "kouman ou ye"]  # fmt: skip

"""Words people type that CLDR does not provide, per language: yes/no, "I don't know", numbers,
relative time, and the cues that tell a language or a place apart.

All entries are written normalized (lower case, no accents, punctuation as spaces), the form
`answers.normalize` gives, so they compare directly. Month names come from Babel, except
Haitian Creole's, which CLDR lacks.
"""

from __future__ import annotations

YES = {
    "es": ["si", "s", "claro", "claro que si", "dale", "correcto", "asi es", "por supuesto", "afirmativo",
           "sip", "obvio", "si senor", "si claro", "exacto", "efectivamente", "aja", "sep", "simon",
           "aja si"],
    "pt": ["sim", "s", "ss", "claro", "claro que sim", "com certeza", "isso", "isso mesmo", "positivo",
           "aham", "certo", "pode ser", "tenho", "tive", "uhum", "aham sim"],
    "en": ["yes", "y", "yeah", "yep", "yup", "sure", "of course", "correct", "right", "i do", "i have",
           "ok yes", "yas", "ya"],
    "fr": ["oui", "o", "ouais", "ouai", "bien sur", "exact", "absolument", "tout a fait", "d accord", "si",
           "ouep", "ouaip"],
    "ht": ["wi", "wi wi", "anwo", "se sa", "dako", "sa k vre", "wi mwen genyen", "mwen genyen", "genyen"],
}  # fmt: skip
NO = {
    "es": ["no", "n", "nunca", "jamas", "para nada", "nop", "nel", "negativo", "no tengo", "ninguno", "nada",
           "nones", "nada que ver"],
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
    "day": ["dia", "dias", "day", "days", "jour", "jours", "jou", "jou a"],
    "week": ["semana", "semanas", "week", "weeks", "wk", "wks", "semaine", "semaines", "semen", "semenn"],
    "month": ["mes", "meses", "mes", "month", "months", "mo", "mos", "mth", "mths", "mois", "mwa"],
    "year": ["ano", "anos", "anio", "anios", "year", "years", "yr", "yrs", "an", "ans", "annee", "annees",
             "ane", "lane", "zan"],
}  # fmt: skip
# Words before the amount that make it a time ago: "hace", "ya va para", "since 2 years", "ça fait", "depi".
AGO_BEFORE = ["hace", "desde hace", "va para", "ha", "faz", "tem", "llevo", "il y a", "ca fait", "sa fait",
              "depuis", "since", "for", "sa gen", "sa fe", "gen", "depi", "li fe"]  # fmt: skip
AGO_AFTER = ["ago", "atras", "back"]  # words after the unit
# "... and a half" after the unit, and "half a year" before it.
HALF_AFTER = ["y medio", "y media", "e meio", "e meia", "and a half", "et demi", "et demie", "edmi", "e demi"]
HALF = ["medio", "media", "meio", "meia", "half", "half a", "demi", "demie", "mwatye"]
# The person hedged: the date is their best guess.
HEDGES = ["como", "mas o menos", "masomenos", "aproximadamente", "creo", "creo que", "tipo", "unos", "unas",
          "casi", "alrededor de", "por ahi", "va para", "uns", "umas", "acho", "acho que", "cerca de",
          "quase", "por volta de", "mais ou menos", "about", "around", "approximately", "roughly", "maybe",
          "i think", "almost", "nearly", "or so", "like", "environ", "vers", "a peu pres", "je crois",
          "je pense", "presque", "genre", "anviwon", "apepre", "konsa", "m kwe", "mwen kwe", "m panse",
          "mwen panse", "preske", "petet"]  # fmt: skip
LAST_YEAR = ["ano pasado", "ano passado", "last year", "an dernier", "annee derniere", "ane pase",
             "lane pase", "lan pase", "ane pase a", "lane pase a"]  # fmt: skip
THIS_YEAR = ["este ano", "esse ano", "este mismo ano", "this year", "cette annee", "ane sa", "lane sa"]
# A time with no year in it: the caller asks "which year?".
VAGUE_TIME = ["antes de la pandemia", "antes del covid", "antes de la cuarentena", "hace tiempo",
              "hace mucho", "hace rato", "hace anos", "hace un tiempo", "antes da pandemia", "antes do covid",
              "faz tempo", "faz muito tempo", "ha muito tempo", "ha tempo", "faz anos", "a long time ago",
              "long time ago", "a while ago", "a while back", "years ago", "before the pandemic",
              "before covid", "ages ago", "il y a longtemps", "ca fait longtemps", "depuis longtemps",
              "avant la pandemie", "avant le covid", "il y a des annees", "lontan", "sa gen lontan",
              "depi lontan", "anvan pandemi", "anvan kovid", "avan pandemi", "avan kovid",
              "sa gen kek tan"]  # fmt: skip
# Words that introduce a person's age: "tengo 40 años", "I'm 27", "j'ai 30 ans", "m gen 25 an".
AGE_CUES = ["tengo", "tenho", "i m", "im", "i am", "j ai", "jai", "m gen", "mwen gen", "edad", "idade", "age",
            "aged"]  # fmt: skip
# Words before a two-digit year ("agosto del 19", "nasci em 98", "since 09").
YEAR_LEAD = ["del", "de", "do", "da", "em", "en", "el", "in", "an", "nan", "since", "desde", "depi", "of",
             "ano", "year", "annee", "ane", "lane", "naci en", "nasci em"]  # fmt: skip
# Number words beyond twelve, for years said in words ("dos mil veintidós", "deux mille dix-neuf").
NUMBER_WORDS = {
    "es": {"trece": 13, "catorce": 14, "quince": 15, "dieciseis": 16, "diecisiete": 17, "dieciocho": 18,
           "diecinueve": 19, "veinte": 20, "veintiuno": 21, "veintiun": 21, "veintidos": 22, "veintitres": 23,
           "veinticuatro": 24, "veinticinco": 25, "veintiseis": 26, "novecientos": 900, "noventa": 90,
           "ochenta": 80, "setenta": 70},
    "pt": {"treze": 13, "catorze": 14, "quatorze": 14, "quinze": 15, "dezesseis": 16, "dezessete": 17,
           "dezoito": 18, "dezenove": 19, "vinte": 20, "novecentos": 900, "noventa": 90, "oitenta": 80},
    "en": {"thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
           "nineteen": 19, "twenty": 20, "ninety": 90, "eighty": 80, "hundred": 100},
    "fr": {"treize": 13, "quatorze": 14, "quinze": 15, "seize": 16, "vingt": 20, "cent": 100},
    "ht": {"kenz": 15, "ven": 20, "vent": 20, "vennde": 22, "ventwa": 23, "ventkat": 24, "vennsenk": 25},
}  # fmt: skip
THOUSAND = ["mil", "mille", "thousand", "demil"]
YESTERDAY = ["ayer", "ontem", "yesterday", "hier", "ier", "yer"]
TODAY = ["hoy", "hoje", "today", "aujourd hui", "jodi a", "jodi"]

HT_MONTHS = ["janvye", "fevriye", "mas", "avril", "me", "jen", "jiye", "out", "septanm", "oktob",
             "novanm", "desanm"]  # fmt: skip

# Words and short phrases frequent in one language's first messages (greetings, function words, SMS
# spellings, the verbs people open with). A word listed under several languages counts for each, so
# shared words ("de", "que", "para") weigh nothing between them; phrases of several words weigh more.
LANGUAGE_CUES = {
    "es": ["hola", "ola", "holis", "holi", "buenas", "buenos", "buen dia", "bns", "bnas", "dias", "tardes",
           "noches", "q tal", "que tal", "k tal", "quiero", "necesito", "nesesito", "ayuda", "ayudeme",
           "ayudenme", "ayudame", "ayudarme", "soy", "estoy", "toy", "tengo", "tiene", "tenemos", "gracias",
           "porfa", "xfa", "por favor", "informacion", "papeles", "yo", "mi", "mis", "el", "los", "las",
           "del", "al", "y", "pero", "con", "un", "una", "uno", "abogado", "urgente", "que", "q", "xq",
           "pq", "d", "hago", "hacer", "puedo", "pueden", "quieren", "vuelvo", "volver", "llegue",
           "llegamos", "vivo", "hace", "ano", "anos", "somos", "estamos", "hijos", "hijo", "hija", "esposo",
           "esposa", "trabajo", "sin", "pasaporte", "cedula", "donde", "cuando", "como", "hay", "aqui",
           "ya", "muy", "esta", "este", "eso", "esto", "nada", "usted", "ustedes", "es", "son", "fue", "si",
           "ni", "tambien", "ahora", "solo", "en", "a", "para", "por", "detenido", "detenida", "disculpe",
           "saludos", "senor", "senora", "vengo", "miedo", "matar", "me", "le", "lo", "se", "de",
           "venezolano", "venezolana", "colombiano", "colombiana", "migracion", "ta", "preso", "presa",
           "socorro", "oye", "mama", "hermano", "hermana"],
    "pt": ["oi", "oii", "ola", "bom", "boa", "bom dia", "boa tarde", "boa noite", "boas", "dia", "tarde",
           "noite", "tudo bem", "td bem", "tudo bom", "tudo", "bem", "beleza", "blz", "quero", "preciso",
           "ajuda", "ajudar", "me ajuda", "ajudem", "sou", "estou", "obrigado", "obrigada", "brigado",
           "valeu", "vlw", "tenho", "tem", "temos", "voce", "vc", "vcs", "informacao", "documentos", "eu",
           "meu", "minha", "meus", "minhas", "nao", "com", "uma", "um", "em", "na", "do", "da", "dos",
           "das", "o", "os", "e", "que", "q", "pq", "pra", "para", "pro", "mas", "muito", "aqui", "moro",
           "trabalho", "patrao", "pegou", "filho", "filhos", "filha", "mae", "marido", "esposa", "cheguei",
           "chegamos", "vim", "faz", "ja", "agora", "onde", "quando", "como", "porque", "isso", "esse",
           "essa", "ele", "ela", "gente", "a gente", "voltar", "medo", "passaporte", "sim", "sei", "posso",
           "pode", "estamos", "somos", "ta", "to em", "to no", "to na", "to sem", "socorro", "ano", "anos",
           "a", "me", "se", "de", "por favor", "pf", "preso", "presa", "urgente", "advogado", "haitiano",
           "haitiana", "venezuelano", "venezuelana", "documento", "tambem", "ajudar"],
    "en": ["hi", "hello", "hey", "hiya", "good", "good morning", "good afternoon", "good evening",
           "morning", "afternoon", "evening", "want", "need", "help", "i", "i m", "im", "i am", "am",
           "please", "pls", "plz", "thanks", "thank you", "thx", "information", "info", "papers", "the",
           "and", "is", "are", "my", "to", "in", "on", "of", "for", "from", "with", "what", "how", "can",
           "do", "don t", "have", "has", "was", "by", "detained", "asylum", "we", "you", "your", "there",
           "here", "it", "this", "that", "they", "just", "work", "live", "came", "got", "get", "an", "at",
           "be", "been", "ive", "i ve", "would", "could", "wife", "husband", "kids", "son", "daughter",
           "passport", "country", "immigration", "lawyer", "me", "a", "no", "whats up", "sup"],
    "fr": ["bonjour", "bonsoir", "salut", "slt", "bjr", "bsr", "coucou", "je", "j", "suis", "je suis",
           "veux", "voudrais", "besoin", "aide", "aidez", "aider", "merci", "s il vous plait",
           "s il te plait", "svp", "stp", "vous", "tu", "nous", "papiers", "informations", "comment",
           "c est", "est", "et", "le", "la", "les", "des", "du", "un", "une", "mon", "ma", "mes", "ai",
           "j ai", "avec", "pour", "dans", "pas", "ne", "n", "qu", "que", "qui", "quoi", "ou", "au", "aux",
           "mais", "il", "elle", "ils", "on", "sont", "fait", "depuis", "ici", "ca", "oui", "non", "sejour",
           "titre de sejour", "demande", "asile", "haitien", "haitienne", "enfant", "enfants", "mari",
           "femme", "travail", "peur", "moi", "me", "se", "de", "en", "a", "l", "d", "si", "camerounais",
           "congolais", "arrive", "suis arrive", "ans", "mois"],
    "ht": ["bonjou", "bonswa", "sak pase", "sa k pase", "sak ap fet", "kouman ou ye", "kijan ou ye", "mwen",
           "m", "mwen se", "bezwen", "ede", "ed", "souple", "tanpri", "mesi", "kijan", "kouman", "koman",
           "papye", "enfomasyon", "ki", "sa", "ou", "zot", "nou", "yo", "li", "nan", "ak", "pou", "pa",
           "gen", "genyen", "se", "m ap", "ap", "te", "pral", "konnen", "vle", "kapab", "ka", "kote",
           "kounye a", "isit", "la", "yon", "pitit", "manman", "papa", "madanm", "mari", "travay", "peyi",
           "ayisyen", "ayisyenn", "ayiti", "brezil", "chili", "meksik", "arete", "vin", "rive", "ale",
           "tounen", "retounen", "pe", "anpil", "tout", "lajan", "kay", "touye", "pale", "pran", "paspo",
           "depi", "lane", "jodi a", "non", "wi", "fanmi", "lapolis", "pitit mwen", "mwen menm", "sou",
           "avek", "men", "paske", "poukisa", "kounya"],
}  # fmt: skip
# Letter shapes that lean towards a language, matched inside normalized words (weaker than a cue).
LANGUAGE_PATTERNS = {
    "es": [r"cion(?:es)?$", r"dad(?:es)?$", r"^[a-z]+ndo$", r"^(?:[a-z]+)?(?:amos|emos|imos)$", r"ll[aeiou]"],
    "pt": [r"cao$", r"coes$", r"oes$", r"nh[aeiou]", r"lh[aeiou]", r"[^aeiou]ou$", r"dade$", r"eir[ao]s?$"],
    "en": [r"ing$", r"th", r"wh", r"ght", r"ly$", r"ee", r"oo", r"[^aeiou]y$"],
    "fr": [r"eau", r"eux$", r"aux$", r"ai[st]$", r"ette$", r"ien(?:ne)?s?$", r"ais$"],
    "ht": [r"[bdfgkmnpvz]w[aeiou]", r"syon$", r"y[ae]n$", r"^k[aeio]", r"[^aeiou]ye$"],
}  # fmt: skip
# Letters with accents that only some languages write (read before accents are stripped).
LANGUAGE_LETTERS = {
    "es": "ñ¿¡áíóú", "pt": "ãõçêâôàáíóú", "fr": "çêâôàèùûîïëœ", "ht": "òè",
}  # fmt: skip

# Language names people type besides CLDR's (which `languages.language_names` reads from Babel):
# Creole's own names for the five languages, spellings without accents or with typos, short forms.
LANGUAGE_NAMES = {
    "es": ["espanol", "espaniol", "espanhol", "espagnol", "castellano", "spanish", "panyol", "esp"],
    "pt": ["portugues", "portuges", "portugues br", "brasileiro", "portuguese", "portugais", "potige",
           "potuge", "port"],
    "en": ["ingles", "ingls", "english", "inglish", "englis", "anglais", "angle", "eng"],
    "fr": ["frances", "francais", "franses", "french", "franse", "fr"],
    "ht": ["kreyol", "kreyol ayisyen", "creole", "creol", "kreol", "criollo", "crioulo", "creole haitien",
           "criollo haitiano", "haitian creole", "creole haitiano", "haitiano", "ayisyen"],
}  # fmt: skip
# Names that are also demonyms ("sou haitiano", "mwen se ayisyen"): a language choice only with a
# switch word around them ("em haitiano", "pale ayisyen"), never alone.
DEMONYM_LANGUAGE_NAMES = ["haitiano", "ayisyen"]
# Words around a language name that make it a request to switch ("mejor en español", "fala
# português", "english please", "kreyòl souple"). PREPOSITIONS suffice alone; TO_WORDS only after a verb.
SWITCH_VERBS = ["habla", "hablas", "hablar", "hable", "hablame", "hablemos", "hablen", "hablo", "escribe",
                "escribir", "escribeme", "escriba", "cambia", "cambiar", "cambiemos", "cambie", "pasa",
                "pasar", "pasemos", "quiero", "prefiero", "responde", "responder", "contesta", "contestar",
                "seguir", "sigamos", "continuar", "fala", "falar", "fale", "falo", "falamos", "escreve",
                "escrever", "mudar", "muda", "mude", "trocar", "troca", "quero", "prefiro", "speak", "talk",
                "write", "switch", "change", "answer", "reply", "continue", "prefer", "want", "use",
                "parle", "parler", "parlez", "parles", "ecris", "ecrire", "ecrivez", "changer", "passer",
                "passe", "passons", "veux", "voudrais", "prefere", "preferer", "continuer", "repondre",
                "repondez", "pale", "ekri", "chanje", "vle", "pito", "reponn", "kontinye"]  # fmt: skip
SWITCH_PREPOSITIONS = ["en", "em", "in", "an", "idioma", "lingua", "language", "langue", "lang", "langaj"]
SWITCH_TO_WORDS = ["a", "al", "para", "pra", "pro", "to", "into", "pou", "vers", "lo", "le", "el"]
# Words allowed between a switch verb and the language ("parlez-vous français", "fala comigo em…").
SWITCH_FILLERS = ["vous", "tu", "me", "mwen", "m", "comigo", "conmigo", "with", "us", "ak", "mejor",
                  "melhor", "better", "only", "solo", "so", "plus", "mieux", "just", "solamente"]  # fmt: skip
SWITCH_POLITE = ["please", "pls", "plz", "por favor", "porfa", "pf", "porfavor", "svp", "stp",
                 "s il vous plait", "s il te plait", "souple", "tanpri", "gracias", "thanks", "obrigado",
                 "obrigada", "merci", "mesi"]  # fmt: skip
# Negations before (or, in French and Creole, after) a switch verb: "no hablo español" is not a choice.
SWITCH_NEGATIONS = ["no", "nao", "not", "t", "cannot", "cant", "dont", "ne", "n", "pas", "pa", "never",
                    "nunca", "jamais", "ni", "nem"]  # fmt: skip

# Phrases that introduce where someone is now, and where they come from.
HERE_CUES = [
    "estoy en", "toy en", "estamos en", "vivo en", "vivimos en", "ahora en", "llegue a", "llegamos a",
    "ando en", "andamos en", "me encuentro en", "resido en", "estou em", "estou no", "estou na", "to em",
    "to no", "to na", "estamos em", "estamos no", "estamos na", "moro em", "moro no", "moro na",
    "cheguei em", "cheguei no", "cheguei na", "cheguei a", "i m in", "im in", "i am in", "we re in",
    "we are in", "i live in", "i live at", "living in", "staying in", "now in", "came to", "arrived in",
    "arrived to", "got to", "je suis en", "je suis au", "je suis a", "je suis aux", "on est a", "on est au",
    "on est en", "j habite", "je vis", "je suis arrive", "je suis arrivee", "mwen nan", "m nan", "nou nan",
    "mwen ap viv", "m ap viv", "mwen rete", "m rete", "mwen rive", "m rive",
]  # fmt: skip
FROM_CUES = [
    "soy de", "soy d", "soy del", "vengo de", "vengo del", "naci en", "sou de", "sou do", "sou da",
    "venho de", "venho do", "venho da", "vim de", "vim do", "vim da", "nasci", "nasci em", "nasci no",
    "nasci na", "i m from", "im from", "i am from", "i come from", "originally from", "born in",
    "je viens de", "je viens du", "je viens d", "je suis de", "je suis ne", "je suis ne en",
    "je suis ne au", "je suis ne a", "je suis nee en", "je suis nee au", "je suis nee a", "mwen soti",
    "m soti", "mwen soti nan", "m soti nan", "mwen fet", "m fet", "mwen fet nan", "m fet nan",
    "mwen se moun", "m se moun", "se moun",
]  # fmt: skip

# --- Yes/no answers that carry their content (answers.parse_yes_no) --------------------------------
# SMS spellings and contractions read as the word they stand for, before any phrase is compared
# (the phrase lists above are read through the same table, so "mwen pa genyen" equals "m pa genyen").
ANSWER_SPELLINGS = {
    "q": "que", "k": "que", "ke": "que", "x": "por", "xq": "porque", "pq": "porque", "naum": "nao",
    "naun": "nao", "nops": "no", "nn": "nao", "yea": "yes", "ye": "yes", "mwen": "m",
    "toy": "estoy", "tb": "tambien", "vc": "voce",
}  # fmt: skip
# English contractions split by normalization ("don t") are joined back into one negation ("dont").
CONTRACTIONS = ["don", "doesn", "didn", "haven", "hasn", "hadn", "wasn", "weren", "won", "can", "isn",
                "aren", "wouldn", "couldn", "ain"]  # fmt: skip
# Words that split an answer into clauses: "no tengo pasaporte pero sí cédula" is read clause by clause.
BUT_WORDS = ["pero", "sino", "aunque", "mas", "porem", "so que", "but", "though", "although", "however",
             "mais", "sauf", "cependant", "men", "sepandan"]  # fmt: skip
# Words that negate a content cue up to three words later ("no tengo pasaporte", "m pa pè").
NEGATIONS = ["no", "nunca", "jamas", "ni", "ningun", "ninguno", "ninguna", "nada", "nadie", "sin", "nao",
             "nem", "nenhum", "nenhuma", "ninguem", "sem", "not", "never", "nobody", "none",
             "without", "dont", "doesnt", "didnt", "havent", "hasnt", "hadnt", "wasnt", "werent", "wont",
             "cant", "cannot", "isnt", "arent", "wouldnt", "ne", "n", "pas", "jamais", "aucun", "aucune",
             "sans", "personne", "pa", "janm", "okenn", "san", "pesonn"]  # fmt: skip
# Softeners before the answer itself: "kinda yes", "creo que no", "je pense que oui".
ANSWER_HEDGES = ["kinda", "kind of", "sort of", "sorta", "i think", "i guess", "well", "mas o menos",
                 "creo que", "pienso que", "supongo que", "bueno", "pues", "mmm", "eh", "acho que", "bom",
                 "mais ou menos", "eu acho que", "je pense que", "je crois que", "ben", "bon", "euh",
                 "m panse", "m kwe", "ok", "okay", "oh", "ah", "um", "uh"]  # fmt: skip
# Emoji answers (compared before normalization, which drops them).
EMOJI_YES = ["👍", "✅", "✔", "👌", "🙋", "💯"]
EMOJI_NO = ["👎", "❌", "✖", "🚫", "🙅"]
# A don't-know that may also open an ordinary sentence ("no se puede volver", "no se preocupe"): at
# the start of a longer message it means "I don't know" only before one of these words.
DONT_KNOW_FOLLOWERS = {
    "no se": ["que", "si", "nada", "como", "cual", "cuando", "donde", "quien", "cuanto", "bien", "muy",
              "exactamente", "realmente", "decir", "responder", "contestar", "la", "el", "lo", "eso", "ni"],
    "nose": ["que", "si", "nada", "como", "cual", "cuando", "donde", "bien", "decir", "la", "el", "lo"],
}  # fmt: skip

# What an answer to a yes/no question says through its content, per fact and language: the "yes"
# cues affirm the fact, the "no" cues deny it; a negation just before a cue turns it round ("no
# tengo miedo"). A word ending in "*" matches any word it begins ("amenaz*": amenaza, amenazaron).
# Where cues overlap the longer one counts ("casier judiciaire vierge" over "casier judiciaire").
FACT_CUES = {
    "has_passport_or_id": {
        "yes": {
            "es": ["pasaporte*", "pasaport", "pasapote", "cedula*", "dni", "documento*", "identidad",
                   "carnet", "tarjeta de identidad", "credencial", "ine", "papel", "papeles"],
            "pt": ["passaporte*", "passaport", "cedula*", "rg", "identidade", "carteira de identidade",
                   "documento*", "dni", "papel", "papeis"],
            "en": ["passport*", "id", "ids", "id card", "national id", "identity card", "cedula*",
                   "document*", "dni", "papers"],
            "fr": ["passeport*", "carte d identite", "piece d identite", "identite", "cedula*", "document*",
                   "papier", "papiers"],
            "ht": ["paspo", "paspou", "kat idantite", "idantite", "pyes idantite", "nif", "cin", "dokiman",
                   "kat nif", "papye"],
        },
        "no": {
            "es": ["indocumentado", "indocumentada", "sin documentos", "sin papeles"],
            "pt": ["indocumentado", "indocumentada", "sem documentos"],
            "en": ["no documents", "no papers"],
            "fr": ["sans papiers", "sans documents"],
            "ht": ["pa gen papye", "pa gen dokiman"],
        },
    },
    "has_criminal_record": {
        "yes": {
            "es": ["antecedentes", "antecedentes penales", "record criminal", "record policial", "preso",
                   "presa", "carcel", "prision", "condena*", "delito*", "cargos", "dui", "felonia"],
            "pt": ["antecedente*", "ficha criminal", "preso", "presa", "cadeia", "prisao", "condena*",
                   "crime", "crimes", "processo criminal", "delito*"],
            "en": ["criminal record", "record", "dui", "dwi", "felony", "felonies", "misdemeanor*",
                   "convict*", "jail", "prison", "charges", "charged", "crime*"],
            "fr": ["casier judiciaire", "casier", "condamn*", "prison", "delit", "delits", "crime*",
                   "antecedents judiciaires"],
            "ht": ["dosye kriminel", "kasye jidisye", "reko kriminel", "prizon", "kondane", "krim"],
        },
        "no": {
            "es": ["ficha limpia", "record limpio", "antecedentes limpios", "limpio", "limpia"],
            "pt": ["ficha limpa", "nome limpo", "limpo", "limpa"],
            "en": ["clean record", "clean"],
            "fr": ["casier vierge", "casier judiciaire vierge", "vierge"],
            "ht": ["dosye m pwop", "pwop"],
        },
    },
    "fear_of_return": {
        "yes": {
            "es": ["miedo", "temor", "susto", "asustad*", "matar", "matan", "mata", "maten", "mataran",
                   "matarian", "mataria", "matado", "muerte", "amenaz*", "persig*", "persegu*", "persecu*",
                   "preso", "presa", "carcel", "me meten", "pandill*", "mareros", "guerrilla*",
                   "paramilitar*", "colectivo*", "extorsi*", "secuestr*", "peligr*", "violen*",
                   "tortur*", "desaparec*", "arrest*", "detuv*", "me buscan", "no puedo volver",
                   "no puedo regresar", "no puedo ir"],
            "pt": ["medo", "receio", "matar", "matam", "mate", "matem", "matariam", "mataria", "morte",
                   "ameac*", "persegu*", "preso", "presa", "prisao", "cadeia", "faccao", "faccoes",
                   "gangue*", "milicia*", "sequestr*", "extors*", "perigo*", "violen*", "tortur*",
                   "nao posso voltar", "nao posso ir"],
            "en": ["scared", "afraid", "fear*", "terrified", "frightened", "kill", "kills", "killed",
                   "murder*", "death", "threat*", "persecut*", "gang", "gangs", "cartel*", "jail", "prison",
                   "arrest*", "tortur*", "kidnap*", "extort*", "danger*", "harm", "hurt", "not safe",
                   "unsafe", "cant go back", "cannot go back", "after me"],
            "fr": ["peur", "crain*", "effray*", "tuer", "tueront", "tuerait", "tuent", "mort", "menac*",
                   "persecut*", "prison", "arret*", "gang", "gangs", "danger*", "tortur*", "enlev*",
                   "violen*", "je ne peux pas rentrer", "je ne peux pas retourner"],
            "ht": ["pe", "krent", "touye", "menase", "menas", "pesekite", "arete", "prizon", "gang",
                   "bandi", "danje", "kidnape", "kidnaping", "vyole", "pa ka retounen", "chache m"],
        },
        "no": {
            "es": ["tranquilo", "tranquila", "a salvo", "sin problema*", "sin peligro", "no pasa nada"],
            "pt": ["tranquilo", "tranquila", "sem problema*", "em paz", "sem perigo"],
            "en": ["safe", "no problem*", "no danger", "nothing will happen"],
            "fr": ["tranquille", "en securite", "pas de probleme*", "sans danger"],
            "ht": ["trankil", "pa gen pwoblem", "an sekirite"],
        },
    },
    "entry_regular": {
        "yes": {
            "es": ["por el puente", "por migracion", "aeropuerto", "en avion", "con sello", "sellaron",
                   "sellado", "legal", "legalmente", "con visa", "puesto fronterizo", "paso oficial"],
            "pt": ["aeroporto", "de aviao", "carimb*", "legalmente", "pela policia federal",
                   "pela fronteira oficial", "pela imigracao", "com visto"],
            "en": ["airport", "by plane", "stamped", "stamp", "port of entry", "legally",
                   "through immigration", "with a visa", "cbp one"],
            "fr": ["aeroport", "en avion", "tampon", "tamponne", "legalement", "par la douane",
                   "par l immigration", "avec un visa"],
            "ht": ["ayewopo", "avyon", "legalman", "pa imigrasyon", "ak viza"],
        },
        "no": {
            "es": ["trocha", "trochas", "por el monte", "por la selva", "por el desierto", "cruce el rio",
                   "ilegal", "ilegalmente", "coyote", "mojado"],
            "pt": ["pela mata", "pelo mato", "trilha", "ilegal", "ilegalmente", "clandestin*", "coiote"],
            "en": ["illegally", "illegal", "jungle", "crossed the river", "coyote", "smuggler*"],
            "fr": ["illegal*", "clandestin*", "passeur", "par la foret"],
            "ht": ["ilegal", "anba fil", "nan bwa", "kondisip"],
        },
    },
}  # fmt: skip
# Facts where any clause that affirms wins over one that denies: the passport-or-ID question is
# answered yes by either document ("no tengo pasaporte pero sí cédula", "tengo cédula pero no
# pasaporte"), and a fear mentioned anywhere is never outweighed (danger first). Other facts read
# the last clause that says something ("i was arrested once but no charges").
ANY_CLAUSE_AFFIRMS = ["has_passport_or_id", "fear_of_return"]

# --- Places: words that are places only when they stand as one (places.PlaceReader) ----------------
# Place names that are also ordinary words: they count only when the message is the name alone or
# the name follows a place preposition ("estoy en quito", "de quito"), never in "me quito el
# pasaporte" or "usa el pasaporte".
PLACE_WORDS = ["quito", "usa", "posadas", "cuenca", "rosario", "nogales", "rivera", "mendoza", "juarez",
               "pereira", "leticia", "regina", "orlando", "montero", "melo", "la vega", "valera",
               "los estados", "the states", "cr"]  # fmt: skip
# City names shared by sizeable cities of several countries (left out of countries/cities.yml): a
# message that is only such a name says no country, so the bot asks which one, offering these.
# A country name or demonym right after one ("cordoba argentina") names that city's country.
AMBIGUOUS_PLACES = {
    "santiago": ["CL", "DO", "CU"], "santo domingo": ["DO", "EC"], "san jose": ["CR", "US"],
    "san juan": ["AR", "PR"], "santa cruz": ["BO", "AR", "US"], "la paz": ["BO", "MX"],
    "cordoba": ["AR", "MX", "ES"], "valencia": ["VE", "ES"], "barcelona": ["VE", "ES"],
    "merida": ["MX", "VE", "ES"], "leon": ["MX", "NI", "ES"], "trujillo": ["PE", "VE", "HN"],
    "san cristobal": ["VE", "DO"], "santa ana": ["SV", "US"],
    "san miguel": ["SV", "PE", "AR"], "maipu": ["CL", "AR"], "concepcion": ["CL", "PY"],
    "san fernando": ["TT", "VE", "AR", "CL"], "san lorenzo": ["PY", "AR", "HN"], "santa clara": ["CU", "US"],
    "manzanillo": ["MX", "CU"], "cartago": ["CR", "CO"], "london": ["GB", "CA"],
    "niagara falls": ["CA", "US"], "paso canoas": ["PA", "CR"], "penas blancas": ["CR", "NI"],
    "desaguadero": ["PE", "BO"], "chuy": ["UY", "BR"], "chui": ["BR", "UY"], "guasaule": ["NI", "HN"],
    "rumichaca": ["CO", "EC"],
}  # fmt: skip
# Abbreviations that are also an article ("la"): a place only in capitals after a place preposition
# ("en LA") or after one of the words listed ("in la", "to la").
CAPITALS_ONLY_PLACES = {"la": ["in", "to", "from", "at", "near"]}
PLACE_PREPOSITIONS = ["en", "de", "del", "desde", "a", "al", "para", "hacia", "por", "em", "no", "na", "do",
                      "da", "pra", "pro", "in", "at", "to", "from", "near", "au", "aux", "vers", "nan",
                      "soti", "rive", "d"]  # fmt: skip
ARTICLES = ["el", "la", "los", "las", "o", "a", "os", "as", "the", "le", "les", "l"]
# After a demonym, these words introduce the home town ("venezolana de Maracaibo"): that city is
# where the person is from, not where they are.
ORIGIN_LINKS = ["de", "del", "d", "do", "da", "from", "of", "soti", "nan"]
# Demonyms that are also language names ("fala portugues", "hablo español", "parle français"): a
# nationality only after one of NATIONALITY_CUES or as the whole message.
LANGUAGE_WORDS = ["espanol", "espanhol", "spanish", "espagnol", "espanyol", "portugues", "portuguese",
                  "portugais", "potige", "frances", "french", "francais", "franse", "ingles", "english",
                  "anglais", "angle", "italiano", "italian", "italien", "italyen", "aleman", "alemao",
                  "german", "allemand", "alman", "chino", "chines", "chinese", "chinois", "ruso", "russo",
                  "russian", "russe"]  # fmt: skip
NATIONALITY_CUES = ["soy", "sou", "es", "somos", "i m", "im", "i am", "we are", "he is", "she is",
                    "je suis", "nous sommes", "il est", "elle est", "m se", "mwen se", "nou se", "li se",
                    "nacionalidad", "nacionalidade", "nationality", "nationalite", "nasyonalite"]  # fmt: skip

# Words that must appear for a command to override a message that also reads as an answer:
# NLU can mistake "Argentine" for "agente", but "Argentine" contains none of these.
COMMAND_WORDS = {
    "start_over": ["menu", "meni", "reiniciar", "empezar", "empezar de nuevo", "de nuevo", "desde cero",
                   "recomecar", "comecar", "de novo", "start over", "restart", "recommencer", "rekomanse",
                   "inicio", "kòmanse", "reset", "recommence", "recommencons", "a zero",
                   "desde el principio", "do zero", "from scratch", "komanse ankò"],
    "go_back": ["atras", "volver", "regresar", "voltar", "back", "go back", "retour", "revenir", "tounen",
                "undo", "deshacer", "desfazer", "me equivoque", "errei", "mistake", "erreur", "anile",
                "volta", "vuelve", "je me suis trompe", "je me suis trompee", "m fe ere", "mwen fe ere",
                "made a mistake"],
    "change_language": ["idioma", "language", "langue", "lang", "lingua", "langaj", "lengua",
                        "cambiar idioma", "mudar idioma", "change language", "changer de langue",
                        "chanje lang"],
    "human": ["persona", "humano", "agente", "pessoa", "atendente", "alguien", "alguem", "human", "person",
              "agent", "someone", "somebody", "quelqu un", "personne", "conseiller", "moun", "ajan",
              "operador", "operadora", "real person", "persona real", "pessoa de verdade"],
    "delete_data": ["borrar", "borra", "borre", "eliminar", "elimina", "apagar", "apaga", "apague", "delete",
                    "erase", "remove", "effacer", "efface", "effacez", "supprimer", "supprime", "supprimez",
                    "efase", "retire"],
    "why": ["por que", "porque", "por q", "xq", "x q", "pq", "porq", "pk", "why", "pourquoi", "poukisa",
            "pou ki sa", "pouki", "para que", "pra que", "q es eso", "que es eso", "o que e isso",
            "what is this", "what does that mean", "c est quoi ca", "c est quoi", "kisa sa ye", "kisa sa a"],
}  # fmt: skip
# What people say of their own asylum claim, for the list question of what they hold or held.
CLAIM_WORDS = {
    "asylum_claim_denied": [
        "me negaron el refugio", "me negaron el asilo", "me negaron", "rechazaron mi solicitud", "negado",
        "negaron", "rechazado", "rechazada", "meu refugio foi negado", "negaram", "foi negado", "indeferido",
        "my asylum was denied", "denied", "rejected", "refuse", "refusee", "rejete", "on m a refuse",
        "yo refize", "yo rejte", "refize",
    ],
    "asylum_claim_pending": [
        "estoy esperando", "en tramite", "pendiente", "todavia espero", "estou esperando", "em andamento",
        "aguardando", "pending", "waiting", "still waiting", "en attente", "en cours", "j attends",
        "m ap tann", "map tann", "ap tann",
    ],
}  # fmt: skip
# Asking for a person inside a longer message ("Colombia, quiero hablar con una persona").
HUMAN_REQUESTS = [
    "hablar con una persona", "hablar con alguien", "hablar con un agente", "hablar con un humano",
    "falar com uma pessoa", "falar com alguem", "falar com um atendente", "talk to someone",
    "talk to a person", "talk to a human", "speak to someone", "speak to a person", "speak with someone",
    "parler a quelqu un", "parler a une personne", "parler avec quelqu un", "pale ak yon moun",
]  # fmt: skip
# Words that may surround a command without making it something else: "quiero hablar con una persona",
# "borrar mis datos por favor", "volver a la pregunta anterior", "pq vc quer saber? kkk".
COMMAND_FILLER = [
    "quiero", "quisiera", "queria", "quero", "gostaria", "want", "wanna", "would", "like", "to", "i", "je",
    "veux", "voudrais", "mwen", "m", "vle", "ta", "hablar", "falar", "talk", "speak", "parler", "pale", "con",
    "com", "with", "avec", "ak", "una", "un", "uma", "um", "a", "an", "the", "la", "el", "le", "les", "los",
    "las", "o", "os", "yon", "por", "favor", "porfa", "pf", "pfv", "please", "pls", "plz", "svp", "s", "il",
    "vous", "plait", "souple", "tanpri", "ok", "okay", "dale", "bueno", "ya", "go", "ir", "lets", "let", "us",
    "vamos", "de", "du", "des", "nuevo", "otra", "vez", "again", "novo", "previous", "last", "question",
    "pregunta", "anterior", "pergunta", "precedente", "kesyon", "anvan", "my", "mis", "mi", "meus", "minha",
    "minhas", "mes", "mon", "ma", "done", "data", "datos", "dados", "donnees", "information", "informacion",
    "informacao", "enfomasyon", "everything", "todo", "tudo", "tout", "pou", "puedo", "posso", "can",
    "could", "may", "pe", "ka", "cambiar", "mudar", "change", "changer", "chanje", "otro", "outra", "outro",
    "another", "autre", "lot", "que", "q", "quieres", "quiere", "saber", "preguntas", "eso", "esto", "isso",
    "isto", "vc", "voce", "quer", "you", "ask", "asking", "need", "know", "this", "that", "do", "does", "it",
    "ou", "bezwen", "konnen", "sa", "tu", "savoir", "ca", "cela", "kkk", "jaja", "haha", "me", "lo", "mean",
    "es", "e", "is", "est", "ye", "for", "what", "pra", "para", "pour", "now", "ahora", "agora", "maintenant",
    "kounye", "real", "de verdad", "all", "please", "sorry", "hey", "pasame", "pasa", "pasar", "passa",
    "passe", "me", "put", "through", "connect", "x", "te", "dije", "dicho", "eu", "falei", "disse", "told",
    "said", "t", "ai", "dit", "di", "w", "tout", "ce", "sa", "everything", "wait", "espera", "pera", "made",
    "une", "d", "avant", "nan", "on", "zero", "voulez", "trocar", "lingua", "idioma", "uma", "volver", "a",
    "favor", "porfavor", "plis", "ayudame", "ayuda", "help", "ede", "aide", "ajuda", "oye", "ei", "bon",
    "alors", "entonces", "then", "so", "epi", "y", "and", "et", "ak", "mejor", "better", "melhor", "mieux",
]  # fmt: skip
# Asking to book, cancel or move a visit to a centre (bot/conversation/flows/booking.py). A message
# made of one of these plus filler or BOOKING_FILLER words is a request; with a booking code in it,
# "cancelar ABC234" or "chanje ABC234" acts on that booking. The reminder and the confirmation tell
# people to reply with the first words of "cancel" and "change" in their language.
BOOKING_WORDS = {
    "book": ["cita", "una cita", "agendar", "agendar cita", "reservar", "reservar cita", "pedir cita",
             "sacar cita", "turno", "pedir turno", "sacar turno", "agendamento", "agendar atendimento",
             "marcar atendimento", "marcar horario", "agendar horario", "book", "book a visit",
             "appointment", "make an appointment", "book an appointment", "rendez vous",
             "prendre rendez vous", "reserver", "randevou", "pran randevou", "fe randevou", "visita", "visit",
             "visite", "vizit"],
    "cancel": ["cancelar", "cancela", "cancele", "anular", "anula", "cancel", "annuler", "annule", "anile",
               "desmarcar"],
    "change": ["cambiar", "cambia", "cambie", "reprogramar", "mover", "remarcar", "reagendar", "mudar",
               "change", "reschedule", "move", "changer", "deplacer", "chanje", "deplase"],
}  # fmt: skip
# Words around a booking request besides COMMAND_FILLER: "cancelar mi cita", "remarcar meu horário".
BOOKING_FILLER = ["cita", "citas", "turno", "visita", "visit", "visite", "vizit", "appointment", "booking",
                  "reserva", "agendamento", "atendimento", "horario", "rendez", "vous", "randevou", "codigo",
                  "code", "kod", "el", "en", "centro", "center", "centre", "sant", "dia", "day",
                  "jour", "jou", "hora", "time", "heure", "le", "lo", "reservation", "agenda", "agendar",
                  "marcar", "pran", "fe", "nuevo", "nueva", "nova", "new", "nouveau", "nouvelle",
                  "lot"]  # fmt: skip
# "No, perdón…", "I meant…": a correction of something said before (looked for in the first words).
CORRECTION_CUES = [
    "perdon", "perdona", "disculpa", "me equivoque", "quise decir", "queria decir", "mejor dicho",
    "en realidad", "corrijo", "correccion", "desculpa", "desculpe", "perdao", "errei", "quis dizer",
    "eu quis dizer", "na verdade", "na real", "i meant", "i mean", "sorry", "actually", "correction",
    "my mistake", "wrong", "en fait", "pardon", "je voulais dire", "je me suis trompe", "je me suis trompee",
    "plutot", "mwen vle di", "m vle di", "m te vle di", "mwen te vle di", "eskize", "padon", "m te fe ere",
    "mwen te fe ere", "no no", "nao nao",
]  # fmt: skip
# A "why" inside a longer question after the results ("¿por qué no me sale la visa V?"); not
# "porque" (because), which starts ordinary answers.
WHY_WORDS = ["por que", "por q", "xq", "x q", "pq", "porq", "pork", "why", "pourquoi", "poukisa", "pou ki sa"]
# Words of time since arrival ("moro em Manaus faz 3 anos"), read as the arrival only beside where
# the person lives now.
SINCE_CUES = ["hace", "faz", "ha", "il y a", "sa gen", "ca fait", "depuis", "desde", "since", "for", "depi"]
# Asking to see the results again.
SHOW_RESULTS = ["resultados", "resultado", "results", "result", "resultats", "resultat", "rezilta",
                "ver de nuevo", "mostrar de nuevo", "show again", "opciones", "opcoes", "options",
                "opsyon"]  # fmt: skip
# Words that introduce when the person arrived, or was born, inside a longer message.
ENTRY_CUES = [
    "llegue", "llegamos", "llego", "entre", "entramos", "ingrese", "ingresamos", "desde", "estoy aqui desde",
    "cheguei", "chegamos", "entrei", "entramos", "estou aqui desde", "arrived", "came", "came here",
    "since", "entered", "got here", "je suis arrive", "je suis arrivee", "arrive", "arrivee", "depuis",
    "rive", "m rive", "mwen rive", "depi", "antre", "m antre",
]  # fmt: skip
BIRTH_CUES = ["naci", "naci el", "nasci", "born", "born on", "je suis ne", "je suis nee", "ne le", "nee le",
              "mwen fet", "m fet", "fet"]  # fmt: skip

# Greetings: "hola" after a pause means "I'm back", not an answer; gibberish NLU calls a greeting
# is still a misunderstood answer.
# SMS spellings and drawn-out forms are listed as written ("holaa", "bns tardes", "q tal", "oii").
GREETINGS = ["hola", "buenas", "buenos dias", "buenas tardes", "buenas noches", "saludos", "oi", "ola",
             "bom dia", "boa tarde", "boa noite", "hello", "hi", "hey", "good morning", "good afternoon",
             "good evening", "bonjour", "bonsoir", "salut", "coucou", "bonjou", "bonswa", "alo", "allo",
             "sak pase", "kouman ou ye",
             "holaa", "holaaa", "holis", "holi", "hola hola", "hola buenas", "hola buenos dias",
             "hola buenas tardes", "hola buenas noches", "buen dia", "buenass", "bns", "bns dias",
             "bns tardes", "bns noches", "ola bns tardes", "ola buenas", "q tal", "que tal", "k tal",
             "hola q tal", "hola que tal", "oii", "oiii", "ola bom dia", "oi bom dia", "oi boa tarde",
             "oi boa noite", "tudo bem", "oi tudo bem", "td bem", "oi td bem", "tudo bom", "e ai", "eai",
             "hii", "helloo", "hi there", "hello there", "hey there", "hiya", "whats up", "slt", "bjr", "bsr",
             "salut ca va", "bonjour ca va", "sa k pase", "sak ap fet", "sa k ap fet", "kijan ou ye",
             "bonjou tout moun", "bonswa tout moun", "alo bonjou"]  # fmt: skip

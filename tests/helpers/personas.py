"""People the whole-stack tests talk as: what each answers to every question the engine may ask."""

VENEZUELAN_IN_BRAZIL_ES = {
    "nationality": "Venezuela",
    "current_country": "Brasil",
    "fear_of_return": "no",
    "has_criminal_record": "no",
    "entry_date": "01/02/2024",
    "entry_regular": "sí",
    "birth_date": "10/10/1990",
    "has_passport_or_id": "sí",
    "holds": "ninguno",
    "children_hold": "ninguno",
    "relatives_hold": "ninguno",
}

# How each language says yes / no, and a birth date, for the personas below.
WORDS = {
    "es": {"yes": "sí", "no": "no", "birth": "10 de octubre de 1990"},
    "pt": {"yes": "sim", "no": "não", "birth": "10/10/1990"},
    "en": {"yes": "yes", "no": "no", "birth": "October 10 1990"},
    "fr": {"yes": "oui", "no": "non", "birth": "10 octobre 1990"},
    "ht": {"yes": "wi", "no": "non", "birth": "10 oktòb 1990"},
}


def persona(lang: str, nationality: str, here: str, fear: bool, entry: str) -> dict[str, str]:
    """Answers to every question, in `lang`: nationality and country as typed, the rest plain."""
    words = WORDS[lang]
    return {
        "nationality": nationality,
        "current_country": here,
        "fear_of_return": words["yes" if fear else "no"],
        "has_criminal_record": words["no"],
        "entry_date": entry,
        "entry_regular": words["yes"],
        "birth_date": words["birth"],
        "has_passport_or_id": words["yes"],
    }


# (language, first message, answers, pathway that must be reported, its status), three per language.
CONVERSATIONS = [
    ("es", "hola", persona("es", "soy venezolano", "estoy en Brasil", False, "febrero 2024"),
     "br_residence_border_countries", "likely_eligible"),
    ("es", "buenas, necesito ayuda", persona("es", "colombiana", "vivo en Lima", False, "hace dos años"),
     "mercosur_pe", "likely_eligible"),
    ("es", "hola", persona("es", "Venezuela", "estoy en Cúcuta", False, "10/06/2024"),
     "co_visa_v_special", "likely_eligible"),
    ("pt", "oi", persona("pt", "sou haitiano", "Brasil", True, "10/02/2024"), "asylum_br", "likely_eligible"),
    ("pt", "olá, preciso de ajuda", persona("pt", "boliviana", "estou em São Paulo", False, "maio de 2023"),
     "mercosur_br", "likely_eligible"),
    ("pt", "bom dia", persona("pt", "venezuelano", "moro em Boa Vista", False, "há 2 anos"),
     "br_residence_border_countries", "likely_eligible"),
    ("en", "hello", persona("en", "I'm Colombian", "I'm in Brazil", False, "January 2024"),
     "mercosur_br", "likely_eligible"),
    # A TPS holder: open again under the automatic extension, which is unconfirmed (KB review 2026-11).
    ("en", "hi, I need help", {**persona("en", "El Salvador", "I live in Houston", False, "2000-01-01"),
                               "holds": "I have TPS"},
     "us_tps_sv", "likely_eligible"),
    ("en", "hello", persona("en", "Honduran", "Mexico", True, "2 weeks ago"), "asylum_mx", "likely_eligible"),
    ("fr", "bonjour", persona("fr", "je suis haïtien", "Brésil", True, "février 2024"),
     "asylum_br", "likely_eligible"),
    # A year after entry, Chile's 7-working-day deadline has passed: never "likely" (review G, fr02).
    ("fr", "bonjour, j'ai besoin d'aide", persona("fr", "haïtienne", "Chili", True, "il y a un an"),
     "asylum_cl", "possibly_eligible"),
    ("fr", "salut", persona("fr", "vénézuélien", "Argentine", False, "mars 2025"),
     "ar_venezuela_regime", "likely_eligible"),
    ("ht", "bonjou", persona("ht", "mwen se ayisyen", "mwen nan Brezil", True, "fevriye 2024"),
     "asylum_br", "likely_eligible"),
    ("ht", "bonjou, mwen bezwen ed", persona("ht", "mwen soti Ayiti", "Meksik", True, "sa gen 2 semèn"),
     "asylum_mx", "likely_eligible"),
    # More than a year in the US: the one-year asylum deadline has passed (review G, es05).
    ("ht", "bonswa", persona("ht", "ayisyen", "mwen nan Miami", True, "mas 2023"),
     "asylum_us", "possibly_eligible"),
]  # fmt: skip

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
}

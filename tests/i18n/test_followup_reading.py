"""Messages written after the results are read as the question they are (review table F)."""

from __future__ import annotations

import pytest

from bot.i18n.followups import Followup, classify_followup


def _results(*entries: tuple[str, str]) -> list[dict[str, str]]:
    return [{"pathway": pathway, "status": status} for pathway, status in entries]


LIKELY, CLOSED = "likely_eligible", "closed"
CO_VE = _results(("co_visa_v_special", LIKELY), ("co_pep_tutor", CLOSED))
PE_VE = _results(("pe_formalizacion_2025", CLOSED))
US_HN = _results(("asylum_us", LIKELY), ("us_tps_hn", CLOSED))
US_HT = _results(("asylum_us", LIKELY), ("us_tps_ht", CLOSED))
US_VE = _results(("asylum_us", LIKELY), ("us_tps_ve", CLOSED))
MX = _results(("asylum_mx", LIKELY), ("mx_tvrh", LIKELY))
CR = _results(("asylum_cr", LIKELY), ("cr_complementary_protection_2020", LIKELY), ("cr_cet", CLOSED))
BR_VE = _results(("br_residence_border_countries", LIKELY))
BR_ASYLUM = _results(("asylum_br", LIKELY))
BR_MERCOSUR = _results(("mercosur_br", LIKELY))
AR_VE = _results(("ar_venezuela_regime", LIKELY))
NOTHING: list[dict[str, str]] = []

# Every phrasing of the review's table F, with what a careful reader takes it to ask.
TABLE_F = [
    ("es", "y donde queda eso?", CO_VE, Followup("where", "co_visa_v_special")),
    ("es", "gracias", CO_VE, Followup("thanks")),
    ("es", "necesito trabajo", PE_VE, Followup("need", need="job")),
    ("es", "q hago?", PE_VE, Followup("how", "pe_formalizacion_2025")),
    ("es", "q es refugio?", CR, Followup("term", "asylum_cr", "asylum")),
    ("es", "cuanto tiempo tengo para pedir asilo?", US_HN, Followup("deadline", "asylum_us", "asylum")),
    ("es", "el TPS se acabo?", _results(("us_tps_sv", CLOSED)), Followup("deadline", "us_tps_sv", "tps")),
    ("es", "y el documento cuanto cuesta?", _results(("mercosur_ar", LIKELY)),
     Followup("cost", "mercosur_ar")),
    ("es", "y la amnistia todavia esta?", NOTHING, Followup("deadline", "ec_virte", "virte")),
    ("es", "y la comar donde queda?", NOTHING, Followup("where", None, "comar")),
    ("pt", "quanto custa?", BR_VE, Followup("cost", "br_residence_border_countries")),
    ("pt", "obrigado", BR_VE, Followup("thanks")),
    ("pt", "onde faço isso em foz?", BR_MERCOSUR, Followup("where", "mercosur_br")),
    ("pt", "posso trabalhar?", BR_ASYLUM, Followup("need", need="job")),
    ("en", "my parole expires next month what do i do", US_HT,
     Followup("deadline", "us_chnv_parole", "parole")),
    ("en", "what is the deadline for asylum", US_HN, Followup("deadline", "asylum_us", "asylum")),
    ("en", "i need a lawyer now", _results(("asylum_us", LIKELY)), Followup("need", need="lawyer")),
    ("en", "what does PPT mean?", CO_VE, Followup("term", "co_ppt", "ppt")),
    ("en", "i need a job", MX, Followup("need", need="job")),
    ("en", "how much does it cost?", BR_VE, Followup("cost", "br_residence_border_countries")),
    ("fr", "le délai de 7 jours c'est passé, je fais quoi ?", _results(("asylum_cl", LIKELY)),
     Followup("deadline", "asylum_cl")),
    ("fr", "où est la COMAR ?", MX, Followup("where", "asylum_mx", "comar")),
    # "how long for the card?" asks how long the procedure takes: the steps ("how"), not a deadline
    ("fr", "le TPS c'est fini ?", US_HT, Followup("deadline", "us_tps_ht", "tps")),
    ("fr", "combien de temps pour la carte humanitaire ?", MX, Followup("how", "mx_tvrh", "tvrh")),
    ("ht", "ki kote COMAR ye?", MX, Followup("where", "asylum_mx", "comar")),
    ("ht", "TPS la fini?", US_HT, Followup("deadline", "us_tps_ht", "tps")),
    ("ht", "mwen bezwen travay", _results(("asylum_cl", LIKELY)), Followup("need", need="job")),
    ("ht", "kijan m ka jwenn yon avoka?", US_HT, Followup("need", need="lawyer")),
    ("en", "is TPS over?", US_VE, Followup("deadline", "us_tps_ve", "tps")),
    ("es", "q es el CPP?", PE_VE, Followup("term", None, "cpp")),
    ("es", "me negaron el refugio, q hago?", CR, Followup("how", "asylum_cr", "asylum")),
    ("es", "cuanto cuesta?", AR_VE, Followup("cost", "ar_venezuela_regime")),
    ("pt", "e o que é o CONARE?", BR_ASYLUM, Followup("term", "asylum_br", "conare_br")),
    ("pt", "vlw", BR_MERCOSUR, Followup("thanks")),
    ("ht", "mesi", _results(("asylum_cl", LIKELY)), Followup("thanks")),
    ("es", "gracias, y donde queda migraciones en arequipa?", PE_VE,
     Followup("where", "pe_formalizacion_2025", "migraciones_pe")),
    ("pt", "e agora? o que eu faço sem documento?", NOTHING, Followup("how")),
]  # fmt: skip

# Read before follow-ups by the conversation, so not follow-ups: "why" (xq, pq), corrections
# (soy paraguaya, no estoy en ecuador), a language switch, and questions no topic covers (the
# conversation answers those with "I can't answer that; here is who can"). Danger messages of
# table F ("isso é trabalho escravo?", "onde eu durmo hoje?", "ils font des rafles…",
# "imigrasyon ap fè rafle…") are answered by the safety step first and are left out here.
NOT_FOLLOWUPS = [
    "xq?", "pq?", "soy paraguaya", "english please", "entonces no hay nada para mi?",
    "y mis hijos? el chiquito tiene 5", "no, estoy en ecuador", "estoy en guayaquil, ecuador!!",
]  # fmt: skip


@pytest.mark.parametrize(("lang", "text", "results", "expected"), TABLE_F, ids=[c[1] for c in TABLE_F])
def test_review_table_f(shipped_kb, lang, text, results, expected) -> None:
    assert classify_followup(shipped_kb, text, results) == expected


@pytest.mark.parametrize("text", NOT_FOLLOWUPS)
def test_not_a_followup(shipped_kb, text) -> None:
    assert classify_followup(shipped_kb, text, CO_VE) is None


@pytest.mark.parametrize(
    ("text", "results", "expected"),
    [
        # our own phrasings, the way people write
        ("cuanto sale el ppt", CO_VE, Followup("cost", "co_ppt", "ppt")),
        ("k cuesta la visa v?", CO_VE, Followup("cost", "co_visa_v_special", "visa_v")),
        ("como lo pido", CO_VE, Followup("how", "co_visa_v_special")),
        ("quanto tempo demora?", BR_VE, Followup("how", "br_residence_border_countries")),
        ("c'est quoi le TPS ?", US_HT, Followup("term", "us_tps_ht", "tps")),
        ("kisa PPT ye?", CO_VE, Followup("term", "co_ppt", "ppt")),
        ("konbyen li koute?", MX, Followup("cost", "asylum_mx")),
        ("y la comar?", MX, Followup("term", "asylum_mx", "comar")),
        ("necesito un abogado", CO_VE, Followup("need", need="lawyer")),
        ("where can i sleep tonight", CO_VE, Followup("need", need="shelter")),
        ("mi hijo necesita ir a la escuela", CO_VE, Followup("need", need="school")),
        ("ok", CO_VE, Followup("thanks")),
        ("🙏", CO_VE, Followup("thanks")),
        ("merci beaucoup", MX, Followup("thanks")),
        # a word two countries share is read with the person's country, never guessed
        ("que es la conare?", _results(("asylum_ar", LIKELY)), Followup("term", "asylum_ar", "conare_ar")),
        ("que es la conare?", NOTHING, None),
        ("donde queda migraciones", AR_VE, Followup("where", "ar_venezuela_regime", "dnm_ar")),
        # "cuánto tiempo" is a deadline, not a price; a word asked with a price is the price
        ("cuanto tiempo dura?", CO_VE, Followup("deadline", "co_visa_v_special")),
        ("que es el ppt y cuanto cuesta", CO_VE, Followup("cost", "co_ppt", "ppt")),
        # the work-permit word is not a job request
        ("cuanto cuesta el permiso de trabajo", US_HT, Followup("cost", "asylum_us", "work_permit")),
        # no open programme: the first one shown
        ("como lo hago", PE_VE, Followup("how", "pe_formalizacion_2025")),
        ("what now", NOTHING, Followup("how")),
        ("", CO_VE, None),
    ],
)
def test_own_phrasings(shipped_kb, text, results, expected) -> None:
    assert classify_followup(shipped_kb, text, results) == expected

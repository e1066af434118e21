"""Booking codes are random, short and free of characters people confuse."""

from __future__ import annotations

from bot.appointments.codes import ALPHABET, CODE_LENGTH, looks_like_code, new_code, normalise_code


def test_the_alphabet_leaves_out_confusable_characters() -> None:
    assert set("0O1IL") & set(ALPHABET) == set()
    assert len(ALPHABET) == 31 == len(set(ALPHABET))


def test_new_codes_use_the_alphabet_and_differ() -> None:
    codes = [new_code() for _ in range(200)]
    assert all(len(code) == CODE_LENGTH and set(code) <= set(ALPHABET) for code in codes)
    assert len(set(codes)) == 200


def test_what_a_person_types_is_normalised() -> None:
    assert normalise_code("ab-c2 3d") == "ABC23D"
    assert normalise_code("  xy.z_9/8 7\n") == "XYZ987"
    assert looks_like_code("ab-c2 3d") is True
    assert looks_like_code("abc10d") is False  # 1 and 0 are never in a code
    assert looks_like_code("hello") is False

"""Staff passwords: argon2id hashes, rehashed when the parameters change; readable one-time passwords."""

from argon2 import PasswordHasher

from bot.console import passwords


def test_a_hash_is_argon2id_and_verifies_only_its_password() -> None:
    stored = passwords.hash_password("correct horse battery")
    assert stored.startswith("$argon2id$")
    assert passwords.verify(stored, "correct horse battery") is True
    assert passwords.verify(stored, "correct horse batterY") is False
    assert passwords.verify("not a hash", "correct horse battery") is False


def test_a_hash_made_with_other_parameters_needs_a_rehash() -> None:
    old = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash("correct horse battery")
    assert passwords.verify(old, "correct horse battery") is True
    assert passwords.needs_rehash(old) is True
    assert passwords.needs_rehash(passwords.hash_password("correct horse battery")) is False


def test_one_time_passwords_are_long_random_and_unambiguous() -> None:
    made = {passwords.one_time_password() for _ in range(50)}
    assert len(made) == 50
    for password in made:
        assert len(password) == 14
        assert not set(password) & set("0O1lI")

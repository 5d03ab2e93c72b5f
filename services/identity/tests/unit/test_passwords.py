"""Password policy and hashing."""
from __future__ import annotations

import pytest

from identity.domain.passwords import Passwords, policy_problems


@pytest.mark.parametrize("password", ["Hoa-2026-xinchao", "một mật khẩu dài", "abcdabcdab"])
def test_passwords_of_ten_or_more_varied_characters_are_accepted(password):
    assert policy_problems(password) == []


def test_short_passwords_are_refused_in_vietnamese():
    assert policy_problems("ngắn-123") == ["Mật khẩu phải có ít nhất 10 ký tự."]


def test_monotonous_and_padded_passwords_are_refused():
    assert policy_problems("aaaaaaaaaaaa") == ["Mật khẩu quá đơn giản: cần ít nhất 4 ký tự khác nhau."]
    assert policy_problems(" Hoa-2026-xinchao") == ["Mật khẩu không được bắt đầu hoặc kết thúc bằng dấu cách."]
    assert policy_problems("x1" * 200)[0] == "Mật khẩu không được dài quá 256 ký tự."


@pytest.fixture(scope="module")
def passwords():
    return Passwords(time_cost=1, memory_kib=8 * 1024, parallelism=1)


def test_a_hash_verifies_its_password_only(passwords):
    stored = passwords.hash("Hoa-2026-xinchao")
    assert stored.startswith("$argon2id$") and "Hoa-2026" not in stored
    assert passwords.verify(stored, "Hoa-2026-xinchao")
    assert not passwords.verify(stored, "hoa-2026-xinchao")
    assert not passwords.verify("not a hash", "Hoa-2026-xinchao")


def test_an_unknown_account_never_verifies_even_with_the_decoy_password(passwords):
    assert not passwords.verify(None, "decoy password that matches nothing")
    assert not passwords.verify(None, "Hoa-2026-xinchao")


def test_hashes_made_with_other_parameters_are_renewed(passwords):
    stronger = Passwords(time_cost=2, memory_kib=8 * 1024, parallelism=1)
    assert passwords.needs_rehash(stronger.hash("Hoa-2026-xinchao"))
    assert not passwords.needs_rehash(passwords.hash("Hoa-2026-xinchao"))

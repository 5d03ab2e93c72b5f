"""Password policy and hashing (Argon2id, argon2-cffi): CPU only, no I/O."""
from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

MIN_LENGTH = 10
#: Bounds the work an attacker can make the hasher do with one request.
MAX_LENGTH = 256
MIN_DISTINCT = 4


def policy_problems(password: str) -> list[str]:
    """What is wrong with a new password, in Vietnamese (empty when it is acceptable)."""
    problems = []
    if len(password) < MIN_LENGTH:
        problems.append(f"Mật khẩu phải có ít nhất {MIN_LENGTH} ký tự.")
    if len(password) > MAX_LENGTH:
        problems.append(f"Mật khẩu không được dài quá {MAX_LENGTH} ký tự.")
    if password != password.strip():
        problems.append("Mật khẩu không được bắt đầu hoặc kết thúc bằng dấu cách.")
    if len(set(password)) < MIN_DISTINCT:
        problems.append(f"Mật khẩu quá đơn giản: cần ít nhất {MIN_DISTINCT} ký tự khác nhau.")
    return problems


class Passwords:
    """Hashes and checks passwords with the configured Argon2id parameters."""

    def __init__(self, time_cost: int, memory_kib: int, parallelism: int):
        self._hasher = PasswordHasher(time_cost=time_cost, memory_cost=memory_kib, parallelism=parallelism)
        # Checked against when the e-mail is unknown, so that the answer takes as long as for a known one.
        self._decoy = self._hasher.hash("decoy password that matches nothing")

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, stored_hash: str | None, password: str) -> bool:
        try:
            return self._hasher.verify(stored_hash or self._decoy, password) and stored_hash is not None
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, stored_hash: str) -> bool:
        """True when the hash was made with other parameters than today's (then it is replaced at sign-in)."""
        return self._hasher.check_needs_rehash(stored_hash)

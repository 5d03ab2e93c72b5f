"""A verified token is taken again without a second verification, never past its expiry, and revocation
is still judged on every request."""
from __future__ import annotations

import time

import pytest
from flask import Flask

from edu71.auth import InvalidToken, TokenIssuer, TokenVerifier
from edu71.auth import flask as flask_auth
from edu71.auth.tokens import LEEWAY_SECONDS, VERIFIED_FOR, generate_keys
from edu71.config import AuthSettings
from edu71.problems import Problem


@pytest.fixture
def auth(tmp_path):
    generate_keys(tmp_path)
    return AuthSettings(jwks_url=None, public_key_file=tmp_path / "public.pem", private_key_file=tmp_path /
                        "private.pem", issuer="edu71-test", audience="edu71", algorithms=("RS256",))


class Clock:
    def __init__(self):
        self.now = float(int(time.time()))  # a whole second, as a token's iat and exp are

    def __call__(self) -> float:
        return self.now


def counting_decodes(monkeypatch) -> list[str]:
    import jwt

    decoded, decode = [], jwt.decode
    monkeypatch.setattr(jwt, "decode", lambda token, *a, **kw: decoded.append(token) or decode(token, *a, **kw))
    return decoded


def test_a_token_is_verified_once_then_again_after_a_while(auth, monkeypatch):
    decoded, clock = counting_decodes(monkeypatch), Clock()
    verifier = TokenVerifier(auth, clock=clock)
    token = TokenIssuer(auth).issue(sub="u1", role="school", org_unit="THCS1", ttl=3600)
    first = verifier.verify(token)
    assert verifier.verify(token) is first and len(decoded) == 1
    clock.now += VERIFIED_FOR
    assert verifier.verify(token) == first and len(decoded) == 2


def test_a_verified_token_is_refused_once_it_expires(auth):
    clock = Clock()
    verifier = TokenVerifier(auth, clock=clock)
    # dated by the test's clock: dated by the real one, a second boundary between the two readings moved the expiry
    token = TokenIssuer(auth).issue(sub="u1", role="school", org_unit="THCS1", ttl=10, iat=int(clock.now))
    verifier.verify(token)
    clock.now += 10 + LEEWAY_SECONDS - 1
    verifier.verify(token)  # within the leeway, as jwt.decode allows
    clock.now += 1
    with pytest.raises(InvalidToken):
        verifier.verify(token)


def test_a_refused_token_is_not_remembered(auth, monkeypatch):
    decoded = counting_decodes(monkeypatch)
    verifier = TokenVerifier(auth)
    forged = TokenIssuer(auth).issue(sub="u1", role="school", org_unit="THCS1")[:-4] + "AAAA"
    for _ in range(2):
        with pytest.raises(InvalidToken):
            verifier.verify(forged)
    assert len(decoded) == 2


class Revocations:
    def __init__(self):
        self.users: set[str] = set()

    def revoked(self, principal) -> bool:
        return principal.user_id in self.users


def test_a_remembered_token_is_refused_as_soon_as_it_is_revoked(auth):
    app, revocations = Flask(__name__), Revocations()
    flask_auth.init_app(app, TokenVerifier(auth))
    flask_auth.use_revocations(app, revocations)
    token = TokenIssuer(auth).issue(sub="u1", role="school", org_unit="THCS1")

    def caller():
        with app.test_request_context(headers={"Authorization": f"Bearer {token}"}):
            return flask_auth.current_principal()

    assert caller().user_id == "u1"
    revocations.users.add("u1")
    with pytest.raises(Problem) as refused:
        caller()
    assert refused.value.status == 401

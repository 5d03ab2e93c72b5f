"""Verification through an OIDC provider's JWKS endpoint (as Keycloak serves it), on a loopback server."""
from __future__ import annotations

import http.server
import threading
from dataclasses import replace
from functools import partial

import pytest

from edu71.auth import InvalidToken, Role, TokenIssuer, TokenVerifier
from edu71.auth.tokens import generate_keys
from edu71.config import AuthSettings


@pytest.fixture
def provider(tmp_path):
    """A JWKS endpoint serving the public key of a freshly generated signing key."""
    keys = tmp_path / "provider"
    generate_keys(keys)
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(keys))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings = AuthSettings(jwks_url=f"http://127.0.0.1:{server.server_port}/jwks.json", public_key_file=None,
                            private_key_file=keys / "private.pem", issuer="https://sso.example/realms/edu71",
                            audience="edu71", algorithms=("RS256",))
    yield settings
    server.shutdown()


def test_tokens_signed_by_the_provider_are_accepted(provider):
    token = TokenIssuer(provider).issue(sub="kc-user-1", role="commune", org_unit="10744", province_code="31")
    principal = TokenVerifier(provider).verify(token)
    assert (principal.role, principal.commune_code, principal.province_code) == (Role.COMMUNE, "10744", "31")


def test_tokens_signed_by_another_key_or_for_another_audience_are_refused(provider, tmp_path):
    generate_keys(tmp_path / "other")
    forger = TokenIssuer(replace(provider, private_key_file=tmp_path / "other" / "private.pem"))
    with pytest.raises(InvalidToken):
        TokenVerifier(provider).verify(forger.issue(sub="x", role="admin", org_unit="edu71"))
    other_audience = TokenIssuer(replace(provider, audience="another-app"))
    with pytest.raises(InvalidToken):
        TokenVerifier(provider).verify(other_audience.issue(sub="x", role="city", org_unit="31"))

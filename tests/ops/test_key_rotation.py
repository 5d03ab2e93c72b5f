"""The JWT key rotation that docs/operations.md describes, through the real edu71.auth verifier.

Services verify tokens against a JWKS fetched over HTTP (``AUTH_JWKS_URL``; in Kubernetes
the ``jwks`` Deployment serves it from Secret edu71-jwt-public). During a rotation it holds
the old and the new public key, so once every service has read it (edu71.auth keeps a
fetched JWKS for 5 minutes; a restarted pod reads it at once) tokens signed with either
key are accepted, and the identity service can switch keys without signing anyone out.
Once the old tokens have expired the old key leaves the JWKS, and a service that reads it
from then on refuses the old key. A token signed by a key that was never published is
refused throughout. Each step's "service" is a verifier that has just read the JWKS.
"""
from __future__ import annotations

import functools
import http.server
import json
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from edu71.auth.tokens import InvalidToken, TokenIssuer, TokenVerifier, generate_keys
from edu71.config import platform_settings


@pytest.fixture
def jwks_server(tmp_path):
    """A static HTTP server on loopback for ``tmp_path/www/jwks.json``; yields (file, URL)."""
    www = tmp_path / "www"
    www.mkdir()
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(www))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield www / "jwks.json", f"http://127.0.0.1:{server.server_port}/jwks.json"
    finally:
        server.shutdown()
        server.server_close()


def _issuer(keys: Path, auth) -> TokenIssuer:
    return TokenIssuer(replace(auth, private_key_file=keys / "private.pem"))


def _publish(jwks: Path, *key_dirs: Path) -> None:
    """Write the JWKS: the public keys of ``key_dirs``, each made by ``edu71 keys``."""
    keys = [k for d in key_dirs for k in json.loads((d / "jwks.json").read_text())["keys"]]
    jwks.write_text(json.dumps({"keys": keys}))


def test_two_keys_in_the_jwks_during_a_rotation(tmp_path, jwks_server):
    jwks, url = jwks_server
    auth = replace(platform_settings("tests").auth, jwks_url=url, public_key_file=None)
    old, new, stranger = tmp_path / "old", tmp_path / "new", tmp_path / "stranger"
    for d in (old, new, stranger):
        assert generate_keys(d)
    claims = {"sub": "u-1", "role": "city", "org_unit": "31"}

    # Before: one key.
    _publish(jwks, old)
    old_token = _issuer(old, auth).issue(**claims)
    assert TokenVerifier(auth).verify(old_token).org_unit == "31"

    # Step 1: publish old + new (and wait until every service has read it).
    _publish(jwks, old, new)
    during = TokenVerifier(auth)
    assert during.verify(old_token).user_id == "u-1"
    # Step 2: the identity service signs with the new key; tokens of both keys pass.
    new_token = _issuer(new, auth).issue(**claims)
    assert during.verify(new_token).user_id == "u-1"
    assert during.verify(old_token).user_id == "u-1"
    with pytest.raises(InvalidToken):
        during.verify(_issuer(stranger, auth).issue(**claims))

    # Step 3, once every old token has expired: the old key leaves the JWKS.
    _publish(jwks, new)
    after = TokenVerifier(auth)
    assert after.verify(new_token).user_id == "u-1"
    with pytest.raises(InvalidToken):
        after.verify(old_token)

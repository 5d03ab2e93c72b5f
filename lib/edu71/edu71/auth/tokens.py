"""Bearer tokens (JWT): verification for every service, and the built-in issuer.

Verification takes keys either from an OIDC provider's JWKS endpoint
(``AUTH_JWKS_URL``, e.g. Keycloak) or from the built-in issuer's public key
file; switching is configuration only. The built-in issuer signs with an RSA
key kept under ``var/keys`` and serves development, demo data and tests.
"""
from __future__ import annotations

import hashlib
import json
import threading
import time
import uuid
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Callable

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from edu71.auth.principal import Principal
from edu71.config import AuthSettings

REQUIRED_CLAIMS = ["exp", "iat", "sub", "iss", "aud"]
#: Clock skew allowed between issuer and verifier: a token is accepted up to this long after its ``exp``.
LEEWAY_SECONDS = 30
#: How long a verified token is taken without checking its signature again (seconds), never past its ``exp``:
#: short, so that a key withdrawn from the JWKS (which is itself kept 300 s) stops its tokens barely later.
VERIFIED_FOR = 60.0
#: How many verified tokens a process keeps (the ones in use by its callers; forgotten all at once when full).
VERIFIED_TOKENS = 4096


class InvalidToken(Exception):
    """The token is missing, malformed, expired, or not signed by a trusted key."""


class TokenVerifier:
    """Verifies bearer tokens, each once a while: a caller's every request carries the same token.

    A token's signature and claims cannot change, so a token verified lately is taken as it was (the
    same :class:`Principal`) for :data:`VERIFIED_FOR` seconds, and refused once its ``exp`` (with the
    leeway) has passed, as a verification would. Revocation is not judged here: the caller asks the
    revocation lookup on every request (:func:`edu71.auth.flask.current_principal`).
    """

    def __init__(self, settings: AuthSettings, *, clock: Callable[[], float] = time.time):
        self.settings = settings
        self._clock = clock
        self._verified: dict[str, tuple[Principal, float, float]] = {}
        self._lock = threading.Lock()

    @cached_property
    def _jwks(self) -> jwt.PyJWKClient | None:
        if not self.settings.jwks_url:
            return None
        return jwt.PyJWKClient(self.settings.jwks_url, cache_keys=True, lifespan=300)

    @cached_property
    def _public_key(self):
        path = self.settings.public_key_file
        if path is None or not Path(path).exists():
            raise InvalidToken("no verification key configured")
        return serialization.load_pem_public_key(Path(path).read_bytes())

    def _key_for(self, token: str):
        if self._jwks is not None:
            try:
                return self._jwks.get_signing_key_from_jwt(token).key
            except jwt.PyJWKClientError as exc:
                raise InvalidToken(str(exc)) from None
        return self._public_key

    def verify(self, token: str) -> Principal:
        now = self._clock()
        kept = self._verified.get(token)
        if kept is not None:
            principal, expires, recheck = kept
            if now >= expires:
                raise InvalidToken("Signature has expired")
            if now < recheck:
                return principal
        principal, exp = self._verify(token)
        with self._lock:
            if len(self._verified) >= VERIFIED_TOKENS:
                self._verified.clear()
            self._verified[token] = (principal, exp + LEEWAY_SECONDS, now + VERIFIED_FOR)
        return principal

    def _verify(self, token: str) -> tuple[Principal, float]:
        try:
            claims = jwt.decode(
                token,
                self._key_for(token),
                algorithms=list(self.settings.algorithms),
                audience=self.settings.audience,
                issuer=self.settings.issuer,
                options={"require": REQUIRED_CLAIMS},
                leeway=LEEWAY_SECONDS,
            )
            return Principal.from_claims(claims), float(claims["exp"])
        except (jwt.PyJWTError, KeyError, ValueError) as exc:
            raise InvalidToken(str(exc)) from None


class TokenIssuer:
    """Signs tokens with the built-in RSA key (development, demo and tests; not for an OIDC deployment)."""

    def __init__(self, settings: AuthSettings):
        self.settings = settings
        key_file = settings.private_key_file
        if key_file is None or not Path(key_file).exists():
            raise FileNotFoundError(f"no private key at {key_file}; run `edu71 keys`")
        self._key = _private_key(Path(key_file).read_bytes())

    def issue(self, *, sub: str, role: str, org_unit: str, ttl: int = 3600, iat: int | None = None,
              **claims: Any) -> str:
        """A signed token; ``iat`` defaults to now (the identity service dates it after the user's cutoff)."""
        now = int(time.time()) if iat is None else iat
        payload = {
            "sub": sub, "role": role, "org_unit": org_unit,
            "iss": self.settings.issuer, "aud": self.settings.audience,
            "iat": now, "exp": now + ttl, "jti": str(uuid.uuid4()),
            **{k: v for k, v in claims.items() if v is not None},
        }
        return jwt.encode(payload, self._key, algorithm="RS256", headers={"kid": key_id(self._key.public_key())})

    def jwks(self) -> dict:
        """The public half of the signing key as a JWKS, for services that verify by ``AUTH_JWKS_URL``."""
        return {"keys": [public_jwk(self._key.public_key())]}


@lru_cache(maxsize=8)
def _private_key(pem: bytes):
    """The private key a PEM file holds. Loading checks the RSA key, about 0.1 CPU-second: paid once per key, not
    by every app the process creates (the identity tests create one per test); a rotated file has other bytes."""
    return serialization.load_pem_private_key(pem, password=None)


def key_id(public_key) -> str:
    """RFC 7638 thumbprint of the key, used as ``kid`` so a JWKS can hold several keys during rotation."""
    jwk = json.loads(RSAAlgorithm.to_jwk(public_key))
    canonical = json.dumps({k: jwk[k] for k in ("e", "kty", "n")}, separators=(",", ":"), sort_keys=True)
    return jwt.utils.base64url_encode(hashlib.sha256(canonical.encode()).digest()).decode()


def public_jwk(public_key) -> dict:
    jwk = json.loads(RSAAlgorithm.to_jwk(public_key))
    jwk.update({"kid": key_id(public_key), "use": "sig", "alg": "RS256"})
    return jwk


def generate_keys(directory: Path) -> bool:
    """Create the built-in issuer's key pair and JWKS in ``directory`` unless present; True if created."""
    directory.mkdir(parents=True, exist_ok=True)
    private_file, public_file = directory / "private.pem", directory / "public.pem"
    if private_file.exists() and public_file.exists():
        return False
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private_file.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    private_file.chmod(0o600)
    public_file.write_bytes(
        key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    (directory / "jwks.json").write_text(json.dumps({"keys": [public_jwk(key.public_key())]}, indent=2))
    return True

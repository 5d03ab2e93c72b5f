"""Who is signed in: the identity service's token and user, kept in an encrypted session cookie.

The cookie is sealed with Fernet (AES-128-CBC and HMAC-SHA256, from
``cryptography``) under a key derived from the portal's secret, so the bearer
token inside can neither be read nor altered by whoever holds the cookie. It is
HttpOnly and SameSite=Lax (set in the app factory). The session ends when the
token does, so the portal never calls an API with an expired token; signing out
also ends the token at the identity service, so a copy of the cookie is dead.
"""
from __future__ import annotations

import base64
import functools
import time
from typing import Any, Callable, Mapping

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from flask import abort, flash, g, redirect, request, session, url_for
from flask.json.tag import TaggedJSONSerializer
from flask.sessions import SecureCookieSessionInterface
from itsdangerous import BadSignature

#: Leave a minute's margin so a request started just before expiry does not fail half-way.
MARGIN_SECONDS = 60
#: Shown when an API refuses the token before it expires: signed out elsewhere, account changed or disabled.
ENDED = "Phiên đăng nhập đã kết thúc (bạn đã đăng xuất ở nơi khác hoặc tài khoản vừa được thay đổi). " \
        "Vui lòng đăng nhập lại."


class SealedSerializer:
    """Session data as Flask's tagged JSON, encrypted and authenticated with Fernet."""

    def __init__(self, secret: str):
        key = HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                   info=b"edu71 portal session cookie").derive(secret.encode())
        self._fernet = Fernet(base64.urlsafe_b64encode(key))
        self._json = TaggedJSONSerializer()

    def dumps(self, value: dict) -> str:
        return self._fernet.encrypt(self._json.dumps(value).encode()).decode()

    def loads(self, value: str, max_age: int | None = None) -> dict:
        """The session, or BadSignature (Flask then starts an empty one) for a cookie forged, altered or too old."""
        try:
            return self._json.loads(self._fernet.decrypt(value.encode(), ttl=max_age).decode())
        except (InvalidToken, ValueError):
            raise BadSignature("the session cookie cannot be opened") from None


class SealedCookieSessionInterface(SecureCookieSessionInterface):
    """Flask's cookie session, with the cookie encrypted instead of only signed."""

    def get_signing_serializer(self, app) -> SealedSerializer | None:
        if not app.secret_key:
            return None
        return SealedSerializer(app.secret_key)


def user_from_identity(user: Mapping[str, Any]) -> dict[str, Any]:
    """The identity service's user, flat (``org_unit`` a code plus ``org_unit_name`` …) or with a nested
    ``org_unit`` object, as the few fields the portal keeps in the session."""
    org = user.get("org_unit")
    if not isinstance(org, Mapping):
        org = {"code": org, "name": user.get("org_unit_name"), "kind": user.get("org_kind"),
               "commune_code": user.get("commune_code"), "province_code": user.get("province_code"),
               "school_level": user.get("school_level")}
    role = user.get("role")
    return {
        "id": user.get("id"),
        "name": user.get("name"),
        "email": user.get("email"),
        "role": role,
        "org_kind": org.get("kind"),
        "org_code": org.get("code"),
        "org_name": org.get("name") or org.get("code"),
        "commune_code": org.get("commune_code") or (org.get("code") if role == "commune" else None),
        "province_code": org.get("province_code") or (org.get("code") if role == "city" else None),
        "school_level": org.get("school_level"),
    }


def start(answer: Mapping[str, Any], now: float | None = None) -> None:
    """Remember a successful sign-in (the answer of POST /sessions)."""
    now = time.time() if now is None else now
    session.clear()
    session.permanent = True
    session["token"] = answer["access_token"]
    session["expires_at"] = now + int(answer.get("expires_in") or 0)
    session["user"] = user_from_identity(answer.get("user") or {})


def end() -> None:
    session.clear()


def ended_by_the_apis() -> None:
    """An API refused the token although it has not expired: forget it and say why at the sign-in page."""
    session.clear()
    flash(ENDED, "info")


def load() -> None:
    """Before each request: put the user and token on ``g``; drop a session whose token has expired."""
    g.user, g.token = None, None
    if "token" not in session:
        return
    if session.get("expires_at", 0) - MARGIN_SECONDS <= time.time():
        session.clear()
        g.session_expired = True
        return
    g.user, g.token = session.get("user"), session["token"]


def login_required(*roles: str) -> Callable:
    """Only for a signed-in user (of one of ``roles`` when given); others are sent to sign in."""
    def decorate(view):
        @functools.wraps(view)
        def wrapped(*args, **kwargs):
            if g.get("user") is None:
                if g.get("session_expired"):
                    flash("Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.", "info")
                return redirect(url_for("auth.login", next=request.full_path if request.method == "GET" else None))
            if roles and g.user.get("role") not in roles:
                abort(403)
            return view(*args, **kwargs)
        return wrapped
    return decorate

"""Who is signed in: the identity service's token and user, kept in the signed session cookie.

The cookie is HttpOnly and SameSite=Lax (set in the app factory); the session
ends when the token does, so the portal never calls an API with an expired token.
"""
from __future__ import annotations

import functools
import time
from typing import Any, Callable, Mapping

from flask import abort, flash, g, redirect, request, session, url_for

#: Leave a minute's margin so a request started just before expiry does not fail half-way.
MARGIN_SECONDS = 60


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

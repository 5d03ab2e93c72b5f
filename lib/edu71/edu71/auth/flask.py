"""Bearer authentication for Flask views: 401 without a valid, unrevoked token, 403 outside the caller's role."""
from __future__ import annotations

from functools import wraps

from flask import current_app, g, request

from edu71.auth.principal import Principal, Role
from edu71.auth.revocation import RevocationLookup, stored_lookup
from edu71.auth.tokens import InvalidToken, TokenVerifier
from edu71.problems import CHALLENGE, Problem

EXTENSION = "edu71.auth"
REVOCATIONS = "edu71.auth.revocations"
REVOKED = "Phiên đăng nhập đã kết thúc (đã đăng xuất hoặc tài khoản vừa thay đổi). Vui lòng đăng nhập lại."


def init_app(app, verifier: TokenVerifier, service: str | None = None) -> None:
    """Verify bearer tokens with ``verifier``; refuse those revoked according to the revocation
    projection in ``service``'s database (see :mod:`edu71.auth.revocation`)."""
    app.extensions[EXTENSION] = verifier
    app.extensions[REVOCATIONS] = stored_lookup(service) if service else None


def use_revocations(app, revocations: RevocationLookup) -> None:
    """Judge revocation by another source (the identity service reads its own accounts)."""
    app.extensions[REVOCATIONS] = revocations


def _unauthenticated(detail: str) -> Problem:
    return Problem(401, detail, headers={"WWW-Authenticate": CHALLENGE})


def current_principal() -> Principal:
    """The verified caller of this request (raises 401 if there is none)."""
    if "principal" in g:
        return g.principal
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise _unauthenticated("Cần mã truy cập (Authorization: Bearer …) để dùng chức năng này.")
    try:
        principal = current_app.extensions[EXTENSION].verify(token.strip())
    except InvalidToken:
        raise _unauthenticated("Mã truy cập không hợp lệ hoặc đã hết hạn. Vui lòng đăng nhập lại.") from None
    revocations = current_app.extensions.get(REVOCATIONS)
    if revocations is not None and revocations.revoked(principal):
        raise _unauthenticated(REVOKED)
    g.principal = principal
    return g.principal


def requires(*roles: Role):
    """Let the view run only for a verified caller whose role is one of ``roles`` (any role if none given)."""

    def decorate(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            principal = current_principal()
            if roles and principal.role not in roles:
                raise Problem(403, "Vai trò của bạn không được phép thực hiện thao tác này.")
            return view(*args, **kwargs)

        return wrapper

    return decorate

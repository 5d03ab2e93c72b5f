"""The identity API (``gunicorn 'identity.app:create_app()'``): accounts, sign-in, the school directory."""
from __future__ import annotations

from flask import Flask

from edu71.auth.flask import use_revocations
from edu71.auth.revocation import RevocationLookup
from edu71.store.listing import warm
from edu71.web import create_service_app
from identity import bootstrap, config
from identity.adapters.users import Users
from identity.api.resources import keys, org_units, schools, sessions, users


def create_app(settings: config.Settings | None = None) -> Flask:
    settings = settings or config.load()
    app = create_service_app(
        settings.platform,
        title="Edu71 – Tài khoản và danh bạ",
        description="Tài khoản người dùng, đăng nhập (mã truy cập Bearer) và danh bạ trường học.",
        blueprints=[sessions, users, schools, org_units, keys],
    )
    wired = bootstrap.use_cases(settings)
    app.extensions["identity.directory"], app.extensions["identity.accounts"] = wired.directory, wired.accounts
    app.extensions["identity.sessions"] = wired.sessions
    # Identity judges revocation by its own accounts, as they are now (no projection, no memory).
    use_revocations(app, RevocationLookup(wired.sessions.revocation_state, ttl=0))
    app.extensions["identity.trusted_proxies"] = settings.trusted_proxies
    # An administrator's first list of the nation's accounts would fold every province's list: done at start.
    app.extensions["edu71.warm_up"] = lambda: warm("identity", lambda: Users().page({}, "", 1, 20))
    return app

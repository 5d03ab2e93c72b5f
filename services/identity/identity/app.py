"""The identity API (``gunicorn 'identity.app:create_app()'``): accounts, sign-in, the school directory."""
from __future__ import annotations

import logging

from flask import Flask

from edu71.auth import TokenIssuer
from edu71.auth.flask import use_revocations
from edu71.auth.revocation import RevocationLookup
from edu71.contracts import Contracts
from edu71.web import create_service_app
from identity import config
from identity.api.resources import keys, org_units, schools, sessions, users
from identity.directory import Directory
from identity.domain.passwords import Passwords
from identity.service import Accounts, SignInPolicy

log = logging.getLogger(__name__)


def _issuer(settings: config.Settings) -> TokenIssuer | None:
    try:
        return TokenIssuer(settings.platform.auth)
    except FileNotFoundError as exc:
        # Without its signing key the service still serves the directory; sign-in answers 503.
        log.error("identity: no signing key, sign-in disabled: %s", exc)
        return None


def use_cases(settings: config.Settings) -> tuple[Directory, Accounts]:
    """The directory and account use cases wired to this configuration (the API and the CLI share them)."""
    contracts = Contracts(settings.platform.contracts_dir)
    directory = Directory(contracts)
    argon2 = settings.argon2
    accounts = Accounts(
        contracts, directory, Passwords(argon2.time_cost, argon2.memory_kib, argon2.parallelism), _issuer(settings),
        SignInPolicy(settings.token_ttl_seconds, settings.throttle),
    )
    return directory, accounts


def create_app(settings: config.Settings | None = None) -> Flask:
    settings = settings or config.load()
    app = create_service_app(
        settings.platform,
        title="Edu71 – Tài khoản và danh bạ",
        description="Tài khoản người dùng, đăng nhập (mã truy cập Bearer) và danh bạ trường học.",
        blueprints=[sessions, users, schools, org_units, keys],
    )
    app.extensions["identity.directory"], app.extensions["identity.accounts"] = use_cases(settings)
    # Identity judges revocation by its own accounts, as they are now (no projection, no memory).
    use_revocations(app, RevocationLookup(app.extensions["identity.accounts"].revocation_state, ttl=0))
    app.extensions["identity.trusted_proxies"] = settings.trusted_proxies
    return app

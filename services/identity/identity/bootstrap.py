"""The identity service's composition root: the one place that chooses the repositories and wires the use cases.

The API (app.py), the worker (worker.py) and the command line (cli.py) build what they need here; tests build
the same use cases on in-memory repositories (tests/unit/test_use_cases.py).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

from edu71.auth import TokenIssuer
from edu71.contracts import Contracts
from identity import config
from identity.accounts import Accounts
from identity.adapters.attempts import FailedSignIns, KnownClients
from identity.adapters.emails import EmailClaims
from identity.adapters.schools import Schools
from identity.adapters.users import Users
from identity.directory import Directory
from identity.domain.passwords import Passwords
from identity.sessions import Sessions, SignInPolicy

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class UseCases:
    directory: Directory
    accounts: Accounts
    sessions: Sessions


def _issuer(settings: config.Settings) -> TokenIssuer | None:
    try:
        return TokenIssuer(settings.platform.auth)
    except FileNotFoundError as exc:
        # Without its signing key the service still serves the directory; sign-in answers 503.
        log.error("identity: no signing key, sign-in disabled: %s", exc)
        return None


def use_cases(settings: config.Settings) -> UseCases:
    """Every use case of the service, on the store's repositories."""
    contracts = Contracts(settings.platform.contracts_dir)
    directory = Directory(contracts, Schools())
    argon2 = settings.argon2
    passwords = Passwords(argon2.time_cost, argon2.memory_kib, argon2.parallelism)
    accounts = Accounts(contracts, directory, passwords, users=Users(), emails=EmailClaims())
    sessions = Sessions(accounts, passwords, _issuer(settings), SignInPolicy(settings.token_ttl_seconds, settings.throttle),
                        failures=FailedSignIns(), known_clients=KnownClients())
    return UseCases(directory, accounts, sessions)

"""The identity service's configuration: the one place that reads its environment."""
from __future__ import annotations

from dataclasses import dataclass

from environs import Env

from edu71.config import PlatformSettings, platform_settings
from identity.domain.lockout import Limit, Throttle


@dataclass(frozen=True)
class Argon2Parameters:
    time_cost: int
    memory_kib: int
    parallelism: int


@dataclass(frozen=True)
class Settings:
    platform: PlatformSettings
    #: Lifetime of the bearer tokens issued at sign-in.
    token_ttl_seconds: int
    argon2: Argon2Parameters
    #: Failed sign-ins allowed per account and client, per client, and per account from clients it never
    #: signed in from, within the window (see :class:`identity.domain.lockout.Throttle`).
    throttle: Throttle
    #: Peers whose X-Forwarded-For is believed (the portal signs people in on their behalf).
    trusted_proxies: frozenset[str]


def load() -> Settings:
    env = Env()
    window = env.int("IDENTITY_LOCKOUT_WINDOW_SECONDS", 15 * 60)
    return Settings(
        platform=platform_settings("identity", env),
        token_ttl_seconds=env.int("IDENTITY_TOKEN_TTL_SECONDS", 8 * 3600),
        # OWASP's recommended Argon2id minimum (19 MiB, 2 passes): ~30 ms per hash on the 2-core machine.
        argon2=Argon2Parameters(
            time_cost=env.int("IDENTITY_ARGON2_TIME_COST", 2),
            memory_kib=env.int("IDENTITY_ARGON2_MEMORY_KIB", 19 * 1024),
            parallelism=env.int("IDENTITY_ARGON2_PARALLELISM", 1),
        ),
        throttle=Throttle(
            pair=Limit(env.int("IDENTITY_LOCKOUT_PAIR_FAILURES", 5), window),
            client=Limit(env.int("IDENTITY_LOCKOUT_CLIENT_FAILURES", 20), window),
            account=Limit(env.int("IDENTITY_LOCKOUT_ACCOUNT_FAILURES", 30), window),
        ),
        trusted_proxies=frozenset(env.list("IDENTITY_TRUSTED_PROXIES", ["127.0.0.1", "::1"])),
    )

"""The reports service's configuration: the one place that reads its environment."""
from __future__ import annotations

from dataclasses import dataclass

from environs import Env

from edu71.config import PlatformSettings, platform_settings


@dataclass(frozen=True)
class Settings:
    platform: PlatformSettings
    #: How often the projector looks for new source rows while idle (seconds).
    projector_poll: float = 0.05
    #: How often the API and the worker look for a newly activated generation (seconds).
    generation_check: float = 2.0
    #: How long after a moment its "as of" figures are final (see :data:`reports.adapters.history.SETTLE`).
    asof_settle: float = 5.0


def load() -> Settings:
    env = Env()
    return Settings(platform=platform_settings("reports", env),
                    projector_poll=env.float("REPORTS_PROJECTOR_POLL_SECONDS", 0.05),
                    generation_check=env.float("REPORTS_GENERATION_CHECK_SECONDS", 2.0),
                    asof_settle=env.float("REPORTS_ASOF_SETTLE_SECONDS", 5.0))

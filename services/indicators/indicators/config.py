"""The indicators service's configuration: the one place that reads its environment."""
from __future__ import annotations

from dataclasses import dataclass

from environs import Env

from edu71.config import PlatformSettings, platform_settings


@dataclass(frozen=True)
class Settings:
    platform: PlatformSettings
    #: Largest accepted request body; a full submission of the catalogue is a few kilobytes.
    max_request_bytes: int


def load() -> Settings:
    env = Env()
    return Settings(
        platform=platform_settings("indicators", env),
        max_request_bytes=env.int("INDICATORS_MAX_REQUEST_BYTES", 256 * 1024),
    )

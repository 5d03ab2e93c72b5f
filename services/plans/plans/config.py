"""The plans service's configuration: the one place that reads its environment."""
from __future__ import annotations

from dataclasses import dataclass

from environs import Env

from edu71.config import PlatformSettings, platform_settings


@dataclass(frozen=True)
class Settings:
    platform: PlatformSettings
    #: Largest accepted request body (plan documents are uploaded as files).
    max_upload_bytes: int


def load() -> Settings:
    env = Env()
    return Settings(
        platform=platform_settings("plans", env),
        max_upload_bytes=env.int("PLANS_MAX_UPLOAD_BYTES", 10 * 1024 * 1024),
    )

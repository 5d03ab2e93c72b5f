"""The notifications service's configuration: the one place that reads its environment."""
from __future__ import annotations

from dataclasses import dataclass

from environs import Env

from edu71.config import PlatformSettings, platform_settings


@dataclass(frozen=True)
class Settings:
    platform: PlatformSettings


def load() -> Settings:
    env = Env()
    return Settings(platform=platform_settings("notifications", env))

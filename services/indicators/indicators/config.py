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
    #: Largest accepted spreadsheet upload (XLSX or CSV).
    max_upload_bytes: int
    #: Largest total size an XLSX (a zip) may expand to: refuses zip bombs before parsing.
    max_unzipped_bytes: int
    #: Provinces whose catalogue (version 1) the worker publishes on start.
    catalogue_provinces: tuple[str, ...]
    #: How often the worker recomputes the peer statistics of open rounds (seconds).
    peer_refresh_seconds: float


def load() -> Settings:
    env = Env()
    return Settings(
        platform=platform_settings("indicators", env),
        max_request_bytes=env.int("INDICATORS_MAX_REQUEST_BYTES", 256 * 1024),
        max_upload_bytes=env.int("INDICATORS_MAX_UPLOAD_BYTES", 2 * 1024 * 1024),
        max_unzipped_bytes=env.int("INDICATORS_MAX_UNZIPPED_BYTES", 20 * 1024 * 1024),
        catalogue_provinces=tuple(env.list("INDICATORS_CATALOGUE_PROVINCES", ["31"])),
        peer_refresh_seconds=env.float("INDICATORS_PEER_REFRESH_SECONDS", 120.0),
    )

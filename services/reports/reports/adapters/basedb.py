"""The service's base database (``REPORTS_MONGODB_DB``) under its own connection alias.

The views live in the *active generation* (``reports``, which a rebuild replaces); what is not derived from
events lives in the base database whatever generation is active: official reports
(:mod:`reports.adapters.official_reports`) and the history of what the platform knew when
(:mod:`reports.adapters.history`).
"""
from __future__ import annotations

import dataclasses

from edu71 import db
from edu71.config import PlatformSettings

BASE_ALIAS = "reports_base"


def connect(platform: PlatformSettings) -> None:
    """Register :data:`BASE_ALIAS` on ``platform``'s database (the base one: pass the service's own settings)."""
    db.connect(dataclasses.replace(platform, service=BASE_ALIAS))

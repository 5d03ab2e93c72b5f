"""Fixtures of the indicators integration tests: the app on fresh databases, schools and a round."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from edu71.orgs import SEED_SCHOOLS, SchoolLevel, demo_schools
from edu71_testing import bearer
from edu71.vn import iso_vn

HAI_PHONG = "31"


@pytest.fixture
def client(fresh_databases):
    from indicators.app import create_app

    return create_app().test_client()


@pytest.fixture(scope="session")
def schools():
    """Hải Phòng schools: the primary seed school and two lower-secondary demo schools of different communes."""
    thcs = [s for s in demo_schools(HAI_PHONG) if s.level is SchoolLevel.THCS]
    return {"primary": SEED_SCHOOLS[0], "thcs": thcs[0], "thcs_other": thcs[1], "hcm_thcs": SEED_SCHOOLS[1]}


def _round_body(**changes) -> dict:
    now = datetime.now(timezone.utc)
    body = {
        "name": "Sơ kết học kỳ I năm học 2025–2026",
        "school_year": "2025-2026",
        "school_levels": ["tieu_hoc", "thcs"],
        "indicator_codes": ["STAFF_BRIEFED", "TEACHERS_QUALIFIED", "SMART_CLASSROOMS", "CLASSES",
                            "MAX_CLASS_SIZE", "DROPOUT", "REPETITION", "PCGD_LEVEL", "SCHOOL_VIOLENCE_CASES"],
        # Inputs carry Vietnam's offset, as a user in Hải Phòng would type them.
        "opens_at": iso_vn(now - timedelta(hours=1)),
        "due_at": iso_vn(now + timedelta(days=7)),
        "closes_at": iso_vn(now + timedelta(days=30)),
    }
    return {**body, **changes}


@pytest.fixture
def round_body():
    """Build a valid round definition (open now, due in a week, closing in a month), with ``changes``."""
    return _round_body


@pytest.fixture
def open_round(client, tokens):
    """Open a round as the Hải Phòng department and return its JSON."""

    def _open(**changes) -> dict:
        r = client.post("/rounds", json=_round_body(**changes), headers=bearer(tokens.city(HAI_PHONG)))
        assert r.status_code == 201, r.json
        return r.json

    return _open

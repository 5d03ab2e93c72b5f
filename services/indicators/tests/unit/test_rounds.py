"""Round timetable, definition checks and visibility: pure functions of data and the clock."""
from datetime import datetime, timedelta, timezone

import pytest

from edu71.auth import Principal, Role
from edu71.vn import VN, iso_vn, vn_moment
from indicators.domain.rounds import Phase, may_open_round, may_see_round, phase, round_errors, round_scope

NOW = datetime(2026, 1, 10, 3, 0, tzinfo=timezone.utc)
OPENS = datetime(2025, 12, 22, 7, 0, tzinfo=VN)
DUE = datetime(2026, 1, 15, 17, 0, tzinfo=VN)
CLOSES = datetime(2026, 1, 31, 23, 59, 59, tzinfo=VN)


def definition(**changes):
    data = {"name": "Sơ kết học kỳ I năm học 2025–2026", "school_year": "2025-2026",
            "school_levels": ["tieu_hoc", "thcs"], "indicator_codes": ["DROPOUT", "PCGD_LEVEL"],
            "opens_at": OPENS, "due_at": DUE, "closes_at": CLOSES}
    return {**data, **changes}


@pytest.mark.parametrize("now, expected", [
    (OPENS - timedelta(seconds=1), Phase.UPCOMING),
    (OPENS, Phase.OPEN),
    (DUE, Phase.OPEN),
    (DUE + timedelta(seconds=1), Phase.LATE),
    (CLOSES - timedelta(seconds=1), Phase.LATE),
    (CLOSES, Phase.CLOSED),
])
def test_phase_follows_the_clock(now, expected):
    assert phase(OPENS, DUE, CLOSES, now) is expected


def test_a_sound_definition_has_no_error():
    assert round_errors(definition(), NOW) == []


def test_definition_errors_are_all_reported():
    errors = round_errors(definition(
        school_year="2025-2027", school_levels=["thcs", "thcs"],
        indicator_codes=["DROPOUT", "NOPE", "DROPOUT"],
        due_at=OPENS - timedelta(days=1), closes_at=OPENS - timedelta(days=2),
    ), NOW)
    assert [e["field"] for e in errors] == [
        "school_year", "school_levels.1", "indicator_codes.2", "indicator_codes.1", "due_at", "closes_at",
        "closes_at",
    ]


def test_indicators_must_apply_to_a_level_of_the_round():
    errors = round_errors(definition(school_levels=["mam_non"], indicator_codes=["PROGRESSION_THPT_VOC"]), NOW)
    assert errors == [{"field": "indicator_codes.0",
                       "message": "Chỉ tiêu “PROGRESSION_THPT_VOC” không áp dụng cho cấp học nào của đợt báo cáo."}]


def principal(role, **kw):
    return Principal(user_id="u", name="n", role=role, org_unit=kw.pop("org_unit", "x"), **kw)


def test_who_may_open_a_round():
    assert may_open_round(principal(Role.CITY, province_code="31"), "31")
    assert not may_open_round(principal(Role.CITY, province_code="31"), "79")
    assert may_open_round(principal(Role.ADMIN), "79")
    assert not may_open_round(principal(Role.SCHOOL, province_code="31"), "31")


def test_who_sees_a_round():
    school = principal(Role.SCHOOL, province_code="31", school_level="thcs")
    assert may_see_round(school, "31", ["thcs", "tieu_hoc"])
    assert not may_see_round(school, "31", ["mam_non"])
    assert not may_see_round(school, "79", ["thcs"])
    assert may_see_round(principal(Role.COMMUNE, province_code="31"), "31", ["mam_non"])
    assert not may_see_round(principal(Role.OPERATOR), "31", ["thcs"])
    assert round_scope(school) == {"province_code": "31", "school_levels": "thcs"}
    assert round_scope(principal(Role.CITY, province_code="31")) == {"province_code": "31"}
    assert round_scope(principal(Role.ADMIN)) == {}
    assert round_scope(principal(Role.OPERATOR)) is None


def test_times_are_shown_in_vietnam_time():
    moment = datetime(2026, 1, 15, 10, 0, tzinfo=timezone.utc)
    assert iso_vn(moment) == "2026-01-15T17:00:00+07:00"
    assert vn_moment(moment) == "17:00 ngày 15/01/2026"

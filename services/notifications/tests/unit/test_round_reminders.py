"""Reminding the schools missing from a round by hand, without I/O: who is in scope, one claim per school and
Vietnamese day, the text."""
from __future__ import annotations

from datetime import datetime, timezone

from edu71.auth import Principal, Role
from notifications.domain.reminders import claim_id, day_of, notice, outstanding

from ..support import DUE, ROUND, THCS_HCM, THCS_HP, THPT_HP, TH_2, TH_HP, VN

SCHOOLS = [s.as_contract() for s in (TH_HP, THCS_HP, TH_2, THPT_HP, THCS_HCM)]
CITY = Principal("city-31", "Sở GD&ĐT", Role.CITY, "31", "Sở GD&ĐT Hải Phòng", province_code="31")
COMMUNE = Principal("reviewer-10744", "Cán bộ UBND", Role.COMMUNE, "10744", commune_code="10744",
                    province_code="31")


def test_the_city_reminds_every_school_of_the_rounds_levels_missing_in_its_province():
    # THPT is not one of the round's levels; THCS Thị Trấn 2 is in another province; TH Hiến Thành submitted.
    assert [s["code"] for s in outstanding(CITY, ROUND, SCHOOLS, {TH_HP.code})] == [THCS_HP.code, TH_2.code]


def test_a_commune_reminds_only_its_own_schools():
    assert [s["code"] for s in outstanding(COMMUNE, ROUND, SCHOOLS, set())] == [TH_HP.code, THCS_HP.code]
    other_city = Principal("city-79", "Sở GD&ĐT", Role.CITY, "79", province_code="79")
    assert outstanding(other_city, ROUND, SCHOOLS, set()) == []
    school = Principal("u", "Hiệu trưởng", Role.SCHOOL, TH_HP.code, province_code="31", commune_code="10744")
    assert outstanding(school, ROUND, SCHOOLS, set()) == []


def test_one_claim_per_school_and_vietnamese_day():
    # 23:30 UTC on the 9th is already 06:30 on the 10th in Hà Nội: the same day as 20:00 on the 10th.
    assert day_of(datetime(2026, 1, 9, 23, 30, tzinfo=timezone.utc)) == day_of(datetime(2026, 1, 10, 20, 0, tzinfo=VN))
    assert claim_id("rnd-1", TH_HP.code, day_of(datetime(2026, 1, 9, 23, 30, tzinfo=timezone.utc))) == \
        f"rnd-1:{TH_HP.code}:2026-01-10"


def test_reminder_text_names_the_sender_round_and_deadline_in_vietnamese():
    note = notice(CITY, ROUND, TH_HP.as_contract(), datetime(2026, 1, 10, 9, 0, tzinfo=VN))
    assert (note.kind, note.recipient.org_unit, note.recipient.role) == ("round_reminder", TH_HP.code, Role.SCHOOL)
    assert note.title == "Nhắc nộp báo cáo: Sơ kết học kỳ I năm học 2026–2027"
    assert note.body.startswith("Sở GD&ĐT Hải Phòng nhắc Trường Tiểu học Hiến Thành nộp số liệu đợt báo cáo")
    assert "hạn nộp là 17:00 ngày 15/01/2026 (giờ Việt Nam)." in note.body
    assert note.dedupe_base == f"reminder:rnd-1:{TH_HP.code}:2026-01-10"
    late = notice(COMMUNE, ROUND, TH_HP.as_contract(), DUE)
    assert late.body.startswith("UBND xã/phường nhắc") and "(giờ Việt Nam) và đã qua." in late.body

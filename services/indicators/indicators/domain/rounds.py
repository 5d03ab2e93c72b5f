"""Reporting rounds (đợt báo cáo): their timetable, what they may ask for, and who sees them.

The city (Sở GD&ĐT) opens a round for its province with the school levels that
report, the indicators asked for and three instants: opens_at (schools may
submit), due_at (after it a submission is late, nộp muộn) and closes_at (the
figures lock, khoá số liệu). The round's phase follows from the clock alone.
"""
from __future__ import annotations

import re
from datetime import datetime
from enum import StrEnum
from typing import Any, Iterable

from edu71.auth import Principal, Role
from edu71.orgs import SchoolLevel
from indicators.domain.catalogue import CATALOGUE, Catalogue

SCHOOL_YEAR = re.compile(r"^(\d{4})-(\d{4})$")


class RoundStatus(StrEnum):
    """What the city decided. Only opening exists yet; reopening and cancelling come with their use cases."""

    OPEN = "open"


class Phase(StrEnum):
    """Where a round stands at a given instant."""

    UPCOMING = "upcoming"  # chưa đến thời gian nộp
    OPEN = "open"          # đang nhận số liệu
    LATE = "late"          # quá hạn nộp, vẫn nhận (nộp muộn)
    CLOSED = "closed"      # đã khoá số liệu

    @property
    def label(self) -> str:
        return PHASE_LABELS[self]


PHASE_LABELS = {
    Phase.UPCOMING: "chưa mở",
    Phase.OPEN: "đang nhận số liệu",
    Phase.LATE: "quá hạn nộp",
    Phase.CLOSED: "đã khoá số liệu",
}


def phase(opens_at: datetime, due_at: datetime, closes_at: datetime, now: datetime) -> Phase:
    if now < opens_at:
        return Phase.UPCOMING
    if now >= closes_at:
        return Phase.CLOSED
    if now > due_at:
        return Phase.LATE
    return Phase.OPEN


def round_errors(data: dict[str, Any], now: datetime, catalogue: Catalogue = CATALOGUE) -> list[dict[str, str]]:
    """What is wrong with a round definition whose fields already have the right types."""
    errors: list[dict[str, str]] = []

    def add(field_: str, message: str) -> None:
        errors.append({"field": field_, "message": message})

    match = SCHOOL_YEAR.match(data["school_year"])
    if match is None or int(match[2]) != int(match[1]) + 1:
        add("school_year", "Năm học phải gồm hai năm liên tiếp, ví dụ 2025-2026.")

    levels = [SchoolLevel(lv) for lv in data["school_levels"]]
    _duplicates("school_levels", data["school_levels"], add, "Cấp học bị lặp lại.")

    _duplicates("indicator_codes", data["indicator_codes"], add, "Chỉ tiêu bị lặp lại.")
    for index, code in enumerate(data["indicator_codes"]):
        indicator = catalogue.get(code)
        if indicator is None:
            add(f"indicator_codes.{index}", f"Mã chỉ tiêu “{code}” không có trong danh mục.")
        elif not any(indicator.applies_to(lv) for lv in levels):
            add(f"indicator_codes.{index}",
                f"Chỉ tiêu “{code}” không áp dụng cho cấp học nào của đợt báo cáo.")

    opens_at, due_at, closes_at = data["opens_at"], data["due_at"], data["closes_at"]
    if due_at <= opens_at:
        add("due_at", "Hạn nộp phải sau thời điểm mở đợt báo cáo.")
    if closes_at < due_at:
        add("closes_at", "Thời điểm khoá số liệu không được trước hạn nộp.")
    if closes_at <= now:
        add("closes_at", "Thời điểm khoá số liệu đã qua; đợt báo cáo sẽ không nhận được số liệu nào.")
    return errors


def _duplicates(field_: str, items: Iterable[str], add, message: str) -> None:
    seen: set[str] = set()
    for index, item in enumerate(items):
        if item in seen:
            add(f"{field_}.{index}", message)
        seen.add(item)


# -- who may do what -------------------------------------------------------------
def schedule_errors(opens_at: datetime, due_at: datetime, closes_at: datetime, now: datetime) -> list[dict[str, str]]:
    """Errors of a new due date and closing time for an existing round (extending or reopening it)."""
    errors = []
    if due_at <= opens_at:
        errors.append({"field": "due_at", "message": "Hạn nộp phải sau thời điểm mở đợt báo cáo."})
    if closes_at < due_at:
        errors.append({"field": "closes_at", "message": "Thời điểm khoá số liệu không được trước hạn nộp."})
    if closes_at <= now:
        errors.append({"field": "closes_at", "message": "Thời điểm khoá số liệu mới phải ở tương lai."})
    return errors


def may_open_round(principal: Principal, province_code: str) -> bool:
    """The city department opens rounds for its own province; an administrator for any."""
    if principal.role is Role.ADMIN:
        return True
    return principal.role is Role.CITY and principal.province_code == province_code


def may_see_round(principal: Principal, province_code: str, school_levels: Iterable[str]) -> bool:
    """Rounds are visible in their province; a school sees only those its level reports in."""
    match principal.role:
        case Role.ADMIN:
            return True
        case Role.CITY | Role.COMMUNE:
            return principal.province_code == province_code
        case Role.SCHOOL:
            return principal.province_code == province_code and principal.school_level in set(school_levels)
    return False


def round_scope(principal: Principal) -> dict[str, str] | None:
    """The query restriction matching :func:`may_see_round` (``None`` = nothing visible, ``{}`` = all)."""
    match principal.role:
        case Role.ADMIN:
            return {}
        case Role.CITY | Role.COMMUNE if principal.province_code:
            return {"province_code": principal.province_code}
        case Role.SCHOOL if principal.province_code and principal.school_level:
            # A list field matches when any element equals the value: plain equality, no $elemMatch.
            return {"province_code": principal.province_code, "school_levels": principal.school_level}
    return None

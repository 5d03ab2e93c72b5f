"""Reminders sent by hand ("Nhắc các trường chưa nộp"), without I/O.

The city department (Sở GD&ĐT) or a commune/ward (UBND xã/phường) reminds the schools of a
round's levels within its own scope that have not submitted yet. A school is reminded at most
once per calendar day (Vietnam time) however often the button is pressed, by whomever: the
day's claim is named by (round, school, day), so a second claim the same day is refused.
"""
from __future__ import annotations

from datetime import date, datetime, tzinfo
from typing import Any, Iterable, Mapping

from edu71 import vn
from edu71.auth import Principal, Role
from notifications.domain.deadlines import Round
from notifications.domain.kinds import Kind
from notifications.domain.notices import Notice, Recipient

#: Who reminds, as the school reads it.
SENDERS = {Role.CITY: "Sở Giáo dục và Đào tạo", Role.COMMUNE: "UBND xã/phường"}


def in_scope(principal: Principal, rnd: Round) -> bool:
    """May the caller remind the schools of this round (its province is the caller's)?

    A commune's token may not name its province; its schools are then matched by commune alone.
    """
    if principal.role is Role.COMMUNE:
        return principal.province_code in (None, rnd.province_code)
    return principal.role is Role.CITY and principal.province_code == rnd.province_code


def outstanding(principal: Principal, rnd: Round, schools: Iterable[Mapping[str, Any]],
                submitted: set[str]) -> list[Mapping[str, Any]]:
    """The schools of the round's province and levels, within the caller's scope, that have not submitted."""
    if not in_scope(principal, rnd):
        return []
    return sorted((s for s in schools
                   if s["province_code"] == rnd.province_code and s["level"] in rnd.school_levels
                   and s["code"] not in submitted
                   and (principal.role is Role.CITY or s["commune_code"] == principal.commune_code)),
                  key=lambda s: s["code"])


def day_of(now: datetime, tz: tzinfo = vn.VN) -> date:
    """The calendar day (Vietnam time) a reminder counts against."""
    return now.astimezone(tz).date()


def claim_id(round_id: str, school_code: str, day: date) -> str:
    """At most one reminder per (round, school, day)."""
    return f"{round_id}:{school_code}:{day.isoformat()}"


def notice(principal: Principal, rnd: Round, school: Mapping[str, Any], now: datetime) -> Notice:
    """The school's reminder, keyed by its day's claim so a retried fan-out adds nothing."""
    sender = principal.org_unit_name or SENDERS[principal.role]
    due = f"hạn nộp là {vn.vn_moment(rnd.due_at)} (giờ Việt Nam)"
    late = f"{due} và đã qua" if now >= rnd.due_at else due
    return Notice(
        Kind.ROUND_REMINDER, Recipient(school["code"], Role.SCHOOL), f"Nhắc nộp báo cáo: {rnd.name}",
        f"{sender} nhắc {school['name']} nộp số liệu đợt báo cáo “{rnd.name}”; {late}. "
        f"Nếu nhà trường đã nộp, xin bỏ qua lời nhắc này.",
        school, {"round_id": rnd.round_id, "due_at": rnd.due_at.isoformat()},
        dedupe_base=f"reminder:{claim_id(rnd.round_id, school['code'], day_of(now))}")

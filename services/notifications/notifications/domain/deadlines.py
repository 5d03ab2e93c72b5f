"""Deadline reminders, without I/O.

A school of a round's levels that has not submitted is reminded 7 days and 1 day before
``due_at`` and once when overdue (until the round closes). Only the stage the clock is in
is reminded: a worker that was down for a week does not send a late "7 days left" after the
deadline. A reopened or extended round has a new ``due_at``, so its reminders are new ones.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo
from typing import Any, Iterable, Mapping

from edu71.auth import Role
from edu71 import vn
from notifications.domain.kinds import Kind
from notifications.domain.notices import Notice, Recipient

DUE_IN_7_DAYS = "due_in_7_days"
DUE_IN_1_DAY = "due_in_1_day"
OVERDUE = "overdue"

NOTICE_KINDS = {DUE_IN_7_DAYS: Kind.DEADLINE_DUE_IN_7_DAYS, DUE_IN_1_DAY: Kind.DEADLINE_DUE_IN_1_DAY,
                OVERDUE: Kind.DEADLINE_OVERDUE}


@dataclass(frozen=True)
class Round:
    round_id: str
    name: str
    province_code: str
    school_levels: frozenset[str]
    opens_at: datetime
    due_at: datetime
    closes_at: datetime


def stage(now: datetime, rnd: Round) -> str | None:
    """Which reminder is due now for a school that has not submitted (``None``: none)."""
    if now < rnd.opens_at or now >= rnd.closes_at:
        return None
    if now >= rnd.due_at:
        return OVERDUE
    if now >= rnd.due_at - timedelta(days=1):
        return DUE_IN_1_DAY
    if now >= rnd.due_at - timedelta(days=7):
        return DUE_IN_7_DAYS
    return None


def days_left(now: datetime, due_at: datetime, tz: tzinfo = vn.VN) -> int:
    """Calendar days (Vietnam time) from ``now`` to ``due_at``; negative once overdue."""
    return (due_at.astimezone(tz).date() - now.astimezone(tz).date()).days


def claim_key(round_id: str, school_code: str, kind: str, due_at: datetime) -> str:
    """Exactly one reminder per (round, school, kind, deadline)."""
    return f"{round_id}:{school_code}:{kind}:{due_at.astimezone(vn.VN).isoformat()}"


def reminders_due(now: datetime, rnd: Round, schools: Iterable[Mapping[str, Any]],
                  submitted: set[str]) -> list[tuple[Mapping[str, Any], str]]:
    """(school, kind) for every school of the round's province and levels that has not submitted."""
    kind = stage(now, rnd)
    if kind is None:
        return []
    return [(s, kind) for s in schools
            if s["province_code"] == rnd.province_code and s["level"] in rnd.school_levels
            and s["code"] not in submitted]


def reminder(data: Mapping[str, Any]) -> Notice:
    """The school's reminder for a DeadlineApproaching payload."""
    school = data["school"]
    due = vn.vn_moment(datetime.fromisoformat(data["due_at"]))
    name = data["round_name"]
    match data["kind"]:
        case "overdue":
            title = f"Quá hạn nộp báo cáo: {name}"
            body = (f"{school['name']} chưa nộp số liệu đợt báo cáo “{name}”; hạn nộp là {due} (giờ Việt Nam) "
                    f"và đã qua. Đề nghị nhà trường nộp ngay.")
        case _:
            days = max(int(data["days_left"]), 0)
            title = f"Nhắc hạn nộp báo cáo: {name} (còn {days} ngày)"
            body = (f"{school['name']} chưa nộp số liệu đợt báo cáo “{name}”. Hạn nộp: {due} (giờ Việt Nam), "
                    f"còn {days} ngày.")
    return Notice(NOTICE_KINDS[data["kind"]], Recipient(school["code"], Role.SCHOOL), title, body, school,
                  {"round_id": data["round_id"], "due_at": data["due_at"]})

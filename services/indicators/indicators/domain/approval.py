"""Approval of a school's report (báo cáo) for a round: its stages, who may move it, follow-up flags.

Stages: *đang nhập* (draft) → *đã nộp* (submitted: the school marked it
complete) → *xã/phường đã xác nhận* (confirmed) or *trả lại* (returned, with a
comment for the whole report or per value) → *Sở đã tiếp nhận* (accepted).
Who reviews follows plan review (``edu71.orgs.may_review_school``): the commune
(UBND xã/phường) for mầm non, tiểu học and THCS schools of its commune, the
city (Sở GD&ĐT) for THPT and liên cấp, where there is no commune step; the
city may act on any report of its province. Confirmed and accepted figures
are locked: a change needs the approver to reopen the report with a reason,
and the report then shows what changed since it was approved.

Every function here is pure: it checks a request against the report's state
and answers what the new state is, or raises :class:`ApprovalRefused` with
the HTTP status and the Vietnamese message the caller shows.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Iterable, Mapping

from edu71.auth import Principal, Role
from edu71.orgs import COMMUNE_REVIEWED, SchoolLevel, may_review_school
from indicators.domain.catalogue import Catalogue

MAX_COMMENT = 1000


class Stage(StrEnum):
    DRAFT = "draft"              # đang nhập
    SUBMITTED = "submitted"      # đã nộp
    CONFIRMED = "confirmed"      # xã/phường đã xác nhận
    RETURNED = "returned"        # trả lại
    ACCEPTED = "accepted"        # Sở đã tiếp nhận

    @property
    def label(self) -> str:
        return STAGE_LABELS[self]


STAGE_LABELS = {
    Stage.DRAFT: "Đang nhập",
    Stage.SUBMITTED: "Đã nộp",
    Stage.CONFIRMED: "Xã/phường đã xác nhận",
    Stage.RETURNED: "Trả lại",
    Stage.ACCEPTED: "Sở đã tiếp nhận",
}


class Action(StrEnum):
    COMPLETE = "complete"   # trường đánh dấu hoàn thành
    CONFIRM = "confirm"     # xã/phường (hoặc Sở) xác nhận
    RETURN = "return"       # trả lại
    ACCEPT = "accept"       # Sở tiếp nhận
    REOPEN = "reopen"       # người đã duyệt mở lại
    WITHDRAW = "withdraw"   # trường sửa số liệu đã nộp, chưa được xác nhận: về đang nhập

    @property
    def label(self) -> str:
        return ACTION_LABELS[self]


ACTION_LABELS = {
    Action.COMPLETE: "Nhà trường đánh dấu hoàn thành",
    Action.CONFIRM: "Xác nhận",
    Action.RETURN: "Trả lại",
    Action.ACCEPT: "Sở GD&ĐT tiếp nhận",
    Action.REOPEN: "Mở lại để sửa",
    Action.WITHDRAW: "Nhà trường sửa số liệu đã nộp",
}

#: Stages whose figures are locked: only a reopening lets the school change them.
LOCKED = frozenset({Stage.CONFIRMED, Stage.ACCEPTED})
#: Stages in which the school may enter values.
EDITABLE = frozenset({Stage.DRAFT, Stage.RETURNED, Stage.SUBMITTED})


class ApprovalRefused(Exception):
    def __init__(self, status: int, message: str, errors: list[dict[str, str]] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.errors = errors or []


@dataclass(frozen=True)
class Report:
    """What approval needs to know about a school's report."""

    school_code: str
    level: SchoolLevel
    commune_code: str
    province_code: str
    stage: Stage


def commune_step(level: SchoolLevel | str) -> bool:
    """Does a commune confirm this level's reports before the city accepts them?"""
    return SchoolLevel(level) in COMMUNE_REVIEWED


def _in_scope(principal: Principal, report: Report) -> None:
    if principal.role is Role.SCHOOL:
        if principal.org_unit == report.school_code:
            raise ApprovalRefused(403, "Nhà trường không được tự xác nhận hoặc tiếp nhận báo cáo của chính mình.")
        raise ApprovalRefused(403, "Tài khoản trường học không được duyệt báo cáo.")
    if principal.org_unit == report.school_code:
        raise ApprovalRefused(403, "Không được tự duyệt báo cáo của chính đơn vị mình.")
    if not may_review_school(principal, report.level, report.commune_code, report.province_code):
        raise ApprovalRefused(403, "Báo cáo này không thuộc phạm vi duyệt của đơn vị bạn "
                                   "(xã/phường duyệt trường mầm non, tiểu học, THCS của mình; Sở duyệt THPT, "
                                   "liên cấp và có thể duyệt mọi trường trong tỉnh/thành).")


def _not_in(report: Report, wanted: Iterable[Stage], what: str) -> ApprovalRefused:
    return ApprovalRefused(409, f"Không thể {what}: báo cáo đang ở trạng thái “{report.stage.label}”.")


def complete(principal: Principal, report: Report, missing: list[str]) -> Stage:
    """The school marks its report complete (``missing``: names of the round's indicators it has not reported)."""
    if principal.role is not Role.SCHOOL or principal.org_unit != report.school_code:
        raise ApprovalRefused(403, "Chỉ tài khoản của chính nhà trường mới được đánh dấu hoàn thành báo cáo.")
    if report.stage not in (Stage.DRAFT, Stage.RETURNED):
        raise _not_in(report, (Stage.DRAFT, Stage.RETURNED), "đánh dấu hoàn thành")
    if missing:
        raise ApprovalRefused(422, "Báo cáo chưa đủ số liệu để đánh dấu hoàn thành, xem chi tiết từng mục.",
                              [{"field": "values", "message": f"Chưa nhập “{name}”."} for name in missing])
    return Stage.SUBMITTED


def confirm(principal: Principal, report: Report) -> Stage:
    """The commune (or the city) confirms a submitted report; for THPT/liên cấp the city's confirmation accepts it."""
    _in_scope(principal, report)
    if report.stage is not Stage.SUBMITTED:
        raise ApprovalRefused(409, "Chỉ xác nhận được báo cáo nhà trường đã đánh dấu hoàn thành; báo cáo đang ở "
                                   f"trạng thái “{report.stage.label}”.")
    return Stage.CONFIRMED if commune_step(report.level) else Stage.ACCEPTED


def accept(principal: Principal, report: Report) -> Stage:
    """The city accepts a report the commune confirmed (or, with no commune step, one the school submitted)."""
    _in_scope(principal, report)
    if principal.role not in (Role.CITY, Role.ADMIN):
        raise ApprovalRefused(403, "Chỉ Sở GD&ĐT mới tiếp nhận báo cáo.")
    allowed = (Stage.CONFIRMED,) if commune_step(report.level) else (Stage.SUBMITTED, Stage.CONFIRMED)
    if report.stage not in allowed:
        raise ApprovalRefused(409, "Chỉ tiếp nhận được báo cáo đã được xã/phường xác nhận; báo cáo đang ở "
                                   f"trạng thái “{report.stage.label}”." if commune_step(report.level) else
                              "Chỉ tiếp nhận được báo cáo nhà trường đã đánh dấu hoàn thành; báo cáo đang ở "
                              f"trạng thái “{report.stage.label}”.")
    return Stage.ACCEPTED


def clean_comment(raw: Any, field: str, errors: list[dict[str, str]], what: str) -> str | None:
    if raw is None:
        return None
    if not isinstance(raw, str) or not raw.strip():
        errors.append({"field": field, "message": f"Cần nhập {what}."})
        return None
    text = " ".join(raw.split())
    if len(text) > MAX_COMMENT:
        errors.append({"field": field, "message": f"Không quá {MAX_COMMENT} ký tự."})
        return None
    return text


def return_report(principal: Principal, report: Report, comment: Any, value_comments: Any,
                  catalogue: Catalogue, codes: Iterable[str]) -> tuple[Stage, str | None, dict[str, str]]:
    """Return a submitted or confirmed report to the school, with a comment for it and/or per value."""
    _in_scope(principal, report)
    allowed = {Stage.SUBMITTED} | ({Stage.CONFIRMED} if principal.role in (Role.CITY, Role.ADMIN) else set())
    if report.stage not in allowed:
        raise ApprovalRefused(409, f"Không thể trả lại: báo cáo đang ở trạng thái “{report.stage.label}”.")
    errors: list[dict[str, str]] = []
    text = clean_comment(comment, "comment", errors, "nhận xét")
    per_value: dict[str, str] = {}
    if value_comments is not None and not isinstance(value_comments, Mapping):
        errors.append({"field": "value_comments", "message": "Phải là một đối tượng: mã chỉ tiêu → nhận xét."})
    else:
        known = set(codes)
        for code, raw in (value_comments or {}).items():
            indicator = catalogue.get(code) if isinstance(code, str) else None
            if indicator is None or code not in known:
                errors.append({"field": f"value_comments.{str(code)[:64]}",
                               "message": "Chỉ tiêu này không có trong báo cáo."})
                continue
            cleaned = clean_comment(raw, f"value_comments.{code}", errors, f"nhận xét về “{indicator.name}”")
            if cleaned:
                per_value[code] = cleaned
    if not errors and not text and not per_value:
        errors.append({"field": "comment", "message": "Cần nhận xét cho cả báo cáo hoặc cho ít nhất một chỉ tiêu."})
    if errors:
        raise ApprovalRefused(422, "Trả lại báo cáo cần có nhận xét, xem chi tiết từng mục.", errors)
    return Stage.RETURNED, text, per_value


def reopen(principal: Principal, report: Report, reason: Any) -> tuple[Stage, str]:
    """The approver reopens a confirmed or accepted report so the school can change it, with a reason."""
    _in_scope(principal, report)
    if report.stage not in LOCKED:
        raise ApprovalRefused(409, f"Chỉ mở lại được báo cáo đã được xác nhận hoặc tiếp nhận; báo cáo đang ở "
                                   f"trạng thái “{report.stage.label}”.")
    if report.stage is Stage.ACCEPTED and principal.role not in (Role.CITY, Role.ADMIN):
        raise ApprovalRefused(403, "Báo cáo đã được Sở GD&ĐT tiếp nhận; chỉ Sở mới mở lại được.")
    errors: list[dict[str, str]] = []
    text = clean_comment(reason if reason is not None else "", "reason", errors, "lý do mở lại")
    if errors or not text:
        raise ApprovalRefused(422, "Cần nêu lý do mở lại báo cáo.",
                              errors or [{"field": "reason", "message": "Cần nhập lý do mở lại."}])
    return Stage.DRAFT, text


def may_flag(principal: Principal, report: Report) -> None:
    """The commune or the city may flag a value of a report in their scope for follow-up."""
    _in_scope(principal, report)


def changed_since(before: Iterable[Mapping[str, Any]] | None, now: Iterable[Mapping[str, Any]]
                  ) -> list[dict[str, Any]]:
    """``{indicator_code, old, new}`` for each value that differs from the approved snapshot ``before``."""
    if before is None:
        return []
    old = {v["indicator_code"]: dict(v) for v in before}
    new = {v["indicator_code"]: dict(v) for v in now}
    return [{"indicator_code": code, "old": old.get(code), "new": new.get(code)}
            for code in list(old) + [c for c in new if c not in old] if old.get(code) != new.get(code)]

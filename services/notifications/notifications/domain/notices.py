"""Who is told about an event, and what they are told (in Vietnamese).

- PlanSubmitted → the plan's reviewers: the commune/ward (UBND xã/phường) for
  preschools, primary and lower-secondary schools; the city department
  (Sở GD&ĐT) of the province for upper-secondary and multi-level schools.
- PlanApproved, PlanReturned → the school, with the reviewer's comments.
- PlanSubmitted → also a receipt to the school (or the commune/ward) that submitted: "Đã gửi kế hoạch …
  chờ duyệt", so its inbox shows the plan went out before any decision comes back
  (:func:`plan_submission_receipt`, sent by the worker's handler beside the reviewer's notice).
- ReportingRoundOpened → every active school of the round's province and levels (:func:`round_opened`).
- A commune/ward's or the city's own plan (``issuer`` of kind commune or province, no ``school``):
  submitted → the city department of its province; approved or returned → the issuing commune (its
  UBND xã/phường users) or the city department.
- Indicator report approval (:func:`report_notices`): SubmissionCompleted → the
  report's reviewer (same rule as plans); SubmissionReturned and ValueFlagged →
  the school; SubmissionConfirmed that completes a commune → the city. Each is
  keyed by the report and the action's sequence number (or by round and commune),
  so a replayed or late event never adds or changes a notification.

A notification is addressed to an org unit in a role (everyone of that unit and
role sees it in the inbox), not to a single person: the events name no individual
reviewer. E-mail then goes to each active user of that unit and role
(:class:`notifications.notices.Dispatcher`). Indicator alerts, deadline reminders and the
daily digest are built in their own modules and share :class:`Notice`.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from edu71.auth import Role
from edu71.orgs import COMMUNE_REVIEWED, SchoolLevel, commune
from edu71.vn import plan_section, vn_moment
from notifications.domain.kinds import IN_APP, Kind

__all__ = ["IN_APP", "Kind", "Notice", "Recipient", "dedupe_key", "notification_id", "notices_for", "report_notices",
           "reviewer_of"]


ROLE_LABELS = {
    Role.SCHOOL: "nhà trường",
    Role.COMMUNE: "UBND xã/phường",
    Role.CITY: "Sở GD&ĐT",
    Role.OPERATOR: "vận hành",
    Role.ADMIN: "quản trị hệ thống",
}

#: Fixed namespace: a notification's id is derived from its dedupe key, so a retry yields the same id.
_ID_NAMESPACE = uuid.UUID("6f1d2a8e-5b0c-4e57-9a51-71a0e0c1f7d3")


@dataclass(frozen=True)
class Recipient:
    org_unit: str
    role: Role

    @property
    def user_id(self) -> str:
        """Stands for "every user of this unit in this role" where a contract wants a user id."""
        return f"{self.role.value}:{self.org_unit}"


@dataclass(frozen=True)
class Notice:
    """A notification to create, before it is stored."""

    kind: str
    recipient: Recipient
    title: str
    body: str
    #: The ``School`` object of the contracts the notice is about (``None`` for province-wide digests).
    school: Mapping[str, Any] | None
    reference: dict[str, Any] = field(default_factory=dict)
    #: What makes the notice unique besides recipient and channel; the source event id when ``None``.
    #: Alerts use (round, school, indicator) so that revisions and redeliveries do not repeat them.
    dedupe_base: str | None = None


def dedupe_key(source_event_id: str, recipient_org_unit: str, channel: str = IN_APP) -> str:
    """One notification per source event, recipient unit and channel."""
    return f"{source_event_id}:{recipient_org_unit}:{channel}"


def notification_id(key: str) -> str:
    return str(uuid.uuid5(_ID_NAMESPACE, key))


def reviewer_of(school: Mapping[str, Any]) -> Recipient:
    """Who reviews the plan of ``school`` (the ``School`` object of the contracts)."""
    if SchoolLevel(school["level"]) in COMMUNE_REVIEWED:
        return Recipient(school["commune_code"], Role.COMMUNE)
    return Recipient(school["province_code"], Role.CITY)


def _reviewer_phrase(reviewer: Mapping[str, Any]) -> str:
    try:
        label = ROLE_LABELS[Role(reviewer["role"])]
    except ValueError:
        return reviewer["name"]
    name = (reviewer.get("name") or "").strip()
    return f"{name} ({label})" if name else label


def _comment_line(comment: Mapping[str, Any], targets: list[Mapping[str, Any]]) -> str:
    text = comment["text"].strip()
    match comment["anchor_kind"]:
        case "section":
            return f"- Mục {plan_section(comment['anchor'])}: {text}" if comment.get("anchor") else f"- {text}"
        case "target":
            anchor = comment.get("anchor", "")
            if anchor.isdigit() and int(anchor) < len(targets):
                return f"- Mục tiêu số {int(anchor) + 1} (“{targets[int(anchor)]['text']}”): {text}"
            return f"- Mục tiêu {anchor}: {text}"
    return f"- Chung: {text}"


def _issuing_unit(data: Mapping[str, Any]) -> tuple[Mapping[str, Any] | None, str, Recipient]:
    """(school or None, the issuer's name, the issuer as a recipient) of a plan event."""
    school = data.get("school")
    if school is not None:
        return school, school["name"], Recipient(school["code"], Role.SCHOOL)
    issuer = data["issuer"]
    role = Role.COMMUNE if issuer["kind"] == "commune" else Role.CITY
    return None, issuer["name"], Recipient(issuer["code"], role)


def plan_submitted(data: Mapping[str, Any]) -> Notice:
    school = data.get("school")
    if school is None:  # a commune's or the city's own plan: the city department reviews it
        return _unit_plan_submitted(data)
    number = data["number_symbol"]
    again = f" (lần gửi thứ {data['version']}, sau khi chỉnh sửa)" if data["version"] > 1 else ""
    body = (f"{school['name']} đã gửi kế hoạch số {number} để duyệt{again}: “{data['title']}”."
            f"\nNgười gửi: {data['submitted_by']['name']}.")
    return Notice(Kind.PLAN_SUBMITTED, reviewer_of(school), f"Kế hoạch chờ duyệt: {number}", body, school,
                  {"plan_id": data["plan_id"], "plan_version": data["version"]})


def _unit_plan_submitted(data: Mapping[str, Any]) -> Notice:
    issuer = data["issuer"]
    number = data["number_symbol"]
    again = f" (lần gửi thứ {data['version']}, sau khi chỉnh sửa)" if data["version"] > 1 else ""
    body = (f"{issuer['name']} đã gửi kế hoạch số {number} để duyệt{again}: “{data['title']}”."
            f"\nNgười gửi: {data['submitted_by']['name']}.")
    return Notice(Kind.PLAN_SUBMITTED, Recipient(issuer["province_code"], Role.CITY),
                  f"Kế hoạch chờ duyệt: {number}", body, None,
                  {"plan_id": data["plan_id"], "plan_version": data["version"], "issuer_kind": issuer["kind"]})


def plan_approved(data: Mapping[str, Any]) -> Notice:
    school, name, recipient = _issuing_unit(data)
    body = (f"Kế hoạch của {name} (phiên bản {data['version']}) đã được "
            f"{_reviewer_phrase(data['reviewer'])} phê duyệt.")
    comment = (data.get("comment") or "").strip()
    if comment:
        body += f"\nÝ kiến: {comment}"
    return Notice(Kind.PLAN_APPROVED, recipient, "Kế hoạch đã được phê duyệt", body,
                  school, {"plan_id": data["plan_id"], "plan_version": data["version"]})


def plan_returned(data: Mapping[str, Any]) -> Notice:
    school, name, recipient = _issuing_unit(data)
    targets = list(data.get("targets") or [])
    lines = [_comment_line(c, targets) for c in data["comments"]]
    body = (f"Kế hoạch của {name} (phiên bản {data['version']}) đã bị "
            f"{_reviewer_phrase(data['reviewer'])} trả lại để chỉnh sửa. Ý kiến góp ý:\n" + "\n".join(lines))
    return Notice(Kind.PLAN_RETURNED, recipient, "Kế hoạch bị trả lại để chỉnh sửa",
                  body, school, {"plan_id": data["plan_id"], "plan_version": data["version"]})


#: The role that reads what is sent to each kind of unit (the Ministry has no account: nobody is told).
RECEIVING_ROLE = {"commune": Role.COMMUNE, "province": Role.CITY}


def report_issued(data: Mapping[str, Any]) -> list[Notice]:
    """ReportIssued → the level above the issuing unit (a school's commune, a commune's city)."""
    role = RECEIVING_ROLE.get(data["recipient"]["kind"])
    if role is None:
        return []
    issuer = data["issuer"]
    body = (f"{issuer['name']} đã gửi báo cáo số {data['number_symbol']}: “{data['subject']}”."
            f"\nNgười ban hành: {data['issued_by']['name']}.")
    return [Notice(Kind.REPORT_ISSUED, Recipient(data["recipient"]["code"], role),
                   f"Báo cáo gửi đến: {data['number_symbol']} của {issuer['name']}", body, data.get("school"),
                   {"report_id": data["report_id"], "round_id": data["round_id"]})]


def plan_submission_receipt(data: Mapping[str, Any]) -> Notice | None:
    """The submitter's receipt: its plan went to its reviewer. None for the city's own plan (the city
    department is its own reviewer's unit and is told already)."""
    school, name, recipient = _issuing_unit(data)
    if school is None and data["issuer"]["kind"] == "province":
        return None
    if school is not None:
        reviewer = reviewer_of(school)
        to = "UBND xã/phường" if reviewer.role is Role.COMMUNE else "Sở GD&ĐT"
    else:
        to = "Sở GD&ĐT"
    number = data["number_symbol"]
    body = (f"Kế hoạch số {number} “{data['title']}” của {name} (lần gửi thứ {data['version']}) đã được gửi đến "
            f"{to} lúc {vn_moment(data['submitted_at'])} và đang chờ duyệt.\nNgười gửi: {data['submitted_by']['name']}."
            "\nĐơn vị sẽ nhận thông báo khi kế hoạch được phê duyệt hoặc trả lại.")
    # Its own key: the reviewer's notice of the same event may go to a unit with the same code.
    return Notice(Kind.PLAN_SUBMISSION_RECEIPT, recipient, f"Đã gửi kế hoạch {number}, chờ duyệt", body, school,
                  {"plan_id": data["plan_id"], "plan_version": data["version"]},
                  dedupe_base=f"receipt:{data['plan_id']}:{data['version']}")


def round_opened(data: Mapping[str, Any], schools: Iterable[Mapping[str, Any]]) -> list[Notice]:
    """A ReportingRoundOpened's notice to each school (``School`` objects) of its province and levels.

    Keyed by round and deadline: a redelivery repeats nothing, a reopening with a new deadline is news."""
    levels = set(data["school_levels"])
    name = data["name"]
    due = vn_moment(data["due_at"])
    again = data.get("reopened")
    title = f"{'Mở lại' if again else 'Mở'} đợt báo cáo: {name}"
    out = []
    for school in schools:
        if school["province_code"] != data["province_code"] or school["level"] not in levels:
            continue
        body = (f"Đợt báo cáo “{name}” đã {'được mở lại' if again else 'mở'} từ {vn_moment(data['opens_at'])}. "
                f"{school['name']} vui lòng nhập và nộp số liệu trước {due} (giờ Việt Nam)."
                f"\nĐợt báo cáo đóng lúc {vn_moment(data['closes_at'])}.")
        out.append(Notice(Kind.ROUND_OPENED, Recipient(school["code"], Role.SCHOOL), title, body, school,
                          {"round_id": data["round_id"]},
                          dedupe_base=f"round-opened:{data['round_id']}:{data['due_at']}"))
    return out


BUILDERS = {
    "PlanSubmitted": plan_submitted,
    "PlanApproved": plan_approved,
    "PlanReturned": plan_returned,
}


def notices_for(event_name: str, data: Mapping[str, Any]) -> list[Notice]:
    """The notifications an event causes (none for an event this service does not notify about)."""
    if event_name == "ReportIssued":
        return report_issued(data)
    build = BUILDERS.get(event_name)
    return [build(data)] if build else []


# -- indicator reports (báo cáo số liệu) ---------------------------------------------------------------
def _report_reference(data: Mapping[str, Any]) -> dict[str, Any]:
    return {"round_id": data["round_id"], "submission_id": data["submission_id"]}


def report_completed(data: Mapping[str, Any], round_name: str) -> list[Notice]:
    school = data["school"]
    reviewer = reviewer_of(school)
    who = "UBND xã/phường" if reviewer.role is Role.COMMUNE else "Sở GD&ĐT"
    body = (f"{school['name']} đã đánh dấu hoàn thành báo cáo số liệu đợt “{round_name}”. "
            f"Báo cáo đang chờ {who} xem và xác nhận.")
    return [Notice(Kind.REPORT_AWAITING_REVIEW, reviewer, f"Báo cáo số liệu chờ xác nhận: {school['name']}", body,
                   school, _report_reference(data), dedupe_base=f"{data['submission_id']}:{data['approval']}")]


def report_returned(data: Mapping[str, Any], round_name: str) -> list[Notice]:
    school = data["school"]
    names = data.get("indicator_names") or {}
    lines = []
    if (data.get("comment") or "").strip():
        lines.append(f"- Chung: {data['comment'].strip()}")
    for code, text in (data.get("value_comments") or {}).items():
        lines.append(f"- “{names.get(code, 'Một chỉ tiêu')}”: {text.strip()}")
    body = (f"Báo cáo số liệu đợt “{round_name}” của {school['name']} đã bị {_reviewer_phrase(data['by'])} "
            "trả lại để chỉnh sửa. Ý kiến:\n" + "\n".join(lines))
    return [Notice(Kind.REPORT_RETURNED, Recipient(school["code"], Role.SCHOOL), "Báo cáo số liệu bị trả lại",
                   body, school, _report_reference(data), dedupe_base=f"{data['submission_id']}:{data['approval']}")]


def value_flagged(data: Mapping[str, Any], round_name: str) -> list[Notice]:
    school = data["school"]
    body = (f"{_reviewer_phrase(data['by'])} đề nghị {school['name']} kiểm tra lại “{data['indicator_name']}” "
            f"trong báo cáo số liệu đợt “{round_name}”: {data['note'].strip()}\n"
            "Nhà trường trả lời hoặc sửa số liệu trên trang báo cáo.")
    return [Notice(Kind.VALUE_FLAGGED, Recipient(school["code"], Role.SCHOOL),
                   f"Số liệu cần kiểm tra: {data['indicator_name']}", body, school,
                   {**_report_reference(data), "flag_id": data["flag_id"]}, dedupe_base=f"flag:{data['flag_id']}")]


def commune_confirmed(data: Mapping[str, Any], round_name: str) -> list[Notice]:
    """The city hears once per round and commune, when the commune has confirmed every school it reviews."""
    progress = data.get("commune_progress")
    if not progress or progress["confirmed"] < progress["expected"]:
        return []
    school = data["school"]
    try:
        place = commune(school["commune_code"]).name
    except (KeyError, ValueError):
        place = f"xã/phường {school['commune_code']}"
    body = (f"{place} đã xác nhận báo cáo số liệu đợt “{round_name}” của cả {progress['expected']} trường "
            "mầm non, tiểu học, trung học cơ sở thuộc xã/phường. Sở GD&ĐT có thể tiếp nhận các báo cáo này.")
    return [Notice(Kind.COMMUNE_REPORTS_CONFIRMED, Recipient(school["province_code"], Role.CITY),
                   f"{place} đã xác nhận đủ báo cáo số liệu", body, None,
                   {"round_id": data["round_id"], "commune_code": school["commune_code"]},
                   dedupe_base=f"commune-confirmed:{data['round_id']}:{school['commune_code']}")]


REPORT_BUILDERS = {
    "SubmissionCompleted": report_completed,
    "SubmissionReturned": report_returned,
    "ValueFlagged": value_flagged,
    "SubmissionConfirmed": commune_confirmed,
}


def report_notices(event_name: str, data: Mapping[str, Any], round_name: str) -> list[Notice]:
    """The notifications an indicator report's approval event causes."""
    build = REPORT_BUILDERS.get(event_name)
    return build(data, round_name) if build else []

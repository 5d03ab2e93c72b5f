"""Who is told about an event, and what they are told (in Vietnamese).

- PlanSubmitted → the plan's reviewers: the commune/ward (UBND xã/phường) for
  preschools, primary and lower-secondary schools; the city department
  (Sở GD&ĐT) of the province for upper-secondary and multi-level schools.
- PlanApproved, PlanReturned → the school, with the reviewer's comments.

A notification is addressed to an org unit in a role (everyone of that unit and
role sees it in the inbox), not to a single person: the events name no individual
reviewer. E-mail then goes to each active user of that unit and role
(:mod:`notifications.dispatch`). Indicator alerts, deadline reminders and the
daily digest are built in their own modules and share :class:`Notice`.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any, Mapping

from edu71.auth import Role
from edu71.orgs import COMMUNE_REVIEWED, SchoolLevel
from notifications.domain.kinds import IN_APP, Kind

__all__ = ["IN_APP", "Kind", "Notice", "Recipient", "dedupe_key", "notification_id", "notices_for", "reviewer_of"]


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
            return f"- Mục {comment['anchor']}: {text}" if comment.get("anchor") else f"- {text}"
        case "target":
            anchor = comment.get("anchor", "")
            if anchor.isdigit() and int(anchor) < len(targets):
                return f"- Mục tiêu số {int(anchor) + 1} (“{targets[int(anchor)]['text']}”): {text}"
            return f"- Mục tiêu {anchor}: {text}"
    return f"- Chung: {text}"


def plan_submitted(data: Mapping[str, Any]) -> Notice:
    school = data["school"]
    number = data["number_symbol"]
    again = f" (lần gửi thứ {data['version']}, sau khi chỉnh sửa)" if data["version"] > 1 else ""
    body = (f"{school['name']} đã gửi kế hoạch số {number} để duyệt{again}: “{data['title']}”."
            f"\nNgười gửi: {data['submitted_by']['name']}.")
    return Notice(Kind.PLAN_SUBMITTED, reviewer_of(school), f"Kế hoạch chờ duyệt: {number}", body, school,
                  {"plan_id": data["plan_id"], "plan_version": data["version"]})


def plan_approved(data: Mapping[str, Any]) -> Notice:
    school = data["school"]
    body = (f"Kế hoạch của {school['name']} (phiên bản {data['version']}) đã được "
            f"{_reviewer_phrase(data['reviewer'])} phê duyệt.")
    comment = (data.get("comment") or "").strip()
    if comment:
        body += f"\nÝ kiến: {comment}"
    return Notice(Kind.PLAN_APPROVED, Recipient(school["code"], Role.SCHOOL), "Kế hoạch đã được phê duyệt", body,
                  school, {"plan_id": data["plan_id"], "plan_version": data["version"]})


def plan_returned(data: Mapping[str, Any]) -> Notice:
    school = data["school"]
    targets = list(data.get("targets") or [])
    lines = [_comment_line(c, targets) for c in data["comments"]]
    body = (f"Kế hoạch của {school['name']} (phiên bản {data['version']}) đã bị "
            f"{_reviewer_phrase(data['reviewer'])} trả lại để chỉnh sửa. Ý kiến góp ý:\n" + "\n".join(lines))
    return Notice(Kind.PLAN_RETURNED, Recipient(school["code"], Role.SCHOOL), "Kế hoạch bị trả lại để chỉnh sửa",
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

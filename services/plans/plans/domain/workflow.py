"""The review workflow of a plan and who may take each step.

draft → submitted → approved | returned → (edited) → submitted → …
The commune/ward reviewer (UBND xã/phường) reviews preschool, primary and
lower-secondary plans of its own commune; the city department (Sở GD&ĐT)
reviews upper-secondary and multi-level plans and may act on any plan of its
province. :func:`may_review` decides for a school's plan; the plans of communes/wards
and of the city follow :mod:`plans.domain.owners`.
"""
from __future__ import annotations

from enum import StrEnum

from edu71.auth import Principal, Role
from edu71.orgs import COMMUNE_REVIEWED, SchoolLevel


class PlanStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    RETURNED = "returned"


class Action(StrEnum):
    SUBMIT = "submit"
    APPROVE = "approve"
    RETURN = "return"


TRANSITIONS: dict[tuple[Action, PlanStatus], PlanStatus] = {
    (Action.SUBMIT, PlanStatus.DRAFT): PlanStatus.SUBMITTED,
    (Action.SUBMIT, PlanStatus.RETURNED): PlanStatus.SUBMITTED,
    (Action.APPROVE, PlanStatus.SUBMITTED): PlanStatus.APPROVED,
    (Action.RETURN, PlanStatus.SUBMITTED): PlanStatus.RETURNED,
}

EDITABLE = {PlanStatus.DRAFT, PlanStatus.RETURNED}

STATUS_LABELS = {
    PlanStatus.DRAFT: "bản nháp",
    PlanStatus.SUBMITTED: "đã gửi duyệt",
    PlanStatus.APPROVED: "đã phê duyệt",
    PlanStatus.RETURNED: "bị trả lại",
}


class TransitionRefused(Exception):
    """The action is not possible from the plan's current status."""

    def __init__(self, action: Action, status: PlanStatus):
        super().__init__(
            f"Không thể thực hiện thao tác này khi kế hoạch đang ở trạng thái “{STATUS_LABELS[status]}”."
        )


def next_status(action: Action, status: PlanStatus) -> PlanStatus:
    try:
        return TRANSITIONS[(action, status)]
    except KeyError:
        raise TransitionRefused(action, status) from None


def may_review(principal: Principal, level: SchoolLevel, commune_code: str, province_code: str) -> bool:
    """May ``principal`` approve or return a plan of a school at ``level`` in that commune?"""
    if principal.role is Role.ADMIN:
        return True
    if principal.role is Role.CITY:
        return principal.province_code == province_code
    if principal.role is Role.COMMUNE:
        return level in COMMUNE_REVIEWED and principal.commune_code == commune_code
    return False

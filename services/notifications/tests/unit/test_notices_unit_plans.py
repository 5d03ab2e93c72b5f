"""Notices of a commune/ward's and the city's own plans (events with ``issuer`` and no ``school``), without I/O."""
import json

from edu71.auth import Role
from edu71.config import platform_settings
from edu71.contracts import Contracts
from notifications.domain.notices import Kind, Recipient, notices_for

CONTRACTS = Contracts(platform_settings("notifications").contracts_dir)
COMMUNE = {"kind": "commune", "code": "10744", "name": "UBND Phường Nguyễn Đại Năng", "commune_code": "10744",
           "province_code": "31"}
CITY = {"kind": "province", "code": "31", "name": "UBND Thành phố Hải Phòng", "province_code": "31"}


def _event(name: str, issuer: dict, **changes) -> dict:
    """The contract's example re-issued by ``issuer`` (validated against the contract)."""
    data = json.loads((CONTRACTS.root / "examples" / f"{name}.v1.json").read_text(encoding="utf-8"))
    data.pop("school")
    data.update(issuer=issuer, **changes)
    return CONTRACTS.new_event(name, data, subject=issuer["code"], source="/edu71/plans").data


def test_a_commune_plan_awaits_the_city_and_its_outcome_reaches_the_commune():
    [submitted] = notices_for("PlanSubmitted", _event("PlanSubmitted", COMMUNE))
    assert submitted.kind == Kind.PLAN_SUBMITTED
    assert submitted.recipient == Recipient("31", Role.CITY)
    assert submitted.body.startswith("UBND Phường Nguyễn Đại Năng đã gửi kế hoạch số 28/KH-THCSTT2 để duyệt")
    assert submitted.school is None and submitted.reference["issuer_kind"] == "commune"

    [approved] = notices_for("PlanApproved", _event("PlanApproved", COMMUNE))
    assert approved.recipient == Recipient("10744", Role.COMMUNE)
    assert approved.body.startswith("Kế hoạch của UBND Phường Nguyễn Đại Năng (phiên bản 1) đã được")

    [returned] = notices_for("PlanReturned", _event("PlanReturned", COMMUNE))
    assert returned.recipient == Recipient("10744", Role.COMMUNE)
    assert "trả lại để chỉnh sửa" in returned.body


def test_the_city_plan_is_reviewed_and_answered_within_the_city():
    [submitted] = notices_for("PlanSubmitted", _event("PlanSubmitted", CITY))
    assert submitted.recipient == Recipient("31", Role.CITY)
    [approved] = notices_for("PlanApproved", _event("PlanApproved", CITY))
    assert approved.recipient == Recipient("31", Role.CITY)


def test_a_school_plan_with_an_issuer_is_notified_as_before():
    data = json.loads((CONTRACTS.root / "examples" / "PlanApproved.v1.json").read_text(encoding="utf-8"))
    [notice] = notices_for("PlanApproved", data)
    assert notice.recipient == Recipient("THCSTT2", Role.SCHOOL)
    assert notice.school == data["school"]

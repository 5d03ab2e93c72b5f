"""The submitter's receipt and the round's opening notice (issue 15), built without I/O."""
import json

from edu71.auth import Role
from edu71.config import platform_settings
from edu71.contracts import Contracts
from notifications.domain.kinds import KIND_LABELS, Kind
from notifications.domain.notices import Recipient, plan_submission_receipt, round_opened

from ..support import LIEN_CAP_HP, THCS_HCM, THPT_HP, TH_HP

CONTRACTS = Contracts(platform_settings("notifications").contracts_dir)


def example(name: str) -> dict:
    return json.loads((CONTRACTS.root / "examples" / f"{name}.v1.json").read_text(encoding="utf-8"))


def test_the_school_gets_a_receipt_naming_its_reviewer_and_the_time():
    data = example("PlanSubmitted")
    receipt = plan_submission_receipt(data)
    assert receipt.kind == Kind.PLAN_SUBMISSION_RECEIPT
    assert receipt.recipient == Recipient(data["school"]["code"], Role.SCHOOL)
    assert receipt.title == f"Đã gửi kế hoạch {data['number_symbol']}, chờ duyệt"
    assert "đã được gửi đến UBND xã/phường lúc" in receipt.body and "đang chờ duyệt" in receipt.body
    assert receipt.dedupe_base == f"receipt:{data['plan_id']}:{data['version']}"
    upper = {**data, "school": THPT_HP.as_contract()}
    assert "gửi đến Sở GD&ĐT" in plan_submission_receipt(upper).body


def test_a_commune_plan_gets_a_receipt_and_the_city_plan_none():
    data = example("PlanSubmitted")
    data.pop("school")
    commune = {"kind": "commune", "code": "10744", "name": "UBND Phường Nguyễn Đại Năng", "commune_code": "10744",
               "province_code": "31"}
    receipt = plan_submission_receipt({**data, "issuer": commune})
    assert receipt.recipient == Recipient("10744", Role.COMMUNE) and "gửi đến Sở GD&ĐT" in receipt.body
    city = {"kind": "province", "code": "31", "name": "UBND Thành phố Hải Phòng", "province_code": "31"}
    assert plan_submission_receipt({**data, "issuer": city}) is None


def test_a_round_tells_each_school_of_its_province_and_levels():
    data = {**example("ReportingRoundOpened"), "school_levels": ["tieu_hoc", "thcs"]}
    schools = [s.as_contract() for s in (TH_HP, THPT_HP, LIEN_CAP_HP, THCS_HCM)]
    [notice] = round_opened(data, schools)   # THPT and liên cấp are not of the levels; HCM is another province
    assert notice.recipient == Recipient(TH_HP.code, Role.SCHOOL) and notice.kind == Kind.ROUND_OPENED
    assert notice.title == f"Mở đợt báo cáo: {data['name']}"
    assert f"{TH_HP.name} vui lòng nhập và nộp số liệu trước 17:00 ngày 15/01/2026 (giờ Việt Nam)" in notice.body
    assert notice.dedupe_base == f"round-opened:{data['round_id']}:{data['due_at']}"
    [again] = round_opened({**data, "reopened": True, "due_at": "2026-01-22T17:00:00+07:00"}, schools)
    assert again.title.startswith("Mở lại đợt báo cáo") and again.dedupe_base != notice.dedupe_base


def test_new_kinds_have_vietnamese_labels_for_the_preferences_page():
    assert KIND_LABELS[Kind.PLAN_SUBMISSION_RECEIPT] == "Xác nhận đã gửi kế hoạch đi duyệt"
    assert KIND_LABELS[Kind.ROUND_OPENED] == "Mở đợt báo cáo số liệu"

"""Who is told what, without I/O; inputs are the contracts' own examples and events built from the contracts."""
import json

import pytest

from edu71.auth import Role
from edu71.config import platform_settings
from edu71.orgs import SchoolLevel
from notifications.domain.notices import (
    Kind,
    Recipient,
    dedupe_key,
    notices_for,
    notification_id,
    reviewer_of,
)

from ..support import LIEN_CAP_HP, THCS_HCM, THPT_HP, TH_HP

EXAMPLES = platform_settings("notifications").contracts_dir / "examples"


def example(name: str) -> dict:
    return json.loads((EXAMPLES / f"{name}.v1.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("level", [SchoolLevel.MAM_NON, SchoolLevel.TIEU_HOC, SchoolLevel.THCS])
def test_commune_reviews_preschool_primary_and_lower_secondary(level):
    school = {"code": "X", "name": "Trường X", "commune_code": "10744", "province_code": "31", "level": level.value}
    assert reviewer_of(school) == Recipient("10744", Role.COMMUNE)


@pytest.mark.parametrize("school", [THPT_HP, LIEN_CAP_HP])
def test_city_reviews_upper_secondary_and_multi_level(school):
    assert reviewer_of(school.as_contract()) == Recipient("31", Role.CITY)


def test_plan_submitted_tells_the_reviewers_in_vietnamese():
    [notice] = notices_for("PlanSubmitted", example("PlanSubmitted"))
    assert notice.kind == Kind.PLAN_SUBMITTED
    assert notice.recipient == Recipient("27496", Role.COMMUNE)
    assert notice.body.startswith("Trường THCS Thị Trấn 2 đã gửi kế hoạch số 28/KH-THCSTT2 để duyệt")
    assert "Người gửi: Lê Văn Hùng." in notice.body
    assert notice.title == "Kế hoạch chờ duyệt: 28/KH-THCSTT2"
    assert notice.reference == {"plan_id": "pln-0b6f1c9e-4d2a-4f6e-9a51-2c7d3e8f1a40", "plan_version": 1}


def test_resubmission_says_so(plan_events):
    [notice] = notices_for("PlanSubmitted", plan_events.submitted(THCS_HCM, version=2).data)
    assert "đã gửi kế hoạch số 28/KH-THCSTT2 để duyệt (lần gửi thứ 2, sau khi chỉnh sửa)" in notice.body


def test_thpt_submission_goes_to_the_city(plan_events):
    [notice] = notices_for("PlanSubmitted", plan_events.submitted(THPT_HP, number_symbol="15/KH-THPTNDN").data)
    assert notice.recipient == Recipient("31", Role.CITY)


def test_plan_approved_tells_the_school_with_the_reviewers_comment():
    [notice] = notices_for("PlanApproved", example("PlanApproved"))
    assert notice.recipient == Recipient("THCSTT2", Role.SCHOOL)
    assert notice.title == "Kế hoạch đã được phê duyệt"
    assert "Kế hoạch của Trường THCS Thị Trấn 2 (phiên bản 1) đã được Trần Minh Tuấn (UBND xã/phường) phê duyệt." \
        in notice.body
    assert "Ý kiến: Kế hoạch bám sát Nghị quyết 71-NQ/TW" in notice.body


def test_plan_approved_without_comment_has_no_comment_line(plan_events):
    [notice] = notices_for("PlanApproved", plan_events.approved(TH_HP).data)
    assert "Ý kiến" not in notice.body


def test_plan_returned_lists_every_comment_where_it_belongs():
    [notice] = notices_for("PlanReturned", example("PlanReturned"))
    assert notice.recipient == Recipient("THHIENTHANH", Role.SCHOOL)
    assert notice.title == "Kế hoạch bị trả lại để chỉnh sửa"
    assert "đã bị Phạm Thị Hồng Nhung (UBND xã/phường) trả lại để chỉnh sửa" in notice.body
    lines = notice.body.splitlines()
    assert "- Chung: Đề nghị nhà trường ghi số và ký hiệu văn bản (Số: …/KH-…) ở phần đầu kế hoạch." in lines
    assert any(line.startswith("- Mục II.2: Bổ sung mục tiêu đến hết năm 2026") for line in lines)
    # anchor "4" is the 0-based index into targets: the fifth target, quoted.
    assert any(line.startswith("- Mục tiêu số 5 (“Giữ vững trường đạt chuẩn quốc gia mức độ 1”): Nêu rõ lộ trình")
               for line in lines)


def test_comment_on_a_target_index_that_does_not_exist_is_still_shown(plan_events):
    comments = [{"anchor_kind": "target", "anchor": "9", "text": "Bổ sung chỉ tiêu."}]
    [notice] = notices_for("PlanReturned", plan_events.returned(TH_HP, comments).data)
    assert "- Mục tiêu 9: Bổ sung chỉ tiêu." in notice.body.splitlines()


def test_city_reviewer_is_named_as_the_department(plan_events):
    from ..support import city_reviewer

    [notice] = notices_for("PlanApproved", plan_events.approved(THPT_HP, reviewer=city_reviewer(THPT_HP)).data)
    assert "Vũ Đức Thắng (Sở GD&ĐT)" in notice.body


def test_other_events_notify_nobody():
    assert notices_for("IndicatorSubmitted", example("IndicatorSubmitted")) == []


def test_dedupe_key_and_id_are_stable():
    key = dedupe_key("0d6c3f4e", "27496")
    assert key == "0d6c3f4e:27496:in_app"
    assert notification_id(key) == notification_id("0d6c3f4e:27496:in_app") != notification_id("0d6c3f4e:10744:in_app")


def test_a_comment_on_a_section_names_the_section_as_the_plan_heads_it(plan_events):
    comments = [{"anchor_kind": "section", "anchor": "to_chuc_thuc_hien", "text": "Phân công rõ người phụ trách."}]
    [notice] = notices_for("PlanReturned", plan_events.returned(TH_HP, comments).data)
    assert "- Mục IV. Tổ chức thực hiện: Phân công rõ người phụ trách." in notice.body.splitlines()
    assert "to_chuc_thuc_hien" not in notice.body

"""The plan review form: API plan → form values → PATCH body, and where each error is shown."""
from __future__ import annotations

from portal.domain.plan_form import (confidence_label, errors_by_row, form_from_plan, labels, parse_plan_form, review_comments,
                                     strip_rows)

PLAN = {
    "number_symbol": "28/KH-THCSTT2", "title": "Kế hoạch thực hiện Nghị quyết 71", "year": 2026,
    "place": "Tân An Hội", "issued_on": "2026-01-29", "signer": "Nguyễn Văn A",
    "sections": {"muc_tieu": "Mục tiêu …", "to_chuc_thuc_hien": "Tổ chức …"},
    "targets": [
        {"text": "Tỷ lệ bỏ học không quá 0,5%", "comparator": "<=", "value": 0.5, "unit": "%",
         "horizon": "2026-12-31", "indicator_code": "DROPOUT", "source_sentence": "bỏ học không quá 0,5%"},
        {"text": "38 lớp", "comparator": "=", "value": 38, "unit": "lớp", "horizon": "2026-12-31",
         "indicator_code": None, "source_sentence": ""},
    ],
}


def test_round_trip_keeps_the_plan_and_shows_vietnamese_formats():
    values = form_from_plan(PLAN)
    assert values["issued_on"] == "29/01/2026"
    assert values["target-0-value"] == "0,5" and values["target-1-value"] == "38"
    assert values["target-0-horizon"] == "31/12/2026"
    assert values["target_count"] == "3"  # one empty row to add a target
    parsed = parse_plan_form(values, list(PLAN["sections"]))
    assert parsed.errors == {}
    body = strip_rows(parsed.payload)
    assert body["issued_on"] == "2026-01-29" and body["year"] == 2026
    assert body["sections"] == PLAN["sections"]
    assert body["targets"] == [{**t, "horizon": t["horizon"]} for t in PLAN["targets"]]


def test_corrected_value_removed_row_and_added_row():
    values = form_from_plan(PLAN)
    values["target-0-value"] = "0,4"
    values["target-1-remove"] = "1"
    values.update({"target-2-text": "Ít nhất 1 phòng học thông minh", "target-2-comparator": ">=",
                   "target-2-value": "1", "target-2-horizon": "31/12/2030", "target-2-unit": "phòng"})
    body = strip_rows(parse_plan_form(values, list(PLAN["sections"])).payload)
    assert [t["value"] for t in body["targets"]] == [0.4, 1]
    assert body["targets"][1]["horizon"] == "2030-12-31" and body["targets"][1]["indicator_code"] is None


def test_local_errors_are_named_like_the_apis_and_mapped_back_to_form_rows():
    values = form_from_plan(PLAN)
    values.update({"issued_on": "29-13-2026", "year": "hai nghìn", "title": " ",
                   "target-1-remove": "1", "target-2-text": "Mới", "target-2-comparator": "≈",
                   "target-2-value": "nhiều", "target-2-horizon": "sớm"})
    parsed = parse_plan_form(values, [])
    assert set(parsed.errors) == {"issued_on", "year", "title", "targets.1.comparator", "targets.1.value",
                                  "targets.1.horizon"}
    shown = errors_by_row(parsed.errors, parsed.payload["targets"])
    # the second target sent is the form's row 2 (row 1 was removed)
    assert {"target-2-comparator", "target-2-value", "target-2-horizon"} <= set(shown)
    assert "ngày/tháng/năm" in shown["issued_on"]


def test_api_errors_on_sections_and_targets_map_to_inputs():
    parsed = parse_plan_form(form_from_plan(PLAN), list(PLAN["sections"]))
    shown = errors_by_row({"targets.1.unit": "Quá dài.", "sections.muc_tieu": "Quá dài.", "title": "Cần nhập."},
                          parsed.payload["targets"])
    assert shown == {"target-1-unit": "Quá dài.", "section.muc_tieu": "Quá dài.", "title": "Cần nhập."}


def test_review_comments_per_plan_section_and_target():
    form = {"comment": " Cần bổ sung nguồn lực ", "comment-section-muc_tieu": "Thiếu mốc 2030",
            "comment-section-to_chuc_thuc_hien": "   ", "comment-target-1": "Số lớp chưa khớp"}
    assert review_comments(form, ["muc_tieu", "to_chuc_thuc_hien"], 2) == [
        {"anchor_kind": "plan", "anchor": "", "text": "Cần bổ sung nguồn lực"},
        {"anchor_kind": "section", "anchor": "muc_tieu", "text": "Thiếu mốc 2030"},
        {"anchor_kind": "target", "anchor": "1", "text": "Số lớp chưa khớp"},
    ]
    assert review_comments({}, ["muc_tieu"], 2) == []


def test_labels_of_the_form_for_the_error_summary():
    named = labels(2, ["muc_tieu", "phu_luc_1"])
    assert named["issued_on"] == "Ngày ban hành" and named["target-1-horizon"] == "Mục tiêu 2 – Thời hạn"
    assert named["section.muc_tieu"] == "II. Mục tiêu" and named["section.phu_luc_1"] == "Phu luc 1"


def test_a_low_confidence_proposal_says_it_needs_checking():
    assert confidence_label(0.85) == "85 %"
    assert confidence_label("0.6") == "60 %"
    assert confidence_label(0.45) == "45 % – thấp, cần kiểm tra kỹ"
    assert confidence_label("") == ""

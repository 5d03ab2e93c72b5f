"""The plan form's indicator picker and the reviewer's page: Vietnamese indicator names, never codes."""
from __future__ import annotations

import json
import time
from dataclasses import replace
from pathlib import Path

import pytest

from edu71_testing import free_port
from portal import backends, config
from portal.app import create_app
from portal.domain.plan_form import UNLINKED, form_from_plan, parse_plan_form, picker_groups, strip_rows

CATALOGUE = json.loads((Path(__file__).resolve().parents[3] / "plans" / "tests" / "fixtures" / "catalogue_31.json")
                       .read_text(encoding="utf-8"))
CATALOGUE["indicators"].append({**CATALOGUE["indicators"][0], "code": "HP_STEM", "name": "Số hoạt động STEM",
                                "origin": "province"})
PLAN = {
    "id": "p-1", "status": "submitted", "title": "Kế hoạch 71", "school_name": "Trường Tiểu học Hiến Thành",
    "province_code": "31", "number_symbol": "12/KH-THHT", "year": 2026, "issued_on": "2026-01-29", "version": 1,
    "sections": {}, "review_comments": [], "original": None, "updated_at": "2026-01-29T08:00:00+07:00",
    "targets": [
        {"text": "Bỏ học dưới 0,5%", "comparator": "<", "value": 0.5, "unit": "%", "horizon": "2030-12-31",
         "indicator_code": "DROPOUT", "indicator_name": "Tỷ lệ học sinh bỏ học", "unlinked": False,
         "source_sentence": "", "indicator_confirmed": True},
        {"text": "100% cha mẹ dự họp", "comparator": "=", "value": 100, "unit": "%", "horizon": "2027-12-31",
         "indicator_code": None, "unlinked": True, "source_sentence": ""},
        {"text": "Bồi dưỡng chuyên đổi số 100%", "comparator": "=", "value": 100, "unit": "%",
         "horizon": "2030-12-31", "indicator_code": "STAFF_DIGITAL_TRAINED", "indicator_confirmed": False,
         "proposed_indicator_code": "STAFF_DIGITAL_TRAINED", "proposal_confidence": 0.85, "source_sentence": ""},
        {"text": "Sữa học đường 100%", "comparator": "=", "value": 100, "unit": "%", "horizon": "2030-12-31",
         "indicator_code": None, "proposed_indicator_code": None, "proposal_confidence": 0.2,
         "source_sentence": ""},
    ],
}


class FakePlans:
    def get(self, plan_id):
        return dict(PLAN), '"3"'

    def versions(self, plan_id):
        return []

    def timeline(self, plan_id):
        return []

    def original(self, plan_id):
        raise AssertionError("not imported")


class FakeIndicators:
    asked: list = []

    def get_json(self, path, params=None):
        FakeIndicators.asked.append((path, params))
        return CATALOGUE


@pytest.fixture
def client(tmp_path, monkeypatch):
    closed = f"http://127.0.0.1:{free_port()}"
    for name in ("IDENTITY", "PLANS", "INDICATORS", "NOTIFICATIONS", "REPORTS"):
        monkeypatch.setenv(f"PORTAL_{name}_URL", closed)
    monkeypatch.setenv("PORTAL_SECRET_KEY_FILE", str(tmp_path / "secret"))
    monkeypatch.delenv("PORTAL_SECRET_KEY", raising=False)
    monkeypatch.setattr(backends, "plans", lambda: FakePlans())
    monkeypatch.setattr(backends, "indicators", lambda: FakeIndicators())
    return create_app(replace(config.load(), backend_timeout=2.0)).test_client()


def sign_in(client, role: str) -> None:
    with client.session_transaction() as session:
        session["token"] = "not-checked-here"
        session["expires_at"] = time.time() + 3600
        session["user"] = {"id": "u-1", "name": "Cô Lan", "role": role, "org_code": "HP-TH-HIENTHANH",
                           "org_name": "Trường Tiểu học Hiến Thành"}


def test_the_school_picks_indicators_by_name_with_the_proposal_shown(client):
    sign_in(client, "school")
    PLAN["status"] = "draft"
    try:
        html = client.get("/plans/p-1/edit").data.decode()
    finally:
        PLAN["status"] = "submitted"
    assert FakeIndicators.asked[-1] == ("/catalogue", {"province_code": "31"})
    assert "Mã chỉ tiêu" not in html and 'name="target-0-indicator_code"' in html
    assert '<optgroup label="Chỉ tiêu quốc gia">' in html and '<optgroup label="Chỉ tiêu của tỉnh/thành phố">' in html
    assert '<option value="DROPOUT" selected>Tỷ lệ học sinh bỏ học</option>' in html
    assert f'<option value="{UNLINKED}" selected>Không gắn chỉ tiêu</option>' in html  # row 2 (and row 4)
    assert "Hệ thống đề xuất:" in html and "(độ tin cậy 85 %)" in html and "chưa xác nhận" in html
    assert "Không gắn chỉ tiêu (không tìm thấy chỉ tiêu phù hợp)" in html
    assert "<script src=\"http" not in html


def test_reviewers_see_names_and_flagged_unlinked_targets_never_codes(client):
    sign_in(client, "commune")
    html = client.get("/plans/p-1").data.decode()
    assert "Tỷ lệ học sinh bỏ học" in html and "⚑ Không gắn chỉ tiêu" in html and "⚑ Chưa chọn chỉ tiêu" in html
    assert "2 mục tiêu không gắn với chỉ tiêu nào" in html  # the unlinked and the undecided one
    for code in ("DROPOUT", "STAFF_DIGITAL_TRAINED"):
        assert code not in html


def test_the_picker_round_trips_unlinked_and_the_proposal():
    values = form_from_plan(PLAN)
    assert values["target-1-indicator_code"] == UNLINKED and values["target-2-proposal_confidence"] == "0,85"
    values["target-4-text"] = "Mới"
    values.update({"target-4-comparator": ">=", "target-4-value": "1", "target-4-horizon": "2030"})
    body = strip_rows(parse_plan_form(values, []).payload)
    assert body["targets"][1] == {**{k: PLAN["targets"][1][k] for k in ("text", "comparator", "value", "unit",
                                                                         "horizon", "indicator_code",
                                                                         "source_sentence")}, "unlinked": True}
    assert (body["targets"][2]["proposed_indicator_code"], body["targets"][2]["proposal_confidence"]) == (
        "STAFF_DIGITAL_TRAINED", 0.85)
    assert body["targets"][3]["unlinked"] is True  # the importer found none: shown, then saved, as unlinked
    assert body["targets"][4]["horizon"] == "2030" and body["targets"][4]["indicator_code"] is None


def test_picker_groups_national_first_sorted_by_name():
    groups = picker_groups(CATALOGUE)
    assert [g.label for g in groups] == ["Chỉ tiêu quốc gia", "Chỉ tiêu của tỉnh/thành phố"]
    names = [name for _, name in groups[0].options]
    assert names == sorted(names) and groups[1].options == [("HP_STEM", "Số hoạt động STEM")]
    assert picker_groups(None) == []


def test_differences_read_with_names_not_codes_or_paths():
    from portal.domain.plan_form import diff_rows, indicator_names

    rows = diff_rows([
        {"path": "targets.0.indicator_code", "change": "changed", "old": "DROPOUT", "new": None,
         "label": "Mục tiêu 1 – Chỉ tiêu", "words": [{"op": "del", "text": "DROPOUT"}]},
        {"path": "targets.0.indicator_name", "change": "removed", "old": "Tỷ lệ học sinh bỏ học", "new": None,
         "label": "Mục tiêu 1 – Tên chỉ tiêu"},
        {"path": "targets.0.unlinked", "change": "changed", "old": False, "new": True,
         "label": "Mục tiêu 1 – Không gắn chỉ tiêu"},
        {"path": "targets.1", "change": "added", "old": None, "new": PLAN["targets"][0], "label": "Mục tiêu 2"},
        {"path": "title", "change": "changed", "old": "A", "new": "B", "label": "Trích yếu",
         "words": [{"op": "del", "text": "A"}, {"op": "ins", "text": "B"}]},
    ], indicator_names(CATALOGUE))
    assert [(r["label"], r["old"], r["new"]) for r in rows] == [
        ("Mục tiêu 1 – Chỉ tiêu", "Tỷ lệ học sinh bỏ học", "Chưa chọn / không gắn"),
        ("Mục tiêu 1 – Không gắn chỉ tiêu", "không", "có"),
        ("Mục tiêu 2", "–", "Bỏ học dưới 0,5% (Tỷ lệ học sinh bỏ học; dưới (<) 0,5 %; thời hạn 31/12/2030)"),
        ("Trích yếu", "A", "B"),
    ]
    assert rows[0]["words"] == []   # a code's letters are never shown, even struck
    assert rows[-1]["words"] == [{"op": "del", "text": "A"}, {"op": "ins", "text": "B"}]

"""Plan targets checked against the province's catalogue (pure: plans.domain.catalogue)."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from plans.domain.catalogue import CatalogueView, check_targets, horizon_of, plan_date

CATALOGUE = CatalogueView.from_contract(
    json.loads((Path(__file__).resolve().parents[1] / "fixtures" / "catalogue_31.json").read_text(encoding="utf-8")))
STARTS = date(2026, 1, 29)


def target(**kw):
    return {"indicator_code": None, "unlinked": False, "value": 1, "horizon": date(2030, 12, 31), **kw}


def fields(errors):
    return {e["field"] for e in errors}


def test_the_catalogue_answers_name_unit_type_and_range():
    dropout = CATALOGUE.get("DROPOUT")
    assert (dropout.name, dropout.unit, dropout.value_type, dropout.value_range) == (
        "Tỷ lệ học sinh bỏ học", "%", "ratio", (0.0, 100.0))
    assert CATALOGUE.get("PCGD_LEVEL").value_range == (1, 3)
    assert CATALOGUE.get("SMART_CLASSROOMS").value_range == (0.0, None)
    assert "DROPOUT" in CATALOGUE and "chuyen doi so" not in CATALOGUE and CATALOGUE.get(None) is None
    assert CATALOGUE.name_of("CLASSES") == "Số lớp"


def test_valid_linked_and_unlinked_targets_pass():
    ok = [target(indicator_code="DROPOUT", value=0.5), target(indicator_code="PCGD_LEVEL", value=3),
          target(unlinked=True, value=1000), target(indicator_code="SMART_CLASSROOMS", value=2)]
    assert check_targets(ok, CATALOGUE, "31", STARTS, for_submission=True) == []


@pytest.mark.parametrize("bad, field, words", [
    (target(indicator_code="chuyen doi so"), "targets.0.indicator_code", "không có trong danh mục"),
    (target(indicator_code="DROPOUT", value=101), "targets.0.value", "từ 0 đến 100"),
    (target(indicator_code="SMART_CLASSROOMS", value=-1), "targets.0.value", "không được âm"),
    (target(indicator_code="PCGD_LEVEL", value=4), "targets.0.value", "mức phải từ 1 đến 3"),
    (target(indicator_code="PCGD_LEVEL", value=0), "targets.0.value", "mức phải từ 1 đến 3"),
    (target(indicator_code="ACCREDITATION_LEVEL", value=2.5), "targets.0.value", "số nguyên"),
    (target(horizon=date(2025, 12, 31)), "targets.0.horizon", "trước ngày của kế hoạch (29/01/2026)"),
    (target(indicator_code="DROPOUT", unlinked=True), "targets.0.indicator_code", "chọn một trong hai"),
])
def test_each_bad_target_is_named_in_vietnamese(bad, field, words):
    errors = check_targets([target(), bad], CATALOGUE, "31", STARTS)
    assert [e["field"] for e in errors] == [field.replace("0", "1", 1)]
    assert errors[0]["message"].startswith("Mục tiêu 2 – ") and words in errors[0]["message"]


def test_without_the_catalogue_a_code_is_not_accepted_silently():
    errors = check_targets([target(indicator_code="DROPOUT")], None, "79", STARTS)
    assert fields(errors) == {"targets.0.indicator_code"}
    assert "chưa nhận được danh mục chỉ tiêu" in errors[0]["message"] and "79" in errors[0]["message"]
    assert check_targets([target(unlinked=True)], None, "79", STARTS, for_submission=True) == []


def test_submission_needs_every_target_decided_and_proposals_confirmed():
    undecided = [target(), target(indicator_code="DROPOUT", value=0.5, indicator_confirmed=False)]
    assert check_targets(undecided, CATALOGUE, "31", STARTS) == []  # a draft may wait
    errors = check_targets(undecided, CATALOGUE, "31", STARTS, for_submission=True)
    assert fields(errors) == {"targets.0.indicator_code", "targets.1.indicator_code"}
    assert "Không gắn chỉ tiêu" in errors[0]["message"] and "đề xuất" in errors[1]["message"]


def test_horizons_as_years_and_the_plans_date():
    assert horizon_of(2030) == horizon_of("2030") == horizon_of("2030-12-31") == date(2030, 12, 31)
    assert horizon_of("2030-06-30") == date(2030, 6, 30) and horizon_of("sớm") is None and horizon_of(True) is None
    assert plan_date(None, 2026) == date(2026, 1, 1) and plan_date(STARTS, 2026) == STARTS
    assert check_targets([target(horizon="2026")], CATALOGUE, "31", STARTS) == []

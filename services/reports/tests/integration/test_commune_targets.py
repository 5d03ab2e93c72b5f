"""A commune/ward's own approved plan (UBND xã/phường) sets the commune's targets: pure progress rules, the
model's marks, and through the API over the real handlers, projector and store."""
from __future__ import annotations

from datetime import date

import pytest

from edu71_testing import bearer

from ..support import HP_WARD, HP_WARD_2, SCHOOLS
from .test_progress_api import client, two_rounds  # noqa: F401 - fixtures shared with the progress tests

TH = SCHOOLS["th_hp"]
CATALOGUE = {
    "TEACHERS_QUALIFIED": {"name": "Tỷ lệ giáo viên đạt chuẩn", "value_type": "ratio", "unit": "%",
                           "direction": "higher", "aggregation": "ratio_of_sums", "targets": [
            {"scope": "province", "comparator": ">=", "value": 99, "horizon": 2030, "source": "HP"}]},
    "SMART_CLASSROOMS": {"name": "Số phòng học thông minh", "value_type": "count", "unit": "phòng",
                         "direction": "higher", "aggregation": "sum", "targets": []},
}
COMMUNE_PLAN = [
    {"indicator_code": "TEACHERS_QUALIFIED", "comparator": ">=", "value": 100, "horizon": "2026-01-31",
     "text": "100 % giáo viên đạt chuẩn"},
    {"indicator_code": "SMART_CLASSROOMS", "comparator": ">=", "value": 10, "horizon": "2030-12-31",
     "text": "10 phòng học thông minh"},
    {"indicator_code": None, "comparator": ">=", "value": 1, "horizon": "2030-12-31", "text": "không gắn"},
]


def _rollup(code, value_type, value, **extra):
    return {"indicator_code": code, "value_type": value_type, "aggregation": extra.pop("aggregation", "sum"),
            "schools_reporting": 2, "value": value, "numerator": None, "denominator": None, "distribution": None,
            "minimum": None, "maximum": None, "schools_nonzero": None, **extra}


def test_the_commune_is_judged_by_its_own_plan_first_then_the_city():
    from reports.domain.progress import area_progress, at_risk_entries

    rollups = {"all": [_rollup("TEACHERS_QUALIFIED", "ratio", 0.9, numerator=45, denominator=50),
                       _rollup("SMART_CLASSROOMS", "count", 4)]}
    rows = {r["indicator_code"]: r for r in area_progress(
        rollups, None, None, CATALOGUE, ["TEACHERS_QUALIFIED", "SMART_CLASSROOMS"], date(2027, 3, 1),
        use_catalogue_baselines=False, plan_targets=COMMUNE_PLAN)}
    teachers = rows["TEACHERS_QUALIFIED"]
    assert teachers["commune_target"]["kind"] == "commune" and teachers["commune_target"]["target"] == 100
    assert teachers["commune_target"]["kind_label"] == "Kế hoạch của xã/phường"
    assert teachers["city_target"]["target"] == 99
    # Its horizon (2026: a year, as plans' horizons are read) has passed unmet: behind, though the city's 2030
    # target is only not yet reached; the commune is listed at risk by its own target.
    assert teachers["status"] == teachers["commune_target"]["status"] == "behind"
    assert teachers["city_target"]["status"] == "not_yet"
    [risk] = at_risk_entries(rows.values(), {"commune_code": HP_WARD})
    assert (risk["indicator_code"], risk["target_kind"], risk["target"]) == ("TEACHERS_QUALIFIED", "commune", 100)
    # An indicator with no catalogue target counts once the commune's plan has one (its sum of classrooms).
    classrooms = rows["SMART_CLASSROOMS"]
    assert classrooms["commune_target"]["actual"] == 4 and classrooms["city_target"] is None
    # Without the commune's plan, nothing changes: the city's target binds, the target-less indicator is absent.
    plain = area_progress(rollups, None, None, CATALOGUE, ["TEACHERS_QUALIFIED", "SMART_CLASSROOMS"],
                          date(2027, 3, 1), use_catalogue_baselines=False)
    assert [r["indicator_code"] for r in plain] == ["TEACHERS_QUALIFIED"] and plain[0]["commune_target"] is None


def test_a_school_is_measured_by_its_communes_ratio_targets_not_its_summed_counts():
    from reports.domain.progress import school_progress

    values = {"TEACHERS_QUALIFIED": {"value_type": "ratio", "numerator": 20, "denominator": 20},
              "SMART_CLASSROOMS": {"value_type": "count", "value": 1}}
    rows = {r["indicator_code"]: r for r in school_progress(
        values, None, None, [], CATALOGUE, ["TEACHERS_QUALIFIED", "SMART_CLASSROOMS"], "tieu_hoc",
        date(2026, 6, 15), commune_targets=COMMUNE_PLAN)}
    assert rows["TEACHERS_QUALIFIED"]["commune_target"]["target"] == 100
    assert rows["TEACHERS_QUALIFIED"]["status"] == "reached"
    assert "SMART_CLASSROOMS" not in rows  # the commune's 10 classrooms are no single school's target


def test_the_model_keeps_the_latest_approved_commune_plan_and_marks_its_commune():
    from reports.domain.model import COMMUNE_PLAN_APPROVED, Model

    model = Model()
    row = {"commune_code": HP_WARD, "province_code": "31", "seq": 12, "targets": COMMUNE_PLAN}
    assert model.apply(COMMUNE_PLAN_APPROVED.collection, row) == {"31": {(None, HP_WARD)}}
    assert model.apply(COMMUNE_PLAN_APPROVED.collection, {**row, "seq": 12}) == {}  # a replay
    assert model.apply(COMMUNE_PLAN_APPROVED.collection, {**row, "seq": 22, "targets": []})
    assert model.apply(COMMUNE_PLAN_APPROVED.collection, row) == {}  # an older version arriving late
    assert model.commune_plan_approved(HP_WARD)["targets"] == []
    assert model.commune_plan_approved(HP_WARD_2) is None


def commune_plan_event(events, name: str, targets=(), version: int = 1):
    issuer = {"kind": "commune", "code": HP_WARD, "name": "UBND Phường Nguyễn Đại Năng", "commune_code": HP_WARD,
              "province_code": "31"}
    actor = {"user_id": "city-31", "name": "Sở GD&ĐT", "role": "city", "org_unit": "31"}
    data = {"plan_id": "pln-commune-10744", "version": version, "issuer": issuer, "targets": list(targets)}
    if name == "PlanSubmitted":
        data |= {"number_symbol": "45/KH-UBND", "title": "Kế hoạch thực hiện Nghị quyết 71-NQ/TW", "year": 2026,
                 "submitted_at": "2026-01-20T09:00:00+07:00",
                 "submitted_by": {**actor, "role": "commune", "org_unit": HP_WARD}}
    else:
        data |= {"reviewer": actor, "approved_at": "2026-01-25T09:00:00+07:00"}
    return events.contracts.new_event(name, data, subject=HP_WARD, source="/edu71/plans")


@pytest.mark.integration
def test_an_approved_commune_plan_sets_the_communes_target_in_its_progress(two_rounds, client, events,  # noqa: F811
                                                                             project, tokens):
    from ..support import consume

    teachers = {"indicator_code": "TEACHERS_QUALIFIED", "text": "100 % giáo viên đạt chuẩn", "comparator": ">=",
                "value": 100, "unit": "%", "horizon": "2026-12-31", "source_sentence": ""}
    submitted = commune_plan_event(events, "PlanSubmitted", [teachers])
    approved = commune_plan_event(events, "PlanApproved", [teachers])
    assert consume(submitted) is False  # a commune plan's status is not a school's: nothing to store
    assert consume(approved) is True and consume(approved) is False  # redelivered: already stored
    project()
    ward = bearer(tokens.commune(HP_WARD))
    body = client.get(f"/rounds/{two_rounds}/progress", headers=ward).json
    rows = {r["indicator_code"]: r for r in body["indicators"]}
    row = rows["TEACHERS_QUALIFIED"]
    # 50 of 55 teachers (90,9 %) against 100 % by the end of 2026, from 78,2 % in June 2025 (the baseline
    # round): about 86,5 % is due in January 2026, by the commune's line, not the city's (99 % by 2030).
    assert row["commune_target"]["target"] == 100 and row["commune_target"]["kind"] == "commune"
    assert row["actual"] == pytest.approx(50 / 55 * 100)
    assert row["commune_target"]["baseline_value"] == pytest.approx(43 / 55 * 100, abs=0.01)
    assert row["expected"] == row["commune_target"]["expected"] == pytest.approx(86.5, abs=0.2)
    assert row["expected"] != row["city_target"]["expected"]
    assert row["status"] == row["commune_target"]["status"] == "on_track"
    # Its schools see the commune's target beside their own.
    school = client.get(f"/rounds/{two_rounds}/schools/{TH.code}/progress", headers=bearer(tokens.school(TH))).json
    [mine] = [r for r in school["indicators"] if r["indicator_code"] == "TEACHERS_QUALIFIED"]
    assert mine["commune_target"]["target"] == 100 and mine["school_target"]["target"] == 100
    # The other commune has no plan: no commune target there.
    other = client.get(f"/rounds/{two_rounds}/progress", headers=bearer(tokens.commune(HP_WARD_2))).json
    assert all(r["commune_target"] is None for r in other["indicators"])

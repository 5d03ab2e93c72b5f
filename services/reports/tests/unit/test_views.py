"""Completeness, plans, targets and city figures of a province, from a model, without I/O."""
from datetime import datetime, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reports.domain.model import (
    CATALOGUES,
    DIRECTORY,
    PLAN_APPROVED,
    PLAN_STATUS,
    ROUNDS,
    SCHOOL_VALUES,
    Model,
    plan_seq,
)
from reports.domain.views import (
    build_province,
    changed_figures,
    city_figures,
    plans_view_id,
    ranking,
    round_view_id,
)

T0 = datetime(2026, 1, 1, tzinfo=timezone.utc)
W1, W2 = "10744", "11560"


def school(code, level, commune=W1, version=1, active=True, province="31"):
    return {"school_code": code, "version": version, "name": f"Trường {code}", "level": level,
            "commune_code": commune, "province_code": province, "active": active}


def values(code, level, num, den, *, commune=W1, revision=1, late=False, round_id="r1", province="31"):
    return {"round_id": round_id, "school_code": code, "revision": revision, "school_name": f"Trường {code}",
            "school_level": level, "commune_code": commune, "province_code": province, "late": late,
            "submitted_at": T0, "submission_id": f"s-{code}",
            "values": {"DROPOUT": {"indicator_code": "DROPOUT", "catalogue_version": 1, "value_type": "ratio",
                                   "numerator": num, "denominator": den}}}


def plan(code, event, version=1, targets=(), commune=W1):
    return {"school_code": code, "seq": plan_seq(version, event), "plan_id": f"p-{code}", "version": version,
            "province_code": "31", "commune_code": commune, "event_type": event, "targets": list(targets)}


ROUND = {"round_id": "r1", "event_time": T0, "name": "Sơ kết học kỳ I", "province_code": "31",
         "school_year": "2025-2026", "school_levels": ["tieu_hoc", "thcs"], "indicator_codes": ["DROPOUT"],
         "opens_at": T0, "due_at": T0, "closes_at": T0, "reopened": False}
CATALOGUE = {"province_code": "31", "version": 2, "indicators": [
    {"code": "DROPOUT", "name": "Tỷ lệ học sinh bỏ học", "unit": "%", "value_type": "ratio", "direction": "lower",
     "school_levels": ["tieu_hoc", "thcs"],
     "targets": [{"scope": "province", "comparator": "<", "value": 0.5, "horizon": 2030, "source": "UBND TP"}]}]}


@pytest.fixture
def model():
    m = Model()
    m.apply(ROUNDS.collection, ROUND)
    m.apply(CATALOGUES.collection, CATALOGUE)
    for row in [school("A", "tieu_hoc"), school("B", "thcs"), school("C", "thcs", W2),
                school("D", "thcs", W2, active=False), school("E", "mam_non"), school("F", "tieu_hoc", W2)]:
        m.apply(DIRECTORY.collection, row)
    m.apply(SCHOOL_VALUES.collection, values("A", "tieu_hoc", 1, 400))
    m.apply(SCHOOL_VALUES.collection, values("B", "thcs", 6, 300, late=True))
    m.apply(SCHOOL_VALUES.collection, values("C", "thcs", 0, 200, commune=W2))
    m.apply(PLAN_STATUS.collection, plan("A", "PlanApproved",
                                         targets=[{"indicator_code": "DROPOUT", "comparator": "<=", "value": 0.2}]))
    m.apply(PLAN_APPROVED.collection, plan("A", "PlanApproved",
                                           targets=[{"indicator_code": "DROPOUT", "comparator": "<=", "value": 0.2}]))
    m.apply(PLAN_STATUS.collection, plan("B", "PlanSubmitted"))
    m.apply(PLAN_STATUS.collection, plan("C", "PlanReturned", commune=W2))
    return m


def test_completeness_counts_active_schools_of_the_round_levels(model):
    views = build_province(model, "31")
    province = views[round_view_id("r1", "province", "31")]
    # Expected: A, B (W1), C, F (W2); not D (closed) nor E (preschool, not in this round).
    assert province["completeness"] == {"expected": 4, "submitted": 3, "on_time": 2, "late": 1, "missing": 1,
                                        "rate": 0.75, "stages": {"not_started": 1, "draft": 3, "submitted": 0,
                                                                 "confirmed": 0, "returned": 0, "accepted": 0}}
    assert [s["school_code"] for s in province["missing_schools"]] == ["F"]
    communes = {c["commune_code"]: c for c in province["communes"]}
    assert (communes[W1]["schools_expected"], communes[W1]["schools_submitted"], communes[W1]["schools_late"]) == (2, 2, 1)
    assert (communes[W2]["schools_expected"], communes[W2]["schools_missing"]) == (2, 1)
    w2 = views[round_view_id("r1", "commune", W2)]
    assert [s["school_code"] for s in w2["missing_schools"]] == ["F"]
    assert w2["completeness"]["submitted"] == 1


def test_rollups_are_ratio_of_sums_per_level(model):
    province = build_province(model, "31")[round_view_id("r1", "province", "31")]
    dropout = province["rollups"]["all"][0]
    assert (dropout["numerator"], dropout["denominator"]) == (7, 900)
    assert province["rollups"]["thcs"][0]["denominator"] == 500
    assert province["submitted_by_level"] == {"thcs": 2, "tieu_hoc": 1}


def test_plans_counts_by_status_and_schools_without_approved_plan(model):
    views = build_province(model, "31")
    p = views[plans_view_id("province", "31")]
    # Active directory schools: A approved, B submitted, C returned, E and F none (D is closed).
    assert p["counts"] == {"approved": 1, "submitted": 1, "returned": 1, "none": 2}
    assert [s["school_code"] for s in p["schools_without_approved_plan"]] == ["B", "C", "E", "F"]
    w1 = views[plans_view_id("commune", W1)]
    assert w1["counts"] == {"approved": 1, "submitted": 1, "returned": 0, "none": 1}


def test_at_risk_schools_against_their_plan_and_communes_against_the_city_target(model):
    province = build_province(model, "31")[round_view_id("r1", "province", "31")]
    # A: 1/400 = 0,25 % against its own "không quá 0,2 %": misses by 0,05.
    [school_miss] = province["at_risk_schools"]
    assert school_miss["school_code"] == "A" and school_miss["gap"] == pytest.approx(0.05)
    # W1: 7/700 = 1 % against the city's < 0,5 %; W2: 0 % meets it.
    [commune_miss] = province["at_risk_communes"]
    assert commune_miss["commune_code"] == W1 and commune_miss["gap"] == pytest.approx(0.5)
    [city] = province["targets"]
    assert city["met"] is False and city["actual"] == pytest.approx(700 / 900)


def test_city_figures_change_only_when_a_figure_changes(model):
    catalogue = model.catalogue("31")
    before = city_figures(build_province(model, "31")[round_view_id("r1", "province", "31")], catalogue)
    assert before["all"]["DROPOUT"]["schools_expected"] == 4
    assert before["thcs"]["DROPOUT"]["schools_expected"] == 2
    model.apply(SCHOOL_VALUES.collection, values("B", "thcs", 6, 300, late=True))  # a duplicate
    again = city_figures(build_province(model, "31")[round_view_id("r1", "province", "31")], catalogue)
    assert changed_figures(before, again) == []
    model.apply(SCHOOL_VALUES.collection, values("B", "thcs", 3, 300, revision=2))
    after = city_figures(build_province(model, "31")[round_view_id("r1", "province", "31")], catalogue)
    assert {level for level, _ in changed_figures(before, after)} == {"all", "thcs"}


def test_ranking_puts_the_best_first_by_direction(model):
    province = build_province(model, "31")[round_view_id("r1", "province", "31")]
    assert [r["commune_code"] for r in ranking(province, "DROPOUT", "lower")] == [W2, W1]
    assert [r["commune_code"] for r in ranking(province, "DROPOUT", "higher")] == [W1, W2]
    assert ranking(province, "UNKNOWN", "higher")[0]["rank"] is None


ROWS = [(DIRECTORY.collection, school("A", "thcs", version=1)),
        (DIRECTORY.collection, school("A", "thcs", W2, version=2)),
        (DIRECTORY.collection, school("B", "thcs", version=1, active=False)),
        (SCHOOL_VALUES.collection, values("A", "thcs", 1, 10, revision=1)),
        (SCHOOL_VALUES.collection, values("A", "thcs", 2, 10, revision=2, late=True)),
        (SCHOOL_VALUES.collection, values("B", "thcs", 5, 10, revision=1)),
        (ROUNDS.collection, ROUND)]


@given(st.permutations(ROWS + ROWS[:3]))
def test_completeness_and_rollups_do_not_depend_on_the_order_rows_arrive_in(rows):
    m = Model()
    for collection, row in rows:
        m.apply(collection, row)
    province = build_province(m, "31")[round_view_id("r1", "province", "31")]
    # A moved to W2 in its version 2 and revised its values (revision 2 after the due date, its first submission
    # before it: on time); B closed (not expected, still counted as submitted).
    assert province["completeness"] == {"expected": 1, "submitted": 2, "on_time": 2, "late": 0, "missing": 0,
                                        "rate": 1.0, "stages": {"not_started": 0, "draft": 2, "submitted": 0,
                                                                "confirmed": 0, "returned": 0, "accepted": 0}}
    assert (province["rollups"]["all"][0]["numerator"], province["rollups"]["all"][0]["denominator"]) == (7, 20)
    assert [c["commune_code"] for c in province["communes"]] == [W1, W2]

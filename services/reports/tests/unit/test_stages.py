"""Approval stages of the schools' reports and the "confirmed only" reading of a province's views (no I/O)."""
from datetime import datetime, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from reports.domain.model import CATALOGUES, DIRECTORY, ROUNDS, SCHOOL_VALUES, SUBMISSION_STAGES, Model
from reports.domain.views import ProvinceViews, build_province, figures_view, round_view_id

from .test_views import CATALOGUE, ROUND, W1, W2, school, values

T0 = datetime(2026, 1, 1, tzinfo=timezone.utc)
PROVINCE = round_view_id("r1", "province", "31")


def stage(code, approval, after, before="draft", commune=W1, round_id="r1"):
    return {"round_id": round_id, "school_code": code, "approval": approval, "stage": after,
            "previous_stage": before, "revision": 1, "submission_id": f"s-{code}", "school_name": f"Trường {code}",
            "school_level": "thcs", "commune_code": commune, "province_code": "31", "acted_at": T0,
            "event_id": f"e-{code}-{approval}", "event_type": "SubmissionConfirmed"}


BASE = [(ROUNDS.collection, ROUND), (CATALOGUES.collection, CATALOGUE),
        *[(DIRECTORY.collection, s) for s in (school("A", "tieu_hoc"), school("B", "thcs"), school("C", "thcs", W2),
                                              school("F", "tieu_hoc", W2))],
        (SCHOOL_VALUES.collection, values("A", "tieu_hoc", 1, 100)),
        (SCHOOL_VALUES.collection, values("B", "thcs", 2, 100)),
        (SCHOOL_VALUES.collection, values("C", "thcs", 4, 100, commune=W2))]
#: A: submitted → confirmed → accepted. B: submitted → returned → submitted again → confirmed → reopened (draft).
#: C: submitted → confirmed. F: nothing.
STAGES = [(SUBMISSION_STAGES.collection, row) for row in (
    stage("A", 1, "submitted"), stage("A", 2, "confirmed", "submitted"), stage("A", 3, "accepted", "confirmed"),
    stage("B", 1, "submitted"), stage("B", 2, "returned", "submitted"), stage("B", 3, "submitted", "returned"),
    stage("B", 4, "confirmed", "submitted"), stage("B", 5, "draft", "confirmed"),
    stage("C", 1, "submitted", commune=W2), stage("C", 2, "confirmed", "submitted", commune=W2))]


def built(rows):
    m = Model()
    for collection, row in rows:
        m.apply(collection, row)
    return m, build_province(m, "31")


def test_the_stage_of_the_highest_approval_wins_and_draft_is_the_stage_before_any():
    m, _ = built(BASE + STAGES)
    assert (m.stage("r1", "A"), m.stage("r1", "B"), m.stage("r1", "C"), m.stage("r1", "F")) == \
        ("accepted", "draft", "confirmed", "draft")
    # An older action arriving late, and the same action again, change nothing.
    assert m.apply(SUBMISSION_STAGES.collection, stage("B", 4, "confirmed", "submitted")) == {}
    assert m.apply(SUBMISSION_STAGES.collection, stage("B", 5, "draft", "confirmed")) == {}
    assert m.stage("r1", "B") == "draft"
    # A newer action changes the school's commune of that round only.
    assert m.apply(SUBMISSION_STAGES.collection, stage("B", 6, "submitted")) == {"31": {("r1", W1)}}


def test_completeness_counts_each_stage_per_commune_and_province():
    _, views = built(BASE + STAGES)
    province = views[PROVINCE]
    assert province["completeness"]["stages"] == {"not_started": 1, "draft": 1, "submitted": 0, "confirmed": 1,
                                                  "returned": 0, "accepted": 1}
    communes = {c["commune_code"]: c["schools_stages"] for c in province["communes"]}
    assert communes[W1] == {"not_started": 0, "draft": 1, "submitted": 0, "confirmed": 0, "returned": 0, "accepted": 1}
    assert communes[W2] == {"not_started": 1, "draft": 0, "submitted": 0, "confirmed": 1, "returned": 0, "accepted": 0}
    w1 = views[round_view_id("r1", "commune", W1)]
    assert {s["school_code"]: s["stage"] for s in w1["schools"]} == {"A": "accepted", "B": "draft"}


def test_a_school_that_submitted_values_is_not_counted_with_those_that_have_not_started():
    """Found by the city: "Đang nhập 388" beside "Nộp số liệu 244/388" — the draft stage counted the schools that
    had submitted values but not marked their report complete together with those that had nothing in."""
    _, views = built(BASE)  # A, B, C submitted values, nobody marked complete; F has nothing
    c = views[PROVINCE]["completeness"]
    assert c["stages"] == {"not_started": 1, "draft": 3, "submitted": 0, "confirmed": 0, "returned": 0, "accepted": 0}
    # one school, one stage: the stages add up to the schools expected, the ones with values to those submitted
    assert sum(c["stages"].values()) == c["expected"] and c["stages"]["not_started"] == c["missing"]
    assert sum(n for st, n in c["stages"].items() if st != "not_started") == c["submitted"]
    assert [s["stage"] for s in views[PROVINCE]["missing_schools"]] == ["not_started"]


def test_confirmed_only_counts_the_confirmed_and_accepted_schools_and_the_default_is_unchanged():
    _, views = built(BASE + STAGES)
    every, confirmed = figures_view(views[PROVINCE], "submitted"), figures_view(views[PROVINCE], "confirmed")
    assert (every["rollups"]["all"][0]["numerator"], every["rollups"]["all"][0]["denominator"]) == (7, 300)
    assert every["completeness"]["submitted"] == 3
    # Only A (accepted) and C (confirmed): B was reopened.
    assert (confirmed["rollups"]["all"][0]["numerator"], confirmed["rollups"]["all"][0]["denominator"]) == (5, 200)
    assert confirmed["rollups"]["all"][0]["schools_reporting"] == 2
    assert set(confirmed["rollups"]) == {"all", "tieu_hoc", "thcs"}
    assert confirmed["rollups"]["thcs"][0]["numerator"] == 4
    assert {k: confirmed["completeness"][k] for k in ("expected", "submitted", "missing", "rate")} == \
        {"expected": 4, "submitted": 2, "missing": 2, "rate": 0.5}
    assert sorted(s["school_code"] for s in confirmed["missing_schools"]) == ["B", "F"]
    assert {c["commune_code"]: c["schools_submitted"] for c in confirmed["communes"]} == {W1: 1, W2: 1}
    assert confirmed["submitted_by_level"] == {"tieu_hoc": 1, "thcs": 1}
    w1 = figures_view(views[round_view_id("r1", "commune", W1)], "confirmed")
    assert w1["rollups"]["all"][0]["numerator"] == 1


def test_without_approvals_the_confirmed_reading_counts_nothing():
    _, views = built(BASE)
    confirmed = figures_view(views[PROVINCE], "confirmed")
    assert confirmed["completeness"]["submitted"] == 0
    assert confirmed["rollups"]["all"][0]["schools_reporting"] == 0
    assert views[PROVINCE]["rollups"]["all"][0]["schools_reporting"] == 3


def _readings(views):
    return {vid: (figures_view(v, "submitted"), figures_view(v, "confirmed")) for vid, v in views.items()}


@settings(max_examples=60, deadline=None)
@given(st.permutations(BASE + STAGES + STAGES[:4]))
def test_replayed_or_reordered_events_never_change_either_reading(rows):
    _, expected = built(BASE + STAGES)
    _, views = built(rows)
    assert _readings(views) == _readings(expected)


@settings(max_examples=40, deadline=None)
@given(st.permutations(BASE + STAGES))
def test_views_updated_row_by_row_equal_views_built_at_once(rows):
    m, pieces = Model(), ProvinceViews("31")
    views = {}
    for collection, row in rows:
        marks = m.apply(collection, row)
        views.update(pieces.update(m, marks.get("31", set())) if "31" in marks or not views else {})
    _, at_once = built(rows)
    assert {vid: views[vid] for vid in at_once} == at_once

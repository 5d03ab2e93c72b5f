"""As-of figures against a brute-force recomputation from the history, at random past moments (no I/O).

A random history of one province — schools registered and moved between communes, rounds opened and re-dated,
values submitted and revised (out of order too), plans decided, catalogues published — each row stored at a
random moment, several at the same moment. At random moments the timeline (checkpoints every few rows, its
caches warm from earlier questions) must give exactly the views the projector's code computes from every row
stored by then applied to a fresh model.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reports.domain.asof import Entry, Timeline, clone, model_of
from reports.domain.model import Model
from reports.domain.views import build_province

from ..support import CATALOGUE

T0 = datetime(2026, 1, 1, tzinfo=timezone.utc)
COMMUNES = ("10744", "11560")
SCHOOLS = ("S1", "S2", "S3", "S4")
LEVELS = ("tieu_hoc", "thcs")
ROUNDS = ("r1", "r2")


def school_row(code, version, commune, level, active=True):
    return ("directory_schools", f"{code}|{version}", {
        "school_code": code, "version": version, "name": f"Trường {code}", "level": level, "commune_code": commune,
        "province_code": "31", "active": active, "event_id": f"e-{code}-{version}"})


def round_row(rid, minute, due_day):
    at = T0 + timedelta(minutes=minute)
    return ("rounds", f"{rid}|{at.isoformat()}", {
        "round_id": rid, "event_time": at, "name": f"Đợt {rid}", "province_code": "31", "school_year": "2025-2026",
        "school_levels": list(LEVELS), "indicator_codes": ["DROPOUT", "TEACHERS_QUALIFIED"],
        "opens_at": T0, "due_at": T0 + timedelta(days=due_day), "closes_at": T0 + timedelta(days=60),
        "reopened": False, "catalogue_version": None, "event_id": f"e-{rid}-{minute}"})


def values_row(rid, code, revision, commune, level, num, den, late):
    return ("school_round_values", f"{rid}|{code}|{revision}", {
        "round_id": rid, "school_code": code, "revision": revision, "school_name": f"Trường {code}",
        "school_level": level, "commune_code": commune, "province_code": "31", "submission_id": f"s-{rid}-{code}",
        "values": {"DROPOUT": {"indicator_code": "DROPOUT", "catalogue_version": 1, "value_type": "ratio",
                               "numerator": num, "denominator": den},
                   "TEACHERS_QUALIFIED": {"indicator_code": "TEACHERS_QUALIFIED", "catalogue_version": 1,
                                          "value_type": "ratio", "numerator": den - num, "denominator": den}},
        "submitted_at": T0 + timedelta(days=revision), "late": late, "event_id": f"e-{rid}-{code}-{revision}",
        "event_type": "IndicatorSubmitted" if revision == 1 else "IndicatorRevised"})


def plan_rows(code, version, approved, commune):
    seq = version * 10 + (2 if approved else 1)
    row = {"school_code": code, "seq": seq, "plan_id": f"p-{code}", "version": version, "province_code": "31",
           "commune_code": commune, "event_type": "PlanApproved" if approved else "PlanSubmitted",
           "targets": [{"indicator_code": "DROPOUT", "text": "bỏ học dưới 1 %", "comparator": "<", "value": 1,
                        "unit": "%", "horizon": "2030-12-31", "source_sentence": ""}] if approved else [],
           "event_id": f"e-p-{code}-{seq}"}
    rows = [("plan_status", f"{code}|{seq:012d}", row)]
    return rows + ([("plan_approved", f"{code}|{seq:012d}", row)] if approved else [])


def catalogue_row(version):
    return ("catalogues", f"31|{version}", {"province_code": "31", "version": version, "published_at": T0,
                                            "indicators": CATALOGUE, "event_id": f"e-c-{version}"})


row = st.one_of(
    st.builds(school_row, st.sampled_from(SCHOOLS), st.integers(1, 3), st.sampled_from(COMMUNES),
              st.sampled_from(LEVELS), st.booleans()).map(lambda r: [r]),
    st.builds(round_row, st.sampled_from(ROUNDS), st.integers(0, 500), st.integers(10, 40)).map(lambda r: [r]),
    st.builds(lambda rid, code, rev, commune, level, den, share, late: values_row(
        rid, code, rev, commune, level, min(den, int(den * share)), den, late),
        st.sampled_from(ROUNDS), st.sampled_from(SCHOOLS), st.integers(1, 3), st.sampled_from(COMMUNES),
        st.sampled_from(LEVELS), st.integers(1, 400), st.floats(0, 1), st.booleans()).map(lambda r: [r]),
    st.builds(plan_rows, st.sampled_from(SCHOOLS), st.integers(1, 2), st.booleans(), st.sampled_from(COMMUNES)),
    st.builds(catalogue_row, st.integers(1, 2)).map(lambda r: [r]),
)
# Moments in whole minutes of one morning: many rows share a moment.
history = st.lists(st.tuples(st.integers(0, 120), row), min_size=1, max_size=40)
questions = st.lists(st.integers(-5, 130), min_size=1, max_size=6)


def rows_of(model: Model) -> dict:
    return {collection: rows for collection, rows in model.rows.items() if rows}


def entries_of(stored) -> list[Entry]:
    out, seen = [], set()
    for minute, rows in stored:
        for collection, key, r in rows:
            # A row is stored once (a re-delivery keeps its first moment), as the history's unique _id does.
            if f"{collection}|{key}" not in seen:
                seen.add(f"{collection}|{key}")
                out.append(Entry(T0 + timedelta(minutes=minute), f"{collection}|{key}", collection, r))
    return out


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(history, questions, st.integers(1, 5))
def test_as_of_views_equal_a_brute_force_recomputation_at_random_moments(stored, minutes, every):
    entries = entries_of(stored)
    timeline = Timeline("31", entries, every=every)
    for minute in minutes:
        moment = T0 + timedelta(minutes=minute, seconds=30 if minute % 2 else 0)
        model, views = timeline.views_at(moment)
        expected = build_province(model_of(entries, moment), "31")
        assert views == expected, moment
        assert rows_of(model) == rows_of(model_of(entries, moment))
    assert timeline.views_at(T0 + timedelta(days=1))[1] == build_province(model_of(entries, T0 + timedelta(days=1)),
                                                                          "31")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(history, history, questions, st.integers(1, 4), st.integers(0, 130))
def test_a_reloaded_timeline_keeps_only_the_settled_past(first, later, minutes, every, settled_minute):
    """Reloaded with rows recorded since (some at moments before the old load: not yet settled then), the
    timeline answers as a fresh one would, whatever checkpoints it kept."""
    settled = T0 + timedelta(minutes=settled_minute)
    old = Timeline("31", entries_of(first), every=every)
    for minute in minutes:  # checkpoints made on the way
        old.views_at(T0 + timedelta(minutes=minute))
    # Rows recorded after the settled moment, some before rows the old load already had.
    entries = entries_of(first + [(settled_minute + 1 + m, rows) for m, rows in later])
    renewed = old.renewed(entries, settled)
    for minute in minutes:
        moment = T0 + timedelta(minutes=minute)
        assert renewed.views_at(moment)[1] == build_province(model_of(entries, moment), "31")


def test_a_clone_is_independent_of_its_original():
    model = Model()
    for collection, _, r in [school_row("S1", 1, "10744", "thcs"), values_row("r1", "S1", 1, "10744", "thcs", 1, 10,
                                                                               False)]:
        model.apply(collection, r)
    copy = clone(model)
    for collection, _, r in [school_row("S1", 2, "11560", "thcs"), values_row("r1", "S1", 2, "11560", "thcs", 5, 10,
                                                                               True)]:
        copy.apply(collection, r)
    assert model.school("S1")["commune_code"] == "10744" and model.values("r1", "31")[0]["revision"] == 1
    assert copy.school("S1")["commune_code"] == "11560" and copy.values("r1", "31")[0]["revision"] == 2
    assert model.directory_in("31", "11560") == []


def test_nothing_is_known_before_the_first_row():
    timeline = Timeline("31", entries_of([(10, [catalogue_row(1)])]))
    assert timeline.first == T0 + timedelta(minutes=10)
    assert timeline.count_at(T0) == 0 and timeline.count_at(T0 + timedelta(minutes=10)) == 1

"""The projector's incremental path, without I/O: views updated piece by piece from the marks of each row
equal the views computed from scratch; merged roll-ups equal rolling up every school at once; the first
submission decides lateness; a round is judged by the catalogue version it was opened with."""
from datetime import datetime, timedelta, timezone

from hypothesis import given, settings
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
from reports.domain.rollup import merge, rollup
from reports.domain.views import ProvinceViews, build_province, round_view_id

T0 = datetime(2026, 1, 1, tzinfo=timezone.utc)
PROVINCES = {"31": ["10744", "11560", "11599"], "79": ["27496"]}
SCHOOL_CODES = ["A", "B", "C", "D", "E"]
LEVELS = ["tieu_hoc", "thcs", "thpt"]


def round_row(round_id, province, at=0, levels=("tieu_hoc", "thcs"), catalogue_version=None):
    return {"round_id": round_id, "event_time": T0 + timedelta(seconds=at), "name": f"Đợt {round_id}",
            "province_code": province, "school_year": "2025-2026", "school_levels": list(levels),
            "indicator_codes": ["DROPOUT", "ROOMS"], "opens_at": T0, "due_at": T0, "closes_at": T0,
            "reopened": at > 0, "catalogue_version": catalogue_version}


def catalogue_row(province, version, target):
    return {"province_code": province, "version": version, "published_at": T0, "indicators": [
        {"code": "DROPOUT", "name": "Tỷ lệ học sinh bỏ học", "unit": "%", "value_type": "ratio",
         "direction": "lower", "school_levels": ["tieu_hoc", "thcs"],
         "targets": [{"scope": "province", "comparator": "<", "value": target, "horizon": 2030, "source": "UBND"}]}]}


# -- random histories ----------------------------------------------------------------------------------------

@st.composite
def place(draw):
    province = draw(st.sampled_from(sorted(PROVINCES)))
    return province, draw(st.sampled_from(PROVINCES[province]))


@st.composite
def directory_row(draw):
    province, commune = draw(place())
    return DIRECTORY.collection, {"school_code": draw(st.sampled_from(SCHOOL_CODES)),
                                  "version": draw(st.integers(1, 4)), "name": f"Trường {draw(st.integers(0, 9))}",
                                  "level": draw(st.sampled_from(LEVELS)), "commune_code": commune,
                                  "province_code": province, "active": draw(st.booleans())}


@st.composite
def values_row(draw):
    province, commune = draw(place())
    pupils = draw(st.integers(1, 500))
    return SCHOOL_VALUES.collection, {
        "round_id": draw(st.sampled_from(["r1", "r2"])), "school_code": draw(st.sampled_from(SCHOOL_CODES)),
        "revision": draw(st.integers(1, 4)), "school_name": "Trường theo sự kiện",
        "school_level": draw(st.sampled_from(LEVELS)), "commune_code": commune, "province_code": province,
        "late": draw(st.booleans()), "submitted_at": T0, "submission_id": "s",
        "values": {"DROPOUT": {"indicator_code": "DROPOUT", "catalogue_version": 1, "value_type": "ratio",
                               "numerator": draw(st.integers(0, pupils)), "denominator": pupils},
                   "ROOMS": {"indicator_code": "ROOMS", "catalogue_version": 1, "value_type": "count",
                             "value": draw(st.integers(0, 9))}}}


@st.composite
def plan_row(draw):
    event = draw(st.sampled_from(["PlanSubmitted", "PlanApproved", "PlanReturned"]))
    version = draw(st.integers(1, 3))
    row = {"school_code": draw(st.sampled_from(SCHOOL_CODES)), "seq": plan_seq(version, event), "plan_id": "p",
           "version": version, "province_code": "31", "commune_code": "10744", "event_type": event,
           "targets": [{"indicator_code": "DROPOUT", "comparator": "<=", "value": draw(st.sampled_from([0.5, 5]))}]}
    return draw(st.sampled_from([PLAN_STATUS.collection, PLAN_APPROVED.collection] if event == "PlanApproved"
                                else [PLAN_STATUS.collection])), row


@st.composite
def other_row(draw):
    province = draw(st.sampled_from(sorted(PROVINCES)))
    if draw(st.booleans()):
        return ROUNDS.collection, round_row(draw(st.sampled_from(["r1", "r2"])), province, at=draw(st.integers(0, 3)),
                                            levels=draw(st.sets(st.sampled_from(LEVELS), min_size=1)),
                                            catalogue_version=draw(st.sampled_from([None, 1, 2])))
    return CATALOGUES.collection, catalogue_row(province, draw(st.integers(1, 3)), draw(st.sampled_from([0.5, 2])))


HISTORY = st.lists(st.one_of(directory_row(), values_row(), values_row(), plan_row(), other_row()),
                   min_size=1, max_size=40)


@settings(max_examples=150, deadline=None)
@given(HISTORY, st.integers(1, 5))
def test_views_updated_piece_by_piece_equal_the_views_computed_from_scratch(history, batch):
    model = Model()
    keeper = {p: ProvinceViews(p) for p in PROVINCES}
    current: dict[str, dict[str, dict]] = {p: {} for p in PROVINCES}
    for i in range(0, len(history), batch):
        marks: dict[str, set] = {}
        for collection, row in history[i:i + batch]:
            for province, pieces in model.apply(collection, row).items():
                marks.setdefault(province, set()).update(pieces)
        for province, pieces in marks.items():
            current[province].update(keeper[province].update(model, pieces))
            for view_id in keeper[province].removed:
                del current[province][view_id]
        for province in model.provinces():
            # The same views, no more (none left behind by a school that moved away), no fewer.
            assert current[province] == build_province(model, province)


def ratio(num, den):
    return {"indicator_code": "DROPOUT", "value_type": "ratio", "numerator": num, "denominator": den}


VALUE = st.one_of(
    st.integers(1, 900).flatmap(lambda den: st.builds(ratio, st.integers(0, den), st.just(den))),
    st.builds(lambda v: {"indicator_code": "ROOMS", "value_type": "count", "value": v}, st.integers(0, 50)),
    st.builds(lambda lv: {"indicator_code": "PCGD", "value_type": "level", "level": lv}, st.integers(0, 3)),
    st.builds(lambda f: {"indicator_code": "LIB", "value_type": "boolean", "flag": f}, st.booleans()),
    # The same code with another value type (another catalogue version): rolled up apart, never mixed.
    st.builds(lambda v: {"indicator_code": "DROPOUT", "value_type": "count", "value": v}, st.integers(0, 5)),
)
SCHOOL = st.lists(VALUE, max_size=4).map(lambda vs: {v["indicator_code"]: v for v in vs})


@given(st.lists(st.lists(SCHOOL, max_size=5), max_size=5), st.sampled_from([(), ("ROOMS", "MISSING")]))
def test_merged_rollups_equal_rolling_up_every_school_at_once(groups, codes):
    merged = merge([[r.as_dict() for r in rollup(group, codes)] for group in groups], codes)
    assert merged == [r.as_dict() for r in rollup([s for group in groups for s in group], codes)]


# -- lateness and pinned catalogues ---------------------------------------------------------------------------

def school(code, commune="10744"):
    return {"school_code": code, "version": 1, "name": f"Trường {code}", "level": "thcs", "commune_code": commune,
            "province_code": "31", "active": True}


def submission(code, revision, late, num=1, at=T0):
    return {"round_id": "r1", "school_code": code, "revision": revision, "school_name": code, "school_level": "thcs",
            "commune_code": "10744", "province_code": "31", "late": late, "submitted_at": at, "submission_id": code,
            "values": {"DROPOUT": {"indicator_code": "DROPOUT", "catalogue_version": 1, "value_type": "ratio",
                                   "numerator": num, "denominator": 100}}}


def test_a_school_that_first_submitted_on_time_is_on_time_whatever_order_its_revisions_arrive_in():
    on_time_then_late = [submission("A", 1, False, at=T0), submission("A", 2, True, num=5, at=T0 + timedelta(days=9))]
    for rows in (on_time_then_late, on_time_then_late[::-1]):
        model = Model()
        model.apply(ROUNDS.collection, round_row("r1", "31"))
        model.apply(DIRECTORY.collection, school("A"))
        model.apply(DIRECTORY.collection, school("B"))
        for row in rows:
            model.apply(SCHOOL_VALUES.collection, row)
        model.apply(SCHOOL_VALUES.collection, submission("B", 1, True))  # B first submitted late
        views = build_province(model, "31")
        province = views[round_view_id("r1", "province", "31")]
        assert (province["completeness"]["on_time"], province["completeness"]["late"]) == (1, 1)
        [a, b] = views[round_view_id("r1", "commune", "10744")]["schools"]
        assert (a["late"], a["revision"], a["first_submitted_at"], a["submitted_at"]) == (
            False, 2, T0, T0 + timedelta(days=9))
        assert b["late"] is True
        assert province["rollups"]["all"][0]["numerator"] == 5 + 1  # the figures are the latest revision's
        assert [r["revision"] for r in model.first_rows()] == [1]  # what a rebuild must store besides the latest


def pinned_model(catalogue_version):
    model = Model()
    model.apply(CATALOGUES.collection, catalogue_row("31", 1, 0.5))
    model.apply(CATALOGUES.collection, catalogue_row("31", 2, 2.0))
    model.apply(ROUNDS.collection, round_row("r1", "31", catalogue_version=catalogue_version))
    model.apply(DIRECTORY.collection, school("A"))
    model.apply(SCHOOL_VALUES.collection, submission("A", 1, False, num=1))  # 1 %
    return model


def test_a_round_is_judged_by_the_catalogue_version_it_was_opened_with():
    # Version 1 says "dưới 0,5 %", the later version 2 "dưới 2 %": 1 % misses the first and meets the second.
    [pinned] = build_province(pinned_model(1), "31")[round_view_id("r1", "province", "31")]["targets"]
    assert (pinned["target"], pinned["met"]) == (0.5, False)
    [latest] = build_province(pinned_model(None), "31")[round_view_id("r1", "province", "31")]["targets"]
    assert (latest["target"], latest["met"]) == (2.0, True)
    # A version not received (yet): the latest meanwhile.
    [unknown] = build_province(pinned_model(7), "31")[round_view_id("r1", "province", "31")]["targets"]
    assert unknown["target"] == 2.0


def test_an_older_catalogue_version_arriving_after_a_newer_one_still_counts_for_the_rounds_pinned_to_it():
    model = Model()
    model.apply(CATALOGUES.collection, catalogue_row("31", 2, 2.0))
    model.apply(ROUNDS.collection, round_row("r1", "31", catalogue_version=1))
    assert model.round_catalogue("r1", "31")["DROPOUT"]["targets"][0]["value"] == 2.0
    assert model.apply(CATALOGUES.collection, catalogue_row("31", 1, 0.5)) == {"31": {(None, None)}}
    assert model.round_catalogue("r1", "31")["DROPOUT"]["targets"][0]["value"] == 0.5
    assert model.catalogue("31")["DROPOUT"]["targets"][0]["value"] == 2.0  # still the latest for the rest
    assert model.apply(CATALOGUES.collection, catalogue_row("31", 1, 0.5)) == {}  # a duplicate changes nothing

"""A province's own indicators: what may be added or changed, and how each change makes a version."""
import pytest

from edu71.auth import Principal, Role
from indicators.domain.catalogue import CATALOGUE, Catalogue, Indicator, Origin, initial_catalogue
from indicators.domain.catalogue_edits import (
    changed_fields,
    changed_indicator,
    may_edit_catalogue,
    new_indicator,
    with_indicator,
)

SWIMMING = {
    "code": "HP_SWIMMING_TAUGHT", "name": "Tỷ lệ học sinh được học bơi", "value_type": "ratio",
    "school_levels": ["tieu_hoc", "thcs"], "direction": "higher",
    "numerator_label": "Số học sinh được học bơi", "denominator_label": "Tổng số học sinh",
    "targets": [{"scope": "province", "comparator": ">=", "value": 90, "horizon": 2027, "source": "Sở GD&ĐT Hải Phòng"}],
}


def fields_of(errors):
    return [e["field"] for e in errors]


def test_a_province_indicator_is_added_as_the_next_version():
    catalogue = initial_catalogue("31")
    indicator, errors = new_indicator(SWIMMING, catalogue)
    assert errors == []
    assert indicator.origin is Origin.PROVINCE and indicator.unit == "%"
    assert indicator.aggregation.value == "ratio_of_sums"
    after = with_indicator(catalogue, indicator)
    assert after.version == 2 and after.province_code == "31"
    assert after.codes[-1] == "HP_SWIMMING_TAUGHT" and after.codes[:-1] == catalogue.codes
    assert "HP_SWIMMING_TAUGHT" not in catalogue  # the earlier version is untouched


def test_the_stored_shape_round_trips():
    indicator, _ = new_indicator(SWIMMING, CATALOGUE)
    again = Catalogue.from_dicts(2, with_indicator(CATALOGUE, indicator).indicator_dicts(), "31")
    assert again.indicator_dicts() == with_indicator(CATALOGUE, indicator).indicator_dicts()
    assert again.get("DROPOUT").threshold.value == 0.5


@pytest.mark.parametrize("changes, expected", [
    ({"code": "DROPOUT"}, ["code"]),
    ({"numerator_label": " "}, ["numerator_label"]),
    ({"unit": "người"}, ["unit"]),
    ({"aggregation": "sum"}, ["aggregation"]),
    ({"targets": [{"scope": "nation", "comparator": ">=", "value": 90, "horizon": 2030, "source": "x"}]},
     ["targets.0.scope"]),
    ({"targets": [{"comparator": ">=", "value": 120, "horizon": 2030, "source": "x"}]}, ["targets.0.value"]),
    ({"threshold": {"comparator": ">", "value": -1}}, ["threshold.value"]),
    ({"level_min": 1, "level_max": 3}, ["level_min"]),
    ({"limit_by_level": {"thcs": 40}}, ["limit_by_level"]),
])
def test_invalid_additions_name_the_field(changes, expected):
    indicator, errors = new_indicator({**SWIMMING, **changes}, CATALOGUE)
    assert indicator is None
    assert fields_of(errors) == expected
    assert all(e["message"].strip() for e in errors)


def test_level_and_count_indicators_need_their_own_fields():
    level = {"code": "HP_LIBRARY_LEVEL", "name": "Mức độ thư viện đạt chuẩn", "unit": "mức", "value_type": "level",
             "school_levels": ["tieu_hoc"], "direction": "higher"}
    assert fields_of(new_indicator(level, CATALOGUE)[1]) == ["level_min"]
    assert fields_of(new_indicator({**level, "level_min": 3, "level_max": 1}, CATALOGUE)[1]) == ["level_max"]
    ok, errors = new_indicator({**level, "level_min": 1, "level_max": 3}, CATALOGUE)
    assert errors == [] and ok.aggregation.value == "distribution"
    count = {"code": "HP_CLUBS", "name": "Số câu lạc bộ", "value_type": "count", "school_levels": ["thcs"],
             "direction": "higher"}
    assert fields_of(new_indicator(count, CATALOGUE)[1]) == ["unit"]
    boolean = {"code": "HP_HAS_POOL", "name": "Có bể bơi", "unit": "đạt/không đạt", "value_type": "boolean",
               "school_levels": ["thcs"], "direction": "higher"}
    ok, errors = new_indicator(boolean, CATALOGUE)
    assert errors == [] and ok.aggregation.value == "share_true"


def test_only_province_indicators_change_and_only_in_what_is_editable():
    assert fields_of(changed_indicator({"name": "Tên mới"}, CATALOGUE.get("DROPOUT"))[1]) == ["code"]
    own, _ = new_indicator(SWIMMING, CATALOGUE)
    renamed, errors = changed_indicator({"name": "Tỷ lệ học sinh biết bơi", "threshold": {"comparator": "<",
                                                                                          "value": 50}}, own)
    assert errors == []
    assert renamed.value_type is own.value_type and renamed.levels == own.levels
    assert changed_fields(own, renamed) == ["name", "threshold"]
    assert fields_of(changed_indicator({}, own)[1]) == ["_schema"]
    cleared, _ = changed_indicator({"threshold": None}, renamed)
    assert cleared.threshold is None
    replaced = with_indicator(with_indicator(CATALOGUE, own), renamed)
    assert replaced.version == 3 and replaced.codes.count("HP_SWIMMING_TAUGHT") == 1
    assert replaced.get("HP_SWIMMING_TAUGHT").name == "Tỷ lệ học sinh biết bơi"


def test_national_targets_and_thresholds_carry_their_sources():
    for indicator in CATALOGUE:
        for target in indicator.targets:
            assert target.scope == "nation" and target.source and target.confidence in {"A", "B", "C"}
    assert CATALOGUE.get("DROPOUT").threshold.comparator == ">"
    assert {t.value for t in CATALOGUE.get("PROGRAMME_COMPLETED").targets} == {99.7, 99, 95}
    assert all(isinstance(i, Indicator) for i in CATALOGUE)


def test_who_edits_the_catalogue():
    def principal(role, province):
        return Principal("u", "U", Role(role), province or "x", province_code=province)

    assert may_edit_catalogue(principal("city", "31"), "31")
    assert not may_edit_catalogue(principal("city", "79"), "31")
    assert not may_edit_catalogue(principal("commune", "31"), "31")
    assert may_edit_catalogue(principal("admin", None), "31")


def test_an_unknown_aggregation_is_a_field_error_not_a_crash():
    indicator, errors = new_indicator({**SWIMMING, "aggregation": "bogus"}, initial_catalogue("31"))
    assert indicator is None and fields_of(errors) == ["aggregation"]

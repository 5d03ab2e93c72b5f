"""The roll-up rules, without I/O."""
import pytest

from reports.domain.rollup import Aggregation, RollupError, ValueType, rollup, rollup_indicator


def ratio(num, den, code="TEACHERS_QUALIFIED"):
    return {"indicator_code": code, "catalogue_version": 1, "value_type": "ratio", "numerator": num, "denominator": den}


def count(value, code="SMART_CLASSROOMS"):
    return {"indicator_code": code, "catalogue_version": 1, "value_type": "count", "value": value}


def level(lv, code="PCGD_LEVEL"):
    return {"indicator_code": code, "catalogue_version": 1, "value_type": "level", "level": lv}


def flag(f, code="HAS_WEBSITE"):
    return {"indicator_code": code, "catalogue_version": 1, "value_type": "boolean", "flag": f}


def test_ratio_is_sum_of_numerators_over_sum_of_denominators_not_mean_of_percentages():
    # A small school at 100% and a large one at 50%: the mean of percentages would say 75%.
    values = [ratio(1, 1), ratio(50, 100)]
    r = rollup_indicator("TEACHERS_QUALIFIED", "ratio", values)
    mean_of_percentages = (1 / 1 + 50 / 100) / 2
    assert r.aggregation is Aggregation.RATIO
    assert (r.numerator, r.denominator) == (51, 101)
    assert r.value == pytest.approx(51 / 101)
    assert r.value != pytest.approx(mean_of_percentages)
    assert r.schools_reporting == 2


def test_ratio_with_zero_denominators_has_no_value():
    r = rollup_indicator("DROPOUT", "ratio", [ratio(0, 0, "DROPOUT"), ratio(0, 0, "DROPOUT")])
    assert r.value is None and r.denominator == 0 and r.schools_reporting == 2


def test_count_is_summed_with_maximum_and_schools_with_at_least_one():
    r = rollup_indicator("SMART_CLASSROOMS", "count", [count(1), count(0), count(3)])
    assert r.aggregation is Aggregation.SUM
    assert r.value == 4 and r.maximum == 3 and r.schools_nonzero == 2 and r.schools_reporting == 3


def test_level_gives_distribution_and_minimum():
    r = rollup_indicator("PCGD_LEVEL", "level", [level(3), level(2), level(3), level(1)])
    assert r.aggregation is Aggregation.DISTRIBUTION
    assert r.distribution == {"1": 1, "2": 1, "3": 2}
    assert r.minimum == 1 and r.value == 1


def test_boolean_is_share_of_schools():
    r = rollup_indicator("HAS_WEBSITE", "boolean", [flag(True), flag(False), flag(True), flag(True)])
    assert r.aggregation is Aggregation.SHARE
    assert (r.numerator, r.denominator) == (3, 4) and r.value == pytest.approx(0.75)


def test_no_values_gives_empty_rollup():
    r = rollup_indicator("DROPOUT", ValueType.RATIO, [])
    assert r.schools_reporting == 0 and r.value is None


def test_values_of_another_type_are_refused():
    with pytest.raises(RollupError):
        rollup_indicator("DROPOUT", "ratio", [ratio(1, 2, "DROPOUT"), count(1, "DROPOUT")])


def test_missing_field_is_refused():
    with pytest.raises(RollupError):
        rollup_indicator("DROPOUT", "ratio", [{"value_type": "ratio", "numerator": 1}])


def test_rollup_of_schools_orders_round_indicators_first_and_fills_unreported():
    schools = [
        {"TEACHERS_QUALIFIED": ratio(29, 30), "SMART_CLASSROOMS": count(1), "EXTRA": count(2, "EXTRA")},
        {"TEACHERS_QUALIFIED": ratio(40, 50), "SMART_CLASSROOMS": count(0)},
    ]
    out = rollup(schools, ["SMART_CLASSROOMS", "TEACHERS_QUALIFIED", "DROPOUT"])
    assert [r.indicator_code for r in out] == ["SMART_CLASSROOMS", "TEACHERS_QUALIFIED", "DROPOUT", "EXTRA"]
    by_code = {r.indicator_code: r for r in out}
    assert by_code["TEACHERS_QUALIFIED"].value == pytest.approx(69 / 80)
    assert by_code["SMART_CLASSROOMS"].value == 1
    dropout = by_code["DROPOUT"]
    assert dropout.schools_reporting == 0 and dropout.value is None and dropout.aggregation is None
    assert by_code["EXTRA"].schools_reporting == 1


def test_one_code_reported_with_two_types_is_not_mixed():
    out = rollup([{"X": count(2, "X")}, {"X": ratio(1, 2, "X")}])
    assert [(r.indicator_code, r.value_type) for r in out] == [("X", ValueType.COUNT), ("X", ValueType.RATIO)]


def test_as_dict_is_plain():
    d = rollup_indicator("PCGD_LEVEL", "level", [level(2)]).as_dict()
    assert d["value_type"] == "level" and d["aggregation"] == "distribution" and d["distribution"] == {"2": 1}


def test_a_school_reporting_0_over_0_counts_as_reporting_but_weighs_nothing_and_reads_none_such():
    """0/0: the school has none of whom the ratio counts a share (README: 0/0)."""
    from reports.domain.tables import schools

    r = rollup_indicator("DROPOUT", "ratio", [ratio(4, 400, "DROPOUT"), ratio(0, 0, "DROPOUT")])
    assert (r.numerator, r.denominator, r.schools_reporting) == (4, 400, 2) and r.value == pytest.approx(0.01)
    row = {"school_code": "TH-1", "school_name": "Trường Tiểu học 1", "school_level": "tieu_hoc",
           "commune_code": "10744", "submitted": True, "late": False, "values": [ratio(0, 0, "DROPOUT")]}
    table = schools({"indicator_codes": ["DROPOUT"]}, [row])
    assert table.rows[0][-1] == "không có"

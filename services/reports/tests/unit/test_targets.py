"""Targets vs actuals, without I/O."""
import pytest

from reports.domain.targets import check, check_area, check_school_plan, meets, misses, school_actual, shortfall


def test_floor_and_ceiling_and_their_shortfall():
    assert meets(96.5, ">", 96) and not meets(96, ">", 96) and meets(96, ">=", 96)
    assert shortfall(94, ">=", 96) == 2 and shortfall(97, ">=", 96) == 0
    assert meets(0.4, "<=", 0.5) and not meets(0.5, "<", 0.5)
    assert shortfall(0.8, "<=", 0.5) == pytest.approx(0.3)


def test_equal_reads_as_floor_or_ceiling_by_direction():
    assert meets(100, "=", 99, "higher") and not meets(98, "=", 99, "higher")
    assert meets(0.2, "=", 0.5, "lower") and not meets(0.7, "=", 0.5, "lower")
    assert shortfall(98, "=", 99) == 1  # no direction: a floor, as Vietnamese plans mean "đạt 99%"


def test_school_values_in_the_targets_unit():
    assert school_actual({"value_type": "ratio", "numerator": 45, "denominator": 47}) == pytest.approx(95.744680851)
    assert school_actual({"value_type": "ratio", "numerator": 0, "denominator": 0}) is None
    assert school_actual({"value_type": "count", "value": 38}) == 38
    assert school_actual({"value_type": "level", "level": 3}) == 3
    assert school_actual({"value_type": "boolean", "flag": True}) == 100


def test_school_against_its_plan_skips_targets_without_an_indicator():
    values = {"DROPOUT": {"value_type": "ratio", "numerator": 3, "denominator": 400},
              "CLASSES": {"value_type": "count", "value": 36}}
    targets = [{"indicator_code": "DROPOUT", "comparator": "<=", "value": 0.5, "text": "Bỏ học không quá 0,5%"},
               {"indicator_code": "CLASSES", "comparator": "=", "value": 38},
               {"indicator_code": "TEACHERS_QUALIFIED", "comparator": ">=", "value": 99},
               {"indicator_code": None, "comparator": ">=", "value": 90}]
    checks = {c.indicator_code: c for c in check_school_plan(values, targets, {"DROPOUT": "lower"})}
    assert set(checks) == {"DROPOUT", "CLASSES", "TEACHERS_QUALIFIED"}
    assert checks["DROPOUT"].met is False and checks["DROPOUT"].gap == pytest.approx(0.25)
    assert checks["CLASSES"].met is False and checks["CLASSES"].gap == 2
    assert checks["TEACHERS_QUALIFIED"].met is None and checks["TEACHERS_QUALIFIED"].actual is None


def test_area_against_catalogue_targets_converts_ratios_to_percent():
    catalogue = {"DROPOUT": {"name": "Tỷ lệ học sinh bỏ học", "direction": "lower", "unit": "%", "targets": [
        {"scope": "province", "comparator": "<", "value": 0.5, "horizon": 2030, "source": "UBND TP"},
        {"scope": "nation", "comparator": "<", "value": 1, "horizon": 2030, "source": "NQ 71"}]}}
    rollups = [{"indicator_code": "DROPOUT", "value_type": "ratio", "value": 0.008}]  # 0,8 %
    checks = check_area(rollups, catalogue)
    assert [(c.met, c.gap) for c in checks] == [(False, pytest.approx(0.3)), (True, 0.0)]
    assert checks[0].actual == pytest.approx(0.8)
    assert [c.met for c in check_area([], catalogue)] == [None, None]


def test_misses_are_the_failed_checks_worst_relative_gap_first():
    a = check("A", 90, ">=", 100)  # 10 %
    b = check("B", 1, "<=", 0.5)  # 100 %
    c = check("C", 100, ">=", 100)
    d = check("D", None, ">=", 100)
    assert [m.indicator_code for m in misses([a, b, c, d])] == ["B", "A"]

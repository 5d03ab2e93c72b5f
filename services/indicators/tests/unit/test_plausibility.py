"""Implausible changes against the previous round: warnings per value type, none for ordinary moves."""
import pytest

from indicators.domain.catalogue import CATALOGUE
from indicators.domain.plausibility import implausible_changes


def ratio(code, n, d):
    return {"indicator_code": code, "catalogue_version": 1, "value_type": "ratio", "numerator": n, "denominator": d}


def count(code, v):
    return {"indicator_code": code, "catalogue_version": 1, "value_type": "count", "value": v}


def level(code, v):
    return {"indicator_code": code, "catalogue_version": 1, "value_type": "level", "level": v}


def warned(previous, incoming):
    return [w["field"] for w in implausible_changes(previous, incoming, CATALOGUE, "Sơ kết học kỳ I")]


@pytest.mark.parametrize("old, new, fields", [
    (ratio("TEACHERS_QUALIFIED", 45, 47), ratio("TEACHERS_QUALIFIED", 46, 47), []),
    (ratio("TEACHERS_QUALIFIED", 45, 47), ratio("TEACHERS_QUALIFIED", 15, 47), ["values.TEACHERS_QUALIFIED.numerator"]),
    # exactly 30 points is still plausible; 31 is not
    (ratio("RECORDS_DIGITAL", 50, 100), ratio("RECORDS_DIGITAL", 80, 100), []),
    (ratio("RECORDS_DIGITAL", 50, 100), ratio("RECORDS_DIGITAL", 81, 100), ["values.RECORDS_DIGITAL.numerator"]),
    # a denominator with an extra zero: the rate hardly moves, the denominator does
    (ratio("DROPOUT", 2, 1200), ratio("DROPOUT", 2, 12000), ["values.DROPOUT.denominator"]),
    (ratio("DROPOUT", 0, 0), ratio("DROPOUT", 1, 300), ["values.DROPOUT.denominator"]),
    (count("SMART_CLASSROOMS", 1), count("SMART_CLASSROOMS", 4), []),
    (count("CLASSES", 38), count("CLASSES", 114), []),
    (count("CLASSES", 38), count("CLASSES", 115), ["values.CLASSES.value"]),
    (count("CLASSES", 38), count("CLASSES", 12), ["values.CLASSES.value"]),
    (count("SCHOOL_VIOLENCE_CASES", 0), count("SCHOOL_VIOLENCE_CASES", 9), []),
    (level("PCGD_LEVEL", 3), level("PCGD_LEVEL", 2), []),
    (level("PCGD_LEVEL", 3), level("PCGD_LEVEL", 1), ["values.PCGD_LEVEL.level"]),
    (level("PCGD_LEVEL", 1), level("PCGD_LEVEL", 3), []),
])
def test_rule_per_value_type(old, new, fields):
    assert warned([old], [new]) == fields


def test_nothing_to_compare_gives_no_warning():
    assert warned([], [count("CLASSES", 500)]) == []
    assert warned([count("CLASSES", 5)], [count("SMART_CLASSROOMS", 500)]) == []
    # the indicator changed type between catalogue versions: not comparable
    assert warned([count("CLASSES", 5)], [{**level("CLASSES", 500)}]) == []


def test_messages_are_vietnamese_with_decimal_commas():
    [w] = implausible_changes([ratio("TEACHERS_QUALIFIED", 45, 47)], [ratio("TEACHERS_QUALIFIED", 15, 47)],
                              CATALOGUE, "Sơ kết học kỳ I")
    assert "giảm bất thường" in w["message"] and "“Sơ kết học kỳ I”" in w["message"]
    assert "95,7 %" in w["message"] and "31,9 %" in w["message"] and "điểm phần trăm" in w["message"]

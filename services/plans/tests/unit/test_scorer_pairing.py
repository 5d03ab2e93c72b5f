"""The accuracy bench pairs gold and found targets as a whole, not one gold at a time (its figures are the issue's measure)."""
import sys

from edu71.config import REPO_ROOT

sys.path.insert(0, str(REPO_ROOT / "bench"))
from plan_import_accuracy import pair_targets  # noqa: E402


def found(value, unit, text, year=2030):
    return {"value": value, "comparator": ">=", "horizon": f"{year}-12-31", "unit": unit, "text": text,
            "source_sentence": text}


def gold(value, unit, span, year=2030):
    return {"value": value, "comparator": ">=", "year": year, "unit": unit, "span": span}


def test_a_gold_without_a_unit_does_not_take_the_only_target_another_gold_can_have():
    golds = [gold(95, None, "trẻ đi học chuyên cần"), gold(95, "%", "học sinh hoàn thành chương trình")]
    targets = [found(95, "%", "trẻ đi học chuyên cần"), found(95, "lớp", "lớp học hai buổi")]
    # one gold at a time, the first takes the target sharing its words, and the second finds nothing left
    assert pair_targets(golds, targets) == {0: 1, 1: 0}


def test_of_two_pairings_with_as_many_pairs_the_one_whose_words_agree_wins():
    golds = [gold(100, "%", "giáo viên đạt chuẩn"), gold(100, "%", "trường có phòng học thông minh")]
    targets = [found(100, "%", "trường có phòng học thông minh"), found(100, "%", "giáo viên đạt chuẩn")]
    assert pair_targets(golds, targets) == {0: 1, 1: 0}


def test_value_comparator_and_year_must_agree():
    golds = [gold(90, "%", "tỷ lệ"), gold(90, "%", "tỷ lệ", year=2026)]
    targets = [found(90, "%", "tỷ lệ", year=2027), found(91, "%", "tỷ lệ")]
    assert pair_targets(golds, targets) == {}

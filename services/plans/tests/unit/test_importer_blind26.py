"""Plan importer: the reading rules the blind26 set called for (fixtures/plans_heldout/blind26, twelve ordinary plans
written by someone who never read the importer), one test per rule, on sentences and tables written for the test (none
copied from a fixture; pure, no files)."""
from __future__ import annotations

from plans.domain.importer.lines import tidy
from plans.domain.importer.parse import parse_plan

from .importer_probes import GOAL, got, header

HEAD = ("UBND XÃ CAM LỘ\nTRƯỜNG TIỂU HỌC CAM THÀNH\nSố: 21/KH-THCT\nCam Lộ, ngày 12 tháng 10 năm 2026\nKẾ HOẠCH\n")


# ---------------------------------------------------------------------------- a row that names a level
def test_a_row_named_for_a_level_reads_its_bare_figures_as_levels():
    text = (GOAL + "Chỉ tiêu | Năm 2027 | Năm 2029\n"
            "Mức độ xóa mù chữ của xã | 1 | 2\n"
            "Cấp độ kiểm định chất lượng giáo dục | 2 | 3\n")
    assert got(text) == [("=", 1, "mức", 2027), ("=", 2, "mức", 2029), ("=", 2, "mức", 2027), ("=", 3, "mức", 2029)]


def test_a_level_row_under_school_levels_keeps_no_age_and_a_count_of_schools_at_a_level_stays_a_count():
    text = (GOAL + "2. Chỉ tiêu đến năm 2029\n"
            "Chỉ tiêu | Mầm non | Tiểu học | THCS\n"
            "Mức độ phổ cập giáo dục | Trẻ 5 tuổi | 2 | 3\n"
            "Số trường đạt chuẩn quốc gia mức độ 1 (trường) | 2 | 3 | 1\n")
    assert got(text) == [("=", 2, "mức", 2029), ("=", 3, "mức", 2029),
                         ("=", 2, "trường", 2029), ("=", 3, "trường", 2029), ("=", 1, "trường", 2029)]


# ---------------------------------------------------------------------------- a count that starts from none
def test_a_count_of_none_that_later_years_raise_is_no_target():
    text = (GOAL + "Chỉ tiêu | Năm 2027 | Năm 2028 | Năm 2030\n"
            "Số câu lạc bộ STEM (câu lạc bộ) | 0 | 1 | 3\n"
            "Phòng học tạm, phòng học mượn (phòng) | 2 | 0 | 0\n"
            "Số vụ ngộ độc thực phẩm (vụ) | 0 | 0 | 0\n")
    assert got(text) == [("=", 1, "câu lạc bộ", 2028), ("=", 3, "câu lạc bộ", 2030),
                         ("=", 2, "phòng", 2027), ("=", 0, "phòng", 2028), ("=", 0, "phòng", 2030),
                         ("=", 0, "vụ", 2027), ("=", 0, "vụ", 2028), ("=", 0, "vụ", 2030)]


# ---------------------------------------------------------------------------- text pasted from a PDF
def test_a_school_year_cut_at_a_lines_end_still_marks_its_figures_as_past():
    text = (GOAL + "1. Kết quả năm học 2024 - 2\n025 tỷ lệ học sinh hoàn thành chương trình lớp học đạt 98,7%.\n"
            "2. Năm 2026: 100% học sinh hoàn thành chương trình lớp học.\n")
    assert got(text, plan_year=2026) == [("=", 100, "%", 2026)]


def test_a_year_span_is_joined_across_a_line_break_only_when_its_pieces_make_a_year_soon_after():
    assert tidy("giai đoạn 2026 - 20\n30, phấn đấu") == "giai đoạn 2026 - 2030, phấn đấu"
    assert tidy("tổ chức giải chạy 2026 - 2\n100 học sinh tham gia") == "tổ chức giải chạy 2026 - 2\n100 học sinh tham gia"


# ---------------------------------------------------------------------------- the end of the plan's period
def test_a_target_due_by_the_periods_end_takes_the_year_the_title_names():
    body = (HEAD + "Thực hiện nhiệm vụ năm học 2026 - 2027 và giai đoạn 2026 - 2029\n" + GOAL +
            "- Tỷ lệ học sinh được học bơi đạt 60%.\n"
            "- Có ít nhất 03 phòng học bộ môn tin học trước khi kết thúc giai đoạn.\n")
    assert [(t.value.value, t.horizon.value.year) for t in parse_plan(body).targets] == [(60, 2027), (3, 2029)]


def test_without_a_period_in_the_title_its_end_sets_no_year():
    body = (HEAD + "Thực hiện nhiệm vụ năm học 2026 - 2027\n" + GOAL +
            "- Có ít nhất 03 phòng học bộ môn tin học trước khi kết thúc giai đoạn.\n")
    assert [(t.value.value, t.horizon.value.year) for t in parse_plan(body).targets] == [(3, 2027)]


# ---------------------------------------------------------------------------- signature beside the recipients
def test_a_signature_block_interleaved_with_wrapped_recipients_is_found():
    text = (HEAD + "Thực hiện Nghị quyết số 71-NQ/TW\n" + GOAL + "- 100% giáo viên đạt chuẩn.\n"
            "Nơi nhận: TM. BAN GIÁM HIỆU\n"
            "- UBND xã Cam Lộ; KT. HIỆU TRƯỞNG\n"
            "- Các tổ chuyên môn, tổ văn phòng; PHÓ HIỆU TRƯỞNG\n"
            "- Ban đại diện cha mẹ học sinh các\n"
            "lớp, các khối;\n"
            "- Lưu: VT, HS. Lê Thị Thu Hà\n")
    plan = parse_plan(text)
    assert (plan.signer_title.value, plan.signer.value) == ("PHÓ HIỆU TRƯỞNG", "Lê Thị Thu Hà")
    assert "Ban đại diện cha mẹ học sinh các lớp, các khối" in [r.value for r in plan.recipients]
    assert header(text, ("issuer",)) == {"issuer": "TRƯỜNG TIỂU HỌC CAM THÀNH"}

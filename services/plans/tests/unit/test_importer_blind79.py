"""Plan importer: the reading rules the blind79 set called for (fixtures/plans_heldout/blind78, blind79 and blind82,
plans written by someone who never read the importer), one test per rule, on tables and sentences written for the
test (none copied from a fixture; pure, no files)."""
from __future__ import annotations

from .importer_probes import GOAL, got, plan_targets


# ---------------------------------------------------------------------------- a column of last year's results
def test_a_year_column_marked_reached_in_brackets_is_last_years_results_not_a_horizon():
    text = GOAL + ("Nội dung | 2024 - 2025 (đạt) | Năm học 2025 - 2026 | Năm học 2027 - 2028\n"
                   "Trẻ 5 tuổi hoàn thành chương trình mầm non (%) | 97,5 | 98 | 99\n"
                   "Giáo viên dạy giỏi cấp huyện (người) | 4 | 5 | 7\n")
    targets = got(text, plan_year=2025, plan_month=9)
    assert ("=", 98, "%", 2026) in targets and ("=", 99, "%", 2028) in targets
    assert ("=", 7, "người", 2028) in targets
    assert not any(t[1] in (97.5, 4) for t in targets)   # what the school reached is no target


# ---------------------------------------------------------------------------- horizons heading groups of named rows
LEVELS_BY_HORIZON = ("Cấp học | Tỷ lệ học sinh biết bơi (%) | Lên lớp (%)\n"
                     "Năm 2027 |  | \n"
                     "Tiểu học | 45 | 99\n"
                     "Trung học cơ sở | 40 | 97,5\n"
                     "Đến năm 2030 |  | \n"
                     "Tiểu học | 70 | 99,5\n"
                     "Trung học cơ sở | 65 | 98\n")


def test_a_horizon_row_across_a_table_of_levels_dates_the_levels_under_it():
    for table in (LEVELS_BY_HORIZON, LEVELS_BY_HORIZON.replace(" |  | ", "")):   # a Word table's, a PDF's
        targets = got(GOAL + table)
        assert ("=", 45, "%", 2027) in targets and ("=", 97.5, "%", 2027) in targets
        assert ("=", 70, "%", 2030) in targets and ("=", 98, "%", 2030) in targets
        assert len(targets) == 8


# ---------------------------------------------------------------------------- an appendix in sentence case
COMMUNE = ("ỦY BAN NHÂN DÂN\nXÃ ĐỒNG SƠN\nSố: 77/KH-UBND\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
           "Độc lập - Tự do - Hạnh phúc\n\nĐồng Sơn, ngày 12 tháng 11 năm 2026\n\nKẾ HOẠCH\n"
           "Phát triển giáo dục xã Đồng Sơn giai đoạn 2026 - 2030\n\n"
           "I. MỤC TIÊU\n- Huy động 98% trẻ mẫu giáo ra lớp.\n"
           "II. TỔ CHỨC THỰC HIỆN\nCác trường xây dựng kế hoạch, báo cáo hằng năm.\n"
           "{heading}\n"
           "Trường | Chuẩn quốc gia | Sĩ số tối đa\n"
           "Mầm non Đồng Sơn | Mức độ 1 | 30 trẻ/lớp\n"
           "Tiểu học Đồng Sơn | Giữ vững mức độ 2 | 35 học sinh/lớp\n"
           "Nơi nhận:\n- UBND huyện;\n- Lưu: VT.\nCHỦ TỊCH\n\nNông Văn Bình\n")


def test_an_appendix_heading_in_sentence_case_over_its_table_is_read_as_the_targets():
    targets = plan_targets(COMMUNE.format(heading="Phụ lục: Chỉ tiêu các trường đến năm 2030"))
    assert ("=", 1, "mức", 2030) in targets and ("=", 2, "mức", 2030) in targets
    assert ("<=", 30, "trẻ/lớp", 2030) in targets and ("<=", 35, "học sinh/lớp", 2030) in targets


# ---------------------------------------------------------------------------- class sizes
def test_a_class_size_column_naming_children_and_pupils_counts_children_only_in_a_kindergartens_row():
    text = GOAL + ("Cấp học | Sĩ số tối đa (trẻ, học sinh/lớp) | Phòng học kiên cố (%)\n"
                   "Mầm non | 28 | 90\n"
                   "Tiểu học | 35 | 100\n"
                   "Trung học cơ sở | 40 | 100\n")
    targets = got(text, plan_horizon=2030)
    assert ("<=", 28, "trẻ/lớp", 2030) in targets
    assert ("<=", 35, "học sinh/lớp", 2030) in targets and ("<=", 40, "học sinh/lớp", 2030) in targets


def test_no_class_over_a_figure_is_a_class_size_whatever_follows_it():
    assert got(GOAL + "- Không còn lớp vượt quá 40 học sinh ở các trường tiểu học.\n") == [("<=", 40, "học sinh/lớp", None)]
    assert got(GOAL + "- Đến năm 2028 không còn lớp học có trên 35 học sinh.\n") == [("<=", 35, "học sinh/lớp", 2028)]


def test_an_appendix_heading_in_sentence_case_after_the_signature_over_its_table_is_read_too():
    plan = COMMUNE.format(heading="Phụ lục 1: Chỉ tiêu các trường đến năm 2030")
    body, rest = plan.split("Phụ lục 1: Chỉ tiêu các trường đến năm 2030\n")
    table, closing = rest.split("Nơi nhận:")
    targets = plan_targets(f"{body}Nơi nhận:{closing}\nPhụ lục 1: Chỉ tiêu các trường đến năm 2030\n{table}")
    assert ("<=", 30, "trẻ/lớp", 2030) in targets and ("=", 2, "mức", 2030) in targets

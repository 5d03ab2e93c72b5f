"""Plan importer: the reading rules the blind30 set called for (fixtures/plans_heldout/blind30, written by someone who
never read the importer), one test per rule, on sentences and tables written for the test (none copied from a
fixture; pure, no files)."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from plans.domain.catalogue import CatalogueView
from plans.domain.importer import extract_text
from plans.domain.importer.indicators import propose

from .importer_probes import GOAL, got

CATALOGUE = CatalogueView.from_contract(json.loads(
    (Path(__file__).resolve().parents[1] / "fixtures" / "catalogue_31.json").read_text(encoding="utf-8")))


# ---------------------------------------------------------------------------- level columns, however headed
@pytest.mark.parametrize("lower, upper", [("Khối THCS", "Khối THPT"), ("Cấp THCS", "Cấp THPT"),
                                          ("Bậc tiểu học", "Bậc THCS"), ("Khối lớp THCS", "Khối lớp THPT"),
                                          ("THCS", "THPT"), ("MN", "TH"), ("T.H.C.S", "T.H.P.T.")])
def test_a_level_column_is_read_whichever_way_its_heading_names_the_level(lower, upper):
    text = (GOAL + f"Chỉ tiêu đến năm 2029 | {lower} | {upper} | Ghi chú (kết quả năm 2025)\n"
            "Tỷ lệ học sinh lưu ban (%) | < 0,8 | ≤ 1 | 1,2 và 1,5\n"
            "Số câu lạc bộ (câu lạc bộ) | 4 | 5 | Có 3 câu lạc bộ\n")
    assert got(text) == [("<", 0.8, "%", 2029), ("<=", 1, "%", 2029),
                         ("=", 4, "câu lạc bộ", 2029), ("=", 5, "câu lạc bộ", 2029)]


def test_a_grade_is_no_level_column():
    text = GOAL + "Chỉ tiêu đến năm 2029 | Khối 6 | Khối 7 | Ghi chú\nTỷ lệ học sinh lưu ban (%) | 1 | 2 | \n"
    assert ("=", 1, "%", 2029) not in got(text)


def _level_table_docx(last_row: tuple[str, ...]) -> bytes:
    """A Word table of targets by school level, a row numbering its columns under the headings and ``last_row`` as
    its last row."""
    import docx

    document = docx.Document()
    document.add_paragraph("II. MỤC TIÊU")
    rows = [("Chỉ tiêu đến năm 2029", "Tiểu học", "THCS", "Ghi chú"), ("(1)", "(2)", "(3)", "(4)"),
            ("Tỷ lệ học sinh học 2 buổi/ngày (%)", "100", "95", "Đã đạt"), last_row]
    table = document.add_table(rows=len(rows), cols=4)
    for r, cells in enumerate(rows):
        for c, value in enumerate(cells):
            table.cell(r, c).text = value
    document.add_paragraph("III. GIẢI PHÁP")
    document.add_paragraph("Tăng cường kiểm tra.")
    raw = io.BytesIO()
    document.save(raw)
    return raw.getvalue()


def test_a_row_counting_one_and_two_under_its_own_label_holds_values_not_column_numbers():
    text = extract_text(_level_table_docx(("Phòng học bộ môn (phòng)", "1", "2", "Chưa có")), "kehoach.docx").text
    assert "(1) | (2)" not in text   # the row numbering the columns still goes
    assert ("=", 1, "phòng", 2029) in got(text) and ("=", 2, "phòng", 2029) in got(text)


# ---------------------------------------------------------------------------- a row's unit in brackets
def test_an_accreditation_level_row_with_its_unit_in_brackets_reads_its_bare_levels():
    text = (GOAL + "Chỉ tiêu | Năm 2027 | Năm 2029\n"
            "Kiểm định chất lượng giáo dục (cấp độ) | 2 | 3\n"
            "Số học sinh giỏi (cấp huyện) | 10 | 12\n")
    assert [t for t in got(text) if t[1] in (2, 3)] == [("=", 2, "mức", 2027), ("=", 3, "mức", 2029)]


# ---------------------------------------------------------------------------- sentences
def test_a_rank_within_the_top_is_read_whatever_verb_comes_before_it():
    text = GOAL + "1. Đến năm 2029\n- Kết quả thi vào lớp 10 xếp hạng trong tốp 15 của tỉnh.\n"
    assert got(text) == [("<=", 15, "hạng", 2029)]


def test_a_second_bounded_count_for_whom_the_first_is_made_is_its_own_target():
    text = GOAL + "1. Năm 2027\n- Mở ít nhất 08 lớp bồi dưỡng tin học cho ít nhất 240 lượt học viên.\n"
    assert got(text) == [(">=", 8, "lớp", 2027), (">=", 240, "lượt", 2027)]


def test_a_deadline_after_a_closed_bracket_is_the_figures_own():
    text = GOAL + "1. Đến năm 2030\n- Xây dựng mới 01 trường mầm non (quy mô 300 trẻ) trước năm 2028.\n"
    assert got(text) == [("=", 1, "trường", 2027)]


def test_a_deadline_inside_a_bracket_still_open_is_not_the_figures():
    text = GOAL + "1. Đến năm 2030\n- Tỷ lệ trẻ ra lớp không dưới 97% (riêng năm 2027: 95%).\n"
    assert [t[3] for t in got(text)] == [2030, 2027]


# ---------------------------------------------------------------------------- indicator proposals
@pytest.mark.parametrize("sentence, unit", [
    ("Tỷ lệ trường tiểu học đạt chuẩn quốc gia không dưới 70%", "%"),
    ("Có ít nhất 6 trường đạt chuẩn quốc gia", "trường"),
    ("90% trường THCS có ít nhất 02 phòng học thông minh", "%"),
])
def test_no_indicator_is_proposed_whose_values_cannot_be_the_targets(sentence, unit):
    assert propose(sentence, unit, CATALOGUE).code is None


@pytest.mark.parametrize("sentence, unit, code", [
    ("Trường giữ vững chuẩn quốc gia mức độ 2", "mức", "NATIONAL_STANDARD_LEVEL"),
    ("Lắp đặt 03 phòng học thông minh", "phòng", "SMART_CLASSROOMS"),
])
def test_the_same_indicators_are_proposed_for_values_of_their_own_kind(sentence, unit, code):
    assert propose(sentence, unit, CATALOGUE).code == code

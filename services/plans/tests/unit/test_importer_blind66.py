"""Plan importer: the reading rules the blind66–68 sets called for (fixtures/plans_heldout/blind66–68, ordinary
school, ward and commune plans written by someone who never read the importer), one test per rule, on documents and
sentences written for the test (none copied from a fixture; pure, no files)."""
from __future__ import annotations

from plans.domain.importer.pdf_tables import Fragment, table_lines
from plans.domain.importer.text import _rejoin_cut_rows

from .importer_probes import GOAL, got, plan_targets


def _pieces(lines: list[tuple[float, list[tuple[float, str]]]]) -> list[Fragment]:
    return [Fragment(x, x + 5.0 * len(text), y, text, 3.0, 10.0) for y, cells in lines for x, text in cells]


# ---------------------------------------------------------------------------- a table by level cut under its headings
def test_headings_by_level_alone_at_a_page_foot_take_the_rest_the_next_page_opens_with():
    page = _pieces([(120.0, [(85.0, "4. Chỉ tiêu theo cấp học đến năm 2030")]),
                    (98.0, [(85.0, "Cấp học"), (190.0, "Tỷ lệ trẻ ra lớp"), (300.0, "Tỷ lệ đạt chuẩn"),
                            (410.0, "Tỷ lệ phòng học")]),
                    (40.0, [(300.0, "2")])])
    assert table_lines(page)[0][1] == ["Cấp học | Tỷ lệ trẻ ra lớp | Tỷ lệ đạt chuẩn | Tỷ lệ phòng học"]
    pages = ["4. Chỉ tiêu theo cấp học đến năm 2030\nCấp học | Tỷ lệ trẻ ra lớp | Tỷ lệ đạt chuẩn | Tỷ lệ phòng học",
             " | (%) | sức khỏe (%) | kiên cố (%)\nMầm non | 97 | 95 | 90\nTiểu học | 100 | 98 | 100\n"]
    joined = _rejoin_cut_rows(pages)
    assert joined[0].endswith("Cấp học | Tỷ lệ trẻ ra lớp (%) | Tỷ lệ đạt chuẩn sức khỏe (%) | Tỷ lệ phòng học kiên cố (%)")
    text = "II. MỤC TIÊU\n" + "\n".join(joined)
    assert ("=", 97, "%", 2030) in got(text) and ("=", 100, "%", 2030) in got(text)
    prose = _pieces([(98.0, [(85.0, "Cấp"), (120.0, "học"), (160.0, "mầm non tiếp tục duy trì")])])
    assert table_lines(prose) == []   # a justified line of words heads no table


# ---------------------------------------------------------------------------- a roadmap appendix before the signature
ROADMAP = ("ỦY BAN NHÂN DÂN\nPHƯỜNG ĐÔNG LÂM\nSố: 88/KH-UBND\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
           "Độc lập - Tự do - Hạnh phúc\n\nĐông Lâm, ngày 02 tháng 11 năm 2026\n\nKẾ HOẠCH\n"
           "Thực hiện Nghị quyết số 71-NQ/TW về phát triển giáo dục giai đoạn 2026 - 2030\n\n"
           "I. MỤC ĐÍCH, YÊU CẦU\nNâng cao chất lượng giáo dục trên địa bàn.\n"
           "II. MỤC TIÊU\n- 100% trẻ 5 tuổi được huy động ra lớp.\n"
           "III. TỔ CHỨC THỰC HIỆN\nCác trường xây dựng kế hoạch của đơn vị.\n\n"
           "{heading}\n- Trường Tiểu học Đông Lâm: chuẩn quốc gia mức độ 2 năm 2028.\n"
           "- Trường Mầm non Sao Mai: kiểm định chất lượng cấp độ 3 năm 2029.\n\n"
           "Nơi nhận:\n- UBND tỉnh;\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nLê Văn Bình\n")


def test_a_roadmap_appendix_before_the_signature_sets_each_school_s_targets():
    targets = plan_targets(ROADMAP.format(heading="PHỤ LỤC. LỘ TRÌNH ĐẠT CHUẨN CỦA CÁC TRƯỜNG"))
    assert ("=", 2, "mức", 2028) in targets and any(t[1] == 3 and t[3] == 2029 for t in targets)
    other = plan_targets(ROADMAP.format(heading="PHỤ LỤC. DANH SÁCH CÁN BỘ PHỤ TRÁCH CÁC TRƯỜNG"))
    assert ("=", 2, "mức", 2028) not in other   # an appendix that names no targets holds none


# ---------------------------------------------------------------------------- a start before a semicolon
def test_a_year_a_figure_is_in_force_from_is_not_the_next_clause_s():
    text = GOAL + "- 100% học sinh được học tiếng Anh từ năm học 2027 - 2028; tỷ lệ học sinh bỏ học dưới 0,5%.\n"
    assert got(text, plan_due=2030) == [("=", 100, "%", 2028), ("<", 0.5, "%", None)]


# ---------------------------------------------------------------------------- the body's text under a smaller table
def test_a_line_in_the_body_s_larger_font_under_a_table_goes_on_no_cell():
    table = [(300.0, [(85.0, "Chỉ tiêu"), (260.0, "Tiểu học"), (340.0, "THCS")]),
             (286.0, [(85.0, "Học sinh được học bơi an toàn (%)"), (260.0, "80"), (340.0, "90")])]
    under = [Fragment(85.0, 85.0 + 5.0 * len(text), y, text, 3.0, height) for y, text, height in
             [(270.0, "Trẻ em được học kỹ năng sống", 10.0), (250.0, "Lộ trình theo năm:", 13.0)]]
    small = _pieces(table) + under[:1]
    assert table_lines(small)[0][1][-1] == "Học sinh được học bơi an toàn (%) Trẻ em được học kỹ năng sống | 80 | 90"
    body = _pieces(table) + under[1:]
    assert table_lines(body)[0][1][-1] == "Học sinh được học bơi an toàn (%) | 80 | 90"

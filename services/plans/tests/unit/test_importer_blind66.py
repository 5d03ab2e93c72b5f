"""Plan importer: the reading rules the blind66–68 sets called for (fixtures/plans_heldout/blind66–68, ordinary
school, ward and commune plans written by someone who never read the importer), one test per rule, on documents and
sentences written for the test (none copied from a fixture; pure, no files)."""
from __future__ import annotations

from plans.domain.importer.pdf_tables import Fragment, table_lines
from plans.domain.importer.text import _rejoin_cut_rows

from .importer_probes import got


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

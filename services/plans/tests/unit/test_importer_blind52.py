"""Plan importer: the reading rules the blind52 set called for (fixtures/plans_heldout/blind52, Word documents using
Word's own structures: automatic numbering, tracked changes left in the file, content controls, and the PDFs
exported from them), one test per rule, on sentences and documents written for the test (none copied from a
fixture; pure, no files)."""
from __future__ import annotations

from io import BytesIO

from plans.domain.importer import extract_text, parse_plan

from .importer_probes import as_tuples
from .importer_probes import header as header_of

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


# ---------------------------------------------------------------------------- Word's structures in a .docx
def _word(paragraphs: list[tuple[str | None, str]]) -> bytes:
    """A document whose paragraphs are (list, text): list "I", "1" or "a" numbers it automatically,
    each new "1" or "a" list restarting under the level above, as a template does."""
    from docx import Document
    from docx.oxml import parse_xml

    document = Document()
    numbering = document.part.numbering_part.element
    formats = {"I": ("upperRoman", "%1."), "1": ("decimal", "%1."), "a": ("lowerLetter", "%1)")}
    abstract = {}
    for i, (kind, (fmt, text)) in enumerate(formats.items()):
        numbering.insert(0, parse_xml(
            f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="{90 + i}"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
            f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl></w:abstractNum>'))
        abstract[kind] = 90 + i
    current: dict[str, int] = {}
    next_id = 200
    for kind, text in paragraphs:
        p = document.add_paragraph(text)
        if kind is None:
            continue
        for lower, over in (("1", "I"), ("a", "I"), ("a", "1")):
            if kind == over:
                current.pop(lower, None)
        if kind not in current:
            next_id += 1
            numbering.append(parse_xml(
                f'<w:num xmlns:w="{W}" w:numId="{next_id}"><w:abstractNumId w:val="{abstract[kind]}"/>'
                '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'))
            current[kind] = next_id
        numbered = p._p.get_or_add_pPr().get_or_add_numPr()
        numbered.get_or_add_ilvl().val = 0
        numbered.get_or_add_numId().val = current[kind]
    raw = BytesIO()
    document.save(raw)
    return raw.getvalue()


def _run(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def _read(paragraphs) -> str:
    return extract_text(_word(paragraphs), "ke_hoach.docx").text


def test_automatic_numbering_is_printed_before_its_paragraph():
    text = _read([("I", "MỤC ĐÍCH"), (None, "Quán triệt Nghị quyết."), ("I", "CHỈ TIÊU"),
                  ("1", "Năm học tới"), ("a", "Một"), ("a", "Hai"), ("1", "Giai đoạn sau"), ("a", "Ba"),
                  ("I", "GIẢI PHÁP"), ("1", "Bốn")])
    assert text.splitlines() == ["I. MỤC ĐÍCH", "Quán triệt Nghị quyết.", "II. CHỈ TIÊU", "1. Năm học tới",
                                 "a) Một", "b) Hai", "2. Giai đoạn sau", "a) Ba", "III. GIẢI PHÁP", "1. Bốn"]


def test_a_past_section_known_by_its_automatic_number_gives_no_target():
    plan = parse_plan(_read([
        ("I", "KẾT QUẢ NĂM HỌC TRƯỚC"), (None, "Nhà trường có 28 lớp với 1.020 học sinh; tỷ lệ lên lớp 97,5%."),
        ("I", "CHỈ TIÊU"), ("1", "Đến năm 2030, tỷ lệ học sinh lên lớp đạt 99%."),
        ("I", "TỔ CHỨC THỰC HIỆN"), ("1", "Các tổ chuyên môn báo cáo trước ngày 20/5/2027.")]))
    assert as_tuples(plan.targets) == [("=", 99, "%", 2030)]


def _change(tag: str, text: str) -> str:
    inner = f'<w:delText xml:space="preserve">{text}</w:delText>' if tag == "del" else \
        f'<w:t xml:space="preserve">{text}</w:t>'
    return f'<w:{tag} w:id="7" w:author="Tổ trưởng" w:date="2026-10-01T08:00:00Z"><w:r>{inner}</w:r></w:{tag}>'


def _paragraph(*parts: str) -> str:
    return f"<w:p>{''.join(parts)}</w:p>"


def _read_paragraphs(*paragraphs: str) -> list[str]:
    from docx import Document
    from docx.oxml import parse_xml

    document = Document()
    for p in paragraphs:
        document.element.body.append(parse_xml(f'<w:wrap xmlns:w="{W}">{p}</w:wrap>')[0])
    raw = BytesIO()
    document.save(raw)
    return [line for line in extract_text(raw.getvalue(), "ke_hoach.docx").text.splitlines() if line]


def test_tracked_changes_left_in_the_file_read_as_accepted():
    lines = _read_paragraphs(
        _paragraph(_run("Đến năm "), _change("del", "2029"), _change("ins", "2030"),
                   _run(", tỷ lệ trẻ đi học chuyên cần "), _change("ins", "từ "), _run("95%"),
                   _change("del", " (nếu đủ kinh phí)"), _run(" trở lên.")))
    assert lines == ["Đến năm 2030, tỷ lệ trẻ đi học chuyên cần từ 95% trở lên."]


def test_a_content_control_and_a_link_read_as_their_text():
    control = ('<w:sdt><w:sdtPr><w:alias w:val="Năm học"/><w:tag w:val="nam_hoc"/></w:sdtPr>'
               f'<w:sdtContent>{_run("2027-2028")}</w:sdtContent></w:sdt>')
    link = f'<w:hyperlink w:anchor="bieu1">{_run("Biểu 1")}</w:hyperlink>'
    lines = _read_paragraphs(_paragraph(_run("CHỈ TIÊU NĂM HỌC "), control),
                             _paragraph(_run("Số liệu tại "), link, _run(" kèm theo.")))
    assert lines == ["CHỈ TIÊU NĂM HỌC 2027-2028", "Số liệu tại Biểu 1 kèm theo."]


def test_a_table_cell_reads_its_tracked_insertion():
    from docx import Document
    from docx.oxml import parse_xml

    document = Document()
    table = document.add_table(rows=2, cols=3)
    for cell, words in zip(table.rows[0].cells, ("Chỉ tiêu", "Năm 2027", "Năm 2030")):
        cell.text = words
    table.rows[1].cells[0].text = "Phòng học bộ môn (phòng)"
    table.rows[1].cells[1].text = "4"
    cell = table.rows[1].cells[2]._tc
    cell.remove(cell.find(f"{{{W}}}p"))
    cell.append(parse_xml(f'<w:wrap xmlns:w="{W}">{_paragraph(_change("del", "6"), _change("ins", "8"))}'
                          '</w:wrap>')[0])
    raw = BytesIO()
    document.save(raw)
    assert "Phòng học bộ môn (phòng) | 4 | 8" in extract_text(raw.getvalue(), "bieu.docx").text


# ---------------------------------------------------------------------------- a framed header drawn after the body
def _first_page(header: str) -> str:
    return ("KẾ HOẠCH\nTriển khai các nhiệm vụ giáo dục năm học 2027-2028\n"
            "Căn cứ Kế hoạch số 90/KH-UBND ngày 01/8/2027 của UBND xã;\nI. MỤC TIÊU\n"
            "1. Tỷ lệ trẻ 5 tuổi ra lớp đạt 100%.\n"
            "1 Số liệu điều tra phổ cập năm 2027.\n" + header)


def test_a_header_in_frames_printed_after_the_first_page_goes_back_to_the_top():
    from plans.domain.importer.text import _framed_header_first

    for header in ("PHÒNG GIÁO DỤC\nTRƯỜNG MẦM NON HOA SEN\nSố: 15/KH-MNHS\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                   "Độc lập - Tự do - Hạnh phúc\nBình Minh, ngày 02 tháng 9 năm 2027\n",
                   "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                   "Bình Minh, ngày 02 tháng 9 năm 2027\nUBND XÃ BÌNH MINH\nTRƯỜNG MẦM NON HOA\nSEN\nSố: 15/KH-MNHS"):
        lines = _framed_header_first(_first_page(header)).split("\n")
        assert lines[:len(header.strip().split("\n"))] == header.strip().split("\n")
        assert lines[len(header.strip().split("\n"))] == "KẾ HOẠCH"
        assert lines[-1] == "1 Số liệu điều tra phổ cập năm 2027."


def test_a_header_already_on_top_or_a_motto_quoted_in_the_body_stays_where_it_is():
    from plans.domain.importer.text import _framed_header_first

    on_top = ("UBND XÃ BÌNH MINH\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
              "KẾ HOẠCH\n1. Tỷ lệ trẻ 5 tuổi ra lớp đạt 100%.\nNƠI NHẬN\n")
    assert _framed_header_first(on_top) == on_top
    quoted = _first_page("2. Tuyên truyền ý nghĩa Quốc hiệu CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM.\n")
    assert _framed_header_first(quoted) == quoted


# ---------------------------------------------------------------------------- a title's school year cut at a line end
def test_a_school_year_cut_after_its_hyphen_in_the_title_is_one_word_again():
    text = ("UBND XÃ AN BÌNH\nTRƯỜNG TIỂU HỌC AN BÌNH\nSố: 21/KH-THAB\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Độc lập - Tự do - Hạnh phúc\nAn Bình, ngày 05 tháng 9 năm 2027\nKẾ HOẠCH\n"
            "Nâng cao chất lượng dạy học tiếng Anh năm học 2027-\n2028\n"
            "Căn cứ Kế hoạch số 40/KH-UBND ngày 20/8/2027 của UBND xã;\nI. MỤC TIÊU\n"
            "1. Tỷ lệ học sinh lớp 5 đạt chuẩn tiếng Anh đạt 80%.\n")
    assert header_of(text, ("title",))["title"] == "Nâng cao chất lượng dạy học tiếng Anh năm học 2027-2028"


# ---------------------------------------------------------------------------- a footnote that states a target
_PLAN_HEAD = ("UBND XÃ TÂN LẬP\nTRƯỜNG THCS TÂN LẬP\nSố: 30/KH-THCSTL\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
              "Độc lập - Tự do - Hạnh phúc\nTân Lập, ngày 10 tháng 9 năm 2027\nKẾ HOẠCH\n"
              "Thực hiện Nghị quyết số 71-NQ/TW giai đoạn 2027 - 2030\nI. MỤC TIÊU\n")
_SIGNED = "III. TỔ CHỨC THỰC HIỆN\nHiệu trưởng chỉ đạo chung.\nNơi nhận:\n- Lưu: VT.\nHIỆU TRƯỞNG\nNguyễn Văn Bình\n"


def test_a_footnote_stating_a_target_is_read_where_its_marker_stands():
    from .importer_probes import plan_targets

    for first, second, notes in (
            ("Học sinh lên lớp đạt 97%1;", "học sinh bỏ học dưới 0,5%.",
             "\n1 Trong đó học sinh khuyết tật học hòa nhập lên lớp đạt ít nhất 90%.\n"
             "2 Theo Thông tư số 32/2020/TT-BGDĐT, mỗi lớp có không quá 45 học sinh.\n"),
            ("Học sinh lên lớp đạt 97%[1];", "học sinh bỏ học dưới 0,5%.",
             "\n[1] Trong đó học sinh khuyết tật học hòa nhập lên lớp đạt ít nhất 90%.\n"
             "[2] Theo Thông tư số 32/2020/TT-BGDĐT, mỗi lớp có không quá 45 học sinh.\n")):
        text = (_PLAN_HEAD + "1. Năm học 2027-2028\n- Có 02 phòng học bộ môn mới.\n2. Đến năm 2030\n- " + first + "\n"
                + second + "\n- Sĩ số không quá 40 học sinh/lớp2.\nII. NHIỆM VỤ\n1. Sửa chữa 3 phòng học.\n"
                + _SIGNED + notes)
        assert sorted(plan_targets(text)) == sorted([
            ("=", 2.0, "phòng", 2028), ("=", 97.0, "%", 2030), ("<", 0.5, "%", 2030), (">=", 90.0, "%", 2030),
            ("<=", 40.0, "học sinh/lớp", 2030)])


def test_a_footnote_at_a_page_foot_goes_back_to_its_marker_not_to_the_part_after_it():
    from plans.domain.importer.lines import tidy

    page = ("2. Đến năm 2030\n- 100% trẻ 5 tuổi hoàn thành chương trình mầm non1.\n3. Năm học 2027-2028\n"
            "1 Phấn đấu ít nhất 95% trẻ em dân tộc thiểu số 5 tuổi được tăng cường tiếng Việt; năm 2026\n"
            "đạt 82%.\n- Trẻ mẫu giáo ra lớp đạt 98%.\n")
    assert tidy(page).split("\n")[:4] == [
        "2. Đến năm 2030", "- 100% trẻ 5 tuổi hoàn thành chương trình mầm non1.",
        "Phấn đấu ít nhất 95% trẻ em dân tộc thiểu số 5 tuổi được tăng cường tiếng Việt; năm 2026 đạt 82%.",
        "3. Năm học 2027-2028"]
    source = "- Tỷ lệ trẻ ra lớp đạt 98%1.\n1 Số liệu theo Kế hoạch số 12/KH-UBND của xã.\n"
    assert tidy(source) == source   # a footnote naming a source is a note: it stays where it was printed


# ---------------------------------------------------------------------------- a part's number lost in a paste
def test_a_situation_heading_in_capitals_without_its_number_describes_up_to_the_next_heading():
    from .importer_probes import plan_targets

    text = (_PLAN_HEAD.replace("I. MỤC TIÊU\n", "") + "THỰC TRẠNG\n"
            "Năm học 2026-2027 trường có 18 lớp với 640 học sinh; tỷ lệ học sinh lên lớp năm 2027 đạt 96,2%.\n"
            "CHỈ TIÊU ĐẾN NĂM 2030\nHọc sinh lên lớp đạt 98%.\nCó 04 phòng học bộ môn.\n"
            "NHIỆM VỤ, GIẢI PHÁP\nTổ chức phụ đạo học sinh yếu 2 buổi/tuần.\n" + _SIGNED)
    assert sorted(plan_targets(text)) == [("=", 4.0, "phòng", 2030), ("=", 98.0, "%", 2030)]


# ---------------------------------------------------------------------------- a PDF row's values under its wrapped label
def test_a_wrapped_label_with_its_values_on_the_line_under_it_is_one_row():
    from .importer_probes import GOAL, got

    text = (GOAL + "Bảng chỉ tiêu:\nNội dung Năm 2028 Năm 2030\nTrẻ đi học chuyên cần 94% 96%\n"
            "Trẻ được làm quen với\nngoại ngữ\n40% 65%\nTrẻ suy dinh dưỡng dưới 6% dưới 4%\nIII. GIẢI PHÁP\n")
    assert got(text, plan_year=2027) == [
        ("=", 94.0, "%", 2028), ("=", 96.0, "%", 2030), ("=", 40.0, "%", 2028), ("=", 65.0, "%", 2030),
        ("<", 6.0, "%", 2028), ("<", 4.0, "%", 2030)]


# ---------------------------------------------------------------------------- a table drawn inside another's cell
def _pieces(lines: list[tuple[float, list[tuple[float, str]]]]):
    from plans.domain.importer.pdf_tables import Fragment

    return [Fragment(x, x + 5.0 * len(text), y, text, 3.0, 10.0) for y, cells in lines for x, text in cells]


def test_a_table_inside_a_cell_keeps_its_headings_and_rows_apart_from_the_outer_table_s():
    from plans.domain.importer.pdf_tables import table_lines

    outer, inner, years, who = 80.0, 245.0, (350.0, 420.0), 500.0
    fragments = _pieces([
        (527.0, [(outer, "Lĩnh vực"), (240.0, "Chỉ tiêu theo năm"), (who, "Phụ trách")]),
        (511.0, [(outer, "Mầm non"), (who, "Tổ")]),
        (499.0, [(who, "mầm non")]),
        (487.0, [(inner, "Nội dung"), (years[0], "Năm 2028"), (years[1], "Năm 2030")]),
        (466.0, [(inner, "Trẻ ăn bán trú"), (years[0], "92%"), (years[1], "98%")]),
        (445.0, [(inner, "Trẻ biết bơi"), (years[0], "30%"), (years[1], "50%")]),
        (424.0, [(outer, "Tiểu học"), (who, "Tổ")]),
        (412.0, [(who, "tiểu học")]),
        (400.0, [(inner, "Nội dung"), (years[0], "Năm 2028"), (years[1], "Năm 2030")]),
        (379.0, [(inner, "Học sinh biết bơi"), (years[0], "60%"), (years[1], "80%")])])
    assert [row for _, rows in table_lines(fragments) for row in rows] == [
        "Lĩnh vực | Chỉ tiêu theo năm |  |  | Phụ trách", "Mầm non |  |  |  | Tổ mầm non",
        " | Nội dung | Năm 2028 | Năm 2030 | ", " | Trẻ ăn bán trú | 92% | 98% | ", " | Trẻ biết bơi | 30% | 50% | ",
        "Tiểu học |  |  |  | Tổ tiểu học", " | Nội dung | Năm 2028 | Năm 2030 | ", " | Học sinh biết bơi | 60% | 80% | "]


def test_a_table_inside_a_cell_is_read_under_its_own_year_headings():
    from .importer_probes import GOAL, got

    text = (GOAL + "Lĩnh vực | Chỉ tiêu theo năm |  |  | Phụ trách\nMầm non |  |  |  | Tổ mầm non\n"
            " | Nội dung | Năm 2028 | Năm 2030 | \n | Trẻ ăn bán trú | 92% | 98% | \n"
            "Tiểu học |  |  |  | Tổ tiểu học\n | Nội dung | Năm 2028 | Năm 2030 | \n"
            " | Học sinh biết bơi | từ 60% trở lên | 80% | \nIII. GIẢI PHÁP\n")
    assert got(text, plan_year=2027) == [("=", 92.0, "%", 2028), ("=", 98.0, "%", 2030), (">=", 60.0, "%", 2028),
                                         ("=", 80.0, "%", 2030)]
    # the first row's cell under the last heading, joined to it by the PDF, names who carries the rows out
    text = (GOAL + "Chỉ tiêu | Năm 2028 | Năm 2030 | Chủ trì Tổ chuyên môn\nTrẻ biết bơi | 30% | 50% | \n"
            "Trẻ ăn bán trú | 92% | 98% | \nIII. GIẢI PHÁP\n")
    assert got(text, plan_year=2027) == [("=", 30.0, "%", 2028), ("=", 50.0, "%", 2030), ("=", 92.0, "%", 2028),
                                         ("=", 98.0, "%", 2030)]


# ---------------------------------------------------------------------------- a table's headings alone at a page's foot
def test_headings_alone_at_a_page_s_foot_are_a_row_the_next_page_s_rest_of_cells_goes_back_into():
    from plans.domain.importer.pdf_tables import table_lines
    from plans.domain.importer.text import _rejoin_cut_rows

    page = _pieces([(120.0, [(85.0, "Chỉ tiêu cụ thể theo khối lớp:")]),
                    (98.0, [(85.0, "Nội dung"), (170.0, "ĐVT"), (230.0, "Năm học 2026-"), (330.0, "Lớp 6"),
                            (400.0, "Lớp 9")]),
                    (40.0, [(300.0, "3")])])
    assert table_lines(page)[0][1] == ["Nội dung | ĐVT | Năm học 2026- | Lớp 6 | Lớp 9"]
    pages = ["Chỉ tiêu cụ thể theo khối lớp:\nNội dung | ĐVT | Năm học 2026- | Lớp 6 | Lớp 9",
             " |  | 2027 |  | \nHọc sinh biết bơi | % | 60 | 85\n"]
    assert _rejoin_cut_rows(pages)[0].endswith("Nội dung | ĐVT | Năm học 2026- 2027 | Lớp 6 | Lớp 9")
    prose = _pieces([(98.0, [(85.0, "Phối hợp"), (170.0, "với"), (230.0, "Ban đại diện cha mẹ học sinh")])])
    assert table_lines(prose) == []   # a line of words spaced out to the margin heads no table


# ---------------------------------------------------------------------------- words a fixed-width PDF cut at a line end
def test_a_line_end_between_two_whole_syllables_stays_a_space_where_a_pdf_cuts_words():
    from plans.domain.importer.text import _rejoin_cut_words

    text = ("Kế hoạch thực hiện Nghị quyết của Bộ Chính\ntrị giai đoạn 2026 - 2030\n"
            "Học sinh đạt mức đ\nộ 2 về kỹ năng s\nống; tăng cường ứng dụng công n\nghệ.")
    assert _rejoin_cut_words(text) == ("Kế hoạch thực hiện Nghị quyết của Bộ Chính\ntrị giai đoạn 2026 - 2030\n"
                                       "Học sinh đạt mức độ 2 về kỹ năng sống; tăng cường ứng dụng công nghệ.")

"""Plan importer: the reading rules the blind34 set called for (fixtures/plans_heldout/blind34, plans as they leave
electronic document systems), one test per rule, on texts written for the test (none copied from a fixture; pure,
no files)."""
from __future__ import annotations

from plans.domain.importer.parse import parse_plan
from plans.domain.importer.text import _without_running_lines, extract_text

from .importer_probes import GOAL, got

CLOSING = ("Nơi nhận:\n"
           "- Phòng GD&ĐT (b/c);\n"
           "- Lưu: VT.\n"
           "KT. HIỆU TRƯỞNG\n"
           "PHÓ HIỆU TRƯỞNG\n")


def _read(text: str):
    return parse_plan(extract_text(text.encode("utf-8"), "kh.txt").text)


# ---------------------------------------------------------------------------- a digital signature's stamp
def test_a_signature_stamp_between_the_position_and_the_name_is_no_part_of_the_block():
    plan = _read(GOAL + "- 100% học sinh được học 2 buổi/ngày.\n" + CLOSING
                 + "Ký bởi: Lê Văn Bình\nThời gian ký: 03.11.2026 08:12:45 +07:00\nLê Văn Bình\n")
    assert (plan.signer_title.value, plan.signer.value) == ("PHÓ HIỆU TRƯỞNG", "Lê Văn Bình")


def test_a_stamp_on_one_line_with_its_agency_and_e_mail_is_dropped_whole():
    plan = _read(GOAL + "- 100% học sinh được học 2 buổi/ngày.\n" + CLOSING
                 + "Ký bởi: Lê Văn Bình | Cơ quan: Trường THCS An Hòa | Email: lvbinh@anhoa.edu.vn | Thời gian ký: "
                 + "03.11.2026 08:12:45 +07:00\nLê Văn Bình\n")
    assert (plan.signer_title.value, plan.signer.value) == ("PHÓ HIỆU TRƯỞNG", "Lê Văn Bình")


def test_a_stamp_wrapped_over_lines_goes_up_to_its_signing_time_and_no_further():
    text = extract_text(("Ký  bởi:  Trường THCS An Hòa  |  Cơ quan:  Huyện An Hòa  |  Thời gian\n"
                         "ký: 03.11.2026 08:12:45 +07:00\n" + GOAL + "- 100% học sinh được học 2 buổi/ngày.\n")
                        .encode("utf-8"), "kh.txt").text
    assert "Thời gian" not in text and "08:12:45" not in text
    assert "100% học sinh được học 2 buổi/ngày" in text


def test_a_line_opening_a_stamp_without_its_time_drops_itself_only():
    text = extract_text(("Ký bởi: Trường THCS An Hòa\n" + GOAL + "- 100% học sinh được học 2 buổi/ngày.\n")
                        .encode("utf-8"), "kh.txt").text
    assert "Ký bởi" not in text and "MỤC TIÊU" in text


# ---------------------------------------------------------------------------- a page's running number
def test_running_page_numbers_and_titles_closing_on_them_are_dropped():
    text = (GOAL + "- Đến năm 2028, 95% học sinh được học 2 buổi/ngày.\n"
            "Trường THCS An Hòa - Kế hoạch số 12/KH-THCS - Trang 2/3\n"
            "- Đến năm 2028, 100% giáo viên đạt chuẩn trình độ đào tạo.\n"
            "Trang 3/3\n")
    kept = extract_text(text.encode("utf-8"), "kh.txt").text
    assert "Trang" not in kept
    assert got(kept) == [("=", 95, "%", 2028), ("=", 100, "%", 2028)]


def test_a_sentence_naming_a_page_is_kept():
    text = GOAL + "- Xem phụ lục ở Trang 2/3 kèm theo, 95% học sinh được học 2 buổi/ngày.\n"
    assert "Trang 2/3" in extract_text(text.encode("utf-8"), "kh.txt").text


# ---------------------------------------------------------------------------- a running title over every page
PAGES = ["UBND XÃ AN HÒA\nTRƯỜNG TIỂU HỌC AN HÒA\n" + GOAL + "- Đến năm 2028, 95% học sinh được học 2 buổi/ngày.",
         "Trường Tiểu học An Hòa - Kế hoạch số 87/KH-TH\n- Đến năm 2028, 100% giáo viên đạt chuẩn trình độ đào tạo.",
         "Trường Tiểu học An Hòa - Kế hoạch số 87/KH-TH\nNơi nhận:\n- Lưu: VT."]


def test_a_line_opening_every_page_after_the_first_is_a_running_title():
    kept = _without_running_lines(PAGES)
    assert not any("Kế hoạch số 87" in page for page in kept)
    assert "100% giáo viên" in kept[1] and "Nơi nhận" in kept[2] and kept[0] == PAGES[0]


def test_a_line_opening_some_pages_only_is_the_plans_own():
    pages = PAGES + ["- Đến năm 2028, 100% trường có thư viện đạt chuẩn."]
    assert _without_running_lines(pages) == pages


def test_a_tables_heading_repeated_on_every_page_is_kept():
    heading = "TT | Chỉ tiêu | Năm 2027 | Năm 2030"
    pages = [GOAL + heading + "\n1 | Tỷ lệ trẻ ra lớp (%) | 95 | 98"] + [heading + "\n2 | Tỷ lệ trẻ học 2 buổi/ngày (%) | 90 | 100"] * 2
    assert _without_running_lines(pages) == pages

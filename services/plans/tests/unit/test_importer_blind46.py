"""Plan importer: the reading rules the blind46 set called for (fixtures/plans_heldout/blind46: plans copied from web
pages, forwarded in e-mails, printed from a browser; written by someone who never read the importer), one test per
rule, on pages, messages and sentences written for the test (none copied from a fixture; pure, no files)."""
from __future__ import annotations

import pytest

from plans.domain.importer.parse import parse_plan
from plans.domain.importer.text import without_page_furniture

from .importer_probes import GOAL, got, header

HEAD = ("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO\n"
        "TRƯỜNG TRUNG HỌC CƠ SỞ NAM SƠN\n"
        "Số: 31/KH-THCSNS\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Độc lập - Tự do - Hạnh phúc\n"
        "Nam Sơn, ngày 09 tháng 10 năm 2026\n"
        "KẾ HOẠCH\n"
        "Triển khai Nghị quyết số 71-NQ/TW trong nhà trường năm học 2026 - 2027\n"
        "Căn cứ Nghị quyết số 71-NQ/TW ngày 22/8/2025 của Bộ Chính trị;\n")
BODY = (GOAL + "- Tỷ lệ học sinh bỏ học dưới 0,5%.\n"
        "III. TỔ CHỨC THỰC HIỆN\n"
        "Các tổ chuyên môn triển khai kế hoạch.\n"
        "Nơi nhận:\n"
        "- Phòng GD&ĐT;\n"
        "- Lưu: VT.\n"
        "HIỆU TRƯỞNG\n"
        "Đào Minh Khôi\n")
WANT = {"superior": "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "issuer": "TRƯỜNG TRUNG HỌC CƠ SỞ NAM SƠN",
        "number_symbol": "31/KH-THCSNS", "place": "Nam Sơn",
        "title": "Triển khai Nghị quyết số 71-NQ/TW trong nhà trường năm học 2026 - 2027"}
SIGNATURE = ("signer_title", "signer")


# ---------------------------------------------------------------------------- a page's and a message's furniture
PORTAL = ("CỔNG THÔNG TIN ĐIỆN TỬ TRƯỜNG THCS NAM SƠN\n"
          "Trang chủ\tGiới thiệu\tTin tức\tVăn bản\tLiên hệ\n"
          "Trang chủ » Văn bản » Kế hoạch\n"
          "KẾ HOẠCH TRIỂN KHAI NGHỊ QUYẾT 71 NĂM HỌC 2026 - 2027\n"
          "Đăng lúc: 10/10/2026 14:05 | Lượt xem: 318\n")
MESSAGE = ("Từ: Đào Minh Khôi <khoidm.thcsnamson@gmail.com>\n"
           "Chủ đề: Fwd: Kế hoạch NQ71 trường THCS Nam Sơn\n"
           "Kính gửi: Phòng Giáo dục và Đào tạo\n"
           "Trường em gửi kế hoạch, bản ký số gửi sau ạ.\n"
           "---------- Forwarded message ---------\n")


@pytest.mark.parametrize("above", [PORTAL, MESSAGE], ids=["portal", "message"])
def test_what_a_page_or_a_message_puts_above_the_header_is_not_the_plan(above):
    assert header(above + HEAD + BODY) == WANT


def test_a_portals_banner_is_no_superior_of_a_body_that_names_none():
    text = ("CỔNG THÔNG TIN ĐIỆN TỬ PHƯỜNG NAM SƠN\nBạn đang ở: Trang chủ > Văn bản\n"
            + HEAD.replace("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO\n", "").replace("TRƯỜNG TRUNG HỌC CƠ SỞ NAM SƠN", "ỦY BAN NHÂN DÂN\nPHƯỜNG NAM SƠN")
            + BODY)
    assert header(text) == {**WANT, "superior": None, "issuer": "ỦY BAN NHÂN DÂN PHƯỜNG NAM SƠN"}


def test_a_plan_with_nothing_above_its_header_reads_as_before():
    assert header(HEAD + BODY) == WANT


def test_a_mail_field_under_the_header_is_not_furniture_above_it():
    # the furniture must stand above the motto or the number: a line of the plan's own below them is kept
    text = HEAD.replace("Căn cứ", "Cc: Phòng GD&ĐT.\nCăn cứ") + BODY
    assert header(text)["issuer"] == WANT["issuer"]


@pytest.mark.parametrize("tail", [
    "--\nĐào Minh Khôi\nHiệu trưởng Trường THCS Nam Sơn\nĐT: 0912 345 678\n",
    "\nVào Th 6, 9 thg 10, 2026 vào lúc 15:02 Phòng GD&ĐT <pgd@example.vn> đã viết:\n> Đề nghị gửi lại kế hoạch.\n"
    "> Trân trọng.\nNguyễn Văn Hải\n",
    "-- \nĐào Minh Khôi\n\nOn Fri, Oct 9, 2026 at 3:02 PM Phòng GD&ĐT wrote:\n> Gửi lại giúp nhé.\n",
], ids=["signature", "quoted-reply", "both"])
def test_a_messages_signature_or_quoted_reply_after_the_plan_leaves_the_plans_signature(tail):
    plan = parse_plan(HEAD + BODY + tail)
    assert (plan.signer_title.value, plan.signer.value) == ("HIỆU TRƯỞNG", "Đào Minh Khôi")


def test_a_browsers_printed_footer_is_dropped_and_the_lines_around_it_kept():
    text = "- Tỷ lệ học sinh lên lớp\nhttps://thcsnamson.edu.vn/van-ban/ke-hoach-71.html     2/3\nđạt 98%.\n"
    assert without_page_furniture(text) == "- Tỷ lệ học sinh lên lớp\nđạt 98%.\n"
    # an address in the plan's prose stays
    kept = "Cập nhật dữ liệu tại https://csdl.moet.gov.vn 2 lần/năm.\n"
    assert without_page_furniture(kept) == kept


def test_a_date_in_the_subject_cut_at_its_slash_is_one_date():
    text = HEAD.replace("Triển khai Nghị quyết số 71-NQ/TW trong nhà trường năm học 2026 - 2027",
                        "Triển khai Nghị quyết số 71-NQ/TW ngày 22\n/8/2025 của Bộ Chính trị") + BODY
    assert header(text)["title"] == "Triển khai Nghị quyết số 71-NQ/TW ngày 22/8/2025 của Bộ Chính trị"


# ---------------------------------------------------------------------------- the size of the school year under way
SIZE = GOAL + "Năm học 2026 - 2027, nhà trường có 28 lớp với 1.050 học sinh. Tỷ lệ học sinh bỏ học dưới 0,5%.\n"


def test_what_the_school_has_in_the_school_year_under_way_is_its_size_not_a_target():
    assert got(SIZE, plan_year=2026, plan_month=10) == [("<", 0.5, "%", 2027)]


def test_before_the_school_year_begins_its_size_is_planned():
    # issued in May, before the school year's classes are formed: the size is what the plan sets
    assert got(SIZE, plan_year=2026, plan_month=5) == [("=", 28, "lớp", 2027), ("=", 1050, "học sinh", 2027),
                                                       ("<", 0.5, "%", 2027)]


@pytest.mark.parametrize("verb", ["phấn đấu có", "sẽ có"])
def test_a_size_aimed_at_in_the_school_year_under_way_is_a_target(verb):
    text = SIZE.replace("nhà trường có", f"nhà trường {verb}")
    assert ("=", 28, "lớp", 2027) in got(text, plan_year=2026, plan_month=10)

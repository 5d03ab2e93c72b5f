"""Plan importer: rules on running text (sentences, clauses, horizons, header) that plans written without reading the
importer called for, each on sentences written for the test in several wordings another writer would use (other verbs
and word orders, no diacritics, typos); pure, no files."""
from __future__ import annotations

import pytest

from plans.domain.importer.parse import parse_plan

from .importer_probes import GOAL, got, plan_targets


HEAD = ("TRƯỜNG THCS AN BÌNH\nSố: 12/KH-THCS\nAn Bình, ngày 10 tháng 9 năm 2026\n\nKẾ HOẠCH\n{title}\n\n"
        "I. MỤC ĐÍCH, YÊU CẦU\nNâng cao chất lượng.\nII. MỤC TIÊU\n{body}\nIII. GIẢI PHÁP\nTăng cường kiểm tra.\n"
        "\nHIỆU TRƯỞNG\n\nNguyễn Văn An\n")


def targets(title: str, body: str) -> list[tuple]:
    return plan_targets(HEAD.format(title=title, body=body))


@pytest.mark.parametrize("title", [
    "Nâng cao chất lượng giáo dục giai đoạn 2026 - 2030",
    "Phát triển nhà trường giai đoạn 2026-2030, tầm nhìn đến năm 2035",
    "Phat trien nha truong giai doan 2026 – 2030, tam nhin 2035",
    "Chiến lược phát triển trường (2026 - 2030) định hướng đến năm 2035",
])
def test_a_target_without_a_year_is_due_by_the_end_of_the_period_the_subject_names(title):
    body = "1. Tỷ lệ học sinh lên lớp từ 98% trở lên.\n2. Mỗi năm có ít nhất 05 giải học sinh giỏi cấp tỉnh.\n"
    assert targets(title, body) == [(">=", 98.0, "%", 2030), (">=", 5.0, "giải", 2030)]


@pytest.mark.parametrize("title, year", [
    ("Thực hiện nhiệm vụ năm học 2026 - 2027", 2027),
    ("Tuyển sinh năm 2027", 2027),
    ("Phòng chống bỏ học đến năm 2028", 2028),
])
def test_a_school_year_or_a_single_year_of_the_subject_still_gives_the_horizon(title, year):
    assert targets(title, "1. Tỷ lệ học sinh lên lớp từ 98% trở lên.\n") == [(">=", 98.0, "%", year)]


def test_a_subject_naming_two_periods_gives_no_horizon():
    title = "Kế hoạch giai đoạn 2026 - 2030 và điều chỉnh giai đoạn 2021 - 2025"
    assert targets(title, "1. Tỷ lệ học sinh lên lớp từ 98% trở lên.\n") == [(">=", 98.0, "%", None)]


NEXT = "III. GIẢI PHÁP\nTăng cường kiểm tra.\n"


@pytest.mark.parametrize("line, want", [
    ("- Trường đạt chuẩn quốc gia mức độ 1 trước năm 2029.", ("=", 1.0, "mức", 2028)),
    ("- Trước năm 2028, nhà trường có ít nhất 02 phòng học bộ môn.", (">=", 2.0, "phòng", 2027)),
    ("- Hoan thanh 20 phong hoc thong minh truoc nam 2030.", ("=", 20.0, "phòng", 2029)),
    ("- Đưa 30 phòng học mới vào sử dụng trước năm học 2028 - 2029.", ("=", 30.0, "phòng", 2028)),
    ("- Trước năm học 2027-2028 có 100% lớp học được trang bị máy chiếu.", ("=", 100.0, "%", 2027)),
])
def test_a_deadline_before_a_year_is_the_end_of_the_year_before(line, want):
    assert got(GOAL + line + "\n" + NEXT, plan_year=2026) == [want]


def test_a_deadline_by_a_year_is_that_year():
    assert got(GOAL + "- Đến năm 2029 trường đạt chuẩn quốc gia mức độ 1.\n" + NEXT, plan_year=2026) == \
        [("=", 1.0, "mức", 2029)]


@pytest.mark.parametrize("heading", [
    "1. Mục tiêu (thời gian từ 01/9 đến 30/9/2026)",
    "1. Mục tiêu (từ ngày 01/9/2026 đến ngày 30/9/2026)",
    "1. Muc tieu: tu 15/8 den het 15/9/2026",
    "1. Chỉ tiêu đến hết tháng 12/2026",
    "Mục tiêu đến 31/12/2026:",
])
def test_a_headings_time_span_ending_on_a_date_gives_its_lines_that_dates_year(heading):
    text = heading + "\n- Huy động 100% trẻ 6 tuổi vào lớp 1, trẻ 5 tuổi ra lớp đạt ít nhất 99,5%.\n"
    assert got(text, plan_year=2026, plan_horizon=2027) == [("=", 100.0, "%", 2026), (">=", 99.5, "%", 2026)]


DRAFT = ("{left}{gap}CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n{second}\n{mark}\nKẾ HOẠCH\nTổ chức tháng cao điểm vận động học sinh ra lớp\n"
         "1. Mục tiêu\n- Huy động 100% trẻ 6 tuổi vào lớp 1.\n")


@pytest.mark.parametrize("left, second, mark, issuer", [
    ("ỦY BAN NHÂN DÂN", "XÃ QUẢNG TRỰC", "(DỰ THẢO)", "ỦY BAN NHÂN DÂN XÃ QUẢNG TRỰC"),
    ("UBND XÃ AN HÀ", "TRƯỜNG THCS AN HÀ", "DỰ THẢO", "TRƯỜNG THCS AN HÀ"),
    ("UY BAN NHAN DAN", "XA DAK NHAU", "(Du thao lan 2)", "UY BAN NHAN DAN XA DAK NHAU"),
    ("ỦY BAN NHÂN DÂN", "PHƯỜNG TÂN ĐỊNH", "(Dự thảo 3)", "ỦY BAN NHÂN DÂN PHƯỜNG TÂN ĐỊNH"),
    ("ỦY BAN NHÂN DÂN", "PHƯỜNG NGÔ QUYỀN", "(BẢN DỰ THẢO)", "ỦY BAN NHÂN DÂN PHƯỜNG NGÔ QUYỀN"),
])
def test_a_drafts_mark_under_the_header_is_no_part_of_the_issuers_name(left, second, mark, issuer):
    plan = parse_plan(DRAFT.format(left=left, gap="        ", second=second, mark=mark))
    assert plan.issuer.value == issuer


@pytest.mark.parametrize("kind", ["KẾ HOẠCH CHIẾN LƯỢC", "KẾ HOẠCH  CHIẾN LƯỢC", "KE HOACH CHIEN LUOC"])
def test_a_strategic_plans_kind_is_no_part_of_its_subject(kind):
    text = ("TRƯỜNG THPT TUỆ ĐỨC\nSố: 31/KH-TĐ\n\n" + kind + "\nPhát triển nhà trường giai đoạn 2026 - 2030, tầm nhìn "
            "đến năm 2035\nCăn cứ Nghị quyết số 71-NQ/TW;\nI. MỤC TIÊU\n- Tỷ lệ học sinh lên lớp đạt 99%.\n")
    assert parse_plan(text).title.value == "Phát triển nhà trường giai đoạn 2026 - 2030, tầm nhìn đến năm 2035"


NOTICE = ("TRƯỜNG TIỂU HỌC YÊN BIÊN\nSố: 38/KH-THYB\n\nKẾ HOẠCH\nDạy học Tiếng Anh cho học sinh lớp 3, 4, 5 năm học 2026 - 2027\n"
          "{status}\n{opening}\n{items}\nNhà trường đề nghị cha mẹ học sinh phối hợp.\n")


@pytest.mark.parametrize("status, opening", [
    ("Năm học 2026 - 2027, nhà trường có 14 lớp 3, 4, 5 với 452 học sinh; 03 giáo viên Tiếng Anh.", "Chỉ tiêu năm học:"),
    ("Nhà trường có 14 lớp, 452 học sinh, 03 giáo viên Tiếng Anh và 01 phòng máy.", "Các chỉ tiêu cụ thể như sau:"),
    ("Nam hoc nay truong co 14 lop voi 452 hoc sinh, 03 giao vien Tieng Anh.", "Muc tieu phan dau:"),
    ("Toàn trường có 14 lớp 3, 4, 5 (452 học sinh), 03 giáo viên Tiếng Anh.", "Chỉ tiêu năm học 2026 - 2027:"),
])
def test_a_line_naming_the_targets_in_a_plan_without_parts_opens_them(status, opening):
    items = "a) 100% học sinh được học Tiếng Anh;\nb) ít nhất 85% học sinh lớp 5 đạt mức Hoàn thành trở lên."
    text = NOTICE.format(status=status, opening=opening, items=items)
    assert [t[:3] for t in plan_targets(text)] == [("=", 100.0, "%"), (">=", 85.0, "%")]
    assert {t[3] for t in plan_targets(text)} == {2027}


PARTS = ("TRƯỜNG THPT AN LẠC\nSố: 09/KH-THPT\n\nKẾ HOẠCH CHIẾN LƯỢC\nPhát triển nhà trường giai đoạn 2026 - 2030\n\n"
         "{one} BỐI CẢNH VÀ THỰC TRẠNG\nI. Thực trạng\nNăm học 2025 - 2026 trường có 36 lớp, tỷ lệ tốt nghiệp đạt 97%.\n"
         "II. Phân tích môi trường\nCơ hội lớn, thách thức nhiều.\n"
         "{three} MỤC TIÊU\nI. Mục tiêu chung\nXây dựng nhà trường phát triển bền vững.\nII. Mục tiêu cụ thể\n"
         "1. Tỷ lệ học sinh tốt nghiệp THPT đạt 99%.\n2. Đến năm 2028 có ít nhất 08 phòng học bộ môn.\n"
         "{four} CÁC GIẢI PHÁP\nI. Phát triển chương trình\nMỗi khối lớp có ít nhất 4 dự án STEM mỗi năm học.\n"
         "II. Tài chính\nTrích tối thiểu 5% tổng thu hằng năm lập quỹ học bổng.\n\nHIỆU TRƯỞNG\n\nLê Văn Bình\n")


@pytest.mark.parametrize("one, three, four", [
    ("PHẦN THỨ NHẤT.", "PHẦN THỨ BA.", "PHẦN THỨ TƯ."),
    ("PHẦN I -", "PHẦN III -", "PHẦN IV -"),
    ("PHAN THU NHAT:", "PHAN THU BA:", "PHAN THU TU:"),
    ("PHẦN 1.", "PHẦN 3.", "PHẦN 4."),
])
def test_a_plan_in_parts_takes_its_targets_from_the_part_on_targets_whole(one, three, four):
    plan = parse_plan(PARTS.format(one=one, three=three, four=four))
    assert [(t.comparator.value, t.value.value, t.unit.value, t.horizon.value.year) for t in plan.targets] == \
        [("=", 99.0, "%", 2030), (">=", 8.0, "phòng", 2028)]
    assert [s.heading for s in plan.sections if s.key.startswith("muc_tieu")] == ["MỤC TIÊU"]


def test_a_sentence_opening_with_the_word_part_is_no_part():
    plan = parse_plan(PARTS.format(one="PHẦN THỨ NHẤT.", three="PHẦN THỨ BA.", four="PHẦN THỨ TƯ.").replace(
        "Cơ hội lớn", "Phần 2: nhà trường phấn đấu 100% học sinh có việc làm. Cơ hội lớn"))
    assert [s.numeral for s in plan.sections][:3] == ["PHẦN THỨ NHẤT", "I", "II"]


SOLUTIONS = ("TRƯỜNG THPT ĐĂK HÀ\nSố: 14/KH-THPT\nĐăk Hà, ngày 02 tháng 11 năm 2026\n\nKẾ HOẠCH\n"
             "Triển khai Nghị quyết 71 giai đoạn 2026 - 2030, định hướng đến năm 2035\n\n"
             "I. MỤC ĐÍCH, YÊU CẦU\nQuán triệt Nghị quyết.\nII. MỤC TIÊU\n1. Đến năm 2030\n"
             "- Tỷ lệ học sinh bỏ học dưới 0,5%.\n2. Định hướng đến năm 2035\n- Tỷ lệ học sinh bỏ học dưới 0,3%.\n"
             "III. NHIỆM VỤ VÀ GIẢI PHÁP\n{task}\nIV. TỔ CHỨC THỰC HIỆN\nHiệu trưởng chỉ đạo chung.\n")


@pytest.mark.parametrize("task, want", [
    ("Phấn đấu đến năm 2028 có ít nhất 05 giáo viên đạt giải giáo viên dạy giỏi cấp tỉnh.", (">=", 5.0, "giáo viên", 2028)),
    ("Tham mưu đầu tư phòng học bộ môn; đến năm 2030 trường có 04 phòng học thông minh.", ("=", 4.0, "phòng", 2030)),
    ("Den het nam 2029 co toi thieu 3 giao vien dat chien si thi dua cap tinh.", (">=", 3.0, "giáo viên", 2029)),
    ("Bồi dưỡng đội ngũ, đến năm 2027 không dưới 10 giáo viên có chứng chỉ tiếng Anh B2.", (">=", 10.0, "giáo viên", 2027)),
])
def test_outside_the_targets_a_bound_or_a_counted_indicator_with_its_own_deadline_is_a_target(task, want):
    found = [(t.comparator.value, t.value.value, t.unit.value, t.horizon.value.year)
             for t in parse_plan(SOLUTIONS.format(task=task)).targets]
    assert found == [("<", 0.5, "%", 2030), ("<", 0.3, "%", 2035), want]


@pytest.mark.parametrize("task", [
    "Tham mưu Sở đầu tư 02 phòng học bộ môn Tin học trong năm học 2027 - 2028.",
    "Tổ chức ôn tập cho học sinh lớp 12 từ tháng 10, mỗi tuần 6 tiết ngoài chính khoá.",
    "Năm 2025 trường có 12 giáo viên đạt giải; đến năm 2028 tiếp tục bồi dưỡng đội ngũ.",
])
def test_outside_the_targets_a_figure_without_its_own_deadline_or_bound_is_none(task):
    assert len(parse_plan(SOLUTIONS.format(task=task)).targets) == 2


@pytest.mark.parametrize("task", [
    "Thực hiện Bộ quy tắc ứng xử; không để xảy ra bạo lực học đường trong học sinh.",
    "Khong de xay ra bao luc hoc duong; giáo dục kỹ năng sống cho học sinh.",
])
def test_outside_the_targets_a_target_without_a_year_takes_the_plans_period_not_its_vision(task):
    found = parse_plan(SOLUTIONS.format(task=task)).targets
    assert [(t.value.value, t.horizon.value.year) for t in found][2:] == [(0.0, 2030)]


@pytest.mark.parametrize("note", [
    "(*) Theo Thông tư số 32/2020/TT-BGDĐT, mỗi lớp THPT có không quá 45 học sinh.",
    "(**) Mức bình quân của tỉnh năm 2025 là 1,38%, toàn quốc dưới 1%.",
    "( * ) Theo Điều lệ, mỗi lớp tiểu học có không quá 35 học sinh.",
    "[1] Chuẩn quy định tối thiểu 70% giáo viên đạt trình độ trên chuẩn.",
])
def test_a_footnote_under_the_targets_sets_none(note):
    text = GOAL + "- Sĩ số không vượt quá 40 học sinh/lớp (*).\n" + note + "\n" + NEXT
    assert got(text, plan_horizon=2030) == [("<=", 40.0, "học sinh/lớp", 2030)]


def test_a_starred_bullet_is_no_footnote():
    text = GOAL + "* Tỷ lệ học sinh bỏ học không quá 1%.\n* Ti le hoc sinh len lop tu 98% tro len.\n" + NEXT
    assert got(text, plan_horizon=2030) == [("<=", 1.0, "%", 2030), (">=", 98.0, "%", 2030)]


@pytest.mark.parametrize("line, want", [
    ("- Về quy mô: giữ ổn định 33 - 35 lớp.", (">=", 33.0, "lớp")),
    ("- Quy mô nhà trường từ 28 đến 30 lớp.", (">=", 28.0, "lớp")),
    ("- Hang nam co 2 – 3 giai hoc sinh gioi cap tinh.", (">=", 2.0, "giải")),
    ("- Tuyển sinh 1.200 - 1.300 học viên mỗi năm.", (">=", 1200.0, "học viên")),
    ("- Số học sinh bỏ học giảm còn 3 - 5 học sinh mỗi năm.", ("<=", 5.0, "học sinh")),
])
def test_a_range_of_counts_is_one_target(line, want):
    assert got(GOAL + line + "\n" + NEXT, plan_horizon=2030) == [want + (2030,)]


def test_grades_and_ages_before_a_count_are_no_range():
    text = GOAL + "- Trẻ từ 3 - 5 tuổi: 100% ra lớp; lớp 6 - 9 có 12 lớp.\n" + NEXT
    assert got(text, plan_horizon=2030) == [("=", 100.0, "%", 2030), ("=", 12.0, "lớp", 2030)]


ROADMAP = ("TRƯỜNG MẦM NON HƯỚNG DƯƠNG\nSố: 04/KH-MN\n\nKẾ HOẠCH\nThực hiện nhiệm vụ học kỳ II năm học 2026 - 2027\n\n"
           "I. KẾT QUẢ HỌC KỲ I\nTrường có 12 lớp với 386 trẻ.\nII. MỤC TIÊU HỌC KỲ II (đến tháng 5/2027)\n"
           "1. Trẻ suy dinh dưỡng thể thấp còi dưới 3%.\n{heading}\n{lines}\nIV. GIẢI PHÁP\n"
           "1. Tăng thời gian vận động ngoài trời lên ít nhất 60 phút/ngày; có ít nhất 2 bài tuyên truyền mỗi tháng.\n"
           "V. TỔ CHỨC THỰC HIỆN\nHiệu trưởng chỉ đạo chung.\n")


@pytest.mark.parametrize("heading, lines", [
    ("III. LỘ TRÌNH ĐẾN NĂM 2030", "- Năm 2028: mở thêm 02 lớp mẫu giáo.\n- Năm 2030: có 01 phòng học STEAM."),
    ("III. Lộ trình thực hiện", "- Năm 2028: mở thêm 02 lớp mẫu giáo.\n- Năm 2030: có 01 phòng học STEAM."),
    ("III. LO TRINH PHAT TRIEN", "- Nam 2028: mo them 02 lop mau giao.\n- Nam 2030: co 01 phong hoc STEAM."),
    ("III. CÁC CHỈ TIÊU CỤ THỂ", "- Đến năm 2028 mở thêm 02 lớp mẫu giáo.\n- Đến năm 2030 có 01 phòng học STEAM."),
])
def test_a_roadmap_or_targets_section_right_after_the_targets_sets_targets_too(heading, lines):
    found = [(t.comparator.value, t.value.value, t.unit.value, t.horizon.value.year)
             for t in parse_plan(ROADMAP.format(heading=heading, lines=lines)).targets]
    assert found == [("<", 3.0, "%", 2027), ("=", 2.0, "lớp", 2028), ("=", 1.0, "phòng", 2030)]


def test_a_section_after_the_solutions_is_not_the_targets_continued():
    text = ROADMAP.format(heading="III. NHIỆM VỤ", lines="- Năm 2028: mở thêm 02 lớp mẫu giáo.").replace(
        "V. TỔ CHỨC THỰC HIỆN", "V. LỘ TRÌNH KINH PHÍ\n- Năm 2028: xây 04 phòng học.\nVI. TỔ CHỨC THỰC HIỆN")
    assert [t.value.value for t in parse_plan(text).targets] == [3.0]


@pytest.mark.parametrize("header, superior, issuer", [
    ("UBND XÃ LŨNG NẶM\nTRƯỜNG PTDTBT THCS LŨNG\nNẶM\nCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT\nNAM\nĐộc lập - Tự do - Hạnh phúc",
     "UBND XÃ LŨNG NẶM", "TRƯỜNG PTDTBT THCS LŨNG NẶM"),
    ("UBND TỈNH VĨNH LONG CỘNG HOÀ XÃ HỘI CHỦ NGHĨA\nVIỆT NAM\nSỞ GIÁO DỤC VÀ ĐÀO TẠO Độc lập - Tự do - Hạnh phúc",
     "UBND TỈNH VĨNH LONG", "SỞ GIÁO DỤC VÀ ĐÀO TẠO"),
    ("UBND HUYEN NAM TRA MY CONG HOA XA HOI CHU\nNGHIA VIET NAM\nTRUONG TH TRA MAI", "UBND HUYEN NAM TRA MY",
     "TRUONG TH TRA MAI"),
    ("ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI\nXÃ NAM HÀ CHỦ NGHĨA VIỆT NAM", None, "ỦY BAN NHÂN DÂN XÃ NAM HÀ"),
    ("UBND PHƯỜNG VŨNG TÀU\nTRƯỜNG THCS LÝ TỰ TRỌNG\nCỘNG HÒA XÃ HỘI CHỦ\nNGHĨA VIỆT NAM", "UBND PHƯỜNG VŨNG TÀU",
     "TRƯỜNG THCS LÝ TỰ TRỌNG"),
])
def test_a_motto_a_pdf_joined_to_the_bodies_or_wrapped_is_no_part_of_their_names(header, superior, issuer):
    plan = parse_plan(header + "\nSố: 15/KH-PTDTBT\n\nKẾ HOẠCH\nTổ chức nuôi dưỡng học sinh bán trú\n"
                      "I. MỤC TIÊU\n- Tỷ lệ học sinh bán trú đạt 85%.\n")
    assert (plan.superior.value if plan.superior else None, plan.issuer.value) == (superior, issuer)


@pytest.mark.parametrize("line, want", [
    ("- Sĩ số không quá 35 học sinh/lớp; không tăng số lớp có trên 40 học sinh.", [("<=", 35.0, "học sinh/lớp", 2030)]),
    ("- Giảm số lớp có sĩ số trên 45 học sinh xuống còn 02 lớp.", [("=", 2.0, "lớp", 2030)]),
    ("- Khong de tang so lop co tren 40 hoc sinh so voi nam hoc truoc.", []),
    ("- Số trường có dưới 10 lớp giảm còn 3 trường.", [("=", 3.0, "trường", 2030)]),
])
def test_a_bound_that_defines_what_is_counted_is_no_target(line, want):
    assert got(GOAL + line + "\n" + NEXT, plan_horizon=2030) == want


def test_a_class_size_cap_is_still_a_target():
    assert got(GOAL + "- Không có lớp trên 40 học sinh; sĩ số tối đa 35 học sinh/lớp.\n" + NEXT, plan_horizon=2030) \
        == [("<=", 40.0, "học sinh/lớp", 2030), ("<=", 35.0, "học sinh/lớp", 2030)]


@pytest.mark.parametrize("line, want", [
    ("- Xoá mù chữ mức độ 2 cho ít nhất 100 người/năm.", [(">=", 100.0, "người", 2030)]),
    ("- Xoa mu chu muc do 2 cho toi thieu 60 nguoi moi nam.", [(">=", 60.0, "người", 2030)]),
    ("- Bồi dưỡng kỹ năng số mức độ 1 cho 45 giáo viên.", [("=", 45.0, "giáo viên", 2030)]),
])
def test_a_level_that_names_whom_a_count_counts_is_no_target(line, want):
    assert got(GOAL + line + "\n" + NEXT, plan_horizon=2030) == want


def test_a_level_and_a_count_of_their_own_stay_two_targets():
    text = GOAL + "- Trường đạt chuẩn quốc gia mức độ 2 và có 01 phòng học STEAM.\n" + NEXT
    assert got(text, plan_horizon=2030) == [("=", 2.0, "mức", 2030), ("=", 1.0, "phòng", 2030)]


@pytest.mark.parametrize("line, want", [
    ("- Năm 2028: mở thêm 02 lớp mẫu giáo, nâng quy mô lên 14 lớp.", [("=", 2.0, "lớp", 2028), ("=", 14.0, "lớp", 2028)]),
    ("- Quy mô trường tăng lên 1.500 học sinh vào năm 2029.", [("=", 1500.0, "học sinh", 2029)]),
    ("- Nang quy mo len 20 nhom, lop.", [("=", 20.0, "lớp", 2030)]),
    ("- Quy mô toàn trường không quá 1.400 học sinh.", [("<=", 1400.0, "học sinh", 2030)]),
    ("- Nâng số phòng học thông minh lên 40 phòng.", [("=", 40.0, "phòng", 2030)]),
])
def test_a_schools_size_raised_to_a_figure_is_that_size(line, want):
    assert got(GOAL + line + "\n" + NEXT, plan_horizon=2030) == want


@pytest.mark.parametrize("task, want", [
    ("Xây dựng ngân hàng câu hỏi dùng chung với ít nhất 3.000 câu hỏi vào năm 2028.", (">=", 3000.0, "câu", 2028)),
    ("Xay dung kho hoc lieu so toi thieu 500 bai giang vao cuoi nam 2029.", (">=", 500.0, "bài giảng", 2029)),
])
def test_outside_the_targets_a_bound_with_its_year_after_it_is_a_target(task, want):
    found = [(t.comparator.value, t.value.value, t.unit.value or "", t.horizon.value.year)
             for t in parse_plan(SOLUTIONS.format(task=task)).targets]
    assert found[2:] == [want]


def test_outside_the_targets_a_year_before_the_figure_without_a_deadline_word_is_none():
    task = "Vào năm 2028 mời chuyên gia đánh giá giữa kỳ, dự kiến ít nhất 3 đoàn."
    assert len(parse_plan(SOLUTIONS.format(task=task)).targets) == 2


@pytest.mark.parametrize("line, want", [
    ("- Mở 06 lớp xóa mù chữ tại các xã vùng cao với khoảng 150 học viên.", [("=", 6.0, "lớp", 2030)]),
    ("- Mo 04 lop trung cap nghe, du kien 120 hoc vien.", [("=", 4.0, "lớp", 2030)]),
    ("- Xây 02 phòng học bộ môn (ước tính 90 học sinh sử dụng mỗi ngày).", [("=", 2.0, "phòng", 2030)]),
])
def test_an_estimate_of_what_a_count_holds_is_no_target(line, want):
    assert got(GOAL + line + "\n" + NEXT, plan_horizon=2030) == want


def test_an_approximate_figure_standing_alone_is_still_a_target():
    text = GOAL + "- Tỷ lệ học sinh đạt chuẩn tiếng Anh khoảng 55%; tuyển sinh khoảng 180 học viên.\n" + NEXT
    assert got(text, plan_horizon=2030) == [("=", 55.0, "%", 2030), ("=", 180.0, "học viên", 2030)]


@pytest.mark.parametrize("line, want", [
    ("- Giảm tỷ lệ lưu ban từ 2,1% (năm học 2025 - 2026) xuống dưới 1% vào năm 2028.", [("<", 1.0, "%", 2028)]),
    ("- Giam ty le bo hoc tu 3,2% xuong con khong qua 1,5% vao nam 2029.", [("<=", 1.5, "%", 2029)]),
    ("- Nâng tỷ lệ giáo viên trên chuẩn từ 52% lên ít nhất 70% vào năm 2030.", [(">=", 70.0, "%", 2030)]),
])
def test_where_a_change_starts_is_no_target_whatever_words_lead_its_end(line, want):
    assert got(GOAL + line + "\n" + NEXT, plan_year=2026, plan_horizon=2030) == want


@pytest.mark.parametrize("line, year", [
    ("- Trước 31/12/2027 hoàn thành số hoá 100% hồ sơ học sinh.", 2027),
    ("- Truoc ngay 30/6/2028, 100% giao vien duoc boi duong ve AI.", 2028),
    ("- Trước tháng 9/2027 có ít nhất 02 phòng học bộ môn mới.", 2027),
])
def test_a_deadline_before_a_date_is_that_dates_year(line, year):
    assert [t[3] for t in got(GOAL + line + "\n" + NEXT, plan_year=2026, plan_horizon=2030)] == [year]


@pytest.mark.parametrize("line, want", [
    ("- Tỷ lệ học sinh bỏ học hằng năm không vượt quá 0,5%; riêng năm học 2026-2027 không quá 0,8%.",
     [("<=", 0.5, "%", 2030), ("<=", 0.8, "%", 2027)]),
    ("- Ty le len lop dat tu 98% tro len; nam 2027 dat 97%.", [(">=", 98.0, "%", 2030), ("=", 97.0, "%", 2027)]),
])
def test_a_year_past_a_semicolon_is_the_next_clauses_not_the_one_before(line, want):
    assert got(GOAL + line + "\n" + NEXT, plan_year=2026, plan_horizon=2030) == want


@pytest.mark.parametrize("line, want", [
    ("- Tỷ lệ học sinh được tiếp cận Internet đạt 100% (hiện đạt 82%).", [("=", 100.0, "%", 2030)]),
    ("- Ty le giao vien dung AI dat 80% (hien moi dat 35%).", [("=", 80.0, "%", 2030)]),
    ("- Số phòng học thông minh hiện là 4 phòng; đến năm 2029 có 10 phòng.", [("=", 10.0, "phòng", 2029)]),
    ("- Hiện đạt 82%, phấn đấu đến năm 2028 tỷ lệ học sinh học bơi đạt 95%.", [("=", 95.0, "%", 2028)]),
])
def test_a_figure_of_today_is_no_target(line, want):
    assert got(GOAL + line + "\n" + NEXT, plan_year=2026, plan_horizon=2030) == want


@pytest.mark.parametrize("line, want", [
    ("- Tổ chức 02 đợt kiểm tra/năm; 100% tổ chuyên môn sinh hoạt theo nghiên cứu bài học.", [("=", 100.0, "%", 2030)]),
    ("- To chuc it nhat 3 dot tap huan cho giao vien; 100% giao vien duoc tap huan.", [("=", 100.0, "%", 2030)]),
])
def test_rounds_of_an_activity_are_a_schedule_not_a_target(line, want):
    assert got(GOAL + line + "\n" + NEXT, plan_year=2026, plan_horizon=2030) == want


@pytest.mark.parametrize("heading", [
    "2.2. Từ nay đến năm 2028", "b) Trong 3 năm (2026 - 2028):", "Trong giai đoạn 2026 - 2028:", "2. Tu nay den nam 2028:",
])
def test_a_heading_naming_a_span_to_a_year_gives_its_items_that_year(heading):
    text = GOAL + heading + "\n- Tỷ lệ học sinh bỏ học dưới 1%.\n- Có ít nhất 02 phòng học thông minh.\n" + NEXT
    assert got(text, plan_year=2026, plan_horizon=2030) == [("<", 1.0, "%", 2028), (">=", 2.0, "phòng", 2028)]


@pytest.mark.parametrize("task", [
    "Vận động học sinh đi học đều; mỗi đoàn viên giáo viên nhận giúp đỡ ít nhất 01 học sinh có nguy cơ bỏ học.",
    "Moi giao vien dong gop it nhat 10 hoc lieu so; moi to chuyen mon co toi thieu 02 sang kien.",
    "Mỗi khối lớp thực hiện ít nhất 4 dự án STEM về phòng chống bỏ học.",
])
def test_outside_the_targets_a_quota_of_work_among_the_staff_is_no_target(task):
    assert len(parse_plan(SOLUTIONS.format(task=task)).targets) == 2


def test_outside_the_targets_a_quota_does_not_hide_a_bound_with_its_own_deadline():
    task = "Mỗi giáo viên tự bồi dưỡng; đến năm 2028 có ít nhất 05 giáo viên đạt giải giáo viên dạy giỏi cấp tỉnh."
    assert [t.value.value for t in parse_plan(SOLUTIONS.format(task=task)).targets][2:] == [5.0]


def test_one_school_year_named_twice_in_the_subject_is_one():
    title = "Dạy học Tiếng Anh năm học 2026 - 2027\nNăm học 2026 - 2027, nhà trường có 14 lớp với 452"
    assert targets(title, "1. Tỷ lệ học sinh lên lớp từ 98% trở lên.\n") == [(">=", 98.0, "%", 2027)]


PARTS_ALONE = ("SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH BÌNH AN\nSố: 41/CTr-SGDĐT\nBình An, ngày 02 tháng 9 năm 2026\n\nCHƯƠNG TRÌNH HÀNH ĐỘNG\n"
         "Thực hiện Nghị quyết số 71-NQ/TW giai đoạn 2026 - 2030\n\n{p1}\nTÌNH HÌNH VÀ BỐI CẢNH\nI. THỰC TRẠNG\n"
         "Tỷ lệ huy động trẻ mẫu giáo đạt 93,1%; có 412 phòng học tạm.\nII. {forecast}\n"
         "Đến năm 2030 số học sinh toàn tỉnh khoảng 310.000 em, cần bổ sung khoảng 1.200 phòng học và 48 trường.\n\n"
         "{p2}\nMỤC TIÊU\n1. Đến năm 2027\n- Tỷ lệ huy động trẻ mẫu giáo đạt 95%.\n2. Đến năm 2030\n"
         "- Có ít nhất 300 phòng học thông minh.\n\n{p3}\nNHIỆM VỤ VÀ GIẢI PHÁP\nI. ĐỘI NGŨ\n1. Tăng cường bồi dưỡng giáo viên.\n"
         "{appendix}\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\nGIÁM ĐỐC\n\nTrần Văn Bình\n")


@pytest.mark.parametrize("p1, p2, p3, forecast", [
    ("Phần thứ nhất", "Phần thứ hai", "Phần thứ ba", "DỰ BÁO QUY MÔ GIAI ĐOẠN 2026 - 2030"),
    ("PHẦN I", "PHẦN II", "PHẦN III", "NHU CẦU TRƯỜNG LỚP ĐẾN NĂM 2030"),
    ("Phần 1.", "Phần 2.", "Phần 3.", "Du bao so hoc sinh"),
])
def test_a_part_numbered_on_a_line_of_its_own_bounds_the_situation_it_describes(p1, p2, p3, forecast):
    plan = parse_plan(PARTS_ALONE.format(p1=p1, p2=p2, p3=p3, forecast=forecast, appendix=""))
    assert [(t.comparator.value, t.value.value, t.horizon.value.year) for t in plan.targets] == [
        ("=", 95.0, 2027), (">=", 300.0, 2030)]
    assert plan.signer.value == "Trần Văn Bình"


@pytest.mark.parametrize("heading", [
    "PHỤ LỤC. CÁC CHỈ TIÊU CHỦ YẾU ĐẾN NĂM 2030", "PHỤ LỤC 1: CHỈ TIÊU CỤ THỂ", "PHU LUC II. MUC TIEU DEN NAM 2030",
])
def test_an_appendix_of_targets_before_the_signature_is_read_as_the_targets_section(heading):
    appendix = (f"\n{heading}\nTT\tChỉ tiêu\tThực hiện 2025-2026\tNăm 2027\tNăm 2030\n"
                "1\tTỷ lệ phòng học kiên cố (%)\t86,4\t90\t95\n")
    plan = parse_plan(PARTS_ALONE.format(p1="Phần thứ nhất", p2="Phần thứ hai", p3="Phần thứ ba", forecast="DỰ BÁO",
                                   appendix=appendix))
    assert [(t.value.value, t.horizon.value.year) for t in plan.targets][2:] == [(90.0, 2027), (95.0, 2030)]
    assert plan.signer.value == "Trần Văn Bình"


STAGES = ("TRƯỜNG THPT AN LẠC\nSố: 31/KH-THPT\nAn Lạc, ngày 15 tháng 9 năm 2026\n\nKẾ HOẠCH\n"
          "Nâng cao chất lượng năm học 2026 - 2027 và định hướng đến năm 2030\n\n"
          "PHẦN THỨ NHẤT: KẾT QUẢ NĂM HỌC 2025 - 2026\nTỷ lệ tốt nghiệp 99%.\nPHẦN THỨ HAI: CHỈ TIÊU\n{one}\n"
          "- Tỷ lệ học sinh khá, giỏi đạt 80%.\n{two}\n- Có 06 phòng học bộ môn đạt chuẩn.\n"
          "PHẦN THỨ BA: GIẢI PHÁP\nTăng cường kiểm tra.\n\nHIỆU TRƯỞNG\n\nLê Văn Bình\n")


@pytest.mark.parametrize("one, two", [
    ("I. Năm học 2026 - 2027", "II. Đến năm 2030"),
    ("I) Trong năm học 2026 - 2027:", "II) Định hướng đến năm 2030:"),
    ("i. Nam hoc 2026 - 2027", "ii. Den nam 2030"),
])
def test_inside_a_part_on_targets_a_roman_numbered_stage_gives_its_items_its_year(one, two):
    plan = parse_plan(STAGES.format(one=one, two=two))
    assert [(t.value.value, t.horizon.value.year) for t in plan.targets] == [(80.0, 2027), (6.0, 2030)]


@pytest.mark.parametrize("line", [
    "- Trường đạt chuẩn quốc gia mức độ 2 (đã đạt từ năm 2021, duy trì).",
    "- Duy trì trường đạt chuẩn quốc gia mức độ 2 (đã được công nhận từ năm 2022).",
    "- Truong dat chuan quoc gia muc do 2 (da hoan thanh trong nam 2020).",
])
def test_a_year_a_result_was_reached_in_is_no_horizon(line):
    assert got(GOAL + line + "\n" + NEXT, plan_year=2026, plan_horizon=2030) == [("=", 2.0, "mức", 2030)]


def test_a_hall_named_with_the_word_for_many_keeps_its_year():
    line = "- Có 02 phòng học đa năng đưa vào sử dụng vào năm 2028."
    assert got(GOAL + line + "\n" + NEXT, plan_year=2026, plan_horizon=2030) == [("=", 2.0, "phòng", 2028)]


@pytest.mark.parametrize("dated", [
    "Rạch Sỏi, ngày     tháng 9 năm 2026",
    "Rạch Sỏi, ngày\t\t\ttháng 9 năm 2026",
    "Rach Soi, ngay ... thang 9 nam 2026",
    "Rạch Sỏi, ngày …/9/2026",
])
def test_a_blank_day_still_dates_the_plan_so_a_past_school_years_figure_is_no_target(dated):
    text = ("TRƯỜNG THCS RẠCH SỎI\nSố: 21/KH-THCS\n" + dated + "\n\nKẾ HOẠCH\nThực hiện nhiệm vụ giai đoạn 2026 - 2030\n\n"
            "I. MỤC ĐÍCH\nNâng cao chất lượng.\nII. MỤC TIÊU\n"
            "- Tỷ lệ học sinh vào lớp 10 đạt trên 85%, tăng so với năm học 2025 - 2026 (78,4%);\n"
            "- tỷ lệ học sinh khá, giỏi đạt 60%, cao hơn năm học 2024 - 2025 (52,3%).\n"
            "III. GIẢI PHÁP\nTăng cường kiểm tra.\n\nHIỆU TRƯỞNG\n\nNguyễn Văn An\n")
    assert [(t.comparator.value, t.value.value) for t in parse_plan(text).targets] == [(">", 85.0), ("=", 60.0)]

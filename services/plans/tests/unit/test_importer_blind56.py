"""Plan importer: the reading rules the blind56 set called for (fixtures/plans_heldout/blind56, presentations and
speeches written by someone who never read the importer: decks exported to PDF, slide handouts, tham luận, speeches
transcribed), one test per rule, on sentences written for the test (none copied from a fixture; pure, no files)."""
from __future__ import annotations

from .importer_probes import got, header, plan_targets

FIELDS = ("superior", "issuer", "place", "issued_on", "title", "signer_title", "signer")


def _read(text: str) -> dict:
    got = header(text, FIELDS)
    got["issued_on"] = got["issued_on"] and got["issued_on"].isoformat()
    return got


# ---------------------------------------------------------------------------- a paper, a presentation, a speech
def test_a_paper_s_subject_is_the_line_under_its_kind_without_the_occasion_in_brackets():
    text = ("UBND XÃ AN PHÚ\nTRƯỜNG TIỂU HỌC AN PHÚ\n\nTHAM LUẬN\n"
            "Nâng cao chất lượng dạy học tiếng Anh ở trường tiểu học vùng nông thôn\n"
            "(Trình bày tại Hội nghị giáo dục xã An Phú năm 2026)\n\nKính thưa Hội nghị!\n"
            "Năm học này, chúng tôi phấn đấu 100% học sinh lớp 3 học tiếng Anh.\n\n"
            "An Phú, ngày 14 tháng 10 năm 2026\nNgười trình bày\nHiệu trưởng\nPhan Thị Lệ\n")
    assert _read(text) == {"superior": "UBND XÃ AN PHÚ", "issuer": "TRƯỜNG TIỂU HỌC AN PHÚ", "place": "An Phú",
                           "issued_on": "2026-10-14",
                           "title": "Nâng cao chất lượng dạy học tiếng Anh ở trường tiểu học vùng nông thôn",
                           "signer_title": "Hiệu trưởng", "signer": "Phan Thị Lệ"}


def test_a_speech_headed_by_its_speaker_in_capitals_is_titled_by_the_occasion_under_it():
    text = ("ỦY BAN NHÂN DÂN\nXÃ HÒA BÌNH\n\nBÀI PHÁT BIỂU CỦA ĐỒNG CHÍ CHỦ TỊCH UBND XÃ\n"
            "Tại Lễ khai giảng năm học 2026 - 2027 trường THCS Hòa Bình\nHòa Bình, ngày 05 tháng 9 năm 2026\n"
            "Thưa các đồng chí!\nNăm học này, tôi đề nghị nhà trường giữ vững tỷ lệ bỏ học dưới 1%.\n\n"
            "CHỦ TỊCH UBND XÃ\nLương Văn Tú\n")
    got = _read(text)
    assert got["issuer"] == "ỦY BAN NHÂN DÂN XÃ HÒA BÌNH"
    assert got["title"] == "Tại Lễ khai giảng năm học 2026 - 2027 trường THCS Hòa Bình"
    assert (got["place"], got["signer_title"], got["signer"]) == ("Hòa Bình", "CHỦ TỊCH UBND XÃ", "Lương Văn Tú")


def test_a_title_slide_s_subject_is_the_line_above_its_speaker_and_date_under_the_meeting_s_name():
    for meeting in ("HỘI NGHỊ CÁN BỘ, VIÊN CHỨC NĂM HỌC 2026 - 2027\n", "HỘI NGHỊ CHA MẸ HỌC SINH\n", ""):
        text = ("Slide 1/9\nUBND PHƯỜNG TÂN AN\nTRƯỜNG MẦM NON SƠN CA\n" + meeting
                + "Phương hướng, nhiệm vụ năm học \n2026 - 2027\nTrình bày: bà Đinh Thị Yến - Hiệu trưởng\n"
                "Tân An, ngày 22 tháng 9 năm 2026\n\nSlide 2/9\nChỉ tiêu năm học\n- Trẻ ra lớp: 99%\n"
                "\nSlide 9/9\nTrân trọng cảm ơn!\n")
        assert _read(text) == {"superior": "UBND PHƯỜNG TÂN AN", "issuer": "TRƯỜNG MẦM NON SƠN CA",
                               "place": "Tân An", "issued_on": "2026-09-22",
                               "title": "Phương hướng, nhiệm vụ năm học 2026 - 2027",
                               "signer_title": "Hiệu trưởng", "signer": "Đinh Thị Yến"}, meeting


def test_a_speech_named_in_a_sentence_line_keeps_its_kind_and_its_year_is_the_targets_horizon():
    text = ("UBND XÃ EA TU\nTRƯỜNG MẦM NON VÀNG ANH\n\nDiễn văn khai giảng năm học 2026 - 2027\n"
            "(Bản ghi theo băng ghi âm)\nEa Tu, ngày 05 tháng 9 năm 2026\n\nKính thưa quý phụ huynh!\n"
            "Năm nay nhà trường phấn đấu 100% trẻ được ăn bán trú, trẻ suy dinh dưỡng dưới 5%.\n\n"
            "HIỆU TRƯỞNG\nNguyễn Thị Hoa\n")
    got = _read(text)
    assert got["title"] == "Diễn văn khai giảng năm học 2026 - 2027"
    assert got["issuer"] == "TRƯỜNG MẦM NON VÀNG ANH"
    assert plan_targets(text) == [("=", 100, "%", 2027), ("<", 5, "%", 2027)]


# ---------------------------------------------------------------------------- "năm học này": the school year in course
PAPER = ("UBND PHƯỜNG BÌNH AN\nTRƯỜNG THCS BÌNH AN\n\nTHAM LUẬN\nĐổi mới sinh hoạt chuyên môn theo nghiên cứu bài học\n\n"
         "Kính thưa Hội nghị!\n{said}, nhà trường phấn đấu tỷ lệ học sinh bỏ học dưới 0,5%, ít nhất 80% giáo viên "
         "ứng dụng trí tuệ nhân tạo trong soạn bài.\nĐến năm 2030, 100% phòng học có màn hình tương tác.\n\n"
         "Bình An, ngày {day} năm {year}\nNgười trình bày\nHiệu trưởng\nVõ Văn Sang\n")


def test_a_paper_s_pledges_for_this_school_year_are_due_when_the_school_year_in_course_ends():
    text = PAPER.format(said="Năm học này", day="12 tháng 10", year=2026)
    assert plan_targets(text) == [("<", 0.5, "%", 2027), (">=", 80, "%", 2027), ("=", 100, "%", 2030)]
    text = PAPER.format(said="Trong năm học mới", day="20 tháng 3", year=2027)
    assert plan_targets(text)[:2] == [("<", 0.5, "%", 2027), (">=", 80, "%", 2027)]


def test_without_this_school_year_said_a_paper_s_undated_figures_keep_no_horizon():
    text = PAPER.format(said="Thời gian tới", day="12 tháng 10", year=2026)
    assert all(t[3] != 2027 for t in plan_targets(text))


# ---------------------------------------------------------------------------- a deck's agenda, its comparison lines
DECK = ("SỞ GIÁO DỤC VÀ ĐÀO TẠO AN GIANG\nBÀI TRÌNH BÀY\nNhiệm vụ năm học 2026 - 2027\n"
        "Long Xuyên, ngày 15 tháng 9 năm 2026\n{agenda}"
        "1. Kết quả năm học 2025 - 2026\nTrẻ 5 tuổi ra lớp đạt 99,1%.\n"
        "2. Mục tiêu đến năm 2030 theo Nghị quyết 71-NQ/TW\n{compared}\n"
        "3. Chỉ tiêu năm học 2026 - 2027\n- Tỷ lệ học sinh bỏ học THCS dưới 0,5%.\n"
        "4. Giải pháp\n- Tuyển dụng 120 giáo viên còn thiếu.\n5. Tổ chức thực hiện\n- Báo cáo trước ngày 15/12/2026.\n")
AGENDA = ("NỘI DUNG TRÌNH BÀY\n1. Kết quả năm học\n2. Mục tiêu đến năm 2030\n3. Chỉ tiêu năm học 2026 - 2027\n"
          "4. Giải pháp\n5. Tổ chức thực hiện\n")


def test_a_deck_s_agenda_is_no_part_and_its_parts_of_targets_run_on_until_the_tasks():
    for agenda in (AGENDA, ""):
        text = DECK.format(agenda=agenda, compared="- Học sinh học 2 buổi/ngày đạt 100%.")
        assert plan_targets(text) == [("=", 100, "%", 2030), ("<", 0.5, "%", 2027)], agenda


def test_the_figure_a_comparison_line_leads_on_from_by_an_arrow_is_a_baseline():
    for compared in ("Học sinh học 2 buổi/ngày: 2025: 86% → 2030: 100%",
                     "Học sinh học 2 buổi/ngày: 2025: 86% -> 2030: 100%"):
        text = DECK.format(agenda=AGENDA, compared=compared)
        assert plan_targets(text) == [("=", 100, "%", 2030), ("<", 0.5, "%", 2027)], compared


# ---------------------------------------------------------------------------- what a slide or a speech describes
def test_an_item_opening_on_a_school_s_classes_and_pupils_states_its_size():
    text = ("2. Chỉ tiêu năm học 2026 - 2027\n- 18 lớp, 640 học sinh\n• 12 nhóm, lớp - 350 trẻ\n"
            "- Tuyển sinh 4 lớp với 160 học sinh lớp 6.\n- 100% học sinh học 2 buổi/ngày.\n")
    assert got(text) == [("=", 4, "lớp", 2027), ("=", 160, "học sinh", 2027), ("=", 100, "%", 2027)]


def test_a_sentence_opening_on_the_school_year_gone_by_describes_it_through_its_clauses():
    text = ("2. Chỉ tiêu năm học 2026 - 2027\nNăm học vừa qua, nhà trường có 9 lớp với 250 cháu, tỷ lệ chuyên cần "
            "đạt 91%. Năm học này, nhà trường phấn đấu tỷ lệ chuyên cần từ 95% trở lên.\n")
    assert got(text, plan_year=2026, plan_horizon=2027) == [(">=", 95, "%", 2027)]


def test_this_school_year_said_after_a_later_horizon_takes_the_figures_back_to_the_year_in_course():
    text = ("2. Chỉ tiêu\nĐến năm 2030 phải có 100% giáo viên đạt chuẩn trình độ đào tạo. Năm học này 100% giáo viên "
            "được bồi dưỡng về chuyển đổi số.\n")
    assert got(text, plan_year=2026, plan_month=9) == [("=", 100, "%", 2030), ("=", 100, "%", 2027)]
    assert got(text, plan_year=2027, plan_month=3) == [("=", 100, "%", 2030), ("=", 100, "%", 2027)]


def test_a_form_s_table_above_its_date_is_no_title_slide_s_subject_the_form_s_title_row_is():
    text = ("TRƯỜNG THCS AN LẠC\nCHỈ TIÊU NĂM HỌC 2026 - 2027\nChỉ tiêu | ĐVT | Năm học 2026 - 2027\n"
            "Tỷ lệ học sinh bỏ học | % | < 0,5\nAn Lạc, ngày 30 tháng 9 năm 2026\nHIỆU TRƯỞNG\nLê Văn Nam\n")
    assert _read(text)["title"] == "CHỈ TIÊU NĂM HỌC 2026 - 2027"


def test_children_a_preschool_calls_chau_counted_per_class_are_its_class_size():
    text = ("2. Chỉ tiêu năm học 2026 - 2027\nNhà trường bố trí không quá 28 cháu một lớp; lớp ghép ở điểm lẻ "
            "không quá 22 cháu mỗi lớp.\n")
    assert got(text) == [("<=", 28, "trẻ/lớp", 2027), ("<=", 22, "trẻ/lớp", 2027)]


def test_a_figure_a_body_above_the_school_sets_or_assigns_is_quoted_not_the_school_s_own():
    text = ("UBND XÃ PHÚ LỘC\nTRƯỜNG TIỂU HỌC PHÚ LỘC\n\nBÁO CÁO THAM LUẬN\nNâng cao chất lượng giáo dục toàn diện\n"
            "Kính thưa Hội nghị!\nNăm học 2026 - 2027, xã giao cho nhà trường tỷ lệ học sinh học 2 buổi/ngày 90%. "
            "Chúng tôi phấn đấu 95% học sinh học 2 buổi/ngày. Huyện đặt mục tiêu 40% giáo viên dùng học liệu số; "
            "nhà trường phấn đấu 70% giáo viên dùng học liệu số.\n\n"
            "Phú Lộc, ngày 12 tháng 10 năm 2026\nNgười trình bày\nHiệu trưởng\nTrần Văn Bình\n")
    assert plan_targets(text) == [("=", 95, "%", 2027), ("=", 70, "%", 2027)]


def test_a_slide_s_chart_of_the_years_gone_by_gives_past_results_only_its_year_ahead_is_a_target():
    text = ("2. Chỉ tiêu năm học 2026 - 2027\n- Học sinh học 2 buổi/ngày: 100%\n\nSlide 6/10\nHọc sinh đọc thông viết thạo\n"
            "Năm học 2023 - 2024: 81%\nNăm học 2024 - 2025: 86%\nNăm học 2025 - 2026: 90%\n"
            "Năm học 2026 - 2027 (mục tiêu): 95%\n")
    assert got(text, plan_year=2026, plan_month=10) == [("=", 100, "%", 2027), ("=", 95, "%", 2027)]
    # issued before the school year 2025 - 2026 ended, its figure is still to reach
    assert ("=", 90, "%", 2026) in got(text, plan_year=2026, plan_month=3)


def test_a_count_a_speaker_says_in_words_in_hundreds_or_thousands_is_read_as_its_digits():
    text = "2. Chỉ tiêu đến năm 2030\nTỉnh xây thêm ba nghìn phòng học và sửa chữa hai trăm phòng học.\n"
    assert got(text) == [("=", 3000, "phòng", 2030), ("=", 200, "phòng", 2030)]



# ---------------------------------------------------------------------------- a slide's big figures over their captions
def test_a_slide_s_big_figure_and_the_caption_under_it_are_one_statement_its_bound_said_last():
    text = ("2. Chỉ tiêu năm học 2026 - 2027\nPhấn đấu\n30\ntrẻ/lớp mẫu giáo - tối đa\n02\n"
            "phòng học mở mới ở điểm lẻ\n98,5%\nhọc sinh lên lớp - không dưới\n1%\nhọc sinh lưu ban - dưới\n"
            "40\nhọc sinh/lớp là sĩ số tối đa\n")
    assert got(text) == [("<=", 30, "trẻ/lớp", 2027), ("=", 2, "phòng", 2027), (">=", 98.5, "%", 2027),
                         ("<", 1, "%", 2027), ("<=", 40, "học sinh/lớp", 2027)]


def test_a_page_s_number_and_a_table_s_cells_one_a_line_are_no_figure_over_a_caption():
    text = ("2. Chỉ tiêu năm học 2026 - 2027\n- 100% trẻ được khám sức khỏe định kỳ.\n3/8\nTRƯỜNG MẦM NON HOA SEN\n"
            "Tỷ lệ trẻ chuyên cần\n95%\nTỷ lệ trẻ bán trú\n100%\n")
    assert got(text) == [("=", 100, "%", 2027), ("=", 95, "%", 2027), ("=", 100, "%", 2027)]


def test_a_slide_headed_by_a_school_year_over_and_its_results_describes_that_year():
    text = ("2. Chỉ tiêu\nNăm học 2025 - 2026: kết quả\n96,2%\ntrẻ mẫu giáo ra lớp\n3,8%\ntrẻ suy dinh dưỡng thể thấp còi\n"
            "Chỉ tiêu năm học 2026 - 2027\n- Trẻ mẫu giáo ra lớp đạt 98%.\n")
    assert got(text, plan_year=2026, plan_month=9) == [("=", 98, "%", 2027)]


# ---------------------------------------------------------------------------- levels and a slide's horizon
def test_a_level_a_clause_of_its_own_attains_after_a_count_s_clause_is_a_target():
    text = ("2. Chỉ tiêu\nĐến năm 2030, nhà trường có 8 phòng học bộ môn đạt chuẩn, được công nhận đạt chuẩn quốc gia "
            "mức độ 2. Phường sẽ đầu tư để đến năm 2028 xây thêm 03 phòng học bộ môn, sửa chữa nhà vệ sinh học sinh và "
            "đến năm 2030 phường đạt chuẩn phổ cập giáo dục tiểu học mức độ 3.\n")
    assert got(text) == [("=", 8, "phòng", 2030), ("=", 2, "mức", 2030), ("=", 3, "phòng", 2028),
                         ("=", 3, "mức", 2030)]
    # whom a share counts, listed with a comma, is no clause of its own: the level is its wording
    assert got("2. Chỉ tiêu\nĐến năm 2030, 80% xã, phường đạt chuẩn phổ cập giáo dục tiểu học mức độ 3.\n") \
        == [("=", 80, "%", 2030)]
    assert got("2. Chỉ tiêu\nĐến năm 2035, 90% trường mầm non, tiểu học công lập đạt chuẩn quốc gia mức độ 2.\n") \
        == [("=", 90, "%", 2035)]


def test_a_numbered_slide_turning_to_a_later_year_is_its_items_horizon():
    text = ("2. Chỉ tiêu năm học 2026 - 2027\n- 100% học sinh học 2 buổi/ngày\nSlide 8: Hướng đến năm 2030\n"
            "- Trường đạt kiểm định chất lượng giáo dục cấp độ 3\n- Đạt chuẩn quốc gia mức độ 2\n")
    assert got(text) == [("=", 100, "%", 2027), ("=", 3, "mức", 2030), ("=", 2, "mức", 2030)]


def test_a_slide_titled_by_a_year_gone_by_describes_that_year_up_to_the_next_horizon():
    text = ("2. Chỉ tiêu\nGiáo dục xã năm 2025\n• 6 trường - 2.310 học sinh\n• 4/6 trường đạt chuẩn quốc gia\n"
            "Mục tiêu đến năm 2030\n• 6/6 trường đạt chuẩn quốc gia\n")
    assert got(text, plan_year=2026, plan_month=10) == [("=", 6, "trường", 2030)]
    # a title naming the year ahead is no description
    assert (got(text.replace("năm 2025", "năm 2026"), plan_year=2026, plan_month=10)[0][:2]) == ("=", 6)


def test_a_chart_s_target_line_labels_each_share_with_its_year_by_a_dash():
    text = "2. Chỉ tiêu\nHọc sinh biết bơi (%)\n2024: 40 | 2025: 46\nMục tiêu: 2027 - 60% | 2030 - 80%\n"
    assert got(text, plan_year=2026, plan_month=10) == [("=", 60, "%", 2027), ("=", 80, "%", 2030)]


def test_a_line_labelled_as_targets_in_a_part_on_the_results_sets_them():
    text = ("UBND XÃ TÂN HÒA\nTRƯỜNG TIỂU HỌC TÂN HÒA\nKẾ HOẠCH\nNhiệm vụ năm học 2026 - 2027\n"
            "Tân Hòa, ngày 20 tháng 9 năm 2026\nI. KẾT QUẢ NĂM HỌC 2025 - 2026\nTỷ lệ học sinh biết bơi qua các năm: 2023: 31%, 2024: 38%, 2025: 44%.\n"
            "Mục tiêu: năm 2027 đạt 55%; năm 2030 đạt 75%\nII. MỤC TIÊU\n- 100% học sinh học 2 buổi/ngày.\n")
    assert (("=", 55, "%", 2027) in plan_targets(text)) and (("=", 75, "%", 2030) in plan_targets(text))
    assert not any(t[1] in (31, 38, 44) for t in plan_targets(text))


# ---------------------------------------------------------------------------- what a speaker says is so, or done
def test_a_speaker_s_today_right_before_a_figure_is_no_target():
    text = ("2. Chỉ tiêu\nTỷ lệ trẻ ra lớp hiện mới 88,4%, tôi đề nghị đến năm 2030 đạt 95%. Hiện chúng ta còn thiếu "
            "1.250 giáo viên. Hiện toàn tỉnh chỉ có 12 phòng học thông minh.\n")
    assert got(text) == [("=", 95, "%", 2030)]


def test_a_bracket_after_a_school_s_classes_and_pupils_breaks_its_size_down():
    text = "2. Chỉ tiêu năm học 2026 - 2027\n- 24 lớp, 860 học sinh (học sinh dân tộc thiểu số chiếm 45%)\n" \
           "- 100% học sinh dân tộc thiểu số được tăng cường tiếng Việt.\n"
    assert got(text) == [("=", 100, "%", 2027)]


def test_what_a_speaker_has_done_already_is_no_target_nor_is_higher_than_a_figure_a_bound():
    text = ("2. Chỉ tiêu năm học 2026 - 2027\nChúng tôi đã tổ chức 4 câu lạc bộ tiếng Anh. Xã giao cho trường tỷ lệ "
            "học sinh lên lớp 96%. Nhà trường xin nhận cao hơn: 98% học sinh lên lớp; tối đa 35 học sinh/lớp.\n")
    assert got(text)[-2:] == [("=", 98, "%", 2027), ("<=", 35, "học sinh/lớp", 2027)]
    assert not any(t[1] == 4 for t in got(text))


def test_what_a_school_asks_of_a_body_above_it_is_no_target_of_its_own():
    text = ("UBND PHƯỜNG AN HÒA\nTRƯỜNG MẦM NON HỌA MI\nBÀI TRÌNH BÀY\nPhương hướng năm học 2026 - 2027\n"
            "An Hòa, ngày 25 tháng 9 năm 2026\n- 100% trẻ được ăn bán trú.\n"
            "- Xây mới 3 phòng học tại điểm lẻ (đề nghị UBND phường)\n"
            "Nhà trường kính đề nghị Phòng bổ sung 02 biên chế giáo viên.\n"
            "Nhà trường đề xuất bổ sung chỉ tiêu: 100% trẻ được học kỹ năng an toàn giao thông.\n")
    assert plan_targets(text) == [("=", 100, "%", 2027), ("=", 100, "%", 2027)]


def test_a_list_of_results_after_its_colon_describes_through_its_semicolons():
    text = ("2. Chỉ tiêu năm học 2026 - 2027\nNgành đã đạt được những kết quả sau: tỷ lệ trẻ ra lớp 96,5%; 7/12 trường "
            "đạt chuẩn quốc gia; 18 học sinh đạt giải cấp tỉnh. Năm học này phấn đấu 9/12 trường đạt chuẩn quốc gia.\n")
    assert got(text) == [("=", 9, "trường", 2027)]


def test_a_page_s_number_over_a_lettered_part_is_no_figure_over_a_caption():
    text = ("2. Các chỉ tiêu\na) Hằng năm\n- Trẻ 5 tuổi ra lớp đạt 99%.\n                    3\n"
            "b) Chỉ tiêu đến hết năm 2028\n- 100% trường có thư viện điện tử.\n")
    assert got(text) == [("=", 99, "%", None), ("=", 100, "%", 2028)]


# ---------------------------------------------------------------------------- what a speaker says twice or spells out
def test_a_share_in_words_said_again_after_a_comma_is_one_target():
    text = ("2. Chỉ tiêu năm học 2026 - 2027\nTỷ lệ học sinh lên lớp phải đạt chín mươi tám phần trăm, chín mươi tám "
            "phần trăm, các đồng chí ạ.\n")
    assert got(text) == [("=", 98, "%", 2027)]


def test_a_figure_that_spells_out_the_words_a_bound_was_said_on_takes_the_bound():
    text = ("2. Chỉ tiêu năm học 2026 - 2027\nÍt nhất một phần ba, tức 33% giáo viên dạy được bằng tiếng Anh; "
            "không quá một phần mười, tức là 10% lớp học ghép.\n")
    assert got(text) == [(">=", 33, "%", 2027), ("<=", 10, "%", 2027)]


def test_a_preschool_s_cô_giáo_are_counted_as_its_teachers_and_what_is_done_already_in_a_bracket_is_no_target():
    text = ("2. Chỉ tiêu năm học 2026 - 2027\nNhà trường phấn đấu có 3 cô giáo đạt giáo viên dạy giỏi cấp tỉnh. "
            "Mở rộng mô hình bếp ăn mẫu (đã áp dụng ở 4 điểm trường từ năm 2025).\n")
    assert got(text) == [("=", 3, "giáo viên", 2027)]


def test_a_slide_reporting_the_results_of_the_plan_s_own_year_describes_them():
    text = ("2. Chỉ tiêu năm học 2026 - 2027\nKết quả thi vào lớp 10 năm 2026\nTrang 3/10\n"
            "• Điểm trung bình 3 môn: 6,85 - xếp thứ 21/ 98 trường\n• 68,2% học sinh đỗ lớp 10 công lập\n"
            "Mục tiêu thi vào lớp 10\n• 72% học sinh đỗ lớp 10 công lập\n")
    assert got(text, plan_year=2026, plan_month=9) == [("=", 72, "%", 2027)]


def test_the_classes_and_pupils_on_a_school_s_size_item_are_more_of_its_size():
    text = "2. Chỉ tiêu năm học 2026 - 2027\n• 26 lớp - 1.020 học sinh; khối 6 tuyển mới 7 lớp\n• 100% học sinh học 2 buổi/ngày\n"
    assert got(text) == [("=", 100, "%", 2027)]


def test_a_note_opens_its_own_line_and_a_month_said_without_its_year_is_in_the_plan_s_year_or_the_next():
    text = ("2. Chỉ tiêu năm học 2026 - 2027\n- 2 điểm trường: điểm chính và điểm Tân Phú Thạnh\n"
            "Ghi chú: Tăng 2 lớp so với năm học trước.\n"
            "- 100% giáo viên được bồi dưỡng chương trình mới ngay trong tháng 10.\n"
            "- 100% hồ sơ tuyển sinh lớp 1 nộp trực tuyến trước tháng 7.\n")
    assert got(text, plan_year=2026, plan_month=9, plan_horizon=2027) == [("=", 100, "%", 2026), ("=", 100, "%", 2027)]


def test_a_slide_s_zero_over_its_caption_is_a_zero_target():
    text = "2. Chỉ tiêu\nNăm học 2026 - 2027\n0 - học sinh bỏ học\n0 - trẻ suy dinh dưỡng thể thấp còi\n"
    assert got(text) == [("=", 0, "học sinh", 2027), ("=", 0, "trẻ", 2027)]


def test_about_so_many_of_a_school_s_pupils_being_who_they_are_describes_them():
    text = ("2. Chỉ tiêu năm học 2026 - 2027\nNăm học 2026 - 2027 nhà trường có 22 lớp với 790 học sinh, trong đó "
            "khoảng 35% là con em đồng bào dân tộc thiểu số. Phấn đấu 100% học sinh dân tộc thiểu số biết bơi.\n")
    assert got(text, plan_year=2026, plan_month=9) == [("=", 100, "%", 2027)]


def test_a_count_after_a_comma_that_opens_on_each_of_its_own_subject_is_a_target():
    text = ("2. Chỉ tiêu năm học 2026 - 2027\nNhà trường phấn đấu 100% học sinh được học kỹ năng sống, mỗi giáo viên "
            "dạy ít nhất 3 bài có ứng dụng công nghệ số mỗi học kỳ.\n")
    assert got(text) == [("=", 100, "%", 2027), (">=", 3, "bài", 2027)]

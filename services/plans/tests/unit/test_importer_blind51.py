"""Plan importer: the reading rules the blind51 set called for (fixtures/plans_heldout/blind51, minutes and
resolutions of meetings written by someone who never read the importer: a staff conference, a school board, a
commune council adopting the year's targets), one test per rule, on sentences and tables written for the test (none
copied from a fixture; pure, no files)."""
from __future__ import annotations

from .importer_probes import header, plan_targets


# ---------------------------------------------------------------------------- a meeting's minutes or resolution
MEETING = ("UBND XÃ TÂN PHONG\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTRƯỜNG TIỂU HỌC TÂN PHONG\tĐộc lập - Tự do - Hạnh phúc\n"
           "Số: 02/{sym}\tTân Phong, ngày 20 tháng 9 năm 2027\n{kind}\nHội nghị viên chức năm học 2027 - 2028\n\n"
           "I. CHỈ TIÊU\n- Tỷ lệ học sinh hoàn thành chương trình lớp học đạt 99%.\n"
           "- Có ít nhất 03 giáo viên dạy giỏi cấp tỉnh.\n")


def test_a_meetings_minutes_or_resolution_names_its_kind_over_its_subject():
    for kind, sym in (("BIÊN BẢN", "BB-HNVC"), ("NGHỊ QUYẾT", "NQ-HNVC")):
        text = MEETING.format(kind=kind, sym=sym)
        assert header(text, ("issuer", "title")) == {"issuer": "TRƯỜNG TIỂU HỌC TÂN PHONG",
                                                     "title": "Hội nghị viên chức năm học 2027 - 2028"}, kind
        # the school year the subject names is the targets' horizon
        assert plan_targets(text) == [("=", 99, "%", 2028), (">=", 3, "giáo viên", 2028)], kind


def test_a_resolution_passed_by_the_meeting_names_the_meeting_under_its_subject():
    text = MEETING.format(kind="NGHỊ QUYẾT", sym="NQ-HNVC").replace(
        "2028\n\n", "2028\nHỘI NGHỊ VIÊN CHỨC TRƯỜNG TIỂU HỌC TÂN PHONG\n\n")
    assert header(text, ("title",)) == {"title": "Hội nghị viên chức năm học 2027 - 2028"}


# ---------------------------------------------------------------------------- the secretary signs beside the chair
def test_minutes_signed_by_the_secretary_beside_the_chair_name_the_chair_as_signer():
    closings = (
        # the two columns stacked, as a borderless table's cells come out of a Word file
        "THƯ KÝ HỘI NGHỊ\nTM. HỘI NGHỊ\nCHỦ TỌA\n(đã ký)\n(đã ký)\nLò Văn Sinh\nĐặng Thị Thu Hà\n",
        "THƯ KÝ\nCHỦ TỌA\n(Đã ký)\n(Đã ký)\nLò Văn Sinh\nĐặng Thị Thu Hà\n",
        # the two columns typed side by side
        "THƯ KÝ                                   CHỦ TỌA\nLò Văn Sinh                              Đặng Thị Thu Hà\n",
    )
    for closing in closings:
        text = MEETING.format(kind="BIÊN BẢN", sym="BB-HNVC") + "Biên bản được thông qua lúc 11 giờ.\n" + closing
        assert header(text, ("signer_title", "signer")) == {"signer_title": "CHỦ TỌA", "signer": "Đặng Thị Thu Hà"}, closing


def test_minutes_whose_two_signature_columns_a_pdf_joined_by_a_space_name_the_chair_as_signer():
    closings = (
        ("THƯ KÝ CHỦ TỌA\n(đã ký) (đã ký)\nLò Văn Sinh Đặng Thị Thu Hà\n", "CHỦ TỌA", "Đặng Thị Thu Hà"),
        # the chair's authority over its position, the secretary's name of four words
        ("THƯ KÝ TM. HỘI NGHỊ\nCHỦ TỌA\n(đã ký) (đã ký)\nVi Thị Mai Hoa Trần Quốc Bảo\n", "CHỦ TỌA", "Trần Quốc Bảo"),
    )
    for closing, title, signer in closings:
        text = MEETING.format(kind="BIÊN BẢN", sym="BB-HNVC") + "Biên bản được thông qua lúc 11 giờ.\n" + closing
        assert header(text, ("signer_title", "signer")) == {"signer_title": title, "signer": signer}, closing


def test_two_names_stacked_without_a_secretary_are_not_paired_with_a_position():
    text = (MEETING.format(kind="BIÊN BẢN", sym="BB-HNVC") + "HIỆU TRƯỞNG\n(đã ký)\nLò Văn Sinh\nĐặng Thị Thu Hà\n")
    assert header(text, ("signer",)) == {"signer": None}


# ---------------------------------------------------------------------------- a resolution's articles
RESOLUTION = ("QUYẾT NGHỊ:\nĐiều 1. Thống nhất đánh giá kết quả thực hiện nhiệm vụ năm học 2026 - 2027\n"
              "Tỷ lệ trẻ ra lớp đạt 93,5%; 05/06 lớp đạt danh hiệu lớp tiên tiến.\n"
              "Điều 2. Thông qua các chỉ tiêu năm học 2027 - 2028\n- Tỷ lệ trẻ ra lớp đạt 95%.\n"
              "Điều 3. Phấn đấu đến năm 2031\nCó ít nhất 02 phòng học thông minh.\n"
              "Điều 4. Tổ chức thực hiện\nGiao Hiệu trưởng tổ chức thực hiện.\n")


def test_a_resolutions_articles_are_its_groups_the_year_gone_by_describes_and_a_later_year_is_its_own_horizon():
    assert plan_targets(RESOLUTION) == [("=", 95, "%", 2028), (">=", 2, "phòng", 2031)]


# ---------------------------------------------------------------------------- attendance and vote
def test_a_meetings_attendance_and_vote_are_no_targets():
    text = ("II. CHỈ TIÊU\nThành phần: triệu tập 38, có mặt 36/38 (vắng 02 có lý do).\n"
            "- Tỷ lệ học sinh lên lớp đạt 98,5% năm 2027.\n"
            "Kết quả biểu quyết: 34/36 đồng ý, đạt 94,4%; 02 không đồng ý.\n"
            "Biên bản được đọc lại, các đại biểu nhất trí 100%.\n")
    assert plan_targets(text) == [("=", 98.5, "%", 2027)]


def test_a_vote_that_opens_what_it_passed_keeps_the_targets_after_its_colon():
    text = "II. CHỈ TIÊU\nHội nghị nhất trí: tỷ lệ học sinh lên lớp đạt 98,5% năm 2027.\n"
    assert plan_targets(text) == [("=", 98.5, "%", 2027)]


# ---------------------------------------------------------------------------- a member's proposal in the discussion
def test_a_members_proposal_is_no_target_unless_the_meeting_agrees_to_it():
    text = ("II. CHỈ TIÊU NĂM 2027\n- Tỷ lệ học sinh lên lớp đạt 98,5%.\n"
            "- Thầy Vương Đình Khải (tổ Khoa học) đề nghị chỉ tiêu lên lớp là 97% vì nhiều học sinh ở xa.\n"
            "- Tổ Ngoại ngữ đề xuất 45% học sinh đạt chuẩn tiếng Anh.\n"
            "- Cô Mai Thị Yên (tổ 3) đề nghị bổ sung: 100% học sinh lớp 4 biết bơi; Hội nghị nhất trí.\n")
    assert plan_targets(text) == [("=", 98.5, "%", 2027), ("=", 100, "%", 2027)]


def test_a_line_opening_on_a_word_like_a_title_is_no_proposal():
    text = "II. CHỈ TIÊU NĂM 2027\n- Có ít nhất 70% giáo viên đề xuất sáng kiến kinh nghiệm.\n"
    assert plan_targets(text) == [(">=", 70, "%", 2027)]


# ---------------------------------------------------------------------------- a meeting's proceedings
MINUTES = ("UBND XÃ TÂN PHONG\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTRƯỜNG TIỂU HỌC TÂN PHONG\tĐộc lập - Tự do - Hạnh phúc\n"
           "Số: 05/BB-HĐSP\tTân Phong, ngày 14 tháng 9 năm 2027\nBIÊN BẢN\nHọp Hội đồng sư phạm tháng 9 năm 2027\n"
           "I. THÀNH PHẦN\n- Có mặt 40/42, vắng 02 có lý do.\n"
           "II. NỘI DUNG\n1. Đánh giá kết quả năm học 2026 - 2027\n"
           "Bà Hiệu trưởng báo cáo: toàn trường 18 lớp; tỷ lệ học sinh hoàn thành chương trình lớp học đạt 97,2%.\n"
           "2. Thông qua dự thảo chỉ tiêu năm học 2027 - 2028\n"
           "- Tỷ lệ học sinh hoàn thành chương trình lớp học đạt 98%.\n- Có ít nhất 02 phòng học thông minh.\n"
           "3. Thảo luận\n- Cô Hà Thị Lan (tổ 5) đề nghị giữ chỉ tiêu như dự thảo.\n"
           "4. Kết luận của chủ tọa\nHội đồng thống nhất bổ sung chỉ tiêu 100% học sinh lớp 3 biết bơi.\n")


def test_a_meetings_proceedings_hold_the_targets_it_adopted_in_the_school_year_its_part_names():
    # "II. NỘI DUNG" after "I. THÀNH PHẦN" is what the meeting did, not a plan's tasks; the month in the subject dates
    # the meeting; the part on the year gone by describes; "3. Thảo luận" and "4. Kết luận" stay in the draft's year
    assert plan_targets(MINUTES) == [("=", 98, "%", 2028), (">=", 2, "phòng", 2028), ("=", 100, "%", 2028)]


def test_a_meeting_that_states_its_resolution_apart_sets_its_targets_there_only():
    # the draft read out and the debate before "III. NGHỊ QUYẾT HỘI NGHỊ" describe, as the attendance does
    text = (MINUTES.split("3. Thảo luận")[0] + "III. NGHỊ QUYẾT HỘI NGHỊ\nHội nghị thống nhất các chỉ tiêu năm học 2027 - 2028:\n"
            "1. Tỷ lệ học sinh hoàn thành chương trình lớp học: 98,5%.\n2. Có 03 phòng học thông minh.\n")
    assert plan_targets(text) == [("=", 98.5, "%", 2028), ("=", 3, "phòng", 2028)]


# ---------------------------------------------------------------------------- the draft and what the meeting set
def test_a_figure_given_as_the_drafts_is_no_target_beside_the_one_the_meeting_set():
    text = ("II. CHỈ TIÊU NĂM 2027\n- Tỷ lệ học sinh lên lớp: dự thảo 97%, Hội nghị thống nhất nâng lên 98%.\n"
            "- Học sinh đạt chuẩn tiếng Anh: dự thảo trình Hội nghị là 60%; Hội nghị điều chỉnh còn 55%.\n")
    assert plan_targets(text) == [("=", 98, "%", 2027), ("=", 55, "%", 2027)]


def test_a_tables_draft_column_gives_way_to_the_column_the_meeting_adopted():
    text = ("II. CHỈ TIÊU NĂM HỌC 2027 - 2028\n"
            "Chỉ tiêu | Năm học 2026 - 2027 (thực hiện) | Dự thảo | Hội nghị thông qua\n"
            "Tỷ lệ học sinh lên lớp (%) | 96,1 | 97 | 98\n"
            "Phòng học thông minh (phòng) | 1 | 2 | 2\n")
    assert plan_targets(text) == [("=", 98, "%", 2028), ("=", 2, "phòng", 2028)]


def test_a_meetings_debate_sets_no_targets_unless_the_meeting_agrees_there():
    text = (MINUTES.replace("- Cô Hà Thị Lan (tổ 5) đề nghị giữ chỉ tiêu như dự thảo.\n",
                            "- Tổ 2 đề nghị mở 03 lớp học hai buổi; Hiệu trưởng giải trình chỉ đủ phòng cho 02 lớp.\n"
                            "- Các tổ đề xuất 100% giáo viên dự giờ ít nhất 18 tiết; Hội đồng thống nhất.\n")
            .replace("Hội đồng thống nhất bổ sung chỉ tiêu 100% học sinh lớp 3 biết bơi.\n",
                     "Biểu quyết: 38/40 đồng ý; 02 ý kiến đề nghị giữ tỷ lệ hoàn thành chương trình 97%.\n"))
    assert plan_targets(text) == [("=", 98, "%", 2028), (">=", 2, "phòng", 2028), ("=", 100, "%", 2028)]


# ---------------------------------------------------------------------------- what the meeting changed
DRAFT = ("II. CHỈ TIÊU NĂM HỌC 2027 - 2028\n"
         "(1) Tỷ lệ trẻ mẫu giáo ra lớp đạt 94%.\n(2) Tỷ lệ trẻ thấp còi dưới 6%.\n(3) Trẻ 5 tuổi làm quen tiếng Anh đạt 40%.\n"
         "Trường | Ra lớp (%) | Phòng học thông minh (phòng)\nMN Hoa Sen | 95 | 1\nMN Sơn Ca | 93 | 1\n")


def test_a_figure_the_meeting_changed_gives_way_to_the_one_it_changed_to():
    text = DRAFT + ("Kết luận: chỉ tiêu (1) nâng lên 95%; tỷ lệ trẻ thấp còi điều chỉnh từ dưới 6% thành dưới 7%; "
                    "MN Sơn Ca: phòng học thông minh điều chỉnh từ 1 lên 2 phòng.\n")
    assert plan_targets(text) == [("=", 40, "%", 2028), ("=", 95, "%", 2028), ("=", 1, "phòng", 2028), ("=", 93, "%", 2028),
                                  ("=", 95, "%", 2028), ("<", 7, "%", 2028), ("=", 2, "phòng", 2028)]


def test_a_figure_the_meeting_kept_is_not_a_second_target():
    text = DRAFT + "Kết luận: Hội nghị thống nhất giữ mức 40% trẻ 5 tuổi làm quen tiếng Anh.\n"
    assert plan_targets(text).count(("=", 40, "%", 2028)) == 1


def test_a_staged_rise_from_an_earlier_target_keeps_both():
    text = "II. CHỈ TIÊU\n- Năm 2027: tỷ lệ trẻ ra lớp đạt 94%.\n- Năm 2030: tỷ lệ trẻ ra lớp tăng từ 94% lên 97%.\n"
    assert plan_targets(text) == [("=", 94, "%", 2027), ("=", 97, "%", 2030)]


# ---------------------------------------------------------------------------- the year gone by, reported
def test_a_report_of_a_school_year_over_describes_its_line():
    text = ("UBND XÃ TÂN PHONG\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTRƯỜNG MẦM NON TÂN PHONG\tĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 03/BB-MNTP\tTân Phong, ngày 10 tháng 9 năm 2027\nBIÊN BẢN\nHọp Hội đồng sư phạm năm học 2027 - 2028\n"
            "1. Bà Hiệu trưởng báo cáo kết quả năm học 2026 - 2027: trẻ ra lớp đạt 93,1%; 3/5 điểm trường có bếp.\n"
            "2. Chỉ tiêu năm học 2027 - 2028: trẻ ra lớp đạt 95%.\n")
    assert plan_targets(text) == [("=", 95, "%", 2028)]


def test_a_resolution_that_names_the_year_gone_by_in_its_first_article_describes_it_there():
    text = ("Điều 1. Tán thành Báo cáo tổng kết năm học 2026 - 2027. Năm học 2026 - 2027 trường có 30 lớp; kết quả nổi bật: "
            "tỷ lệ lên lớp 99,2%.\nĐiều 2. Thông qua các chỉ tiêu năm học 2027 - 2028: tỷ lệ lên lớp đạt 99,5%.\n")
    assert plan_targets("Tân Phong, ngày 20 tháng 9 năm 2027\n" + text) == [("=", 99.5, "%", 2028)]


# ---------------------------------------------------------------------------- a council's resolution and its reasons
def test_a_submissions_figure_and_a_reason_beside_the_adopted_figure_are_no_targets():
    text = ("II. CHỈ TIÊU NĂM 2027\n- Tỷ lệ trẻ nhà trẻ ra lớp đạt 40% (Tờ trình số 31/TTr-UBND đề xuất 35%, Hội đồng điều "
            "chỉnh tăng).\n- Do 03 điểm lẻ chưa có giáo viên nên tỷ lệ trẻ học 2 buổi/ngày đạt 90%.\n")
    assert plan_targets(text) == [("=", 40, "%", 2027), ("=", 90, "%", 2027)]


def test_no_pupil_abbreviated_hs_in_a_zero_target():
    assert plan_targets("II. CHỈ TIÊU NĂM 2027\n- Không có HS tảo hôn.\n") == [("=", 0, "học sinh", 2027)]


def test_an_aim_after_a_comma_keeps_its_year_to_its_own_figure():
    text = ("II. CHỈ TIÊU NĂM HỌC 2027 - 2028\n- Duy trì trường đạt chuẩn quốc gia mức độ 1, phấn đấu đến năm 2030 đạt kiểm "
            "định chất lượng giáo dục cấp độ 3.\n")
    assert plan_targets(text) == [("=", 1, "mức", 2028), ("=", 3, "mức", 2030)]

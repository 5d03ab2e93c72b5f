"""Plan importer: the reading rules the blind45 set called for (fixtures/plans_heldout/blind45: official letters and
short instruments written by someone who never read the importer), one test per rule, on documents written for the test
(none copied from a fixture)."""
from __future__ import annotations

import io

from plans.domain.importer import extract_text

from .importer_probes import header, plan_targets
from .test_importer_pdf_tables import pdf_of


# ---------------------------------------------------------------------------- a submission (tờ trình)
SUBMISSION = ("SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH YÊN MINH\nTRUNG TÂM GDNN - GDTX NA HANG\nSố: 14/TTr-TTNH\n\n"
              "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nNa Hang, ngày 03 tháng 8 năm 2027\n\n"
              "TỜ TRÌNH\nVề việc phê duyệt chỉ tiêu tuyển sinh năm học 2027 - 2028\n\n"
              "Kính gửi: Sở Giáo dục và Đào tạo tỉnh Yên Minh.\n\n"
              "Trung tâm kính trình Sở xem xét, phê duyệt các chỉ tiêu sau:\n"
              "1. Chỉ tiêu đề nghị\n- Tuyển mới 04 lớp GDTX cấp THPT.\n- Tỷ lệ học viên lên lớp đạt 93% trở lên.\n\n"
              "Nơi nhận:\n- Như trên;\n- Lưu: VT.\nGIÁM ĐỐC\n(đã ký)\nHà Văn Tùng\n")


def test_a_submission_s_kind_ends_the_header_and_its_subject_is_the_title():
    assert header(SUBMISSION) == {"superior": "SỞ GIÁO DỤC VÀ ĐÀO TẠO TỈNH YÊN MINH",
                                  "issuer": "TRUNG TÂM GDNN - GDTX NA HANG", "number_symbol": "14/TTr-TTNH",
                                  "place": "Na Hang", "title": "Về việc phê duyệt chỉ tiêu tuyển sinh năm học 2027 - 2028"}


def test_a_submission_s_targets_without_a_year_of_their_own_are_due_by_its_school_year():
    assert plan_targets(SUBMISSION) == [("=", 4, "lớp", 2028), (">=", 93, "%", 2028)]


# ---------------------------------------------------------------------------- a registration (bản đăng ký), Word
def _registration_docx() -> str:
    """A school's registration of its year's targets as Word writes it: the header a two-column table."""
    import docx

    document = docx.Document()
    table = document.add_table(rows=3, cols=2)
    for r, (left, right) in enumerate([("UBND XÃ TÂN SƠN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
                                       ("TRƯỜNG TIỂU HỌC TÂN SƠN", "Độc lập - Tự do - Hạnh phúc"),
                                       ("Số: 21/ĐK-THTS", "Tân Sơn, ngày 28 tháng 9 năm 2027")]):
        table.cell(r, 0).text, table.cell(r, 1).text = left, right
    for line in ("BẢN ĐĂNG KÝ", "Chỉ tiêu thi đua năm học 2027 - 2028", "Kính gửi: Ủy ban nhân dân xã Tân Sơn.",
                 "Nhà trường đăng ký các chỉ tiêu sau:", "- Học sinh lớp 5 hoàn thành chương trình tiểu học đạt 100%.",
                 "- Có ít nhất 03 giáo viên dạy giỏi cấp xã.", "HIỆU TRƯỞNG", "Lò Thị Mai"):
        document.add_paragraph(line)
    raw = io.BytesIO()
    document.save(raw)
    return extract_text(raw.getvalue(), "dangky.docx").text


def test_a_registration_s_kind_ends_the_header_and_its_subject_is_the_title():
    text = _registration_docx()
    assert header(text) == {"superior": "UBND XÃ TÂN SƠN", "issuer": "TRƯỜNG TIỂU HỌC TÂN SƠN",
                            "number_symbol": "21/ĐK-THTS", "place": "Tân Sơn",
                            "title": "Chỉ tiêu thi đua năm học 2027 - 2028"}
    assert plan_targets(text) == [("=", 100, "%", 2028), (">=", 3, "giáo viên", 2028)]


# ---------------------------------------------------------------------------- a letter (công văn), PDF
LETTER = ["SỞ GD&ĐT TỈNH HÀ GIANG", "TRƯỜNG THPT BẮC QUANG", "Số: 77/THPTBQ-CM",
          "V/v đăng ký chỉ tiêu chất lượng giáo dục năm", "học 2027 - 2028",
          "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Bắc Quang, ngày 15 tháng 9 năm 2027",
          "Kính gửi: Sở Giáo dục và Đào tạo tỉnh Hà Giang.",
          "Thực hiện Công văn số 902/SGDĐT-GDTrH V/v đăng ký chỉ tiêu năm học 2027 - 2028, nhà trường đăng ký như sau:",
          "1. Học sinh tốt nghiệp THPT từ 97% trở lên.", "2. Tỷ lệ học sinh bỏ học không quá 1%.",
          "HIỆU TRƯỞNG", "Nông Văn Bình"]


def test_a_letter_s_subject_without_its_v_v_is_the_title_and_dates_its_targets():
    text = extract_text(pdf_of(LETTER, True), "congvan.pdf").text
    assert header(text) == {"superior": "SỞ GD&ĐT TỈNH HÀ GIANG", "issuer": "TRƯỜNG THPT BẮC QUANG",
                            "number_symbol": "77/THPTBQ-CM", "place": "Bắc Quang",
                            "title": "đăng ký chỉ tiêu chất lượng giáo dục năm học 2027 - 2028"}
    assert plan_targets(text) == [(">=", 97, "%", 2028), ("<=", 1, "%", 2028)]


def test_a_v_v_below_the_salutation_quotes_another_letter_and_is_no_title():
    text = "\n".join(LETTER[:3] + LETTER[5:9] + ["V/v đăng ký chỉ tiêu năm học 2027 - 2028 (Công văn số 902 của Sở)"]
                     + LETTER[10:])
    assert header(text, ("title",)) == {"title": None}


# ---------------------------------------------------------------------------- a letter's situation before its targets
SITUATION = ("1. Đặc điểm tình hình\n"
             "Năm học 2027 - 2028 nhà trường có 18 lớp với 640 học sinh, con em của đồng bào thuộc\n"
             "7 dân tộc (Tày 46%, Dao 30%), 12% học sinh ở bán trú.\n"
             "2. Chỉ tiêu đăng ký năm học 2027 - 2028\n"
             "- Tỷ lệ học sinh lên lớp đạt 97%.\n")


def test_the_make_up_a_school_has_in_the_year_describes_its_situation():
    assert plan_targets(SITUATION) == [("=", 97, "%", 2028)]


def test_a_year_heading_under_the_situation_still_opens_targets():
    text = SITUATION.replace("Năm học 2027 - 2028 nhà trường có 18 lớp với 640 học sinh, con em của đồng bào thuộc\n"
                             "7 dân tộc (Tày 46%, Dao 30%), 12% học sinh ở bán trú.\n",
                             "Nhà trường có 18 lớp với 640 học sinh.\nNăm học 2027 - 2028 phấn đấu 100% học sinh học 2 buổi/ngày.\n")
    assert ("=", 100, "%", 2028) in plan_targets(text)


# ---------------------------------------------------------------------------- emulation titles registered
def test_the_people_put_forward_for_an_emulation_title_are_counted():
    text = ("BẢN ĐĂNG KÝ\nChỉ tiêu thi đua năm học 2027 - 2028\n\n"
            "I. CHỈ TIÊU THỰC HIỆN NHIỆM VỤ\n- Tỷ lệ trẻ chuyên cần đạt 95%.\n"
            "II. DANH HIỆU THI ĐUA\n1. Tập thể: Tập thể lao động xuất sắc.\n"
            "2. Cá nhân: Lao động tiên tiến 31 cá nhân; Chiến sĩ thi đua cơ sở: 04 cá nhân.\n")
    assert plan_targets(text) == [("=", 95, "%", 2028), ("=", 31, "cá nhân", 2028), ("=", 4, "cá nhân", 2028)]


# ---------------------------------------------------------------------------- a conclusion's assessment
def test_a_conclusion_s_assessment_of_the_year_gone_by_sets_no_targets():
    text = ("THÔNG BÁO\nKết luận của Chủ tịch UBND xã về nhiệm vụ năm học 2027 - 2028\n\n"
            "1. Đánh giá chung\nNăm học 2026 - 2027, toàn xã có 11 trường; tỷ lệ trẻ 5 tuổi ra lớp đạt 99,2%; vẫn còn\n"
            "14 học sinh bỏ học (chiếm 0,8%).\n"
            "2. Nhiệm vụ năm học 2027 - 2028\na) Tỷ lệ học sinh bỏ học dưới 0,5%.\n")
    assert plan_targets(text) == [("<", 0.5, "%", 2028)]

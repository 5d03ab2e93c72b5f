"""The official report, without I/O: figures from views the real domain computes, sentences, the DOCX layout."""
from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone

import pytest
from docx import Document as read_docx
from docx.shared import Pt

from reports.adapters.docx import render
from reports.domain import sentences as say
from reports.domain.model import Model
from reports.domain.official import (
    COMMUNE,
    PROVINCE,
    SCHOOL,
    Table,
    compose,
    figures_of,
    missing_written,
    unit_of,
)
from reports.domain.views import build_province, plans_view_id, round_view_id

from ..official_support import HP_WARD, TH, rows_of, scenario_events

VN = timezone(timedelta(hours=7))
AS_OF = datetime(2026, 1, 20, 17, 0, tzinfo=VN)
WRITTEN = {"shortcomings": "Một số trường nộp muộn.", "tasks": "Đôn đốc các trường.\nBồi dưỡng giáo viên.",
           "proposals": "Đề nghị Sở hỗ trợ kinh phí."}


@pytest.fixture
def views(events):
    model = Model()
    for event in scenario_events(events, "rnd-1"):
        for collection, row in rows_of(event):
            model.apply(collection, row)
    names = {HP_WARD: "Phường Nguyễn Đại Năng", "11560": "Phường Thủy Nguyên"}
    return model, build_province(model, "31", lambda c: names.get(c, c))


def commune_unit():
    return unit_of(COMMUNE, HP_WARD, province_code="31", province_name="Thành phố Hải Phòng",
                   commune_code=HP_WARD, commune_name="Phường Nguyễn Đại Năng")


def city_unit():
    return unit_of(PROVINCE, "31", province_code="31", province_name="Thành phố Hải Phòng")


def test_sentences_write_numbers_as_vietnamese_does():
    row = {"name": "Tỷ lệ giáo viên đạt chuẩn", "unit": "%", "direction": "higher", "actual": 81.66,
           "previous": 79.4, "status": "on_track", "comparator": ">=", "target": 90, "horizon": 2030}
    assert say.indicator_sentence(row) == ("Tỷ lệ giáo viên đạt chuẩn đạt 81,7%, tăng 2,3 điểm phần trăm so với "
                                           "đợt trước, đúng lộ trình đạt mục tiêu 90% vào năm 2030.")
    lower = {**row, "name": "Tỷ lệ học sinh bỏ học", "direction": "lower", "actual": 0.4, "previous": 0.75,
             "status": "reached", "comparator": "<", "target": 0.5}
    assert say.indicator_sentence(lower) == ("Tỷ lệ học sinh bỏ học là 0,4%, giảm 0,4 điểm phần trăm so với đợt "
                                             "trước, đã đạt mục tiêu dưới 0,5% vào năm 2030.")
    assert say.number(1250, 0) == "1.250" and say.number(-0.04) == "0"
    assert say.long_date(datetime(2027, 2, 5)) == "ngày 05 tháng 02 năm 2027"
    assert say.long_date(datetime(2026, 12, 15)) == "ngày 15 tháng 12 năm 2026"


def test_city_figures_come_from_the_views_with_trend_against_the_earlier_round(views):
    model, built = views
    view = built[round_view_id("rnd-1", "province", "31")]
    earlier = [(model.round("rnd-1-base"), built[round_view_id("rnd-1-base", "province", "31")])]
    figures = figures_of(city_unit(), model.round("rnd-1"), view, earlier,
                         built[plans_view_id("province", "31")], AS_OF)
    rows = {r["code"]: r for r in figures["indicators"]}
    teachers = rows["TEACHERS_QUALIFIED"]
    # 47 of 55 teachers qualified in the current round (THCS 27/30, TH 20/25); 79 of 95 in the baseline.
    assert teachers["actual"] == pytest.approx(47 / 55 * 100, abs=1e-4)
    assert teachers["previous"] == pytest.approx(79 / 95 * 100, abs=1e-4)
    assert teachers["history"][0]["round_name"] == "Tổng kết năm học 2024–2025"
    assert figures["completeness"]["submitted"] == 2 and figures["completeness"]["late"] == 1
    assert {c["code"] for c in figures["communes"]} == {HP_WARD, "11560"}
    assert figures["plans"]["approved"] == 1 and figures["plans"]["submitted"] == 1


def test_the_docx_has_the_decree_parts_in_order_with_the_prescribed_fonts_and_sizes(views):
    model, built = views
    view = built[round_view_id("rnd-1", "commune", HP_WARD)]
    unit = commune_unit()
    figures = figures_of(unit, model.round("rnd-1"), view, [], built[plans_view_id("commune", HP_WARD)], AS_OF)
    doc = compose(unit, figures, WRITTEN, signer_name="Nguyễn Văn An", number=7,
                  issued_on=datetime(2026, 1, 21, tzinfo=VN))
    word = read_docx(io.BytesIO(render(doc)))
    section = word.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = [round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin,
                                     section.right_margin)]
    assert 20 <= margins[0] <= 25 and 20 <= margins[1] <= 25 and 30 <= margins[2] <= 35 and 15 <= margins[3] <= 20

    def runs(paragraphs):
        return [(p.text, p.runs[0]) for p in paragraphs if p.runs]

    header = word.tables[0].rows[0].cells
    left, right = runs(header[0].paragraphs), runs(header[1].paragraphs)
    assert [t for t, _ in right][:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    quoc_hieu, tieu_ngu, place = right[0][1], right[1][1], right[2]
    assert quoc_hieu.bold and quoc_hieu.font.size == Pt(13)
    assert tieu_ngu.bold and tieu_ngu.underline and tieu_ngu.font.size == Pt(14)
    assert place[0] == "Hải Phòng, ngày 21 tháng 01 năm 2026" and place[1].italic
    assert [t for t, _ in left] == ["ỦY BAN NHÂN DÂN", "PHƯỜNG NGUYỄN ĐẠI NĂNG", "―――――", "Số: 07/BC-UBND"]
    assert left[1][1].bold and left[3][1].font.size == Pt(13)

    body = [p for p in word.paragraphs if p.text]
    assert body[0].text == "BÁO CÁO" and body[0].runs[0].bold and body[0].runs[0].font.size == Pt(14)
    assert body[1].text.startswith("Sơ kết học kỳ I năm học 2025–2026 thực hiện Nghị quyết số 71-NQ/TW")
    headings = [p.text for p in body if p.runs[0].bold][2:]
    assert headings == ["I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU", "II. TIẾN ĐỘ NỘP BÁO CÁO",
                        "III. CÁC CHỈ TIÊU CÓ NGUY CƠ KHÔNG ĐẠT", "IV. TÌNH HÌNH XÂY DỰNG KẾ HOẠCH",
                        "V. TỒN TẠI, HẠN CHẾ", "VI. NHIỆM VỤ, GIẢI PHÁP TRONG THỜI GIAN TỚI",
                        "VII. KIẾN NGHỊ, ĐỀ XUẤT"]
    text = [p for p in body[2:] if not p.runs[0].bold]
    for p in text:
        run = p.runs[0]
        assert run.font.name == "Times New Roman" and run.font.size == Pt(14), p.text
        assert p.alignment == 3 and p.paragraph_format.first_line_indent > 0  # justified, indented
        assert p.paragraph_format.space_after >= Pt(6)
    all_text = "\n".join(p.text for p in body)
    assert "Bồi dưỡng giáo viên." in all_text and "Đề nghị Sở hỗ trợ kinh phí." in all_text
    # The sentence about teachers, in the commune of two schools: 47/55 = 85,5 %, no earlier round given.
    assert "Tỷ lệ giáo viên đạt chuẩn đạt 85,5%" in all_text
    assert "Đã có 2/2 trường nộp báo cáo (đạt 100%), trong đó 1 trường nộp đúng hạn, 1 trường nộp muộn" in all_text
    for code in ("TEACHERS_QUALIFIED", "DROPOUT", "on_track", "at_risk", "None"):
        assert code not in all_text

    sign = word.tables[-1].rows[0].cells
    recipients = runs(sign[0].paragraphs)
    assert recipients[0][0] == "Nơi nhận:" and recipients[0][1].bold and recipients[0][1].italic
    assert recipients[0][1].font.size == Pt(12)
    assert all(run.font.size == Pt(11) for _, run in recipients[1:])
    assert recipients[-1][0] == "- Lưu: VT, VHXH."
    signer = [t for t, _ in runs(sign[1].paragraphs)]
    assert signer == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn An"]


def test_a_table_of_results_per_indicator_with_actual_target_status_and_trend(views):
    model, built = views
    earlier = [(model.round("rnd-1-base"), built[round_view_id("rnd-1-base", "province", "31")])]
    figures = figures_of(city_unit(), model.round("rnd-1"), built[round_view_id("rnd-1", "province", "31")],
                         earlier, built[plans_view_id("province", "31")], AS_OF)
    doc = compose(city_unit(), figures, WRITTEN)
    results = next(b for b in doc.body if isinstance(b, Table))
    assert results.columns[:5] == ("STT", "Chỉ tiêu", "Kết quả", "Mục tiêu", "Tình trạng")
    teachers = next(r for r in results.rows if r[1] == "Tỷ lệ giáo viên đạt chuẩn")
    assert teachers[2] == "85,5%" and teachers[3] == "99% (năm 2030)" and teachers[5] == "83,2% → 85,5%"
    assert doc.number == "Số:      /BC-SGDĐT" and doc.place_date == "Hải Phòng, ngày      tháng      năm"
    assert doc.recipients[0] == "- Bộ Giáo dục và Đào tạo (để báo cáo);"


def test_a_school_report_speaks_of_its_own_figures_and_plan(views):
    model, built = views
    entry = next(s for s in [*built[round_view_id("rnd-1", "commune", HP_WARD)]["schools"]]
                 if s["school_code"] == TH.code)
    unit = unit_of(SCHOOL, TH.code, province_code="31", province_name="Thành phố Hải Phòng", commune_code=HP_WARD,
                   commune_name="Phường Nguyễn Đại Năng", school_name=TH.name)
    assert unit.symbol == "BC-THHT" and unit.parent == (COMMUNE, HP_WARD)
    assert unit.superior == "UBND PHƯỜNG NGUYỄN ĐẠI NĂNG"
    figures = figures_of(unit, model.round("rnd-1"), entry, [], {"status": entry["plan_status"]}, AS_OF)
    text = "\n".join(b.text for b in compose(unit, figures, WRITTEN).body if not isinstance(b, Table))
    assert "Nhà trường đã nộp báo cáo số liệu sau thời hạn." in text
    assert "Kế hoạch thực hiện Nghị quyết của nhà trường đã được phê duyệt." in text


def test_issuing_needs_every_written_section_and_the_signer():
    errors = missing_written({"shortcomings": "  ", "tasks": "x"}, "")
    assert {e["field"] for e in errors} == {"shortcomings", "proposals", "signer_name"}
    assert all("Cần nhập" in e["message"] for e in errors)
    assert missing_written(WRITTEN, "Nguyễn Văn An") == []

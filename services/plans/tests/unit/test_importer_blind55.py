"""Plan importer: the reading rules the blind55 set called for (fixtures/plans_heldout/blind55, emulation
registrations and commitments written by someone who never read the importer: đăng ký thi đua forms, a cluster's
giao ước, bản cam kết, a ward's summary by school), one test per rule, on sentences and tables written for the test
(none copied from a fixture; pure, no files)."""
from __future__ import annotations

from .importer_probes import header

HEAD = ("UBND XÃ TÂN LẬP\nTRƯỜNG THCS TÂN LẬP\nSố: 12/ĐK-THCS\nTân Lập, ngày 10 tháng 9 năm 2027\n"
        "{kind}\n{under}\n"
        "Căn cứ Kế hoạch số 40/KH-UBND ngày 01/9/2027 của UBND xã;\n"
        "I. CHỈ TIÊU\n- Tỷ lệ học sinh lên lớp đạt 99%.\n")


# ---------------------------------------------------------------------------- a registration named on its own line
def test_a_registration_or_compact_named_with_its_subject_on_one_line_is_kept_whole():
    for kind in ("BẢN ĐĂNG KÝ THI ĐUA NĂM HỌC 2027 - 2028", "BẢN CAM KẾT THỰC HIỆN NHIỆM VỤ NĂM HỌC 2027 - 2028",
                 "GIAO ƯỚC THI ĐUA NĂM HỌC 2027 - 2028", "PHIẾU ĐĂNG KÝ DANH HIỆU THI ĐUA NĂM HỌC 2027 - 2028"):
        assert header(HEAD.format(kind=kind, under=""))["title"] == kind


def test_a_registration_s_kind_alone_on_its_line_is_left_out_of_the_title_as_before():
    for kind in ("BẢN ĐĂNG KÝ", "PHIẾU ĐĂNG KÝ CHỈ TIÊU", "BẢN CAM KẾT"):
        plan = HEAD.format(kind=kind, under="Đăng ký chỉ tiêu thi đua năm học 2027 - 2028")
        assert header(plan)["title"] == "Đăng ký chỉ tiêu thi đua năm học 2027 - 2028", kind


def test_the_parties_in_brackets_and_a_form_s_fields_under_the_name_are_not_the_title():
    for under in ("(Cụm thi đua số 2 các trường THCS)", "(giữa các trường THCS Tân Lập, THCS Tân Hòa)",
                  "(Khối thi đua các cơ quan văn hóa - xã hội)", "Đơn vị: Trường THCS Tân Lập. Quy mô: 18 lớp."):
        plan = HEAD.format(kind="GIAO ƯỚC THI ĐUA NĂM HỌC 2027 - 2028", under=under)
        assert header(plan)["title"] == "GIAO ƯỚC THI ĐUA NĂM HỌC 2027 - 2028", under

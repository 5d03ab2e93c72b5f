"""Plan importer: the reading rules the blind11 set called for (fixtures/plans_heldout/blind11, thirteen plans written
by someone who never read the importer), one test per rule, on headers and sentences written for the test (none copied
from a fixture; pure, no files)."""
from __future__ import annotations

import pytest

from .importer_probes import header

BODY = "\n\nI. MỤC TIÊU\nBảo đảm chất lượng.\n"


# ---------------------------------------------------------------------------- headers
@pytest.mark.parametrize("kind", ["THÔNG BÁO", "THONG BAO", "QUYẾT ĐỊNH", "QUYET DINH"])
def test_a_notice_or_a_decision_has_its_subject_as_title_and_ends_the_issuer(kind):
    text = ("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO HUYỆN TÂN KỲ\nTRƯỜNG THCS NGHĨA ĐỒNG\nSố: 07/TB-THCS\n"
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nNghĩa Đồng, ngày 04 tháng 9 năm 2026\n\n"
            f"{kind}\nChỉ tiêu trọng tâm năm học 2026 - 2027" + BODY)
    assert header(text) == {"superior": "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO HUYỆN TÂN KỲ", "issuer": "TRƯỜNG THCS NGHĨA ĐỒNG",
                            "number_symbol": "07/TB-THCS", "place": "Nghĩa Đồng",
                            "title": "Chỉ tiêu trọng tâm năm học 2026 - 2027"}


def test_a_decisions_enacting_words_over_its_articles_are_no_title():
    text = ("UBND XÃ CAM LỘ\nTRƯỜNG MẦM NON HOA MAI\nSố: 12/QĐ-MNHM      Cam Lộ, ngày 03 tháng 3 năm 2026\n\n"
            "QUYẾT ĐỊNH\nVề việc giao chỉ tiêu năm học 2026 - 2027\n\nHIỆU TRƯỞNG TRƯỜNG MẦM NON HOA MAI\n\n"
            "Căn cứ Điều lệ trường mầm non;\n\nQUYẾT ĐỊNH:\n\nĐiều 1. Giao chỉ tiêu như sau:\n- 100% trẻ được an toàn.\n")
    assert header(text)["title"] == "Về việc giao chỉ tiêu năm học 2026 - 2027"
    assert header(text)["issuer"] == "TRƯỜNG MẦM NON HOA MAI"

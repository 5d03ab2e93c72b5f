"""The city's daily digest without I/O: completeness per commune, the Vietnamese text, its length."""
from __future__ import annotations

from datetime import datetime

from notifications.domain.digest import CommuneProgress, digest, progress

from ..support import ROUND, THCS_HP, THPT_HP, TH_2, TH_HP, VN


def test_completeness_per_commune_least_complete_first():
    schools = [s.as_contract() for s in (TH_HP, THCS_HP, TH_2, THPT_HP)]
    rows = progress(ROUND, schools, submitted={TH_HP.code, TH_2.code})
    assert [(r.commune_code, r.submitted, r.expected) for r in rows] == [("10744", 1, 2), ("11560", 1, 1)]


def test_digest_text_in_vietnamese_with_decimal_commas():
    schools = [s.as_contract() for s in (TH_HP, THCS_HP, TH_2)]
    rows = progress(ROUND, schools, submitted={TH_HP.code})
    day = datetime(2026, 1, 10, 7, 0, tzinfo=VN)
    notice = digest("31", day, [(ROUND, rows)], {"10744": "Phường Nguyễn Đại Năng", "11560": "Xã Thuỷ Nguyên"}.get)
    assert notice.title == "Tổng hợp tiến độ nộp báo cáo ngày 10/01/2026"
    lines = notice.body.splitlines()
    assert lines[0] == ("Đợt “Sơ kết học kỳ I năm học 2026–2027” (hạn nộp 17:00 ngày 15/01/2026): "
                        "1/3 trường đã nộp (33,3 %).")
    assert lines[1:] == ["Đã nộp đủ: 0/2 xã/phường; chưa có trường nào nộp: 1 xã/phường.", "Nộp ít nhất:",
                         "- Xã Thuỷ Nguyên: 0/1 trường (0 %)", "- Phường Nguyễn Đại Năng: 1/2 trường (50 %)"]
    assert (notice.recipient.org_unit, notice.recipient.role.value) == ("31", "city")
    assert notice.dedupe_base == "digest:31:2026-01-10"


def test_a_digest_for_114_communes_names_the_five_least_complete_and_counts_the_rest():
    rows = [CommuneProgress(f"{10000 + i}", i % 4, 3) for i in range(114)]  # a quarter complete (3/3)
    rows.sort(key=lambda r: (r.share, r.commune_code))
    day = datetime(2026, 1, 10, 7, 0, tzinfo=VN)
    notice = digest("31", day, [(ROUND, rows)], lambda code: f"Xã {code}",
                    dashboard_url="https://edu71.haiphong.gov.vn/dashboard")
    lines = notice.body.splitlines()
    assert len(lines) == 11  # the same for 114 communes as for 12: a summary, not one line per commune
    assert lines[1] == "Đã nộp đủ: 28/114 xã/phường; chưa có trường nào nộp: 29 xã/phường."
    named = [line for line in lines if line.startswith("- ")]
    assert named == [f"- Xã {r.commune_code}: 0/3 trường (0 %)" for r in rows[:5]]
    assert "… và 81 xã/phường khác chưa nộp đủ." in lines
    assert lines[-1] == "Xem tiến độ của từng xã/phường: https://edu71.haiphong.gov.vn/dashboard"

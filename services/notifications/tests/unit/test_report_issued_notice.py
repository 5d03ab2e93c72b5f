"""ReportIssued → the level above is told, in Vietnamese; the Ministry, which has no account, is not."""
from __future__ import annotations

import json
from pathlib import Path

from edu71.auth import Role
from notifications.domain.kinds import KIND_LABELS, Kind
from notifications.domain.notices import notices_for

EXAMPLE = Path(__file__).resolve().parents[4] / "contracts" / "examples" / "ReportIssued.v1.json"


def example() -> dict:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))


def test_a_commune_report_tells_the_city():
    [notice] = notices_for("ReportIssued", example())
    assert notice.kind == Kind.REPORT_ISSUED and KIND_LABELS[notice.kind] == "Báo cáo của cấp dưới gửi đến"
    assert (notice.recipient.org_unit, notice.recipient.role) == ("31", Role.CITY)
    assert notice.title == "Báo cáo gửi đến: 12/BC-UBND của Phường Nguyễn Đại Năng"
    assert notice.body.startswith("Phường Nguyễn Đại Năng đã gửi báo cáo số 12/BC-UBND: “Sơ kết học kỳ I")
    assert "Người ban hành: Phạm Thị Lan." in notice.body
    assert notice.reference == {"report_id": "rnd-31-2026-2027-hk1|commune|10744", "round_id": "rnd-31-2026-2027-hk1"}


def test_a_school_report_tells_its_commune():
    data = {**example(), "issuer": {"kind": "school", "code": "HP-TH-HIENTHANH", "name": "Trường Tiểu học Hiến Thành"},
            "recipient": {"kind": "commune", "code": "10744", "name": "UBND Phường Nguyễn Đại Năng"},
            "number_symbol": "03/BC-THHT"}
    [notice] = notices_for("ReportIssued", data)
    assert (notice.recipient.org_unit, notice.recipient.role) == ("10744", Role.COMMUNE)


def test_the_citys_report_to_the_ministry_tells_nobody_here():
    data = {**example(), "recipient": {"kind": "nation", "code": "VN", "name": "Bộ Giáo dục và Đào tạo"}}
    assert notices_for("ReportIssued", data) == []

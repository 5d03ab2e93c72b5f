"""Helpers of the notifications tests: schools in real communes, real plan events built from the contracts."""
from __future__ import annotations

import dataclasses

from edu71.contracts import Contracts, Event
from edu71.orgs import School, SchoolLevel

THCS_HCM = School("HCM-THCS-THITRAN2", "Trường THCS Thị Trấn 2", SchoolLevel.THCS, "27496", "79")
TH_HP = School("HP-TH-HIENTHANH", "Trường Tiểu học Hiến Thành", SchoolLevel.TIEU_HOC, "10744", "31")
THPT_HP = School("THPT-10744", "Trường THPT Nguyễn Đại Năng", SchoolLevel.THPT, "10744", "31")
LIEN_CAP_HP = School("LC-11560", "Trường Liên cấp Thuỷ Nguyên", SchoolLevel.LIEN_CAP, "11560", "31")

TARGETS = [
    {"indicator_code": "MAX_CLASS_SIZE", "text": "Sĩ số mỗi lớp không quá 45 học sinh", "comparator": "<=",
     "value": 45, "unit": "học sinh/lớp", "horizon": "2026-12-31",
     "source_sentence": "- Duy trì 38 lớp, sĩ số không quá 45 học sinh/lớp."},
    {"indicator_code": "DROPOUT", "text": "Tỷ lệ học sinh bỏ học không quá 0,5%", "comparator": "<=", "value": 0.5,
     "unit": "%", "horizon": "2026-12-31", "source_sentence": "- Tỷ lệ bỏ học, lưu ban không quá 0,5%."},
]


def commune_reviewer(school: School) -> dict:
    return {"user_id": f"reviewer-{school.commune_code}", "name": "Trần Minh Tuấn", "role": "commune",
            "org_unit": school.commune_code}


def city_reviewer(school: School) -> dict:
    return {"user_id": f"city-{school.province_code}", "name": "Vũ Đức Thắng", "role": "city",
            "org_unit": school.province_code}


def at(event: Event, time: str) -> Event:
    """The same event with another envelope time (to make ordering deterministic)."""
    return dataclasses.replace(event, time=time)


class PlanEvents:
    def __init__(self, contracts: Contracts):
        self.contracts = contracts

    def _new(self, name: str, school: School, data: dict) -> Event:
        return self.contracts.new_event(name, data, subject=school.code, source="/edu71/plans")

    def submitted(self, school: School, *, plan_id: str = "pln-1", version: int = 1,
                  number_symbol: str = "28/KH-THCSTT2") -> Event:
        return self._new("PlanSubmitted", school, {
            "plan_id": plan_id, "version": version, "school": school.as_contract(),
            "number_symbol": number_symbol,
            "title": "Kế hoạch triển khai thực hiện Nghị quyết số 71-NQ/TW ngày 22/8/2025 của Bộ Chính trị",
            "year": 2026,
            "submitted_by": {"user_id": f"user-{school.code}", "name": "Lê Văn Hùng", "role": "school",
                             "org_unit": school.code},
            "submitted_at": "2026-01-29T09:15:00+07:00",
            "targets": TARGETS,
        })

    def approved(self, school: School, *, plan_id: str = "pln-1", version: int = 1, comment: str | None = None,
                 reviewer: dict | None = None) -> Event:
        data = {"plan_id": plan_id, "version": version, "school": school.as_contract(),
                "reviewer": reviewer or commune_reviewer(school), "approved_at": "2026-02-04T14:30:00+07:00",
                "targets": TARGETS}
        if comment:
            data["comment"] = comment
        return self._new("PlanApproved", school, data)

    def returned(self, school: School, comments: list[dict], *, plan_id: str = "pln-1", version: int = 1,
                 reviewer: dict | None = None) -> Event:
        return self._new("PlanReturned", school, {
            "plan_id": plan_id, "version": version, "school": school.as_contract(),
            "reviewer": reviewer or commune_reviewer(school), "returned_at": "2026-02-01T10:05:00+07:00",
            "comments": comments, "targets": TARGETS,
        })

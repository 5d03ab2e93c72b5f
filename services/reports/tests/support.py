"""Helpers of the reports tests: schools in real communes, indicator values, real events from the contracts."""
from __future__ import annotations

from edu71.contracts import Contracts
from edu71.orgs import School, SchoolLevel

# Communes from the official list (vietnam-provinces): two in Hải Phòng (31), one in TP. Hồ Chí Minh (79).
HP_WARD, HP_WARD_2, HCM_COMMUNE = "10744", "11560", "27496"

SCHOOLS = {
    "thcs_hp": School("THCS-10744", "Trường THCS Nguyễn Đại Năng", SchoolLevel.THCS, HP_WARD, "31"),
    "th_hp": School("HP-TH-HIENTHANH", "Trường Tiểu học Hiến Thành", SchoolLevel.TIEU_HOC, HP_WARD, "31"),
    "thcs_hp2": School("THCS-11560", "Trường THCS Thuỷ Nguyên", SchoolLevel.THCS, HP_WARD_2, "31"),
    "thcs_hcm": School("HCM-THCS-THITRAN2", "Trường THCS Thị Trấn 2", SchoolLevel.THCS, HCM_COMMUNE, "79"),
}


def ratio(code: str, num: int, den: int) -> dict:
    return {"indicator_code": code, "catalogue_version": 1, "value_type": "ratio", "numerator": num,
            "denominator": den}


def count(code: str, value: float) -> dict:
    return {"indicator_code": code, "catalogue_version": 1, "value_type": "count", "value": value}


def level(code: str, lv: int) -> dict:
    return {"indicator_code": code, "catalogue_version": 1, "value_type": "level", "level": lv}


class EventFactory:
    def __init__(self, contracts: Contracts):
        self.contracts = contracts

    def values(self, school: School, revision: int, values: list[dict], *, round_id: str,
               submission_id: str | None = None, late: bool = False):
        data = {
            "submission_id": submission_id or f"sub-{round_id}-{school.code}",
            "round_id": round_id,
            "school": school.as_contract(),
            "revision": revision,
            "submitted_at": "2026-01-12T15:42:10+07:00",
            "submitted_by": {"user_id": f"user-{school.code}", "name": "Nguyễn Thị Thu Hà", "role": "school",
                             "org_unit": school.code},
            "late": late,
            "values": values,
        }
        if revision == 1:
            return self.contracts.new_event("IndicatorSubmitted", data, subject=school.code,
                                            source="/edu71/indicators")
        data["previous_revision"] = revision - 1
        data["changes"] = [{"indicator_code": v["indicator_code"], "old": None, "new": v} for v in values]
        return self.contracts.new_event("IndicatorRevised", data, subject=school.code, source="/edu71/indicators")

    def round_opened(self, round_id: str, *, province_code: str = "31", indicator_codes=None,
                     name: str = "Sơ kết học kỳ I năm học 2025–2026", reopened: bool = False,
                     due_at: str = "2026-01-15T17:00:00+07:00"):
        data = {
            "round_id": round_id,
            "name": name,
            "province_code": province_code,
            "school_year": "2025-2026",
            "school_levels": ["mam_non", "tieu_hoc", "thcs", "thpt", "lien_cap"],
            "indicator_codes": indicator_codes or ["TEACHERS_QUALIFIED", "SMART_CLASSROOMS", "PCGD_LEVEL",
                                                   "DROPOUT"],
            "opens_at": "2025-12-22T07:00:00+07:00",
            "due_at": due_at,
            "closes_at": "2026-01-31T23:59:59+07:00",
            "opened_by": {"user_id": "u-3e1c8a47", "name": "Vũ Đức Thắng", "role": "city", "org_unit": province_code},
            "reopened": reopened,
        }
        return self.contracts.new_event("ReportingRoundOpened", data, subject=province_code, source="/edu71/indicators")

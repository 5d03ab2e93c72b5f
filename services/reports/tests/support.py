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

    def school(self, school: School, version: int = 1, *, active: bool = True, changed=("name",)):
        data = {"school": school.as_contract(), "version": version, "active": active}
        if version == 1:
            return self.contracts.new_event("SchoolRegistered", data, subject=school.code, source="/edu71/directory")
        return self.contracts.new_event("SchoolChanged", {**data, "changed": list(changed)}, subject=school.code,
                                        source="/edu71/directory")

    def plan(self, name: str, school: School, version: int = 1, targets=()):
        actor = {"user_id": "u-1", "name": "Trần Minh Tuấn", "role": "commune", "org_unit": school.commune_code}
        data = {"plan_id": f"pln-{school.code}", "version": version, "school": school.as_contract(),
                "targets": list(targets)}
        match name:
            case "PlanSubmitted":
                data |= {"number_symbol": "28/KH-THCS", "title": "Kế hoạch thực hiện Nghị quyết 71-NQ/TW",
                         "year": 2026, "submitted_at": "2026-01-29T09:15:00+07:00",
                         "submitted_by": {**actor, "role": "school", "org_unit": school.code}}
            case "PlanApproved":
                data |= {"reviewer": actor, "approved_at": "2026-02-04T14:30:00+07:00"}
            case "PlanReturned":
                data |= {"reviewer": actor, "returned_at": "2026-02-04T14:30:00+07:00",
                         "comments": [{"anchor_kind": "plan", "anchor": "", "text": "Bổ sung số hiệu văn bản."}]}
        return self.contracts.new_event(name, data, subject=school.code, source="/edu71/plans")

    def catalogue(self, province_code: str = "31", version: int = 1, indicators=None):
        data = {"province_code": province_code, "version": version, "published_at": "2026-01-05T08:30:00+07:00",
                "indicators": indicators or CATALOGUE}
        return self.contracts.new_event("CataloguePublished", data, subject=province_code,
                                        source="/edu71/indicators")


def plan_target(code: str | None, comparator: str, value: float, unit: str = "%") -> dict:
    return {"indicator_code": code, "text": f"{code} {comparator} {value}", "comparator": comparator, "value": value,
            "unit": unit, "horizon": "2026-12-31", "source_sentence": ""}


CATALOGUE = [
    {"code": "DROPOUT", "name": "Tỷ lệ học sinh bỏ học", "unit": "%", "value_type": "ratio",
     "school_levels": ["tieu_hoc", "thcs", "thpt", "lien_cap"], "direction": "lower", "aggregation": "ratio_of_sums",
     "origin": "national", "targets": [
         {"scope": "province", "comparator": "<", "value": 0.5, "horizon": 2030, "source": "UBND thành phố Hải Phòng"},
         {"scope": "nation", "comparator": "<=", "value": 1, "horizon": 2030, "source": "Nghị quyết 71-NQ/TW"}]},
    {"code": "TEACHERS_QUALIFIED", "name": "Tỷ lệ giáo viên đạt chuẩn", "unit": "%", "value_type": "ratio",
     "school_levels": ["mam_non", "tieu_hoc", "thcs", "thpt", "lien_cap"], "direction": "higher",
     "aggregation": "ratio_of_sums", "origin": "national",
     "targets": [{"scope": "province", "comparator": ">=", "value": 99, "horizon": 2030, "source": "UBND TP"}]},
]


def consume(event, *, history: bool = False) -> bool:
    """What the reports worker does with ``event`` (:func:`reports.bootstrap.consumer`): its rows kept for the
    projector, and recorded in the history too when ``history``; whether any row was new."""
    from reports.bootstrap import consumer

    return (consumer() if history else consumer(record=None))[event.name](event)

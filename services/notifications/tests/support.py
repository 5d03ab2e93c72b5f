"""Helpers of the notifications tests: schools in real communes, real plan events built from the contracts."""
from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta, timezone

from edu71.contracts import Contracts, Event
from edu71.orgs import School, SchoolLevel
from notifications.domain.deadlines import Round

THCS_HCM = School("HCM-THCS-THITRAN2", "Trường THCS Thị Trấn 2", SchoolLevel.THCS, "27496", "79")
TH_HP = School("HP-TH-HIENTHANH", "Trường Tiểu học Hiến Thành", SchoolLevel.TIEU_HOC, "10744", "31")
THPT_HP = School("THPT-10744", "Trường THPT Nguyễn Đại Năng", SchoolLevel.THPT, "10744", "31")
LIEN_CAP_HP = School("LC-11560", "Trường Liên cấp Thuỷ Nguyên", SchoolLevel.LIEN_CAP, "11560", "31")
THCS_HP = School("THCS-10744", "Trường THCS Nguyễn Đại Năng", SchoolLevel.THCS, "10744", "31")

#: A round of Hải Phòng's primary and lower-secondary schools, due 17:00 on 15/01/2026 (Vietnam time).
VN = timezone(timedelta(hours=7))
DUE = datetime(2026, 1, 15, 17, 0, tzinfo=VN)
ROUND = Round("rnd-1", "Sơ kết học kỳ I năm học 2026–2027", "31", frozenset({"tieu_hoc", "thcs"}),
              datetime(2026, 1, 1, 7, 0, tzinfo=VN), DUE, datetime(2026, 1, 31, 23, 59, tzinfo=VN))
TH_2 = School("TIEU_HOC-11560", "Trường Tiểu học Thuỷ Nguyên", SchoolLevel.TIEU_HOC, "11560", "31")

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


def routes(wired) -> dict:
    """The worker's routing table (:func:`notifications.handlers.routes`) over these use cases."""
    from notifications.handlers import routes as table

    return table(wired.notices, wired.projections)


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


class FakeClock:
    """An injectable clock that only moves when told to (aware UTC datetimes)."""

    def __init__(self, start: datetime):
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta) -> datetime:
        self.now += timedelta(**delta)
        return self.now


class DirectoryEvents:
    """UserRegistered/UserChanged and SchoolRegistered events, built and validated by the contracts."""

    def __init__(self, contracts: Contracts):
        self.contracts = contracts

    def user(self, user_id: str, role: str, unit: dict, *, email: str, name: str = "Nguyễn Thị Hoa",
             version: int = 1, active: bool = True) -> Event:
        return self.contracts.new_event("UserRegistered" if version == 1 else "UserChanged", {
            "user_id": user_id, "version": version, "name": name, "email": email, "role": role, "org_unit": unit,
            "active": active, **({"changed": ["email"]} if version > 1 else {}),
        }, subject=user_id, source="/edu71/identity")

    def school_user(self, user_id: str, school: School, **kw) -> Event:
        return self.user(user_id, "school", {"kind": "school", "code": school.code, "name": school.name,
                                             "commune_code": school.commune_code,
                                             "province_code": school.province_code,
                                             "school_level": school.level.value}, **kw)

    def commune_user(self, user_id: str, commune_code: str, province_code: str, **kw) -> Event:
        return self.user(user_id, "commune", {"kind": "commune", "code": commune_code, "name": "UBND xã/phường",
                                              "commune_code": commune_code, "province_code": province_code}, **kw)

    def city_user(self, user_id: str, province_code: str, **kw) -> Event:
        return self.user(user_id, "city", {"kind": "province", "code": province_code, "name": "Sở GD&ĐT",
                                           "province_code": province_code}, **kw)

    def school(self, school: School, *, version: int = 1, active: bool = True) -> Event:
        return self.contracts.new_event("SchoolRegistered" if version == 1 else "SchoolChanged", {
            "school": school.as_contract(), "version": version, "active": active,
            **({"changed": ["name"]} if version > 1 else {}),
        }, subject=school.code, source="/edu71/identity")


class IndicatorEvents:
    def __init__(self, contracts: Contracts):
        self.contracts = contracts

    def catalogue(self, province_code: str = "31", version: int = 1, dropout_threshold: float = 0.5) -> Event:
        return self.contracts.new_event("CataloguePublished", {
            "province_code": province_code, "version": version, "published_at": "2026-09-05T08:30:00+07:00",
            "indicators": [
                {"code": "DROPOUT", "name": "Tỷ lệ học sinh bỏ học", "unit": "%", "value_type": "ratio",
                 "school_levels": ["tieu_hoc", "thcs", "thpt", "lien_cap"], "direction": "lower",
                 "aggregation": "ratio_of_sums", "origin": "national",
                 "threshold": {"comparator": ">", "value": dropout_threshold}},
                {"code": "SCHOOL_VIOLENCE_CASES", "name": "Số vụ bạo lực học đường", "unit": "vụ",
                 "value_type": "count", "school_levels": ["tieu_hoc", "thcs"], "direction": "lower",
                 "aggregation": "sum", "origin": "national", "threshold": {"comparator": ">=", "value": 1}},
                {"code": "STAFF_BRIEFED", "name": "Tỷ lệ cán bộ được quán triệt", "unit": "%",
                 "value_type": "ratio", "school_levels": ["tieu_hoc", "thcs"], "direction": "higher",
                 "aggregation": "ratio_of_sums", "origin": "national"},
            ],
        }, subject=province_code, source="/edu71/indicators")

    def round_opened(self, round_id: str, *, province_code: str = "31", levels=("tieu_hoc", "thcs"),
                     opens_at: str, due_at: str, closes_at: str, reopened: bool = False,
                     name: str = "Sơ kết học kỳ I năm học 2026–2027") -> Event:
        return self.contracts.new_event("ReportingRoundOpened", {
            "round_id": round_id, "name": name, "province_code": province_code, "school_year": "2026-2027",
            "school_levels": list(levels), "indicator_codes": ["DROPOUT", "STAFF_BRIEFED"],
            "opens_at": opens_at, "due_at": due_at, "closes_at": closes_at,
            "opened_by": {"user_id": "u-city", "name": "Vũ Đức Thắng", "role": "city", "org_unit": province_code},
            "reopened": reopened,
        }, subject=province_code, source="/edu71/indicators")

    def submitted(self, school: School, round_id: str, *, dropout: tuple[int, int] = (0, 400),
                  violence: int = 0, revision: int = 1) -> Event:
        values = [
            {"indicator_code": "DROPOUT", "catalogue_version": 1, "value_type": "ratio",
             "numerator": dropout[0], "denominator": dropout[1]},
            {"indicator_code": "SCHOOL_VIOLENCE_CASES", "catalogue_version": 1, "value_type": "count",
             "value": violence},
            {"indicator_code": "STAFF_BRIEFED", "catalogue_version": 1, "value_type": "ratio",
             "numerator": 1, "denominator": 40},
        ]
        data = {"submission_id": f"sub-{round_id}-{school.code}", "round_id": round_id,
                "school": school.as_contract(), "revision": revision, "submitted_at": "2026-01-12T15:42:10+07:00",
                "submitted_by": {"user_id": f"user-{school.code}", "name": "Nguyễn Thị Thu Hà", "role": "school",
                                 "org_unit": school.code},
                "late": False, "values": values}
        if revision > 1:
            data.update(previous_revision=revision - 1, changes=[])
        return self.contracts.new_event("IndicatorSubmitted" if revision == 1 else "IndicatorRevised", data,
                                        subject=school.code, source="/edu71/indicators")


#: The round of the indicator reports :class:`ReportEvents` approves.
REPORT_ROUND = "2f0c8a1e-71a0-4c59-9a3e-0e7100000abc"


class ReportEvents:
    """SubmissionCompleted/Returned/Confirmed and ValueFlagged events, built and validated by the contracts."""

    def __init__(self, contracts: Contracts):
        self.contracts = contracts

    def _event(self, name, school, approval, stage, previous, by, **extra):
        data = {"submission_id": f"5a1c2d3e-71a0-4c59-9a3e-{abs(hash(school.code)) % 10**12:012d}",
                "round_id": REPORT_ROUND, "school": school.as_contract(), "revision": 2, "approval": approval,
                "stage": stage, "previous_stage": previous, "by": by, "at": "2026-01-13T08:30:00.000+07:00",
                **extra}
        return self.contracts.new_event(name, data, subject=school.code, source="/edu71/indicators")

    def completed(self, school, approval=1):
        by = {"user_id": f"user-{school.code}", "name": "Nguyễn Thị Thu Hà", "role": "school", "org_unit": school.code}
        return self._event("SubmissionCompleted", school, approval, "submitted", "draft", by)

    def returned(self, school, approval=2):
        return self._event("SubmissionReturned", school, approval, "returned", "submitted", commune_reviewer(school),
                           comment="Đề nghị kiểm tra lại.",
                           value_comments={"SMART_CLASSROOMS": "Số phòng tăng từ 3 lên 300?"},
                           indicator_names={"SMART_CLASSROOMS": "Số phòng học thông minh"})

    def confirmed(self, school, approval, confirmed, expected):
        return self._event("SubmissionConfirmed", school, approval, "confirmed", "submitted",
                           commune_reviewer(school), commune_progress={"confirmed": confirmed, "expected": expected})

    def flagged(self, school, flag_id="3b9d2f4e-8a61-4c2d-b7e0-5f1a9c3d7e21"):
        return self.contracts.new_event("ValueFlagged", {
            "submission_id": "5a1c2d3e-71a0-4c59-9a3e-000000000001", "round_id": REPORT_ROUND, "school": school.as_contract(),
            "flag_id": flag_id, "indicator_code": "CLASSES", "indicator_name": "Số lớp",
            "note": "Số lớp tăng nhiều, đề nghị kiểm tra.", "by": city_reviewer(school),
            "at": "2026-01-13T08:35:00.000+07:00"}, subject=school.code, source="/edu71/indicators")

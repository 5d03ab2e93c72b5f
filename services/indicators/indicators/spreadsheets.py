"""Spreadsheet use cases: a school's form for a round, submitting it filled in, and its history as a file."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from edu71.auth import Principal, Role
from edu71.errors import FieldError, Forbidden, Invalid, NotFound, TooLarge, Unsupported
from edu71.orgs import SchoolLevel
from indicators.adapters import spreadsheets
from indicators.adapters.documents import Round, Submission
from indicators.adapters.schools import Schools
from indicators.domain.catalogue import ValueType
from edu71.vn import VN, vn_moment
from indicators.domain.clock import as_utc
from indicators.domain.sheet import SheetError, rate, read_table, template_rows, value_text
from indicators.domain.submissions import IDEMPOTENCY_KEY, by_code, submission_id
from indicators.domain.validation import MAX_NUMBER, validate_values
from indicators.rounds import RoundService
from indicators.submissions import SubmissionService, SubmitOutcome

HISTORY_HEADERS = ("Năm học", "Đợt báo cáo", "Hạn nộp", "Mã chỉ tiêu", "Tên chỉ tiêu", "Đơn vị", "Số liệu",
                   "Mẫu số", "Tỷ lệ (%)", "Lần nộp", "Nộp lúc", "Nộp muộn", "Phiên bản danh mục")
CELLS_INVALID = "Biểu mẫu có ô không hợp lệ, xem chi tiết từng mục."


@dataclass(frozen=True)
class FileAnswer:
    filename: str
    mimetype: str
    content: bytes


class SpreadsheetService:
    def __init__(self, rounds: RoundService, submissions: SubmissionService, *, max_upload_bytes: int,
                 max_unzipped_bytes: int, schools: Schools | None = None):
        self.rounds = rounds
        self.submissions = submissions
        self.schools = schools or Schools()
        self.max_upload_bytes = max_upload_bytes
        self.max_unzipped_bytes = max_unzipped_bytes

    # -- the form -----------------------------------------------------------------
    def template(self, principal: Principal, round_id: str, school_code: str | None) -> FileAnswer:
        """The school's XLSX form for the round: its indicators, current and previous values."""
        rnd = self.rounds.get_round(principal, round_id)
        if principal.role is Role.SCHOOL:
            school_code = school_code or principal.org_unit
            if school_code != principal.org_unit:
                raise Forbidden("Nhà trường chỉ tải được biểu mẫu của chính trường mình.")
            sub = self.submissions.store.get(submission_id(rnd.id, school_code))
            name, level = principal.org_unit_name or school_code, principal.school_level
        else:
            if not school_code:
                raise Invalid("Cần chọn trường (tham số school).",
                              errors=[FieldError("school", "Trường này là bắt buộc.")])
            sub, name, level = self._school_seen_by(principal, rnd, school_code)
        if not level:
            raise Forbidden("Tài khoản trường học thiếu thông tin cấp học.")
        catalogue = self.rounds.round_catalogue(rnd)
        previous = self.submissions.previous_values(rnd, school_code)
        rows = template_rows(catalogue, rnd.indicator_codes, level, by_code(sub.value_dicts()) if sub else {},
                             by_code(previous[1]) if previous else {})
        if not rows:
            raise NotFound(f"Đợt báo cáo này không yêu cầu chỉ tiêu nào của trường "
                           f"{SchoolLevel(level).label.lower()}.")
        lines = [
            f"Đợt báo cáo: {rnd.name} (năm học {rnd.school_year})",
            f"Trường: {name} ({school_code})",
            f"Hạn nộp: {vn_moment(as_utc(rnd.due_at))}; khoá số liệu: {vn_moment(as_utc(rnd.closes_at))}",
            f"Danh mục chỉ tiêu phiên bản {catalogue.version}"
            + (f"; cột “Đợt trước”: {previous[0]}" if previous else ""),
            "Nhập số liệu vào các ô màu vàng; ô để trống là không báo cáo chỉ tiêu đó. Không dùng công thức.",
        ]
        content = spreadsheets.template_xlsx(
            "BIỂU MẪU BÁO CÁO CHỈ TIÊU THỰC HIỆN NGHỊ QUYẾT 71-NQ/TW", lines, rows,
            {"round_id": rnd.id, "school_code": school_code, "catalogue_version": str(catalogue.version)},
            MAX_NUMBER)
        return FileAnswer(f"bieu-mau-chi-tieu-{school_code}.xlsx", spreadsheets.XLSX_MIME, content)

    def _school_seen_by(self, principal: Principal, rnd: Round, school_code: str
                        ) -> tuple[Submission | None, str, str]:
        """The school whose form a commune or the city prepares: its submission, name and level.

        What it submitted says who it is; before that, the directory does. A
        school outside the caller's scope or the round's province is not found.
        """
        sub = self.submissions.store.get(submission_id(rnd.id, school_code))
        if sub is not None:
            name, level, commune, province = sub.school_name, sub.school_level, sub.commune_code, sub.province_code
        elif (school := self.schools.get(school_code)) is not None and school.active:
            name, level, commune, province = school.name, school.level, school.commune_code, school.province_code
        else:
            commune = province = None
        if province != rnd.province_code or not principal.can_see(school_code, commune, province):
            raise NotFound("Không tìm thấy trường này trong phạm vi của bạn ở tỉnh/thành của đợt báo cáo.")
        return sub, name, level

    def submit_file(self, principal: Principal, round_id: str, data: bytes, school_code: str | None, *,
                    header_key: str | None, body_key: str | None = None,
                    expected_version: int | None = None) -> SubmitOutcome:
        """Submit a filled-in form (XLSX or CSV) exactly as the same values sent as JSON would be."""
        if principal.role is not Role.SCHOOL or (school_code and school_code != principal.org_unit):
            raise Forbidden("Chỉ tài khoản của chính nhà trường mới được nộp số liệu của trường.")
        school_code = principal.org_unit
        if body_key is not None and not IDEMPOTENCY_KEY.match(body_key):
            message = "idempotency_key phải gồm 1–200 ký tự ASCII in được, không có khoảng trắng."
            raise Invalid(message, errors=[FieldError("idempotency_key", message)])
        if len(data) > self.max_upload_bytes:
            raise TooLarge(f"Tệp vượt quá giới hạn {self.max_upload_bytes // 1024} KiB.")
        try:
            sheet = spreadsheets.read_upload(data, self.max_unzipped_bytes)
        except spreadsheets.Refused as refused:
            kind = {413: TooLarge, 415: Unsupported}.get(refused.status, Invalid)
            raise kind(refused.detail, errors=FieldError.all_of(refused.errors or [])) from None
        rnd = self.rounds.get_round(principal, round_id)
        for key, expected, what in (("round_id", rnd.id, "đợt báo cáo khác"), ("school_code", school_code,
                                                                                  "trường khác")):
            if key in sheet.meta and sheet.meta[key] != expected:
                message = f"Biểu mẫu này được tải về cho {what}; vui lòng tải biểu mẫu đúng rồi nhập lại."
                raise Invalid(message, errors=[FieldError("file", message, sheet.name)])
        catalogue = self.rounds.round_catalogue(rnd)
        try:
            table = read_table(sheet.rows, catalogue, sheet.name)
        except SheetError as exc:
            raise Invalid(str(exc), errors=[FieldError("file", str(exc), sheet.name)]) from None
        if table.errors:
            # Cells that could not be read, and whatever else is wrong with the rest: all at once.
            checked = validate_values(table.values, catalogue=catalogue, school_level=principal.school_level,
                                      allowed_codes=rnd.indicator_codes) if table.values else None
            errors = table.errors + (table.locate(checked.errors) if checked else [])
            raise Invalid(CELLS_INVALID, errors=FieldError.all_of(errors))
        try:
            return self.submissions.submit(principal, round_id, school_code, table.values, header_key=header_key,
                                       body_key=body_key, expected_version=expected_version)
        except Invalid as invalid:
            if invalid.errors:
                located = table.locate([e.as_dict() for e in invalid.errors])
                raise Invalid(CELLS_INVALID, errors=FieldError.all_of(located)) from None
            raise

    # -- history ------------------------------------------------------------------
    def history(self, principal: Principal, school_code: str, fmt: str) -> FileAnswer:
        """The school's values in every round, for the school itself, its commune and its city."""
        subs = [s for s in self.submissions.store.of_school(school_code)
                if principal.can_see(s.school_code, s.commune_code, s.province_code)]
        if not subs and not principal.can_act_for_school(school_code):
            raise NotFound("Không tìm thấy số liệu của trường trong phạm vi của bạn.")
        rounds = {s.round_id: self.rounds.store.get(s.round_id) for s in subs}
        subs = [s for s in subs if rounds[s.round_id] is not None]
        subs.sort(key=lambda s: as_utc(rounds[s.round_id].opens_at))
        rows = [row for s in subs for row in self._history_rows(rounds[s.round_id], s)]
        if fmt == "csv":
            return FileAnswer(f"lich-su-chi-tieu-{school_code}.csv", "text/csv; charset=utf-8",
                              spreadsheets.table_csv(HISTORY_HEADERS, rows))
        content = spreadsheets.table_xlsx("Lịch sử chỉ tiêu", HISTORY_HEADERS, rows, formats={9: "0.0"})
        return FileAnswer(f"lich-su-chi-tieu-{school_code}.xlsx", spreadsheets.XLSX_MIME, content)

    def _history_rows(self, rnd: Round, sub: Submission) -> list[list[Any]]:
        catalogue = self.rounds.round_catalogue(rnd)
        out = []
        for value in sub.value_dicts():
            indicator = catalogue.get(value["indicator_code"])
            main = (value.get("numerator") if value["value_type"] == ValueType.RATIO.value
                    else value_text(value) if value["value_type"] == ValueType.BOOLEAN.value
                    else value.get("value", value.get("level")))
            out.append([
                rnd.school_year, rnd.name, as_utc(rnd.due_at).astimezone(VN).strftime("%d/%m/%Y"),
                value["indicator_code"], indicator.name if indicator else "", indicator.unit if indicator else "",
                main, value.get("denominator"), rate(value), sub.revision,
                as_utc(sub.submitted_at).astimezone(VN).strftime("%d/%m/%Y %H:%M"),
                "Có" if sub.late else "Không", value["catalogue_version"],
            ])
        return out

"""Exports of a round's report: an XLSX workbook (one sheet per view) or one view as CSV."""
from __future__ import annotations

import re
from urllib.parse import quote

from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import fields, validate

from edu71.auth.flask import current_principal, requires
from edu71.vn import without_diacritics
from edu71.orgs import province_name
from reports.adapters.spreadsheets import csv_bytes, xlsx
from reports.api.asof import AsOfRoundQuerySchema, dashboards_at
from reports.api.resources import READERS
from reports.domain import tables
from reports.dashboards import Dashboards

exports = Blueprint("exports", __name__, url_prefix="/rounds",
                    description="Xuất báo cáo của một đợt ra Excel (XLSX) hoặc CSV, trong phạm vi của người dùng")

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class CsvQuerySchema(AsOfRoundQuerySchema):
    view = fields.String(load_default="summary", validate=validate.OneOf(tables.VIEWS),
                         metadata={"description": "Bảng cần xuất: summary (tổng hợp), communes (xã/phường), "
                                                  "schools (trường), completeness (tiến độ nộp), targets (chỉ tiêu)"})


def _tables(round_id: str, query: dict) -> tuple[list[tables.Table], str]:
    dashboards: Dashboards = dashboards_at(query)
    principal = current_principal()
    figures = query.get("figures")
    scope, rnd, view = dashboards.round_view(principal, round_id, query.get("scope"), query.get("code"), figures)
    school_rows = dashboards.schools(principal, round_id, query.get("scope"), query.get("code"), None, 1, 10**9,
                                     submitted_only=False)["items"]
    return tables.all_tables(view, school_rows), download_name(tables.report_title("Báo cáo", figures), rnd, scope,
                                                               view)


def download_name(what: str, rnd: dict | None, scope, view: dict) -> str:
    """What a downloaded file is called: what it holds, the round's name and the unit's, in Vietnamese."""
    if scope.kind.value == "commune":
        unit = view.get("commune_name") or scope.code
    elif scope.kind.value == "school":
        unit = next((s.get("school_name") for s in view.get("schools") or () if s.get("school_code") == scope.code),
                    None) or scope.code
    elif scope.kind.value == "province":
        unit = province_name(scope.code)
    else:
        unit = "Toàn quốc"
    return " - ".join(part for part in (what, (rnd or {}).get("name") or view.get("round_name"), unit) if part)


def _download(body: bytes, mimetype: str, filename: str) -> Response:
    """Content-Disposition with the Vietnamese name (RFC 6266 ``filename*``) and an ASCII one for old clients."""
    ascii_name = re.sub(r"[^A-Za-z0-9._-]+", "-", without_diacritics(filename)).strip("-") or "bao-cao"
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"
    return Response(body, mimetype=mimetype, headers={"Content-Disposition": disposition})


@exports.route("/<string:round_id>/export.xlsx")
class ExportXlsx(MethodView):
    @requires(*READERS)
    @exports.arguments(AsOfRoundQuerySchema, location="query")
    @exports.response(200, content_type=XLSX_TYPE, description="Tệp Excel: Tổng hợp, Xã phường, Trường, "
                                                               "Tiến độ nộp, Chỉ tiêu")
    def get(self, query, round_id):
        """Xuất báo cáo của đợt ra Excel, mỗi bảng một trang tính"""
        sheets, name = _tables(round_id, query)
        return _download(xlsx(sheets, name), XLSX_TYPE, f"{name}.xlsx")


@exports.route("/<string:round_id>/export.csv")
class ExportCsv(MethodView):
    @requires(*READERS)
    @exports.arguments(CsvQuerySchema, location="query")
    @exports.response(200, content_type="text/csv", description="Một bảng, UTF-8 có BOM, phân cách bằng dấu chấm phẩy")
    def get(self, query, round_id):
        """Xuất một bảng của báo cáo ra CSV"""
        sheets, name = _tables(round_id, query)
        table = next(t for t in sheets if t.name == query["view"])
        return _download(csv_bytes(table), "text/csv; charset=utf-8", f"{name} - {table.title}.csv")


class ProgressCsvQuerySchema(AsOfRoundQuerySchema):
    view = fields.String(load_default="progress", validate=validate.OneOf(tables.PROGRESS_VIEWS),
                         metadata={"description": "Bảng cần xuất: progress (tiến độ từng chỉ tiêu), at_risk (có nguy "
                                                  "cơ, chậm), cascade (cam kết của các trường)"})


def _progress_tables(round_id: str, query: dict) -> tuple[list[tables.Table], str, str]:
    dashboards: Dashboards = dashboards_at(query)
    figures = query.get("figures")
    scope, rnd, view = dashboards.round_view(current_principal(), round_id, query.get("scope"), query.get("code"),
                                          figures)
    return (tables.progress_tables(view), download_name(tables.report_title("Tiến độ chỉ tiêu", figures), rnd, scope,
                                                        view),
            tables.progress_title(view))


@exports.route("/<string:round_id>/progress.xlsx")
class ExportProgressXlsx(MethodView):
    @requires(*READERS)
    @exports.arguments(AsOfRoundQuerySchema, location="query")
    @exports.response(200, content_type=XLSX_TYPE, description="Tệp Excel: Tiến độ chỉ tiêu, Có nguy cơ, chậm, "
                                                               "Cam kết của các trường")
    def get(self, query, round_id):
        """Xuất tiến độ thực hiện chỉ tiêu theo lộ trình ra Excel"""
        sheets, name, title = _progress_tables(round_id, query)
        return _download(xlsx(sheets, title), XLSX_TYPE, f"{name}.xlsx")


@exports.route("/<string:round_id>/progress.csv")
class ExportProgressCsv(MethodView):
    @requires(*READERS)
    @exports.arguments(ProgressCsvQuerySchema, location="query")
    @exports.response(200, content_type="text/csv", description="Một bảng, UTF-8 có BOM, phân cách bằng dấu chấm phẩy")
    def get(self, query, round_id):
        """Xuất một bảng tiến độ thực hiện chỉ tiêu ra CSV"""
        sheets, name, _ = _progress_tables(round_id, query)
        table = next(t for t in sheets if t.name == query["view"])
        return _download(csv_bytes(table), "text/csv; charset=utf-8", f"{name} - {table.title}.csv")

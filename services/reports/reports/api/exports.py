"""Exports of a round's report: an XLSX workbook (one sheet per view) or one view as CSV."""
from __future__ import annotations

from flask import Response
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import fields, validate

from edu71.auth.flask import current_principal, requires
from reports.adapters.spreadsheets import csv_bytes, xlsx
from reports.api.asof import AsOfRoundQuerySchema, service_at
from reports.api.resources import READERS
from reports.domain import tables
from reports.service import ReportService

exports = Blueprint("exports", __name__, url_prefix="/rounds",
                    description="Xuất báo cáo của một đợt ra Excel (XLSX) hoặc CSV, trong phạm vi của người dùng")

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class CsvQuerySchema(AsOfRoundQuerySchema):
    view = fields.String(load_default="summary", validate=validate.OneOf(tables.VIEWS),
                         metadata={"description": "Bảng cần xuất: summary (tổng hợp), communes (xã/phường), "
                                                  "schools (trường), completeness (tiến độ nộp), targets (chỉ tiêu)"})


def _tables(round_id: str, query: dict) -> tuple[list[tables.Table], str]:
    service: ReportService = service_at(query)
    principal = current_principal()
    scope, rnd, view = service.round_view(principal, round_id, query.get("scope"), query.get("code"))
    school_rows = service.schools(principal, round_id, query.get("scope"), query.get("code"), None, 1, 10**9,
                                  submitted_only=False)["items"]
    name = f"bao-cao-{round_id}-{scope.kind.value}-{scope.code}"
    return tables.all_tables(view, school_rows), name


def _download(body: bytes, mimetype: str, filename: str) -> Response:
    return Response(body, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@exports.route("/<string:round_id>/export.xlsx")
class ExportXlsx(MethodView):
    @requires(*READERS)
    @exports.arguments(AsOfRoundQuerySchema, location="query")
    @exports.response(200, content_type=XLSX_TYPE, description="Tệp Excel: Tổng hợp, Xã phường, Trường, "
                                                               "Tiến độ nộp, Chỉ tiêu")
    def get(self, query, round_id):
        """Xuất báo cáo của đợt ra Excel, mỗi bảng một trang tính"""
        sheets, name = _tables(round_id, query)
        return _download(xlsx(sheets, f"Báo cáo đợt {round_id}"), XLSX_TYPE, f"{name}.xlsx")


@exports.route("/<string:round_id>/export.csv")
class ExportCsv(MethodView):
    @requires(*READERS)
    @exports.arguments(CsvQuerySchema, location="query")
    @exports.response(200, content_type="text/csv", description="Một bảng, UTF-8 có BOM, phân cách bằng dấu chấm phẩy")
    def get(self, query, round_id):
        """Xuất một bảng của báo cáo ra CSV"""
        sheets, name = _tables(round_id, query)
        table = next(t for t in sheets if t.name == query["view"])
        return _download(csv_bytes(table), "text/csv; charset=utf-8", f"{name}-{table.name}.csv")


class ProgressCsvQuerySchema(AsOfRoundQuerySchema):
    view = fields.String(load_default="progress", validate=validate.OneOf(tables.PROGRESS_VIEWS),
                         metadata={"description": "Bảng cần xuất: progress (tiến độ từng chỉ tiêu), at_risk (có nguy "
                                                  "cơ, chậm), cascade (cam kết của các trường)"})


def _progress_tables(round_id: str, query: dict) -> tuple[list[tables.Table], str, str]:
    service: ReportService = service_at(query)
    scope, _, view = service.round_view(current_principal(), round_id, query.get("scope"), query.get("code"))
    return (tables.progress_tables(view), f"tien-do-{round_id}-{scope.kind.value}-{scope.code}",
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
        return _download(csv_bytes(table), "text/csv; charset=utf-8", f"{name}-{table.name}.csv")

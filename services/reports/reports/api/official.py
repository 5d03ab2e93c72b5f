"""Official reports (báo cáo sơ kết/tổng kết thực hiện Nghị quyết 71-NQ/TW): thin views over
:class:`reports.official_reports.OfficialReports`.

Scope: a school drafts and issues its own report, a commune/ward its commune's, the city the city's; the level
above reads the issued reports sent to it; administrators read everything and issue nothing.
"""
from __future__ import annotations

from flask import Response, current_app
from flask.views import MethodView
from flask_smorest import Blueprint
from marshmallow import Schema, fields, validate

from edu71.auth import Role
from edu71.auth.flask import current_principal, requires
from edu71.schemas import Integer
from reports.adapters.docx import DOCX_TYPE
from reports.adapters.pdf import PDF_TYPE
from reports.domain.official import WRITTEN
from reports.official_reports import OfficialReports

official = Blueprint("official-reports", __name__, url_prefix="/official-reports",
                     description="Báo cáo chính thức gửi cấp trên (sơ kết, tổng kết thực hiện Nghị quyết 71-NQ/TW) "
                                 "theo thể thức Nghị định 30/2020/NĐ-CP: dự thảo, ban hành, tệp Word/PDF. Trường, "
                                 "xã/phường, Sở GD&ĐT soạn và ban hành báo cáo của đơn vị mình; cấp trên xem báo cáo "
                                 "được gửi đến.")

ANYONE = (Role.SCHOOL, Role.COMMUNE, Role.CITY, Role.ADMIN)
AUTHORS = (Role.SCHOOL, Role.COMMUNE, Role.CITY)
UNIT = "<string:round_id>/<any(school,commune,province):kind>/<string:code>"


def _reports() -> OfficialReports:
    return current_app.extensions["reports.official"]


class UnitSchema(Schema):
    kind = fields.String(metadata={"description": "school (nhà trường), commune (xã/phường), province (Sở GD&ĐT), "
                                                  "nation (Bộ GD&ĐT)"})
    code = fields.String()
    name = fields.String()


class WrittenSchema(Schema):
    shortcomings = fields.String(validate=validate.Length(max=20000),
                                 metadata={"description": WRITTEN["shortcomings"]})
    tasks = fields.String(validate=validate.Length(max=20000), metadata={"description": WRITTEN["tasks"]})
    proposals = fields.String(validate=validate.Length(max=20000), metadata={"description": WRITTEN["proposals"]})


class DraftSchema(Schema):
    written = fields.Nested(WrittenSchema, load_default=dict)
    signer_name = fields.String(validate=validate.Length(max=200), metadata={"description": "Họ và tên người ký"})
    version = Integer(validate=validate.Range(min=0), metadata={
        "description": "Phiên bản dự thảo đang sửa (để không ghi đè thay đổi của người khác)"})


class ReportSchema(Schema):
    report_id = fields.String()
    round_id = fields.String()
    round_name = fields.String(allow_none=True)
    unit = fields.Nested(UnitSchema)
    recipient = fields.Nested(UnitSchema)
    status = fields.String(metadata={"description": "draft (dự thảo) hoặc issued (đã ban hành)"})
    version = fields.Integer()
    written = fields.Nested(WrittenSchema)
    signer_name = fields.String()
    number_symbol = fields.String(allow_none=True)
    subject = fields.String()
    issued_at = fields.DateTime(allow_none=True)
    issued_by = fields.String(allow_none=True)
    sha256 = fields.String(allow_none=True, metadata={"description": "SHA-256 của tệp DOCX đã ban hành"})
    as_of = fields.String(allow_none=True, metadata={"description": "Thời điểm của số liệu"})
    pdf_available = fields.Boolean()
    sentences = fields.List(fields.String())
    figures = fields.Dict(metadata={"description": "Số liệu báo cáo được lập từ đó"})


class IssuedItemSchema(Schema):
    report_id = fields.String()
    round_id = fields.String()
    round_name = fields.String(allow_none=True)
    unit = fields.Nested(UnitSchema)
    recipient = fields.Nested(UnitSchema)
    number_symbol = fields.String()
    subject = fields.String(allow_none=True)
    issued_at = fields.DateTime()
    issued_by = fields.String(allow_none=True)
    sha256 = fields.String()


class IssuedListSchema(Schema):
    items = fields.List(fields.Nested(IssuedItemSchema))


class ListQuerySchema(Schema):
    received = fields.Boolean(load_default=False, metadata={
        "description": "true: các báo cáo cấp dưới gửi đến đơn vị mình; false: báo cáo đơn vị mình đã ban hành"})


def _download(body: bytes, mimetype: str, filename: str) -> Response:
    return Response(body, mimetype=mimetype, headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@official.route("")
class IssuedList(MethodView):
    @requires(*ANYONE)
    @official.arguments(ListQuerySchema, location="query")
    @official.response(200, IssuedListSchema)
    def get(self, query):
        """Báo cáo đã ban hành của đơn vị mình, hoặc các báo cáo cấp dưới gửi đến (received=true)"""
        return _reports().listing(current_principal(), query["received"])


@official.route(f"/{UNIT}")
class Report(MethodView):
    @requires(*ANYONE)
    @official.response(200, ReportSchema)
    def get(self, round_id, kind, code):
        """Báo cáo của một đơn vị trong một đợt: dự thảo (chỉ đơn vị mình) hoặc bản đã ban hành, với số liệu và các
        câu nhận định"""
        return _reports().get(current_principal(), round_id, kind, code)

    @requires(*AUTHORS)
    @official.arguments(DraftSchema)
    @official.response(200, ReportSchema)
    def put(self, body, round_id, kind, code):
        """Lưu dự thảo: các phần tự viết (tồn tại, hạn chế; nhiệm vụ, giải pháp; kiến nghị, đề xuất) và người ký"""
        return _reports().save_draft(current_principal(), round_id, kind, code, body)


@official.route(f"/{UNIT}/draft.docx")
class DraftDocx(MethodView):
    @requires(*AUTHORS)
    @official.response(200, content_type=DOCX_TYPE, description="Dự thảo báo cáo (Word), chưa có số và ngày")
    def get(self, round_id, kind, code):
        """Tải dự thảo báo cáo (Word) với số liệu hiện tại"""
        body, name = _reports().draft_docx(current_principal(), round_id, kind, code)
        return _download(body, DOCX_TYPE, name)


@official.route(f"/{UNIT}/issue")
class Issue(MethodView):
    @requires(*AUTHORS)
    @official.response(201, ReportSchema)
    def post(self, round_id, kind, code):
        """Ban hành báo cáo: cấp số theo sổ của đơn vị trong năm, lưu tệp Word (và PDF) cùng số liệu, gửi cấp trên"""
        return _reports().issue(current_principal(), round_id, kind, code)


class RegeneratedSchema(Schema):
    report_id = fields.String()
    number_symbol = fields.String()
    as_of = fields.String(metadata={"description": "Thời điểm của số liệu báo cáo"})
    identical = fields.Boolean(metadata={"description": "Số liệu tính lại có trùng khớp hoàn toàn với bản đã ban "
                                                        "hành không"})
    issued = fields.Dict(metadata={"description": "Số liệu của bản đã ban hành"})
    regenerated = fields.Dict(metadata={"description": "Số liệu tính lại từ lịch sử tại thời điểm đó"})


@official.route(f"/{UNIT}/regenerated")
class Regenerated(MethodView):
    @requires(*ANYONE)
    @official.response(200, RegeneratedSchema)
    def get(self, round_id, kind, code):
        """Tính lại số liệu của báo cáo đã ban hành tại đúng thời điểm của nó và đối chiếu với bản đã ban hành"""
        return _reports().regenerate(current_principal(), round_id, kind, code)


@official.route(f"/{UNIT}/issued.docx")
class IssuedDocx(MethodView):
    @requires(*ANYONE)
    @official.response(200, content_type=DOCX_TYPE, description="Bản Word đã ban hành, đúng như khi ban hành")
    def get(self, round_id, kind, code):
        """Tải bản Word của báo cáo đã ban hành"""
        body, name = _reports().issued_file(current_principal(), round_id, kind, code, "docx")
        return _download(body, DOCX_TYPE, name)


@official.route(f"/{UNIT}/issued.pdf")
class IssuedPdf(MethodView):
    @requires(*ANYONE)
    @official.response(200, content_type=PDF_TYPE, description="Bản PDF của báo cáo đã ban hành")
    def get(self, round_id, kind, code):
        """Tải bản PDF của báo cáo đã ban hành (404 khi chưa chuyển được sang PDF)"""
        body, name = _reports().issued_file(current_principal(), round_id, kind, code, "pdf")
        return _download(body, PDF_TYPE, name)


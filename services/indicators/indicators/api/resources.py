"""Indicator endpoints: thin views that turn HTTP into calls of the use cases (rounds, submissions, approvals, catalogues,
spreadsheets)."""
from __future__ import annotations

import io
from functools import wraps

import orjson

from flask import current_app, request, send_file
from flask.views import MethodView
from flask_smorest import Blueprint

from edu71.auth import Role
from edu71.auth.flask import current_principal, requires
from edu71.concurrency import expected_version, with_etag
from edu71.schemas import paged
from indicators.api.schemas import (
    AuditEntrySchema,
    BulkConfirmSchema,
    BulkResultSchema,
    CommuneReportSchema,
    FlagAnswerSchema,
    FlagCloseSchema,
    FlagWriteSchema,
    PreviousValuesSchema,
    ReopenSchema,
    ReturnSchema,
    CatalogueProvinceQuerySchema,
    CatalogueQuerySchema,
    CatalogueSchema,
    CatalogueVersionSchema,
    HistoryQuerySchema,
    IndicatorChangeSchema,
    IndicatorWriteSchema,
    RoundListQuerySchema,
    RoundPageSchema,
    RoundScheduleSchema,
    RoundSchema,
    RoundWriteSchema,
    SubmissionSchema,
    SubmissionWriteSchema,
    TemplateQuerySchema,
    UploadSchema,
)
from edu71.errors import NotFound
from indicators.api.views import round_view, submission_view
from indicators.approvals import ApprovalService
from indicators.catalogues import CatalogueService
from indicators.domain.catalogue import Catalogue
from indicators.rounds import RoundService
from indicators.submissions import SubmissionService, SubmitOutcome
from indicators.spreadsheets import FileAnswer, SpreadsheetService

catalogue_blp = Blueprint("catalogue", __name__, url_prefix="/catalogue",
                          description="Danh mục chỉ tiêu thực hiện Nghị quyết 71")
rounds_blp = Blueprint("rounds", __name__, url_prefix="/rounds", description="Đợt báo cáo do Sở GD&ĐT mở")
submissions_blp = Blueprint("submissions", __name__, url_prefix="/rounds/<string:round_id>/submissions",
                            description="Số liệu chỉ tiêu nhà trường nộp trong một đợt báo cáo")
schools_blp = Blueprint("schools", __name__, url_prefix="/schools", description="Số liệu của một trường qua các đợt")
communes_blp = Blueprint("communes", __name__, url_prefix="/rounds/<string:round_id>/communes",
                         description="Báo cáo của các trường trong một xã/phường: xem và xác nhận hàng loạt")
blueprints = [catalogue_blp, rounds_blp, submissions_blp, schools_blp, communes_blp]

# Built once: a schema instance builds its nested schemas on first use, which cost a submission's
# answer more than dumping it. Dumping with a shared instance is safe across threads; so is loading,
# which webargs would otherwise do with a new instance of a schema class on every request.
SUBMISSION = SubmissionSchema()
SUBMISSION_WRITE = SubmissionWriteSchema()
CATALOGUE = CatalogueSchema()


def _rounds() -> RoundService:
    return current_app.extensions["indicators.rounds"]


def _submissions() -> SubmissionService:
    return current_app.extensions["indicators.submissions"]


def _catalogues() -> CatalogueService:
    return current_app.extensions["indicators.catalogues"]


def _approvals() -> ApprovalService:
    return current_app.extensions["indicators.approvals"]


def _spreadsheets() -> SpreadsheetService:
    return current_app.extensions["indicators.spreadsheets"]


def _file(answer: FileAnswer):
    return send_file(io.BytesIO(answer.content), mimetype=answer.mimetype, as_attachment=True,
                     download_name=answer.filename)


def _upload_limit(view):
    """Let this request's body be as large as a spreadsheet may be (the app's default fits JSON only)."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        request.max_content_length = _spreadsheets().max_upload_bytes + 64 * 1024  # multipart framing
        return view(*args, **kwargs)

    return wrapper


#: Keys sorted as Flask sorts them; dates, datetimes and any type orjson does not know go to Flask's own
#: ``default``, so every answer says what app.json said, a fifth as slowly (0.19 → 0.035 ms a submission).
_ORJSON = orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS | orjson.OPT_PASSTHROUGH_DATETIME


def _json(body: dict, status: int = 200):
    return current_app.response_class(orjson.dumps(body, default=current_app.json.default, option=_ORJSON),
                                      status=status, mimetype="application/json")


def _catalogue_answer(catalogue: Catalogue, status: int = 200):
    body = CATALOGUE.dump({"province_code": catalogue.province_code, "version": catalogue.version,
                                   "indicators": catalogue.indicator_dicts()})
    return with_etag(_json(body, status), catalogue.version)


@catalogue_blp.route("")
class CatalogueView(MethodView):
    @requires()
    @catalogue_blp.arguments(CatalogueQuerySchema, location="query")
    @catalogue_blp.response(200, CatalogueSchema)
    @catalogue_blp.alt_response(404, description="Không có phiên bản hoặc tỉnh/thành này")
    def get(self, query):
        """Danh mục chỉ tiêu của tỉnh/thành: chỉ tiêu quốc gia và chỉ tiêu tỉnh/thành bổ sung (ETag = phiên bản)"""
        catalogues = _catalogues()
        province = catalogues.check_province(current_principal(), query.get("province_code"))
        if "version" not in query:
            return _catalogue_answer(catalogues.current(province))
        catalogue = catalogues.version(province, query["version"])
        if catalogue is None:
            raise NotFound(f"Danh mục chỉ tiêu không có phiên bản {query['version']}.")
        return _catalogue_answer(catalogue)


@catalogue_blp.route("/versions")
class CatalogueVersions(MethodView):
    @requires()
    @catalogue_blp.arguments(CatalogueProvinceQuerySchema, location="query")
    @catalogue_blp.response(200, CatalogueVersionSchema(many=True))
    def get(self, query):
        """Các phiên bản của danh mục chỉ tiêu: thời điểm, người thay đổi và nội dung thay đổi"""
        catalogues = _catalogues()
        return catalogues.versions(catalogues.check_province(current_principal(), query.get("province_code")))


@catalogue_blp.route("/indicators")
class CatalogueIndicators(MethodView):
    @requires(Role.CITY, Role.ADMIN)
    @catalogue_blp.arguments(CatalogueProvinceQuerySchema, location="query")
    @catalogue_blp.arguments(IndicatorWriteSchema)
    @catalogue_blp.response(201, CatalogueSchema, description="Phiên bản mới của danh mục")
    @catalogue_blp.alt_response(403, description="Không phải Sở GD&ĐT của tỉnh/thành này")
    @catalogue_blp.alt_response(409, description="Mã chỉ tiêu đã có trong danh mục")
    @catalogue_blp.alt_response(412, description="If-Match không khớp phiên bản hiện hành")
    def post(self, query, data):
        """Sở GD&ĐT bổ sung chỉ tiêu của tỉnh/thành (tạo phiên bản danh mục mới, phát CataloguePublished)"""
        catalogues = _catalogues()
        principal = current_principal()
        province = catalogues.check_province(principal, query.get("province_code"))
        catalogue = catalogues.add_indicator(principal, province, data, expected_version(required=False))
        return _catalogue_answer(catalogue, 201)


@catalogue_blp.route("/indicators/<string:code>")
class CatalogueIndicator(MethodView):
    @requires(Role.CITY, Role.ADMIN)
    @catalogue_blp.arguments(CatalogueProvinceQuerySchema, location="query")
    @catalogue_blp.arguments(IndicatorChangeSchema)
    @catalogue_blp.response(200, CatalogueSchema, description="Phiên bản mới của danh mục")
    @catalogue_blp.alt_response(403, description="Không phải Sở GD&ĐT của tỉnh/thành này")
    @catalogue_blp.alt_response(412, description="If-Match không khớp phiên bản hiện hành")
    @catalogue_blp.alt_response(428, description="Thiếu If-Match")
    def patch(self, query, data, code):
        """Sửa tên, mô tả, nhãn, chỉ tiêu phấn đấu hoặc ngưỡng cảnh báo của chỉ tiêu do tỉnh/thành bổ sung"""
        catalogues = _catalogues()
        principal = current_principal()
        province = catalogues.check_province(principal, query.get("province_code"))
        catalogue = catalogues.change_indicator(principal, province, code, data, expected_version(required=True))
        return _catalogue_answer(catalogue)


@rounds_blp.route("")
class Rounds(MethodView):
    @requires()
    @rounds_blp.arguments(RoundListQuerySchema, location="query")
    @rounds_blp.response(200, RoundPageSchema)
    def get(self, query):
        """Các đợt báo cáo trong phạm vi của người dùng"""
        service, principal = _rounds(), current_principal()

        def fetch(filters, page, size):
            total, rounds = service.list_rounds(principal, filters, page, size)
            return total, [round_view(r, service.clock()) for r in rounds]

        return paged(query, fetch)

    @requires(Role.CITY, Role.ADMIN)
    @rounds_blp.arguments(RoundWriteSchema)
    @rounds_blp.response(201, RoundSchema)
    @rounds_blp.alt_response(403, description="Không phải Sở GD&ĐT của tỉnh/thành này")
    @rounds_blp.alt_response(409, description="Đã có đợt báo cáo cùng tên trong năm học")
    def post(self, data):
        """Mở đợt báo cáo mới (Sở GD&ĐT)"""
        service = _rounds()
        return round_view(service.open_round(current_principal(), data), service.clock())


@rounds_blp.route("/<string:round_id>")
class RoundById(MethodView):
    @requires()
    @rounds_blp.response(200, RoundSchema)
    def get(self, round_id):
        """Xem một đợt báo cáo"""
        service = _rounds()
        return round_view(service.get_round(current_principal(), round_id), service.clock())


@rounds_blp.route("/<string:round_id>/schedule")
class RoundSchedule(MethodView):
    @requires()
    @rounds_blp.arguments(RoundScheduleSchema)
    @rounds_blp.response(200, RoundSchema)
    @rounds_blp.alt_response(403, description="Không phải Sở GD&ĐT của tỉnh/thành này")
    def post(self, data, round_id):
        """Gia hạn đợt báo cáo, hoặc mở lại đợt đã khoá (Sở GD&ĐT)"""
        service = _rounds()
        rnd = service.reschedule_round(current_principal(), round_id, data["due_at"], data["closes_at"],
                                       expected_version(required=False))
        return round_view(rnd, service.clock())


@rounds_blp.route("/<string:round_id>/template")
class RoundTemplate(MethodView):
    @requires()
    @rounds_blp.arguments(TemplateQuerySchema, location="query")
    @rounds_blp.response(200, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                         description="Biểu mẫu XLSX")
    def get(self, query, round_id):
        """Tải biểu mẫu Excel của trường cho đợt báo cáo (chỉ tiêu, đơn vị, số liệu đợt trước)"""
        return _file(_spreadsheets().template(current_principal(), round_id, query.get("school")))


@submissions_blp.route("/<string:school_code>")
class SchoolSubmission(MethodView):
    @requires()
    @submissions_blp.response(200, SubmissionSchema)
    def get(self, round_id, school_code):
        """Xem số liệu một trường đã nộp trong đợt báo cáo"""
        sub = _submissions().get_submission(current_principal(), round_id, school_code)
        return _report_answer(sub)

    @requires(Role.SCHOOL)
    @submissions_blp.arguments(SUBMISSION_WRITE)
    @submissions_blp.response(200, SubmissionSchema, description="Đã sửa số liệu (một lần sửa mới)")
    @submissions_blp.alt_response(201, schema=SubmissionSchema, description="Lần nộp đầu tiên")
    @submissions_blp.alt_response(403, description="Không phải tài khoản của chính nhà trường")
    @submissions_blp.alt_response(404, description="Không có đợt báo cáo này trong phạm vi của trường")
    @submissions_blp.alt_response(409, description="Đợt báo cáo chưa mở hoặc đã khoá số liệu (code: locked)")
    @submissions_blp.alt_response(412, description="If-Match không khớp phiên bản hiện tại")
    def put(self, data, round_id, school_code):
        """Nộp hoặc sửa số liệu của trường (chống gửi trùng bằng Idempotency-Key)"""
        outcome = _submissions().submit(
            current_principal(), round_id, school_code, data["values"],
            header_key=request.headers.get("Idempotency-Key"),
            body_key=data.get("idempotency_key"),
            expected_version=expected_version(required=False),
            explanations=data.get("explanations"),
        )
        return _submission_answer(outcome)


def _submission_answer(outcome: SubmitOutcome):
    trail = outcome.trail or _submissions().trail(outcome.submission)
    body = SUBMISSION.dump(submission_view(outcome.submission, trail, outcome.revision))
    response = _json(body, 201 if outcome.created else 200)
    if outcome.replayed:
        # The body is the original answer, possibly of an older revision: no ETag, so a
        # client cannot mistake it for the current version.
        response.headers["Idempotent-Replayed"] = "true"
        return response
    return with_etag(response, outcome.submission.doc_version)


@submissions_blp.route("/upload")
class SubmissionUpload(MethodView):
    @_upload_limit
    @requires(Role.SCHOOL)
    @submissions_blp.arguments(UploadSchema, location="files")
    @submissions_blp.response(200, SubmissionSchema, description="Đã sửa số liệu (một lần sửa mới)")
    @submissions_blp.alt_response(201, schema=SubmissionSchema, description="Lần nộp đầu tiên")
    @submissions_blp.alt_response(413, description="Tệp quá lớn")
    @submissions_blp.alt_response(415, description="Không phải tệp XLSX hoặc CSV UTF-8")
    @submissions_blp.alt_response(422, description="Ô không hợp lệ (sheet, cell, message), công thức, tệp hỏng")
    def post(self, files, round_id):
        """Nộp số liệu bằng biểu mẫu Excel (XLSX) hoặc CSV đã điền; kiểm tra như khi nộp JSON"""
        upload = files["file"]
        data = upload.read(_spreadsheets().max_upload_bytes + 1)
        outcome = _spreadsheets().submit_file(
            current_principal(), round_id, data, request.form.get("school"),
            header_key=request.headers.get("Idempotency-Key"), body_key=request.form.get("idempotency_key"),
            expected_version=expected_version(required=False))
        return _submission_answer(outcome)


@schools_blp.route("/<string:school_code>/history")
class SchoolHistory(MethodView):
    @requires()
    @schools_blp.arguments(HistoryQuerySchema, location="query")
    @schools_blp.response(200, content_type="application/octet-stream", description="XLSX hoặc CSV")
    def get(self, query, school_code):
        """Số liệu của trường qua các đợt báo cáo (?format=xlsx|csv)"""
        return _file(_spreadsheets().history(current_principal(), school_code, query["format"]))


@schools_blp.route("/<string:school_code>/history.<any(xlsx, csv):fmt>")
class SchoolHistoryFile(MethodView):
    @requires()
    @schools_blp.response(200, content_type="application/octet-stream", description="XLSX hoặc CSV")
    def get(self, school_code, fmt):
        """Số liệu của trường qua các đợt báo cáo, dạng tệp .xlsx hoặc .csv"""
        return _file(_spreadsheets().history(current_principal(), school_code, fmt))


def _report_answer(sub, status: int = 200):
    body = SUBMISSION.dump(submission_view(sub, _submissions().trail(sub)))
    return with_etag(_json(body, status), sub.doc_version)


@submissions_blp.route("/<string:school_code>/complete")
class CompleteReport(MethodView):
    @requires(Role.SCHOOL)
    @submissions_blp.response(200, SubmissionSchema)
    @submissions_blp.alt_response(409, description="Báo cáo không ở trạng thái đang nhập hoặc trả lại")
    @submissions_blp.alt_response(422, description="Còn chỉ tiêu chưa nhập")
    def post(self, round_id, school_code):
        """Nhà trường đánh dấu hoàn thành báo cáo của đợt (phát SubmissionCompleted)"""
        return _report_answer(_approvals().complete(current_principal(), round_id, school_code,
                                                    expected_version(required=False)))


@submissions_blp.route("/<string:school_code>/confirm")
class ConfirmReport(MethodView):
    @requires()  # a school is refused by the domain, with why (its own report, or not a reviewer)
    @submissions_blp.response(200, SubmissionSchema)
    @submissions_blp.alt_response(403, description="Ngoài phạm vi duyệt, hoặc báo cáo của chính đơn vị mình")
    @submissions_blp.alt_response(409, description="Báo cáo chưa được đánh dấu hoàn thành")
    @submissions_blp.alt_response(412, description="Báo cáo đã thay đổi sau khi người duyệt mở xem")
    @submissions_blp.alt_response(428, description="Thiếu If-Match")
    def post(self, round_id, school_code):
        """Xã/phường xác nhận báo cáo (với THPT, liên cấp: Sở xác nhận là tiếp nhận) — cần If-Match"""
        return _report_answer(_approvals().confirm(current_principal(), round_id, school_code,
                                                   expected_version(required=True)))


@submissions_blp.route("/<string:school_code>/accept")
class AcceptReport(MethodView):
    @requires()  # a school is refused by the domain, with why (its own report, or not a reviewer)
    @submissions_blp.response(200, SubmissionSchema)
    @submissions_blp.alt_response(409, description="Báo cáo chưa được xã/phường xác nhận")
    @submissions_blp.alt_response(412, description="Báo cáo đã thay đổi sau khi người duyệt mở xem")
    def post(self, round_id, school_code):
        """Sở GD&ĐT tiếp nhận báo cáo — cần If-Match"""
        return _report_answer(_approvals().accept(current_principal(), round_id, school_code,
                                                  expected_version(required=True)))


@submissions_blp.route("/<string:school_code>/return")
class ReturnReport(MethodView):
    @requires()  # a school is refused by the domain, with why (its own report, or not a reviewer)
    @submissions_blp.arguments(ReturnSchema)
    @submissions_blp.response(200, SubmissionSchema)
    @submissions_blp.alt_response(422, description="Thiếu nhận xét")
    def post(self, data, round_id, school_code):
        """Trả lại báo cáo kèm nhận xét cho cả báo cáo hoặc từng chỉ tiêu — cần If-Match"""
        return _report_answer(_approvals().return_report(current_principal(), round_id, school_code,
                                                         data.get("comment"), data.get("value_comments"),
                                                         expected_version(required=True)))


@submissions_blp.route("/<string:school_code>/reopen")
class ReopenReport(MethodView):
    @requires()  # a school is refused by the domain, with why (its own report, or not a reviewer)
    @submissions_blp.arguments(ReopenSchema)
    @submissions_blp.response(200, SubmissionSchema)
    @submissions_blp.alt_response(422, description="Thiếu lý do mở lại")
    def post(self, data, round_id, school_code):
        """Người đã duyệt mở lại báo cáo đã xác nhận hoặc tiếp nhận, kèm lý do — cần If-Match"""
        return _report_answer(_approvals().reopen(current_principal(), round_id, school_code, data.get("reason"),
                                                  expected_version(required=True)))


@submissions_blp.route("/<string:school_code>/audit")
class ReportAudit(MethodView):
    @requires()
    @submissions_blp.response(200, AuditEntrySchema(many=True))
    def get(self, round_id, school_code):
        """Nhật ký báo cáo: ai sửa giá trị nào khi nào (cũ → mới), lời giải thích, các lần duyệt, theo dõi"""
        return _approvals().audit(current_principal(), round_id, school_code)


@submissions_blp.route("/<string:school_code>/flags")
class ReportFlags(MethodView):
    @requires()  # a school is refused by the domain, with why (its own report, or not a reviewer)
    @submissions_blp.arguments(FlagWriteSchema)
    @submissions_blp.response(201, SubmissionSchema)
    def post(self, data, round_id, school_code):
        """Đánh dấu theo dõi một giá trị kèm ghi chú (phát ValueFlagged)"""
        sub = _approvals().flag(current_principal(), round_id, school_code, data.get("indicator_code"),
                                data.get("note"))
        return _report_answer(sub, 201)


@submissions_blp.route("/<string:school_code>/flags/<string:flag_id>/answer")
class FlagAnswer(MethodView):
    @requires(Role.SCHOOL)
    @submissions_blp.arguments(FlagAnswerSchema)
    @submissions_blp.response(200, SubmissionSchema)
    def post(self, data, round_id, school_code, flag_id):
        """Nhà trường trả lời đánh dấu theo dõi"""
        return _report_answer(_approvals().answer_flag(current_principal(), round_id, school_code, flag_id,
                                                       data.get("text")))


@submissions_blp.route("/<string:school_code>/flags/<string:flag_id>/close")
class FlagClose(MethodView):
    @requires()  # a school is refused by the domain, with why (its own report, or not a reviewer)
    @submissions_blp.arguments(FlagCloseSchema)
    @submissions_blp.response(200, SubmissionSchema)
    def post(self, data, round_id, school_code, flag_id):
        """Đóng đánh dấu theo dõi"""
        return _report_answer(_approvals().close_flag(current_principal(), round_id, school_code, flag_id,
                                                      data.get("note")))


@communes_blp.route("/<string:commune_code>/reports")
class CommuneReports(MethodView):
    @requires(Role.COMMUNE, Role.CITY, Role.ADMIN)
    @communes_blp.response(200, CommuneReportSchema(many=True))
    def get(self, round_id, commune_code):
        """Báo cáo các trường của xã/phường: trạng thái, thay đổi từ lần xác nhận trước, cảnh báo đã/chưa giải thích"""
        return _approvals().commune_reports(current_principal(), round_id, commune_code)


@communes_blp.route("/<string:commune_code>/confirm")
class CommuneConfirm(MethodView):
    @requires(Role.COMMUNE, Role.CITY, Role.ADMIN)
    @communes_blp.arguments(BulkConfirmSchema)
    @communes_blp.response(200, BulkResultSchema(many=True))
    def post(self, data, round_id, commune_code):
        """Xác nhận hàng loạt báo cáo của xã/phường, mỗi báo cáo ở phiên bản người duyệt đã xem"""
        return _approvals().confirm_commune(current_principal(), round_id, commune_code, data["reports"])


@submissions_blp.route("/<string:school_code>/previous")
class PreviousRound(MethodView):
    @requires()
    @submissions_blp.response(200, PreviousValuesSchema)
    def get(self, round_id, school_code):
        """Số liệu của trường ở đợt báo cáo trước (để đặt cạnh ô nhập); rỗng nếu chưa có"""
        return _submissions().previous_for(current_principal(), round_id, school_code)

"""Plan endpoints: thin views that turn HTTP into calls of :class:`plans.unit_plans.PlanService`."""
from __future__ import annotations

import base64
import io
from datetime import date

from flask import current_app, send_file
from flask.views import MethodView
from flask_smorest import Blueprint

from edu71.auth.flask import current_principal, requires
from edu71.concurrency import expected_version, with_etag
from edu71.inputs import safe_filename
from edu71.schemas import paged
from plans.api.schemas import (
    ApproveSchema,
    SubmittedVersionSchema,
    VersionDiffSchema,
    ImportReportSchema,
    UploadSchema,
    PlanListQuerySchema,
    PlanPageSchema,
    PlanSchema,
    PlanWriteSchema,
    ReturnSchema,
    TimelineEntrySchema,
)
from plans.adapters.originals import CONTENT_TYPES
from plans.domain.importer.indicators import CONFIDENT
from plans.domain.versions import CONTENT_FIELDS, diff
from plans.unit_plans import PlanService

blp = Blueprint("plans", __name__, url_prefix="/plans", description="Kế hoạch thực hiện Nghị quyết 71 của nhà trường")


def _service() -> PlanService:
    return current_app.extensions["plans.unit_plans"]


def _answer(plan, status: int = 200):
    response = current_app.response_class(
        current_app.json.dumps(PlanSchema().dump(plan)), status=status, mimetype="application/json"
    )
    return with_etag(response, plan.doc_version)


@blp.route("")
class Plans(MethodView):
    @requires()
    @blp.arguments(PlanListQuerySchema, location="query")
    @blp.response(200, PlanPageSchema)
    def get(self, query):
        """Danh sách kế hoạch trong phạm vi của người dùng"""
        principal = current_principal()
        return paged(query, lambda filters, page, size: _service().list_visible(principal, filters, page, size))

    @requires()
    @blp.arguments(PlanWriteSchema)
    @blp.response(201, PlanSchema)
    def post(self, data):
        """Lập kế hoạch mới (bản nháp) của nhà trường"""
        return _answer(_service().create(current_principal(), data), 201)


@blp.route("/import")
class ImportPlan(MethodView):
    @requires()
    @blp.arguments(UploadSchema, location="files")
    @blp.response(201, ImportReportSchema)
    def post(self, files):
        """Nhập kế hoạch từ tệp Word/PDF/văn bản thành bản nháp để nhà trường kiểm tra"""
        upload = files["file"]
        plan, parsed, proposals, warnings = _service().import_document(current_principal(), upload.read(),
                                                                       upload.filename)
        return {"plan": plan, "fields_": _extracted_fields(parsed), "targets": _extracted_targets(parsed, proposals),
                "warnings": warnings}


def _extracted_fields(parsed) -> dict:
    names = ("number_symbol", "place", "issued_on", "title", "school_name", "issuer", "superior", "signer_title",
             "signer", "named_unit")
    return {
        # a date as ISO 8601: Flask's JSON would write an HTTP-date ("Wed, 17 Dec 2025 00:00:00 GMT")
        name: {"value": field.value.isoformat() if isinstance(field.value, date) else field.value,
               "line": field.source.line, "confidence": field.confidence}
        for name in names
        if (field := getattr(parsed, name)) is not None
    }


def _extracted_targets(parsed, proposals) -> list[dict]:
    """Each target as read, with the indicator the importer proposes for it (to be confirmed by the school)."""
    return [
        {**t.to_dict(), "line": t.source.line, "confidence": t.confidence,
         "proposed_indicator_code": p.code, "proposed_indicator_name": p.name,
         "proposal_confidence": round(p.confidence, 2),
         "needs_review": t.horizon.value is None or t.confidence < 0.7 or p.code is None or p.confidence < CONFIDENT}
        for t, p in zip(parsed.targets, proposals)
    ]


@blp.route("/<string:plan_id>/import")
class ReimportPlan(MethodView):
    @requires()
    @blp.arguments(UploadSchema, location="files")
    @blp.response(200, ImportReportSchema)
    def post(self, files, plan_id):
        """Nhập lại tệp đã sửa vào chính kế hoạch này (bản nháp hoặc bị trả lại; cần If-Match)

        Nội dung kế hoạch được thay bằng nội dung đọc từ tệp mới; lần gửi duyệt sau là phiên bản kế tiếp của
        cùng kế hoạch. Tệp gốc của mỗi phiên bản đã gửi vẫn được giữ (``/versions/{n}/original``)."""
        upload = files["file"]
        plan, parsed, proposals, warnings = _service().reimport_document(
            current_principal(), plan_id, upload.read(), upload.filename, expected_version(required=True))
        body = {"plan": plan, "fields_": _extracted_fields(parsed), "targets": _extracted_targets(parsed, proposals),
                "warnings": warnings}
        response = current_app.response_class(current_app.json.dumps(ImportReportSchema().dump(body)),
                                              mimetype="application/json")
        return with_etag(response, plan.doc_version)


def _original_file(original, data):
    # Stored names are cleaned again: ones kept before uploads were checked may hold a path or a NUL.
    response = send_file(io.BytesIO(data), mimetype=CONTENT_TYPES[original.kind], as_attachment=True,
                         download_name=safe_filename(original.filename))
    response.headers["Repr-Digest"] = f"sha-256=:{base64.b64encode(bytes.fromhex(original.sha256)).decode()}:"
    return response


@blp.route("/<string:plan_id>/original")
class PlanOriginal(MethodView):
    @requires()
    @blp.response(200, content_type="application/octet-stream")
    def get(self, plan_id):
        """Tải tệp gốc mà kế hoạch được nhập từ đó"""
        return _original_file(*_service().original(current_principal(), plan_id))


@blp.route("/<string:plan_id>/versions/<int:number>/original")
class PlanVersionOriginal(MethodView):
    @requires()
    @blp.response(200, content_type="application/octet-stream")
    def get(self, plan_id, number):
        """Tải tệp gốc của một phiên bản đã gửi duyệt"""
        return _original_file(*_service().original(current_principal(), plan_id, number))


@blp.route("/<string:plan_id>/timeline")
class PlanTimeline(MethodView):
    @requires()
    @blp.response(200, TimelineEntrySchema(many=True))
    def get(self, plan_id):
        """Lịch sử gửi duyệt: các lần gửi, trả lại (kèm góp ý), phê duyệt và nhập lại tệp, cũ trước

        Ai xem được kế hoạch thì xem được lịch sử của nó."""
        return _service().timeline(current_principal(), plan_id)


@blp.route("/<string:plan_id>/versions")
class PlanVersions(MethodView):
    @requires()
    @blp.response(200, SubmittedVersionSchema(many=True))
    def get(self, plan_id):
        """Các phiên bản đã gửi duyệt (không thay đổi sau khi gửi)"""
        return _service().submitted_versions(current_principal(), plan_id)


@blp.route("/<string:plan_id>/versions/<int:number>")
class PlanVersion(MethodView):
    @requires()
    @blp.response(200, SubmittedVersionSchema)
    def get(self, plan_id, number):
        """Một phiên bản đã gửi duyệt"""
        return _service().submitted_version(current_principal(), plan_id, number)


@blp.route("/<string:plan_id>/versions/<int:old>/diff/<int:new>")
class PlanVersionDiff(MethodView):
    @requires()
    @blp.response(200, VersionDiffSchema)
    def get(self, plan_id, old, new):
        """Những gì đã thay đổi giữa hai phiên bản gửi duyệt"""
        service, principal = _service(), current_principal()
        content = PlanSchema(only=CONTENT_FIELDS)
        before = content.dump(service.submitted_version(principal, plan_id, old)["plan"])
        after = content.dump(service.submitted_version(principal, plan_id, new)["plan"])
        return {"from_version": old, "to_version": new, "differences": diff(before, after)}


@blp.route("/<string:plan_id>")
class PlanById(MethodView):
    @requires()
    @blp.response(200, PlanSchema)
    def get(self, plan_id):
        """Xem một kế hoạch"""
        return _answer(_service().get_visible(current_principal(), plan_id))

    @requires()
    @blp.arguments(PlanWriteSchema(partial=True))
    @blp.response(200, PlanSchema)
    def patch(self, data, plan_id):
        """Sửa bản nháp (cần If-Match)"""
        return _answer(_service().update(current_principal(), plan_id, data, expected_version(required=True)))

    @requires()
    @blp.response(204)
    def delete(self, plan_id):
        """Xoá bản nháp chưa từng gửi duyệt (cần If-Match)"""
        _service().delete(current_principal(), plan_id, expected_version(required=True))


@blp.route("/<string:plan_id>/submit")
class SubmitPlan(MethodView):
    @requires()
    @blp.response(200, PlanSchema)
    def post(self, plan_id):
        """Gửi kế hoạch đi duyệt"""
        return _answer(_service().submit(current_principal(), plan_id, expected_version(required=False)))


@blp.route("/<string:plan_id>/approve")
class ApprovePlan(MethodView):
    @requires()
    @blp.arguments(ApproveSchema)
    @blp.response(200, PlanSchema)
    def post(self, data, plan_id):
        """Phê duyệt kế hoạch"""
        return _answer(
            _service().approve(current_principal(), plan_id, data.get("comment"), expected_version(required=False))
        )


@blp.route("/<string:plan_id>/return")
class ReturnPlan(MethodView):
    @requires()
    @blp.arguments(ReturnSchema)
    @blp.response(200, PlanSchema)
    def post(self, data, plan_id):
        """Trả lại kế hoạch kèm góp ý"""
        return _answer(
            _service().return_(current_principal(), plan_id, data["comments"], expected_version(required=False))
        )

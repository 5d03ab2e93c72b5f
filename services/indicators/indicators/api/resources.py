"""Indicator endpoints: thin views that turn HTTP into calls of :class:`indicators.service.IndicatorService`."""
from __future__ import annotations

from flask import current_app, request
from flask.views import MethodView
from flask_smorest import Blueprint

from edu71.auth import Role
from edu71.auth.flask import current_principal, requires
from edu71.concurrency import expected_version, with_etag
from indicators.api.schemas import (
    CatalogueProvinceQuerySchema,
    CatalogueQuerySchema,
    CatalogueSchema,
    CatalogueVersionSchema,
    IndicatorChangeSchema,
    IndicatorWriteSchema,
    RoundListQuerySchema,
    RoundPageSchema,
    RoundScheduleSchema,
    RoundSchema,
    RoundWriteSchema,
    SubmissionSchema,
    SubmissionWriteSchema,
)
from edu71.problems import Problem
from indicators.catalogues import CatalogueService
from indicators.domain.catalogue import Catalogue
from indicators.service import IndicatorService

catalogue_blp = Blueprint("catalogue", __name__, url_prefix="/catalogue",
                          description="Danh mục chỉ tiêu thực hiện Nghị quyết 71")
rounds_blp = Blueprint("rounds", __name__, url_prefix="/rounds", description="Đợt báo cáo do Sở GD&ĐT mở")
submissions_blp = Blueprint("submissions", __name__, url_prefix="/rounds/<string:round_id>/submissions",
                            description="Số liệu chỉ tiêu nhà trường nộp trong một đợt báo cáo")
blueprints = [catalogue_blp, rounds_blp, submissions_blp]


def _service() -> IndicatorService:
    return current_app.extensions["indicators.service"]


def _catalogues() -> CatalogueService:
    return current_app.extensions["indicators.catalogues"]


def _json(body: dict, status: int = 200):
    return current_app.response_class(current_app.json.dumps(body), status=status, mimetype="application/json")


def _catalogue_answer(catalogue: Catalogue, status: int = 200):
    body = CatalogueSchema().dump({"province_code": catalogue.province_code, "version": catalogue.version,
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
            raise Problem(404, f"Danh mục chỉ tiêu không có phiên bản {query['version']}.")
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
        page, size = query.pop("page"), query.pop("page_size")
        service = _service()
        total, items = service.list_rounds(current_principal(), query, page, size)
        return {"total": total, "page": page, "page_size": size, "items": [service.round_view(r) for r in items]}

    @requires(Role.CITY, Role.ADMIN)
    @rounds_blp.arguments(RoundWriteSchema)
    @rounds_blp.response(201, RoundSchema)
    @rounds_blp.alt_response(403, description="Không phải Sở GD&ĐT của tỉnh/thành này")
    @rounds_blp.alt_response(409, description="Đã có đợt báo cáo cùng tên trong năm học")
    def post(self, data):
        """Mở đợt báo cáo mới (Sở GD&ĐT)"""
        service = _service()
        return service.round_view(service.open_round(current_principal(), data))


@rounds_blp.route("/<string:round_id>")
class RoundById(MethodView):
    @requires()
    @rounds_blp.response(200, RoundSchema)
    def get(self, round_id):
        """Xem một đợt báo cáo"""
        service = _service()
        return service.round_view(service.get_round(current_principal(), round_id))


@rounds_blp.route("/<string:round_id>/schedule")
class RoundSchedule(MethodView):
    @requires()
    @rounds_blp.arguments(RoundScheduleSchema)
    @rounds_blp.response(200, RoundSchema)
    @rounds_blp.alt_response(403, description="Không phải Sở GD&ĐT của tỉnh/thành này")
    def post(self, data, round_id):
        """Gia hạn đợt báo cáo, hoặc mở lại đợt đã khoá (Sở GD&ĐT)"""
        service = _service()
        rnd = service.reschedule_round(current_principal(), round_id, data["due_at"], data["closes_at"],
                                       expected_version(required=False))
        return service.round_view(rnd)


@submissions_blp.route("/<string:school_code>")
class SchoolSubmission(MethodView):
    @requires()
    @submissions_blp.response(200, SubmissionSchema)
    def get(self, round_id, school_code):
        """Xem số liệu một trường đã nộp trong đợt báo cáo"""
        sub = _service().get_submission(current_principal(), round_id, school_code)
        return with_etag(_json(SubmissionSchema().dump(sub.view())), sub.doc_version)

    @requires(Role.SCHOOL)
    @submissions_blp.arguments(SubmissionWriteSchema)
    @submissions_blp.response(200, SubmissionSchema, description="Đã sửa số liệu (một lần sửa mới)")
    @submissions_blp.alt_response(201, schema=SubmissionSchema, description="Lần nộp đầu tiên")
    @submissions_blp.alt_response(403, description="Không phải tài khoản của chính nhà trường")
    @submissions_blp.alt_response(404, description="Không có đợt báo cáo này trong phạm vi của trường")
    @submissions_blp.alt_response(409, description="Đợt báo cáo chưa mở hoặc đã khoá số liệu (code: locked)")
    @submissions_blp.alt_response(412, description="If-Match không khớp phiên bản hiện tại")
    def put(self, data, round_id, school_code):
        """Nộp hoặc sửa số liệu của trường (chống gửi trùng bằng Idempotency-Key)"""
        outcome = _service().submit(
            current_principal(), round_id, school_code, data["values"],
            header_key=request.headers.get("Idempotency-Key"),
            body_key=data.get("idempotency_key"),
            expected_version=expected_version(required=False),
        )
        body = SubmissionSchema().dump(outcome.submission.view(outcome.revision))
        response = _json(body, 201 if outcome.created else 200)
        if outcome.replayed:
            # The body is the original answer, possibly of an older revision: no ETag, so a
            # client cannot mistake it for the current version.
            response.headers["Idempotent-Replayed"] = "true"
            return response
        return with_etag(response, outcome.submission.doc_version)

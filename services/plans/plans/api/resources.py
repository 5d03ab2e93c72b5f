"""Plan endpoints: thin views that turn HTTP into calls of :class:`plans.service.PlanService`."""
from __future__ import annotations

from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint

from edu71.auth.flask import current_principal, requires
from edu71.concurrency import expected_version, with_etag
from plans.api.schemas import (
    ApproveSchema,
    PlanListQuerySchema,
    PlanPageSchema,
    PlanSchema,
    PlanWriteSchema,
    ReturnSchema,
)
from plans.service import PlanService

blp = Blueprint("plans", __name__, url_prefix="/plans", description="Kế hoạch thực hiện Nghị quyết 71 của nhà trường")


def _service() -> PlanService:
    return current_app.extensions["plans.service"]


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
        page, size = query.pop("page"), query.pop("page_size")
        total, items = _service().list_visible(current_principal(), query, page, size)
        return {"total": total, "page": page, "page_size": size, "items": items}

    @requires()
    @blp.arguments(PlanWriteSchema)
    @blp.response(201, PlanSchema)
    def post(self, data):
        """Lập kế hoạch mới (bản nháp) của nhà trường"""
        return _answer(_service().create(current_principal(), data), 201)


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

"""Report endpoints: thin views over :class:`reports.service.ReportService`."""
from __future__ import annotations

from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint

from edu71.auth import Role
from edu71.auth.flask import current_principal, requires
from reports.api.schemas import RollupQuerySchema, RollupReportSchema, SchoolsQuerySchema, SchoolValuesPageSchema
from reports.service import ReportService

blp = Blueprint("rollups", __name__, url_prefix="/rollups",
                description="Số liệu tổng hợp chỉ tiêu theo đợt báo cáo, trong phạm vi của người dùng")

#: Who may read roll-ups at all; the area is then narrowed by :func:`reports.domain.scope.resolve_scope`.
READERS = (Role.COMMUNE, Role.CITY, Role.ADMIN)


def _service() -> ReportService:
    return current_app.extensions["reports.service"]


@blp.route("/<string:round_id>")
class Rollups(MethodView):
    @requires(*READERS)
    @blp.arguments(RollupQuerySchema, location="query")
    @blp.response(200, RollupReportSchema)
    def get(self, query, round_id):
        """Số liệu tổng hợp từng chỉ tiêu của một đợt báo cáo"""
        return _service().rollups(current_principal(), round_id, query.get("scope"), query.get("code"),
                                  query.get("school_level"))


@blp.route("/<string:round_id>/schools")
class RollupSchools(MethodView):
    @requires(*READERS)
    @blp.arguments(SchoolsQuerySchema, location="query")
    @blp.response(200, SchoolValuesPageSchema)
    def get(self, query, round_id):
        """Số liệu mới nhất của từng trường trong phạm vi"""
        return _service().schools(current_principal(), round_id, query.get("scope"), query.get("code"),
                                  query.get("school_level"), query["page"], query["page_size"])

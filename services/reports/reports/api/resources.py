"""Report endpoints: thin views over :class:`reports.dashboards.Dashboards`."""
from __future__ import annotations

from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint

from edu71.auth import Role
from edu71.auth.flask import current_principal, requires
from reports.api.asof import AsOfRollupQuerySchema, AsOfRoundQuerySchema, AsOfSchoolsQuerySchema, dashboards_at
from reports.api.schemas import (
    CascadeReportSchema,
    CompletenessReportSchema,
    DashboardSchema,
    ProgressReportSchema,
    SchoolProgressSchema,
    PlansReportSchema,
    RankingQuerySchema,
    RankingSchema,
    RollupQuerySchema,
    RollupReportSchema,
    RoundQuerySchema,
    SchoolValuesPageSchema,
    SeriesSchema,
    TargetsReportSchema,
)
from reports.dashboards import Dashboards

blp = Blueprint("rollups", __name__, url_prefix="/rollups",
                description="Số liệu tổng hợp chỉ tiêu theo đợt báo cáo, trong phạm vi của người dùng")
rounds = Blueprint("rounds", __name__, url_prefix="/rounds",
                   description="Tiến độ nộp báo cáo, so sánh với chỉ tiêu, xếp hạng và xuất báo cáo của một đợt")
plans = Blueprint("plan-status", __name__, url_prefix="/plans",
                  description="Tình hình kế hoạch của các trường theo xã/phường")
series = Blueprint("series", __name__, url_prefix="/indicators",
                   description="Số liệu một chỉ tiêu qua các đợt báo cáo")

#: Who may read roll-ups at all; the area is then narrowed by :func:`reports.domain.scope.resolve_scope`.
READERS = (Role.COMMUNE, Role.CITY, Role.ADMIN)


def _dashboards() -> Dashboards:
    return current_app.extensions["reports.dashboards"]


@blp.route("/<string:round_id>")
class Rollups(MethodView):
    @requires(*READERS)
    @blp.arguments(AsOfRollupQuerySchema, location="query")
    @blp.response(200, RollupReportSchema)
    def get(self, query, round_id):
        """Số liệu tổng hợp từng chỉ tiêu của một đợt báo cáo (as_of: như tại một thời điểm đã qua)"""
        return dashboards_at(query).rollups(current_principal(), round_id, query.get("scope"), query.get("code"),
                                  query.get("school_level"), query.get("figures"))


@blp.route("/<string:round_id>/schools")
class RollupSchools(MethodView):
    @requires(*READERS)
    @blp.arguments(AsOfSchoolsQuerySchema, location="query")
    @blp.response(200, SchoolValuesPageSchema)
    def get(self, query, round_id):
        """Số liệu mới nhất của từng trường trong phạm vi (as_of: như tại một thời điểm đã qua)"""
        return dashboards_at(query).schools(current_principal(), round_id, query.get("scope"), query.get("code"),
                                  query.get("school_level"), query["page"], query["page_size"],
                                  figures=query.get("figures"))


@rounds.route("/<string:round_id>/completeness")
class Completeness(MethodView):
    @requires(*READERS)
    @rounds.arguments(AsOfRoundQuerySchema, location="query")
    @rounds.response(200, CompletenessReportSchema)
    def get(self, query, round_id):
        """Tiến độ nộp báo cáo: số trường phải nộp, đã nộp, đúng hạn, muộn, chưa nộp; số trường theo từng giai đoạn
        duyệt (đang nhập, đã nộp, đã xác nhận, trả lại, Sở đã tiếp nhận) của từng xã/phường; danh sách trường chưa nộp"""
        return dashboards_at(query).completeness(current_principal(), round_id, query.get("scope"), query.get("code"),
                                              query.get("figures"))


@rounds.route("/<string:round_id>/dashboard")
class Dashboard(MethodView):
    @requires(*READERS)
    @rounds.arguments(AsOfRollupQuerySchema, location="query")
    @rounds.response(200, DashboardSchema)
    def get(self, query, round_id):
        """Mọi số liệu bảng điều khiển của một địa bàn trong một lần gọi: tổng hợp chỉ tiêu, tiến độ nộp, tiến độ
        theo lộ trình, cam kết và kế hoạch của các trường; version trùng với sự kiện DashboardUpdated"""
        return dashboards_at(query).dashboard(current_principal(), round_id, query.get("scope"), query.get("code"),
                                           query.get("school_level"), query.get("figures"),
                                           now=not query.get("as_of"))


@rounds.route("/<string:round_id>/targets")
class Targets(MethodView):
    @requires(*READERS)
    @rounds.arguments(AsOfRoundQuerySchema, location="query")
    @rounds.response(200, TargetsReportSchema)
    def get(self, query, round_id):
        """So sánh với chỉ tiêu: địa bàn so với chỉ tiêu của tỉnh và toàn quốc; trường, xã/phường có nguy cơ không đạt"""
        return dashboards_at(query).targets(current_principal(), round_id, query.get("scope"), query.get("code"),
                                         query.get("figures"))


@rounds.route("/<string:round_id>/progress")
class Progress(MethodView):
    @requires(*READERS)
    @rounds.arguments(AsOfRoundQuerySchema, location="query")
    @rounds.response(200, ProgressReportSchema)
    def get(self, query, round_id):
        """Tiến độ theo lộ trình: từng chỉ tiêu so với mục tiêu của thành phố và quốc gia (đã đạt, đúng lộ trình,
        có nguy cơ, chậm); trường và xã/phường có nguy cơ hoặc chậm, chậm nhất trước"""
        return dashboards_at(query).progress(current_principal(), round_id, query.get("scope"), query.get("code"),
                                          query.get("figures"))


@rounds.route("/<string:round_id>/cascade")
class Cascade(MethodView):
    @requires(*READERS)
    @rounds.arguments(RoundQuerySchema, location="query")
    @rounds.response(200, CascadeReportSchema)
    def get(self, query, round_id):
        """Cam kết của các trường so với chỉ tiêu thành phố: số trường cam kết, các cam kết cộng lại có đạt không"""
        return _dashboards().cascade(current_principal(), round_id, query.get("scope"), query.get("code"))


@rounds.route("/<string:round_id>/schools/<string:school_code>/progress")
class SchoolProgress(MethodView):
    @requires(Role.SCHOOL, *READERS)
    @rounds.response(200, SchoolProgressSchema)
    def get(self, round_id, school_code):
        """Tiến độ của một trường: từng chỉ tiêu so với kế hoạch của trường, mục tiêu thành phố và quốc gia"""
        return _dashboards().school_progress(current_principal(), round_id, school_code)


@rounds.route("/<string:round_id>/ranking")
class Ranking(MethodView):
    @requires(Role.CITY, Role.ADMIN)
    @rounds.arguments(RankingQuerySchema, location="query")
    @rounds.response(200, RankingSchema)
    def get(self, query, round_id):
        """Xếp hạng các xã/phường theo một chỉ tiêu (tốt nhất trước)"""
        return _dashboards().ranking(current_principal(), round_id, query["indicator"], query.get("code"))


@plans.route("/status")
class PlanStatus(MethodView):
    @requires(*READERS)
    @plans.arguments(RoundQuerySchema, location="query")
    @plans.response(200, PlansReportSchema)
    def get(self, query):
        """Số kế hoạch theo trạng thái, từng xã/phường; các trường chưa có kế hoạch được duyệt"""
        return _dashboards().plans(current_principal(), query.get("scope"), query.get("code"))


@series.route("/<string:indicator>/series")
class Series(MethodView):
    @requires(*READERS)
    @series.arguments(RollupQuerySchema, location="query")
    @series.response(200, SeriesSchema)
    def get(self, query, indicator):
        """Một chỉ tiêu qua các đợt báo cáo của tỉnh/thành phố, đợt cũ nhất trước"""
        return _dashboards().series(current_principal(), indicator, query.get("scope"), query.get("code"),
                                 query.get("school_level"))


BLUEPRINTS = [blp, rounds, plans, series]

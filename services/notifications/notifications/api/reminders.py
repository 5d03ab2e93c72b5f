"""Reminding the schools that have not submitted a round: a thin view over :class:`ReminderService`."""
from __future__ import annotations

from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint

from edu71.auth import Role
from edu71.auth.flask import current_principal, requires
from notifications.api.schemas import ReminderResultSchema

blp = Blueprint("reminders", __name__, url_prefix="/rounds",
                description="Nhắc các trường chưa nộp số liệu của một đợt báo cáo")


@blp.route("/<string:round_id>/reminders")
class Reminders(MethodView):
    @requires(Role.CITY, Role.COMMUNE)
    @blp.response(200, ReminderResultSchema)
    @blp.alt_response(404, description="Đợt báo cáo không có hoặc không thuộc phạm vi của bạn")
    @blp.alt_response(409, description="Đợt báo cáo chưa mở hoặc đã đóng")
    def post(self, round_id):
        """Nhắc các trường chưa nộp (Sở: cả tỉnh/thành; xã/phường: các trường của mình)

        Mỗi trường thuộc các cấp học của đợt, trong phạm vi của người gọi, chưa nộp số liệu sẽ nhận
        lời nhắc trong hộp thư và qua thư điện tử (theo cài đặt của người nhận). Mỗi trường được
        nhắc nhiều nhất một lần mỗi ngày (giờ Việt Nam): lần bấm sau trong ngày không nhắc lại.
        """
        return current_app.extensions["notifications.reminders"].remind(current_principal(), round_id)

"""Inbox endpoints: thin views over :class:`notifications.inbox.InboxService`."""
from __future__ import annotations

from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint

from edu71.auth.flask import current_principal, requires
from notifications.api.schemas import InboxPageSchema, InboxQuerySchema, NotificationSchema, UnreadCountSchema
from notifications.inbox import InboxService

blp = Blueprint("inbox", __name__, url_prefix="/inbox",
                description="Hộp thư thông báo của đơn vị và vai trò của người dùng")


def _service() -> InboxService:
    return current_app.extensions["notifications.inbox"]


@blp.route("")
class Inbox(MethodView):
    @requires()
    @blp.arguments(InboxQuerySchema, location="query")
    @blp.response(200, InboxPageSchema)
    def get(self, query):
        """Thông báo gửi đến đơn vị của người dùng, mới nhất trước"""
        principal = current_principal()
        total, items, unread = _service().page(principal, query["page"], query["page_size"], query["unread"])
        return {"total": total, "unread": unread, "page": query["page"],
                "page_size": query["page_size"], "items": items}


@blp.route("/unread-count")
class UnreadCount(MethodView):
    @requires()
    @blp.response(200, UnreadCountSchema)
    def get(self):
        """Số thông báo chưa đọc"""
        return {"unread": _service().unread_count(current_principal())}


@blp.route("/<string:notification_id>/read")
class MarkRead(MethodView):
    @requires()
    @blp.response(200, NotificationSchema)
    def post(self, notification_id):
        """Đánh dấu một thông báo là đã đọc"""
        return _service().mark_read(current_principal(), notification_id)

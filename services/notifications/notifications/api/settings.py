"""Preferences (the caller's own), webhooks (per org unit) and the delivery log: thin views."""
from __future__ import annotations

from flask import current_app
from flask.views import MethodView
from flask_smorest import Blueprint

from edu71.auth.flask import current_principal, requires
from notifications.api.schemas import (
    DeliveryPageSchema,
    DeliveryQuerySchema,
    PreferencesInSchema,
    PreferencesSchema,
    WebhookCreatedSchema,
    WebhookInSchema,
    WebhookListSchema,
)
from notifications.webhooks import MANAGERS

preferences = Blueprint("preferences", __name__, url_prefix="/preferences",
                        description="Cài đặt nhận thông báo của chính người dùng")
webhooks = Blueprint("webhooks", __name__, url_prefix="/webhooks",
                     description="Webhook của đơn vị: nhận thông báo qua HTTP POST có chữ ký")
deliveries = Blueprint("deliveries", __name__, url_prefix="/deliveries",
                       description="Nhật ký gửi thư điện tử và webhook (đang chờ, đã gửi, thất bại)")


def _ext(name: str):
    return current_app.extensions[f"notifications.{name}"]


@preferences.route("")
class Preferences(MethodView):
    @requires()
    @preferences.response(200, PreferencesSchema)
    def get(self):
        """Cài đặt hiện tại: kênh theo loại thông báo, các loại đã tắt"""
        return _ext("preferences").get(current_principal())

    @requires()
    @preferences.arguments(PreferencesInSchema)
    @preferences.response(200, PreferencesSchema)
    def put(self, body):
        """Đổi cài đặt (các loại không nêu giữ nguyên; thông báo trong ứng dụng luôn bật)"""
        return _ext("preferences").put(current_principal(), body)


@webhooks.route("")
class Webhooks(MethodView):
    @requires(*MANAGERS)
    @webhooks.response(200, WebhookListSchema)
    def get(self):
        """Webhook của đơn vị (không kèm khoá ký)"""
        return {"items": _ext("webhooks").list(current_principal())}

    @requires(*MANAGERS)
    @webhooks.arguments(WebhookInSchema)
    @webhooks.response(201, WebhookCreatedSchema)
    def post(self, body):
        """Đăng ký webhook; khoá ký chỉ trả về một lần"""
        hook, secret = _ext("webhooks").create(current_principal(), body)
        return {**hook.to_mongo().to_dict(), "id": hook.id, "secret": secret}


@webhooks.route("/<string:webhook_id>")
class OneWebhook(MethodView):
    @requires(*MANAGERS)
    @webhooks.response(204)
    def delete(self, webhook_id):
        """Xoá webhook (các lần gửi còn chờ sẽ được ghi nhận thất bại)"""
        _ext("webhooks").delete(current_principal(), webhook_id)


@deliveries.route("")
class Deliveries(MethodView):
    @requires()
    @deliveries.arguments(DeliveryQuerySchema, location="query")
    @deliveries.response(200, DeliveryPageSchema)
    def get(self, query):
        """Các lần gửi trong phạm vi của người dùng, mới nhất trước; ?status=failed để xem lỗi, ?province_code= để
        quản trị viên xem một tỉnh/thành phố"""
        total, items = _ext("deliveries").list(current_principal(), query["page"], query["page_size"],
                                               query.get("status"), query.get("channel"), query.get("province_code"))
        return {"total": total, "page": query["page"], "page_size": query["page_size"], "items": items}

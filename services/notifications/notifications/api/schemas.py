"""Request and response shapes of the notifications API."""
from __future__ import annotations

from marshmallow import fields, validate

from edu71.schemas import DateTime, Integer, Page, PageQuery, Schema
from notifications.domain.kinds import KINDS


class InboxQuerySchema(PageQuery):
    unread = fields.Boolean(load_default=False, metadata={"description": "Chỉ lấy thông báo chưa đọc"})


class NotificationSchema(Schema):
    id = fields.String()
    kind = fields.String(metadata={"description": "plan_submitted, plan_approved, plan_returned, indicator_alert, "
                                                  "deadline_due_in_7_days, deadline_due_in_1_day, deadline_overdue, "
                                                  "daily_digest, round_reminder (tên tiếng Việt: GET /preferences)"})
    title = fields.String()
    body = fields.String()
    channel = fields.String()
    recipient_org_unit = fields.String()
    recipient_role = fields.String()
    school_code = fields.String(allow_none=True,
                                metadata={"description": "null với thông báo chung cho cả tỉnh/thành (bản tin hằng ngày)"})
    school_name = fields.String(allow_none=True)
    reference = fields.Dict(metadata={"description": "Đối tượng liên quan, ví dụ {\"plan_id\": …, \"plan_version\": 2}"})
    source_event_id = fields.String()
    occurred_at = DateTime()
    created_at = DateTime()
    read_at = DateTime(allow_none=True)


class InboxPageSchema(Page):
    unread = Integer(metadata={"description": "Số thông báo chưa đọc (toàn bộ hộp thư)"})
    items = fields.List(fields.Nested(NotificationSchema))


class UnreadCountSchema(Schema):
    unread = Integer()


class ChannelSwitchesSchema(Schema):
    in_app = fields.Boolean(metadata={"description": "Luôn bật"})
    email = fields.Boolean()
    webhook = fields.Boolean(metadata={"description": "Không dùng ở đây: webhook cấu hình theo đơn vị"})


class PreferencesInSchema(Schema):
    channels = fields.Dict(keys=fields.String(), values=fields.Nested(ChannelSwitchesSchema),
                           metadata={"description": "Theo loại thông báo: {\"plan_submitted\": {\"email\": false}}"})
    muted = fields.List(fields.String(), metadata={"description": "Các loại thông báo tắt hẳn (không thư, "
                                                                  "không hiện trong hộp thư của bạn)"})


class PreferencesSchema(Schema):
    user_id = fields.String()
    channels = fields.Dict(keys=fields.String(), values=fields.Dict(keys=fields.String(), values=fields.Boolean()))
    muted = fields.List(fields.String())
    kinds = fields.Dict(keys=fields.String(), values=fields.String(),
                        metadata={"description": "Tên tiếng Việt của từng loại thông báo"})


class WebhookInSchema(Schema):
    url = fields.URL(required=True, schemes={"http", "https"}, require_tld=False,
                     metadata={"description": "Địa chỉ nhận POST JSON có chữ ký HMAC-SHA256"})
    kinds = fields.List(fields.String(validate=validate.OneOf(KINDS)), load_default=list,
                        metadata={"description": "Chỉ các loại này (để trống: mọi loại)"})
    description = fields.String(validate=validate.Length(max=200))
    org_unit = fields.String(metadata={"description": "Chỉ quản trị viên: đơn vị nhận"})
    role = fields.String(validate=validate.OneOf(["school", "commune", "city"]),
                         metadata={"description": "Chỉ quản trị viên: vai trò nhận"})


class WebhookSchema(Schema):
    id = fields.String()
    org_unit = fields.String()
    role = fields.String()
    url = fields.String()
    kinds = fields.List(fields.String())
    description = fields.String(allow_none=True)
    created_by = fields.String()
    created_at = DateTime()


class WebhookCreatedSchema(WebhookSchema):
    secret = fields.String(metadata={"description": "Khoá ký (chỉ hiển thị một lần): X-Edu71-Signature = "
                                                    "sha256=HMAC(secret, \"{X-Edu71-Timestamp}.{body}\")"})


class WebhookListSchema(Schema):
    items = fields.List(fields.Nested(WebhookSchema))


class DeliveryQuerySchema(PageQuery):
    status = fields.String(validate=validate.OneOf(["pending", "delivered", "failed"]))
    channel = fields.String(validate=validate.OneOf(["email", "webhook"]))
    #: An administrator's log of one province (a city's is its own; no one else may name another).
    province_code = fields.String(validate=validate.Regexp(r"^\d{2}$"))


class DeliverySchema(Schema):
    id = fields.String()
    channel = fields.String()
    kind = fields.String()
    status = fields.String()
    attempts = Integer()
    title = fields.String()
    recipient_user_id = fields.String()
    recipient_name = fields.String(allow_none=True)
    recipient_org_unit = fields.String()
    recipient_role = fields.String()
    address = fields.String()
    school_code = fields.String(allow_none=True)
    source_event_id = fields.String()
    last_error = fields.String(allow_none=True)
    created_at = DateTime()
    next_attempt_at = DateTime(allow_none=True)
    finished_at = DateTime(allow_none=True)


class DeliveryPageSchema(Page):
    items = fields.List(fields.Nested(DeliverySchema))


class ReminderResultSchema(Schema):
    reminded = Integer(metadata={"description": "Số trường vừa được nhắc (trong ứng dụng và qua thư điện tử)"})
    already_reminded_today = Integer(metadata={"description": "Số trường bỏ qua vì hôm nay đã được nhắc "
                                                              "(mỗi trường nhiều nhất một lần mỗi ngày)"})
    outstanding = Integer(metadata={"description": "Số trường trong phạm vi của bạn chưa nộp đợt báo cáo này"})

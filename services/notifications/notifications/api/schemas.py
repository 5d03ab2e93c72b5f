"""Request and response shapes of the notifications API."""
from __future__ import annotations

from marshmallow import fields

from edu71.schemas import Page, PageQuery, Schema


class InboxQuerySchema(PageQuery):
    unread = fields.Boolean(load_default=False, metadata={"description": "Chỉ lấy thông báo chưa đọc"})


class NotificationSchema(Schema):
    id = fields.String()
    kind = fields.String(metadata={"description": "plan_submitted, plan_approved, plan_returned, …"})
    title = fields.String()
    body = fields.String()
    channel = fields.String()
    recipient_org_unit = fields.String()
    recipient_role = fields.String()
    school_code = fields.String()
    school_name = fields.String()
    reference = fields.Dict(metadata={"description": "Đối tượng liên quan, ví dụ {\"plan_id\": …, \"plan_version\": 2}"})
    source_event_id = fields.String()
    occurred_at = fields.DateTime()
    created_at = fields.DateTime()
    read_at = fields.DateTime(allow_none=True)


class InboxPageSchema(Page):
    unread = fields.Integer(metadata={"description": "Số thông báo chưa đọc (toàn bộ hộp thư)"})
    items = fields.List(fields.Nested(NotificationSchema))


class UnreadCountSchema(Schema):
    unread = fields.Integer()

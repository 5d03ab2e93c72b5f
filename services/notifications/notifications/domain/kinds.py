"""The kinds of notification, with the Vietnamese labels users see (in preferences, e-mails, webhooks)."""
from __future__ import annotations


class Kind:
    PLAN_SUBMITTED = "plan_submitted"
    PLAN_APPROVED = "plan_approved"
    PLAN_RETURNED = "plan_returned"
    INDICATOR_ALERT = "indicator_alert"
    DEADLINE_DUE_IN_7_DAYS = "deadline_due_in_7_days"
    DEADLINE_DUE_IN_1_DAY = "deadline_due_in_1_day"
    DEADLINE_OVERDUE = "deadline_overdue"
    DAILY_DIGEST = "daily_digest"
    REPORT_AWAITING_REVIEW = "report_awaiting_review"
    REPORT_RETURNED = "report_returned"
    VALUE_FLAGGED = "value_flagged"
    COMMUNE_REPORTS_CONFIRMED = "commune_reports_confirmed"
    REPORT_ISSUED = "report_issued"
    PLAN_SUBMISSION_RECEIPT = "plan_submission_receipt"
    ROUND_OPENED = "round_opened"
    ROUND_REMINDER = "round_reminder"


KIND_LABELS = {
    Kind.PLAN_SUBMITTED: "Kế hoạch chờ duyệt",
    Kind.PLAN_APPROVED: "Kế hoạch được phê duyệt",
    Kind.PLAN_RETURNED: "Kế hoạch bị trả lại để chỉnh sửa",
    Kind.INDICATOR_ALERT: "Cảnh báo chỉ tiêu vượt ngưỡng",
    Kind.DEADLINE_DUE_IN_7_DAYS: "Nhắc hạn nộp báo cáo: còn 7 ngày",
    Kind.DEADLINE_DUE_IN_1_DAY: "Nhắc hạn nộp báo cáo: còn 1 ngày",
    Kind.DEADLINE_OVERDUE: "Báo cáo quá hạn nộp",
    Kind.DAILY_DIGEST: "Tổng hợp tiến độ nộp báo cáo hằng ngày",
    Kind.REPORT_AWAITING_REVIEW: "Báo cáo số liệu chờ xác nhận",
    Kind.REPORT_RETURNED: "Báo cáo số liệu bị trả lại",
    Kind.VALUE_FLAGGED: "Số liệu cần kiểm tra lại",
    Kind.COMMUNE_REPORTS_CONFIRMED: "Xã/phường đã xác nhận đủ báo cáo số liệu",
    Kind.REPORT_ISSUED: "Báo cáo của cấp dưới gửi đến",
    Kind.PLAN_SUBMISSION_RECEIPT: "Xác nhận đã gửi kế hoạch đi duyệt",
    Kind.ROUND_OPENED: "Mở đợt báo cáo số liệu",
    Kind.ROUND_REMINDER: "Lời nhắc nộp báo cáo từ cấp trên",
}

KINDS = tuple(KIND_LABELS)

IN_APP = "in_app"
EMAIL = "email"
WEBHOOK = "webhook"
CHANNELS = (IN_APP, EMAIL, WEBHOOK)

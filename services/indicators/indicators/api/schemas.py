"""Request and response shapes of the indicators API."""
from __future__ import annotations

from marshmallow import fields, validate

from edu71.orgs import SchoolLevel
from edu71.schemas import Page, PageQuery, Schema
from indicators.domain.clock import as_utc, iso_vn
from indicators.domain.validation import MAX_ITEMS

LEVELS = [lv.value for lv in SchoolLevel]
INDICATOR_CODE = r"^[A-Z][A-Z0-9_]{0,63}$"


class VnDateTime(fields.DateTime):
    """An instant shown in Vietnam time (+07:00), whatever offset it is stored with."""

    def __init__(self, timespec: str = "milliseconds", **kwargs):
        super().__init__(**kwargs)
        # Round dates are set by people to the second; submission times need milliseconds to order revisions.
        self.timespec = timespec

    def _serialize(self, value, attr, obj, **kwargs):
        return None if value is None else iso_vn(as_utc(value), self.timespec)


def _aware(description: str) -> fields.AwareDateTime:
    # AwareDateTime carries its own English message for a missing offset, so it is replaced here.
    return fields.AwareDateTime(
        format="iso", required=True,
        error_messages={"invalid_awareness": "Thời điểm phải ghi rõ múi giờ, ví dụ 2026-01-15T17:00:00+07:00.",
                        "invalid": "Thời điểm không hợp lệ (định dạng ISO 8601, ví dụ 2026-01-15T17:00:00+07:00)."},
        metadata={"description": description},
    )


# -- catalogue ---------------------------------------------------------------------
class IndicatorSchema(Schema):
    code = fields.String()
    name = fields.String()
    unit = fields.String()
    value_type = fields.String(metadata={"description": "ratio | count | level | boolean"})
    levels = fields.Method("_levels", metadata={"description": "Các cấp học áp dụng"})
    direction = fields.String(metadata={"description": "higher: cao hơn là tốt hơn; lower: thấp hơn là tốt hơn"})
    aggregation = fields.String(metadata={"description": "Cách tổng hợp lên xã/phường, tỉnh/thành"})
    level_min = fields.Integer(allow_none=True)
    level_max = fields.Integer(allow_none=True)
    numerator_label = fields.String(allow_none=True)
    denominator_label = fields.String(allow_none=True)
    limit_by_level = fields.Method("_limits", metadata={"description": "Giới hạn theo cấp học, ví dụ sĩ số tối đa"})

    def _levels(self, indicator) -> list[str]:
        return [lv for lv in LEVELS if lv in {level.value for level in indicator.levels}]

    def _limits(self, indicator) -> dict[str, int]:
        return {level.value: limit for level, limit in indicator.limit_by_level.items()}


class CatalogueSchema(Schema):
    version = fields.Integer()
    indicators = fields.List(fields.Nested(IndicatorSchema))


# -- rounds ------------------------------------------------------------------------
class RoundWriteSchema(Schema):
    name = fields.String(required=True, validate=validate.Length(min=1, max=300),
                         metadata={"description": "Tên đợt, ví dụ “Sơ kết học kỳ I năm học 2025–2026”"})
    province_code = fields.String(validate=validate.Regexp(r"^\d{2}$"),
                                  metadata={"description": "Mã tỉnh/thành; mặc định là tỉnh/thành của Sở"})
    school_year = fields.String(required=True, validate=validate.Regexp(r"^\d{4}-\d{4}$"),
                                metadata={"description": "Năm học, ví dụ 2025-2026"})
    school_levels = fields.List(fields.String(validate=validate.OneOf(LEVELS)), required=True,
                                validate=validate.Length(min=1, max=len(LEVELS)))
    indicator_codes = fields.List(fields.String(validate=validate.Regexp(INDICATOR_CODE)), required=True,
                                  validate=validate.Length(min=1, max=MAX_ITEMS))
    opens_at = _aware("Thời điểm mở nhận số liệu (ISO 8601 có múi giờ)")
    due_at = _aware("Hạn nộp; nộp sau thời điểm này là nộp muộn")
    closes_at = _aware("Thời điểm khoá số liệu")


class RoundScheduleSchema(Schema):
    due_at = _aware("Hạn nộp mới")
    closes_at = _aware("Thời điểm khoá số liệu mới")


class RoundSchema(Schema):
    id = fields.String(metadata={"description": "Mã đợt báo cáo (round_id)"})
    name = fields.String()
    province_code = fields.String()
    school_year = fields.String()
    school_levels = fields.List(fields.String())
    indicator_codes = fields.List(fields.String())
    catalogue_version = fields.Integer()
    opens_at = VnDateTime("seconds")
    due_at = VnDateTime("seconds")
    closes_at = VnDateTime("seconds")
    status = fields.String()
    phase = fields.String(metadata={"description": "upcoming | open | late | closed, theo thời điểm hiện tại"})
    opened_by = fields.Dict()
    created_at = VnDateTime()


class RoundListQuerySchema(PageQuery):
    province_code = fields.String(validate=validate.Regexp(r"^\d{2}$"))
    school_year = fields.String(validate=validate.Regexp(r"^\d{4}-\d{4}$"))


class RoundPageSchema(Page):
    items = fields.List(fields.Nested(RoundSchema))


# -- submissions -------------------------------------------------------------------
class SubmissionWriteSchema(Schema):
    # Items are checked by the domain (indicators.domain.validation), which reports
    # every error of every item at once, named values.<CODE>.<field>.
    values = fields.List(
        fields.Raw(allow_none=True), required=True,
        metadata={
            "description": "Giá trị chỉ tiêu: {indicator_code, numerator, denominator} cho tỷ lệ; "
                           "{indicator_code, value} cho số lượng; {indicator_code, level} cho mức độ; "
                           "{indicator_code, flag} cho đạt/không đạt. Chỉ tiêu không gửi giữ giá trị cũ.",
            "example": [{"indicator_code": "TEACHERS_QUALIFIED", "numerator": 45, "denominator": 47},
                        {"indicator_code": "SMART_CLASSROOMS", "value": 1},
                        {"indicator_code": "PCGD_LEVEL", "level": 3}],
        },
    )
    idempotency_key = fields.String(
        validate=validate.Regexp(r"^[\x21-\x7e]{1,200}$"),
        metadata={"description": "Khoá chống gửi trùng (hoặc tiêu đề Idempotency-Key)"},
    )


class SchoolSchema(Schema):
    code = fields.String()
    name = fields.String()
    commune_code = fields.String()
    province_code = fields.String()
    level = fields.String()


class ActorSchema(Schema):
    user_id = fields.String()
    name = fields.String()
    role = fields.String()
    org_unit = fields.String()


class IndicatorValueSchema(Schema):
    indicator_code = fields.String()
    catalogue_version = fields.Integer()
    value_type = fields.String()
    numerator = fields.Integer()
    denominator = fields.Integer()
    value = fields.Integer()
    level = fields.Integer()
    flag = fields.Boolean()


class ChangeSchema(Schema):
    indicator_code = fields.String()
    old = fields.Nested(IndicatorValueSchema, allow_none=True)
    new = fields.Nested(IndicatorValueSchema)


class RevisionSchema(Schema):
    revision = fields.Integer()
    submitted_at = VnDateTime()
    submitted_by = fields.Nested(ActorSchema)
    late = fields.Boolean()
    idempotency_key = fields.String(allow_none=True)
    changes = fields.List(fields.Nested(ChangeSchema))


class SubmissionSchema(Schema):
    submission_id = fields.String()
    round_id = fields.String()
    school = fields.Nested(SchoolSchema)
    revision = fields.Integer()
    late = fields.Boolean(metadata={"description": "Lần sửa này được nộp sau hạn nộp"})
    submitted_at = VnDateTime()
    submitted_by = fields.Nested(ActorSchema)
    first_submitted_at = VnDateTime()
    values = fields.List(fields.Nested(IndicatorValueSchema))
    history = fields.List(fields.Nested(RevisionSchema), metadata={"description": "Nhật ký các lần nộp và sửa"})

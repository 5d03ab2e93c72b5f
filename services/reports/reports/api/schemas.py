"""Request and response shapes of the reports API."""
from __future__ import annotations

from marshmallow import fields, validate

from edu71.orgs import SchoolLevel
from edu71.schemas import Page, PageQuery, Schema
from reports.domain.rollup import Aggregation, ValueType
from reports.domain.scope import ScopeKind


class RollupQuerySchema(Schema):
    scope = fields.String(validate=validate.OneOf([k.value for k in ScopeKind]),
                          metadata={"description": "Phạm vi tổng hợp: province (tỉnh/thành), commune (xã/phường); "
                                                   "mặc định là phạm vi của người dùng"})
    code = fields.String(validate=validate.Regexp(r"^(VN|[0-9]{2}|[0-9]{5})$"),
                         metadata={"description": "Mã tỉnh (2 chữ số) hoặc mã xã/phường (5 chữ số)"})
    school_level = fields.String(validate=validate.OneOf([lv.value for lv in SchoolLevel]),
                                 metadata={"description": "Chỉ tổng hợp các trường của một cấp học"})


class SchoolsQuerySchema(RollupQuerySchema, PageQuery):
    page_size = fields.Integer(load_default=50, validate=validate.Range(min=1, max=500))


class ScopeSchema(Schema):
    kind = fields.String(metadata={"description": "nation, province hoặc commune"})
    code = fields.String()


class RoundSchema(Schema):
    round_id = fields.String()
    name = fields.String()
    province_code = fields.String()
    school_year = fields.String()
    school_levels = fields.List(fields.String())
    indicator_codes = fields.List(fields.String())
    opens_at = fields.DateTime()
    due_at = fields.DateTime()
    closes_at = fields.DateTime()
    reopened = fields.Boolean()


class IndicatorRollupSchema(Schema):
    indicator_code = fields.String()
    value_type = fields.String(allow_none=True, metadata={"enum": [v.value for v in ValueType]})
    aggregation = fields.String(allow_none=True, metadata={
        "enum": [a.value for a in Aggregation],
        "description": "ratio = Σtử số/Σmẫu số; sum = tổng; distribution = số trường theo mức; "
                       "share = tỷ lệ trường đạt"})
    schools_reporting = fields.Integer(metadata={"description": "Số trường đã báo cáo chỉ tiêu này"})
    value = fields.Float(allow_none=True, metadata={
        "description": "Số liệu chính: tỷ lệ 0..1 (ratio, share), tổng (sum), mức thấp nhất (distribution); "
                       "null khi chưa tính được"})
    numerator = fields.Float(allow_none=True)
    denominator = fields.Float(allow_none=True)
    distribution = fields.Dict(keys=fields.String(), values=fields.Integer(), allow_none=True)
    minimum = fields.Integer(allow_none=True)
    maximum = fields.Float(allow_none=True)
    schools_nonzero = fields.Integer(allow_none=True,
                                     metadata={"description": "Chỉ tiêu đếm: số trường có giá trị từ 1 trở lên"})


class RollupReportSchema(Schema):
    round_id = fields.String()
    round = fields.Nested(RoundSchema, allow_none=True,
                          metadata={"description": "Đợt báo cáo; null khi dịch vụ chưa nhận được sự kiện mở đợt"})
    scope = fields.Nested(ScopeSchema)
    school_level = fields.String(metadata={"description": "Cấp học được tổng hợp, hoặc all"})
    schools_reporting = fields.Integer(metadata={"description": "Số trường đã nộp số liệu trong phạm vi"})
    indicators = fields.List(fields.Nested(IndicatorRollupSchema))
    computed_at = fields.DateTime()


class SchoolValuesSchema(Schema):
    school_code = fields.String()
    school_name = fields.String()
    school_level = fields.String()
    commune_code = fields.String()
    province_code = fields.String()
    submission_id = fields.String()
    revision = fields.Integer(metadata={"description": "Lần điều chỉnh của số liệu đang hiển thị"})
    submitted_at = fields.DateTime()
    late = fields.Boolean()
    values = fields.List(fields.Dict(), metadata={"description": "Giá trị chỉ tiêu (IndicatorValue) mới nhất"})


class SchoolValuesPageSchema(Page):
    round_id = fields.String()
    scope = fields.Nested(ScopeSchema)
    items = fields.List(fields.Nested(SchoolValuesSchema))

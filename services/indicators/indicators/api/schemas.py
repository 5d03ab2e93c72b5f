"""Request and response shapes of the indicators API."""
from __future__ import annotations

from flask_smorest.fields import Upload
from marshmallow import fields, utils, validate

from edu71.orgs import SchoolLevel
from edu71.schemas import Integer, Page, PageQuery, Schema
from indicators.domain.catalogue import Aggregation
from edu71.vn import iso_vn
from indicators.domain.clock import as_utc
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
COMPARATORS = [">=", ">", "<=", "<", "="]
THRESHOLD_COMPARATORS = [">", ">=", "<", "<="]


class BaselineSchema(Schema):
    year = Integer(metadata={"description": "Năm của số liệu cơ sở"})
    value = fields.Float(metadata={"description": "Mức cơ sở, theo đơn vị của chỉ tiêu (phần trăm với tỷ lệ)"})
    source = fields.String(metadata={"description": "Nguồn của số liệu cơ sở"})


class TargetSchema(Schema):
    scope = fields.String(load_default="province", validate=validate.OneOf(["nation", "province"]),
                          metadata={"description": "nation: Nghị quyết 71/281; province: của tỉnh/thành"})
    comparator = fields.String(required=True, validate=validate.OneOf(COMPARATORS))
    value = fields.Float(required=True, allow_nan=False,
                         metadata={"description": "Theo đơn vị của chỉ tiêu (phần trăm 0–100 với tỷ lệ)"})
    horizon = Integer(required=True, validate=validate.Range(2025, 2100),
                      metadata={"description": "Năm phải đạt (đến năm …)"})
    source = fields.String(required=True, validate=validate.Length(min=1, max=500),
                           metadata={"description": "Văn bản nguồn của chỉ tiêu"})
    confidence = fields.String(dump_only=True, metadata={"description": "Độ tin cậy của nguồn: A, B, C"})
    school_levels = fields.List(fields.String(validate=validate.OneOf(LEVELS)), validate=validate.Length(max=5),
                                metadata={"description": "Chỉ áp dụng cho các cấp học này (mặc định: tất cả)"})
    share_of_schools = fields.Float(allow_nan=False, metadata={
        "description": "Với chỉ tiêu mức độ: tỷ lệ trường (%) phải đạt từ mức `value` trở lên"})
    baseline = fields.Nested(BaselineSchema, dump_only=True, metadata={
        "description": "Mức cơ sở mà lộ trình đến mục tiêu bắt đầu từ đó (nếu biết)"})


class ThresholdSchema(Schema):
    comparator = fields.String(required=True, validate=validate.OneOf(THRESHOLD_COMPARATORS))
    value = fields.Float(required=True, allow_nan=False)
    source = fields.String(validate=validate.Length(max=500))


class IndicatorSchema(Schema):
    """An indicator as in the CataloguePublished contract (``Indicator.as_dict``)."""

    code = fields.String()
    name = fields.String()
    short_label = fields.String(allow_none=True, metadata={"description": "Tên ngắn, cho bảng và biểu đồ"})
    description = fields.String()
    unit = fields.String()
    value_type = fields.String(metadata={"description": "ratio | count | level | boolean"})
    school_levels = fields.List(fields.String(), metadata={"description": "Các cấp học áp dụng"})
    levels = fields.Function(lambda indicator: indicator["school_levels"],
                             metadata={"description": "Như school_levels (tên cũ, giữ cho các client đang dùng)"})
    direction = fields.String(metadata={"description": "higher: cao hơn là tốt hơn; lower: thấp hơn là tốt hơn"})
    aggregation = fields.String(metadata={"description": "Cách tổng hợp lên xã/phường, tỉnh/thành"})
    origin = fields.String(metadata={"description": "national: danh mục quốc gia; province: do Sở bổ sung"})
    level_min = Integer()
    level_max = Integer()
    numerator_label = fields.String()
    denominator_label = fields.String()
    limit_by_level = fields.Dict(keys=fields.String(), values=Integer(),
                                 metadata={"description": "Giới hạn theo cấp học, ví dụ sĩ số tối đa"})
    targets = fields.List(fields.Nested(TargetSchema))
    threshold = fields.Nested(ThresholdSchema, metadata={"description": "Ngưỡng cảnh báo"})
    population = fields.String(metadata={"description": "Mẫu số dùng chung (nhập một lần cho mọi chỉ tiêu có cùng "
                                                        "giá trị này)"})
    change_limits = fields.Nested("ChangeLimitsSchema", metadata={"description": "Ngưỡng cảnh báo thay đổi bất thường"})
    checks = fields.List(fields.Nested("CrossCheckSchema"), metadata={"description": "Kiểm tra chéo giữa các chỉ tiêu"})


class CatalogueSchema(Schema):
    province_code = fields.String()
    version = Integer()
    indicators = fields.List(fields.Nested(IndicatorSchema))


class CatalogueQuerySchema(Schema):
    province_code = fields.String(validate=validate.Regexp(r"^\d{2}$"),
                                  metadata={"description": "Mã tỉnh/thành; mặc định là tỉnh/thành của người dùng"})
    version = Integer(validate=validate.Range(min=1, max=1_000_000),
                      metadata={"description": "Một phiên bản cụ thể; mặc định là phiên bản hiện hành"})


class CatalogueProvinceQuerySchema(Schema):
    province_code = fields.String(validate=validate.Regexp(r"^\d{2}$"))


class CatalogueVersionSchema(Schema):
    version = Integer()
    published_at = VnDateTime()
    published_by = fields.Dict(allow_none=True)
    change = fields.Dict(metadata={"description": "kind: initial | added | changed; indicator_code; fields"})
    indicator_count = Integer()


class IndicatorWriteSchema(Schema):
    code = fields.String(required=True, validate=validate.Regexp(INDICATOR_CODE),
                         metadata={"description": "Mã chỉ tiêu, chữ in hoa, ví dụ HP_SWIMMING_TAUGHT"})
    name = fields.String(required=True, validate=validate.Length(min=1, max=300))
    description = fields.String(validate=validate.Length(max=2000))
    unit = fields.String(validate=validate.Length(max=50), metadata={"description": "Mặc định “%” với tỷ lệ"})
    value_type = fields.String(required=True, validate=validate.OneOf(["ratio", "count", "level", "boolean"]))
    school_levels = fields.List(fields.String(validate=validate.OneOf(LEVELS)), required=True,
                                validate=validate.Length(min=1, max=len(LEVELS)))
    direction = fields.String(required=True, validate=validate.OneOf(["higher", "lower"]))
    aggregation = fields.String(validate=validate.OneOf([a.value for a in Aggregation]),
                                metadata={"description": "Cách tổng hợp; mặc định là cách đầu tiên hợp với loại chỉ tiêu"})
    level_min = Integer()
    level_max = Integer()
    numerator_label = fields.String(validate=validate.Length(max=300))
    denominator_label = fields.String(validate=validate.Length(max=300))
    limit_by_level = fields.Dict(keys=fields.String(validate=validate.OneOf(LEVELS)),
                                 values=Integer(validate=validate.Range(0, 1_000_000)))
    targets = fields.List(fields.Nested(TargetSchema), validate=validate.Length(max=20))
    threshold = fields.Nested(ThresholdSchema)


class ChangeLimitsSchema(Schema):
    factor = fields.Float(allow_nan=False, metadata={"description": "Cảnh báo khi giá trị lớn gấp hơn chừng này lần "
                                                                    "giá trị trước (mặc định 3)"})
    absolute = fields.Float(allow_nan=False, metadata={"description": "… và chênh ít nhất chừng này (mặc định 10)"})
    points = fields.Float(allow_nan=False, metadata={"description": "Tỷ lệ thay đổi quá chừng này điểm phần trăm "
                                                                    "(mặc định 30)"})
    level_drop = Integer(metadata={"description": "Mức độ giảm từ chừng này mức trở lên (mặc định 2)"})
    peer_z = fields.Float(allow_nan=False, metadata={"description": "Điểm z hiệu chỉnh (trung vị/MAD) so với các "
                                                                    "trường cùng cấp học (mặc định 3,5)"})


class CrossCheckSchema(Schema):
    left = fields.String(metadata={"description": "<MÃ>.<trường>, ví dụ SMART_CLASSROOMS.value"})
    operator = fields.String()
    right = fields.String()
    importance = fields.String(metadata={"description": "error: từ chối; warning: cảnh báo"})


class IndicatorChangeSchema(Schema):
    name = fields.String(validate=validate.Length(min=1, max=300))
    description = fields.String(allow_none=True, validate=validate.Length(max=2000))
    numerator_label = fields.String(validate=validate.Length(max=300))
    denominator_label = fields.String(validate=validate.Length(max=300))
    targets = fields.List(fields.Nested(TargetSchema), validate=validate.Length(max=20))
    threshold = fields.Nested(ThresholdSchema, allow_none=True, metadata={"description": "null: bỏ ngưỡng"})
    change_limits = fields.Nested(ChangeLimitsSchema, allow_none=True, metadata={
        "description": "Khi nào một thay đổi được cảnh báo (sửa được cả ở chỉ tiêu quốc gia); null: mặc định"})


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
    catalogue_version = Integer()
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
class RawItems(fields.List):
    """A list whose items are taken as they came (documented as a list of anything).

    ``fields.List(fields.Raw(allow_none=True))`` passes each item through a field that accepts anything, so it
    gives the same list back, at 1.6 µs an item: loading a request of 25 values took 51 µs, 11 µs now.
    """

    def __init__(self, **kwargs):
        super().__init__(fields.Raw(allow_none=True), **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        if not utils.is_collection(value):
            raise self.make_error("invalid")
        return list(value)


class SubmissionWriteSchema(Schema):
    # Items are checked by the domain (indicators.domain.validation), which reports
    # every error of every item at once, named values.<CODE>.<field>.
    values = RawItems(
        required=True,
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
    # Checked by the domain (indicators.domain.submissions.check_explanations), errors named explanations.<CODE>.
    explanations = fields.Raw(
        allow_none=True,
        metadata={"description": "Lời giải thích của trường cho giá trị bị cảnh báo: {mã chỉ tiêu: lời giải thích} "
                                 "(tối đa 500 ký tự). Cảnh báo không chặn việc nộp.",
                  "example": {"SMART_CLASSROOMS": "Trường vừa được đầu tư 6 phòng học thông minh."}},
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
    catalogue_version = Integer()
    value_type = fields.String()
    numerator = Integer()
    denominator = Integer()
    value = Integer()
    level = Integer()
    flag = fields.Boolean()


class StoredValue(fields.Nested):
    """A value as the contracts shape it (documented as :class:`IndicatorValueSchema`), answered as stored.

    Every stored value was built by domain.validation with exactly the schema's fields and types, so
    dumping it field by field changed nothing, and cost more than the rest of a submission's answer.
    """

    def __init__(self, **kwargs):
        super().__init__(IndicatorValueSchema, **kwargs)

    @staticmethod
    def answer(value):
        return None if value is None else dict(value)

    def _serialize(self, nested_obj, attr, obj, **kwargs):
        return self.answer(nested_obj)


class ChangeSchema(Schema):
    indicator_code = fields.String()
    old = StoredValue(allow_none=True)
    new = StoredValue()


class StoredChange(fields.Nested):
    """A change of a value (documented as :class:`ChangeSchema`), answered as the domain built it.

    A revision's audit record lists a change per value sent (25 on a full submission); dumping each
    through :class:`ChangeSchema` field by field took most of a submission's answer. The result is
    the same: each key present is kept, a stored value copied as :class:`StoredValue` copies it.
    """

    def __init__(self, **kwargs):
        super().__init__(ChangeSchema, **kwargs)

    @staticmethod
    def answer(change):
        if change is None:
            return None
        out = {}
        if "indicator_code" in change:
            code = change["indicator_code"]
            out["indicator_code"] = None if code is None else str(code)
        for side in ("old", "new"):
            if side in change:
                out[side] = None if change[side] is None else dict(change[side])
        return out

    def _serialize(self, change, attr, obj, **kwargs):
        return self.answer(change)


class StoredList(fields.List):
    """A list of :class:`StoredValue` or :class:`StoredChange` items (documented as such), answered in one pass.

    marshmallow's list calls its item field once per item, passing on the dump's arguments: for the 25
    values and 25 changes of a full submission's answer, that call cost more than the copies it made.
    """

    def _serialize(self, value, attr, obj, **kwargs):
        if value is None:
            return None
        answer = self.inner.answer
        return [answer(item) for item in value]


class WarningSchema(Schema):
    field = fields.String(metadata={"description": "values.<CODE>.<trường>"})
    message = fields.String()
    indicator_code = fields.String()
    kind = fields.String(metadata={"description": "previous_round: so với đợt trước; revision: so với lần nộp "
                                                  "trước trong đợt; peers: so với các trường cùng cấp học trong "
                                                  "tỉnh/thành; check: kiểm tra chéo giữa các chỉ tiêu"})
    explanation = fields.String(allow_none=True, metadata={"description": "Lời giải thích của trường (nếu có)"})


class ExplanationSchema(Schema):
    text = fields.String()
    by = fields.Nested("ActorSchema")
    at = fields.String(metadata={"description": "Thời điểm (giờ Việt Nam)"})
    revision = Integer(metadata={"description": "Lần nộp mà lời giải thích đi kèm"})


class RevisionSchema(Schema):
    revision = Integer()
    warnings = fields.List(fields.Nested(WarningSchema),
                           metadata={"description": "Cảnh báo thay đổi bất thường so với đợt trước"})
    submitted_at = VnDateTime()
    submitted_by = fields.Nested(ActorSchema)
    late = fields.Boolean()
    idempotency_key = fields.String(allow_none=True)
    changes = StoredList(StoredChange())
    explanations = fields.Dict(keys=fields.String(), values=fields.String(),
                               metadata={"description": "Lời giải thích gửi kèm lần nộp này"})


class SubmissionSchema(Schema):
    submission_id = fields.String()
    round_id = fields.String()
    school = fields.Nested(SchoolSchema)
    revision = Integer()
    late = fields.Boolean(metadata={"description": "Lần sửa này được nộp sau hạn nộp"})
    submitted_at = VnDateTime()
    submitted_by = fields.Nested(ActorSchema)
    first_submitted_at = VnDateTime()
    values = StoredList(StoredValue())
    warnings = fields.List(fields.Nested(WarningSchema), metadata={
        "description": "Cảnh báo (không phải lỗi) của lần nộp này: thay đổi bất thường so với đợt trước hoặc lần "
                       "nộp trước, khác xa các trường cùng cấp học, kiểm tra chéo"})
    history = fields.List(fields.Nested(RevisionSchema), metadata={"description": "Nhật ký các lần nộp và sửa"})
    open_warnings = fields.List(fields.Nested(WarningSchema), metadata={
        "description": "Mọi cảnh báo của số liệu hiện tại (so với đợt trước, lần nộp trước, các trường cùng cấp, "
                       "kiểm tra chéo), kèm lời giải thích của trường nếu có"})
    explanations = fields.Dict(keys=fields.String(), values=fields.Nested(ExplanationSchema), metadata={
        "description": "Lời giải thích hiện hành của trường, theo mã chỉ tiêu"})
    stage = fields.String(metadata={"description": "draft: đang nhập; submitted: đã nộp; confirmed: xã/phường đã "
                                                   "xác nhận; returned: trả lại; accepted: Sở đã tiếp nhận"})
    approvals = fields.List(fields.Dict(), metadata={
        "description": "Các lần duyệt: action (complete, confirm, return, accept, reopen, withdraw), stage, "
                       "previous_stage, by, at, revision, comment, value_comments, reason, changes"})
    changed_since_approval = StoredList(StoredChange(), metadata={
        "description": "Giá trị đã thay đổi kể từ lần xác nhận hoặc tiếp nhận gần nhất"})
    flags = fields.List(fields.Dict(), metadata={
        "description": "Đánh dấu theo dõi: id, indicator_code, note, by, at, status (open, answered, closed), answers"})


# -- approval ----------------------------------------------------------------------
# Comments are checked by the domain (indicators.domain.approval), which names each field in Vietnamese.
class ReturnSchema(Schema):
    comment = fields.Raw(allow_none=True, metadata={"description": "Nhận xét cho cả báo cáo"})
    value_comments = fields.Raw(allow_none=True, metadata={"description": "Nhận xét theo chỉ tiêu: {mã: nhận xét}"})


class ReopenSchema(Schema):
    reason = fields.Raw(allow_none=True, metadata={"description": "Lý do mở lại (bắt buộc)"})


class FlagWriteSchema(Schema):
    indicator_code = fields.Raw(allow_none=True, metadata={"description": "Mã chỉ tiêu cần theo dõi"})
    note = fields.Raw(allow_none=True, metadata={"description": "Điều cần nhà trường kiểm tra"})


class FlagAnswerSchema(Schema):
    text = fields.Raw(allow_none=True, metadata={"description": "Câu trả lời của nhà trường"})


class FlagCloseSchema(Schema):
    note = fields.Raw(allow_none=True, metadata={"description": "Ghi chú khi đóng (không bắt buộc)"})


class BulkItemSchema(Schema):
    school_code = fields.String(required=True, validate=validate.Regexp(r"^[A-Za-z0-9_.-]{1,64}$"))
    version = Integer(required=True, validate=validate.Range(min=1),
                      metadata={"description": "Phiên bản báo cáo người duyệt đã xem (ETag)"})


class BulkConfirmSchema(Schema):
    reports = fields.List(fields.Nested(BulkItemSchema), required=True)


class BulkResultSchema(Schema):
    school_code = fields.String()
    status = Integer(metadata={"description": "200 nếu đã xác nhận; mã lỗi nếu không"})
    stage = fields.String()
    version = Integer()
    message = fields.String()


class CommuneReportSchema(Schema):
    school = fields.Nested(SchoolSchema)
    stage = fields.String()
    version = Integer(metadata={"description": "Phiên bản hiện tại, gửi lại khi xác nhận hàng loạt"})
    revision = Integer()
    reviewable = fields.Boolean(metadata={"description": "Đơn vị của người xem có duyệt báo cáo này không"})
    changed_since_confirmation = StoredList(StoredChange())
    explained_warnings = fields.List(fields.Nested(WarningSchema))
    unexplained_warnings = fields.List(fields.Nested(WarningSchema))
    open_flags = fields.List(fields.Dict())


class AuditEntrySchema(Schema):
    at = fields.String(metadata={"description": "Thời điểm (giờ Việt Nam)"})
    kind = fields.String(metadata={"description": "revision, explanation, approval, flag, flag_answer, flag_closed"})
    by = fields.Nested(ActorSchema)
    revision = Integer()
    changes = StoredList(StoredChange())
    explanations = fields.Dict()
    warnings = fields.List(fields.Nested(WarningSchema))
    indicator_code = fields.String()
    text = fields.String(allow_none=True)
    flag_id = fields.String()
    action = fields.String()
    stage = fields.String()
    previous_stage = fields.String()
    comment = fields.String()
    value_comments = fields.Dict()
    reason = fields.String()
    seq = Integer()


# -- spreadsheets ------------------------------------------------------------------
class TemplateQuerySchema(Schema):
    school = fields.String(validate=validate.Regexp(r"^[A-Za-z0-9_.-]{1,64}$"),
                           metadata={"description": "Mã trường; mặc định là trường của người dùng"})


class UploadSchema(Schema):
    file = Upload(required=True, metadata={"description": "Biểu mẫu đã điền: XLSX, hoặc CSV UTF-8 (có hoặc không "
                                                          "BOM, dấu phẩy hoặc chấm phẩy, chấp nhận dấu phẩy thập phân)"})
    school = fields.String(validate=validate.Regexp(r"^[A-Za-z0-9_.-]{1,64}$"),
                           metadata={"description": "Trường của biểu mẫu dạng form (multipart): mã trường, "
                                                    "nếu gửi phải là trường của người dùng"})
    idempotency_key = fields.String(metadata={"description": "Trường của biểu mẫu dạng form (multipart): khoá "
                                                             "chống gửi trùng, như tiêu đề Idempotency-Key"})


class HistoryQuerySchema(Schema):
    format = fields.String(load_default="xlsx", validate=validate.OneOf(["xlsx", "csv"]))


class PreviousValuesSchema(Schema):
    round_name = fields.String(allow_none=True, metadata={"description": "Tên đợt trước; null nếu chưa có"})
    values = fields.List(fields.Nested(IndicatorValueSchema))

"""Request and response shapes of the plans API."""
from __future__ import annotations

import re
from datetime import date

from flask_smorest.fields import Upload
from marshmallow import ValidationError, fields, validate

from edu71.orgs import SchoolLevel
from edu71.schemas import DateTime, Integer, Page, PageQuery, Schema
from plans.domain.owners import UnitKind
from plans.domain.workflow import PlanStatus

COMPARATORS = [">=", ">", "<=", "<", "="]


class Horizon(fields.String):
    """A target's horizon: a full date ("2030-06-30") or a year alone, meaning its last day ("2030" → 2030-12-31).

    A string either way (documented with its pattern), so the OpenAPI document says exactly what is accepted.
    """

    PATTERN = r"^[0-9]{4}(-[0-9]{2}-[0-9]{2})?$"

    def __init__(self, **kwargs):
        kwargs["metadata"] = {**kwargs.get("metadata", {}), "pattern": self.PATTERN}
        super().__init__(**kwargs)

    def _serialize(self, value, attr, obj, **kwargs):
        return value.isoformat() if isinstance(value, date) else super()._serialize(value, attr, obj, **kwargs)

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs)
        if not re.fullmatch(self.PATTERN, text):
            raise ValidationError("Mốc thời hạn phải là một năm (2030) hoặc một ngày dạng YYYY-MM-DD (2030-12-31).")
        if len(text) == 4:
            year = int(text)
            if not 2000 <= year <= 2100:
                raise ValidationError("Năm của mốc thời hạn phải từ 2000 đến 2100.")
            return date(year, 12, 31)
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise ValidationError("Không phải một ngày hợp lệ.") from None


class TargetSchema(Schema):
    indicator_code = fields.String(allow_none=True, validate=validate.Length(max=64),
                                   metadata={"description": "Mã chỉ tiêu trong danh mục của tỉnh/thành phố (kiểm tra "
                                                            "theo danh mục mới nhất), hoặc null khi chưa chọn hay "
                                                            "không gắn chỉ tiêu"})
    unlinked = fields.Boolean(load_default=False,
                              metadata={"description": "true: nhà trường chọn «không gắn chỉ tiêu» (indicator_code "
                                                       "phải là null). Khi gửi duyệt, mỗi mục tiêu phải gắn một chỉ "
                                                       "tiêu hoặc có unlinked = true"})
    indicator_name = fields.String(dump_only=True, allow_none=True,
                                   metadata={"description": "Tên chỉ tiêu theo danh mục"})
    indicator_confirmed = fields.Boolean(dump_only=True, metadata={
        "description": "false khi indicator_code mới chỉ là đề xuất của chức năng nhập tệp, nhà trường chưa xác nhận"})
    proposed_indicator_code = fields.String(allow_none=True, load_default=None,
                                            validate=validate.Length(max=64),
                                            metadata={"description": "Chỉ tiêu do chức năng nhập tệp đề xuất"})
    proposal_confidence = fields.Float(allow_none=True, load_default=None, validate=validate.Range(min=0, max=1),
                                       metadata={"description": "Độ tin cậy của đề xuất, 0–1"})
    text = fields.String(required=True, validate=validate.Length(min=1, max=2000))
    comparator = fields.String(required=True, validate=validate.OneOf(COMPARATORS))
    value = fields.Float(required=True, allow_nan=False, validate=validate.Range(min=-1e12, max=1e12))
    unit = fields.String(load_default="", validate=validate.Length(max=64))
    horizon = Horizon(required=True, metadata={"description": "Mốc thời hạn: ngày (2030-06-30) hoặc chỉ năm "
                                                              "(\"2030\" nghĩa là 31/12/2030); không trước "
                                                              "ngày ban hành của kế hoạch"})
    source_sentence = fields.String(load_default="", validate=validate.Length(max=4000))
    catalogue_issue = fields.String(dump_only=True, allow_none=True, metadata={
        "description": "Vì sao danh mục chỉ tiêu mới nhất không còn phù hợp với chỉ tiêu đã gắn (chỉ tiêu bị bỏ, "
                       "đơn vị hay phạm vi thay đổi); null khi phù hợp. Còn mục tiêu như vậy thì chưa gửi duyệt được"})


class PlanWriteSchema(Schema):
    number_symbol = fields.String(load_default="", validate=validate.Length(max=64),
                                  metadata={"description": "Số, ký hiệu, ví dụ 28/KH-THCSTT2"})
    title = fields.String(required=True, validate=validate.Length(min=1, max=1000))
    year = Integer(required=True, validate=validate.Range(min=2000, max=2100))
    place = fields.String(load_default="", validate=validate.Length(max=200))
    issued_on = fields.Date(allow_none=True, load_default=None)
    legal_bases = fields.List(fields.String(validate=validate.Length(max=2000)), load_default=list,
                              validate=validate.Length(max=100))
    sections = fields.Dict(keys=fields.String(validate=validate.Length(max=64)),
                           values=fields.String(validate=validate.Length(max=100_000)), load_default=dict)
    signer = fields.String(load_default="", validate=validate.Length(max=200))
    recipients = fields.List(fields.String(validate=validate.Length(max=500)), load_default=list,
                             validate=validate.Length(max=100), metadata={"description": "Nơi nhận"})
    targets = fields.List(fields.Nested(TargetSchema), load_default=list, validate=validate.Length(max=500))


class ReviewCommentSchema(Schema):
    anchor_kind = fields.String(required=True, validate=validate.OneOf(["plan", "section", "target"]))
    anchor = fields.String(load_default="", validate=validate.Length(max=64))
    text = fields.String(required=True, validate=validate.Length(min=1, max=4000))


class ApproveSchema(Schema):
    comment = fields.String(load_default=None, allow_none=True, validate=validate.Length(max=4000))


class ReturnSchema(Schema):
    comments = fields.List(fields.Nested(ReviewCommentSchema), required=True,
                           validate=validate.Length(min=1, max=200))


class IssuerSchema(Schema):
    kind = fields.String(metadata={"description": "school (nhà trường) | commune (UBND xã/phường) | province "
                                                  "(UBND thành phố / Sở GD&ĐT)"})
    code = fields.String()
    name = fields.String()
    commune_code = fields.String(allow_none=True)
    province_code = fields.String()
    level = fields.String(allow_none=True)


class PlanSchema(PlanWriteSchema):
    id = fields.String()
    owner_kind = fields.String(metadata={"description": "Đơn vị ban hành: school | commune | province"})
    issuer = fields.Nested(IssuerSchema, attribute="owner", dump_only=True,
                           metadata={"description": "Đơn vị ban hành kế hoạch"})
    school_code = fields.String(allow_none=True, metadata={"description": "Chỉ có ở kế hoạch của nhà trường"})
    school_name = fields.String(allow_none=True)
    school_level = fields.String(allow_none=True)
    commune_code = fields.String(allow_none=True, metadata={"description": "Không có ở kế hoạch của thành phố"})
    province_code = fields.String()
    status = fields.String()
    version = Integer(metadata={"description": "Số phiên bản đã gửi duyệt gần nhất"})
    review_comments = fields.List(fields.Nested(ReviewCommentSchema))
    original = fields.Nested("OriginalSchema", allow_none=True)
    created_at = DateTime()
    updated_at = DateTime()


class PlanListQuerySchema(PageQuery):
    owner_kind = fields.String(validate=validate.OneOf([k.value for k in UnitKind]), metadata={
        "description": "Chỉ kế hoạch của nhà trường (school), của xã/phường (commune) hay của thành phố (province); "
                       "nhà trường hỏi commune thì nhận kế hoạch đã duyệt của xã/phường mình"})
    school_code = fields.String(validate=validate.Length(min=1, max=64))
    commune_code = fields.String(validate=validate.Regexp(r"^\d{5}$"))
    province_code = fields.String(validate=validate.Regexp(r"^\d{2}$"))
    school_level = fields.String(validate=validate.OneOf([lv.value for lv in SchoolLevel]))
    status = fields.String(validate=validate.OneOf([s.value for s in PlanStatus]))
    year = Integer(validate=validate.Range(min=2000, max=2100))


class PlanPageSchema(Page):
    items = fields.List(fields.Nested(PlanSchema))


class UploadSchema(Schema):
    file = Upload(required=True, metadata={"description": "Tệp kế hoạch: DOCX, PDF có lớp chữ, hoặc văn bản"})


class OriginalSchema(Schema):
    filename = fields.String()
    kind = fields.String(metadata={"description": "docx | pdf | text (theo nội dung tệp, không theo tên)"})
    sha256 = fields.String()


class ExtractedFieldSchema(Schema):
    value = fields.Raw()
    line = Integer(metadata={"description": "Dòng (từ 1) trong văn bản trích xuất"})
    confidence = fields.Float(metadata={"description": "Độ tin cậy 0–1"})


class ExtractedTargetSchema(TargetSchema):
    horizon = fields.String(allow_none=True, metadata={"description": "YYYY-MM-DD, hoặc null nếu chưa xác định"})
    line = Integer()
    confidence = fields.Float()
    proposed_indicator_name = fields.String(allow_none=True, metadata={"description": "Tên chỉ tiêu được đề xuất"})
    needs_review = fields.Boolean(metadata={"description": "Cần nhà trường bổ sung hoặc kiểm tra (vd. thiếu mốc thời hạn)"})


class ImportWarningSchema(Schema):
    field = fields.String(metadata={"description": "Trường liên quan, ví dụ named_unit (đơn vị văn bản ghi)"})
    line = Integer(allow_none=True, metadata={"description": "Dòng (từ 1) trong văn bản trích xuất"})
    message = fields.String(metadata={"description": "Cảnh báo cho nhà trường, bằng tiếng Việt"})


class ImportReportSchema(Schema):
    plan = fields.Nested(PlanSchema, metadata={"description": "Bản nháp đã lập từ tệp, chưa gửi duyệt"})
    fields_ = fields.Dict(keys=fields.String(), values=fields.Nested(ExtractedFieldSchema), data_key="fields")
    targets = fields.List(fields.Nested(ExtractedTargetSchema))
    warnings = fields.List(fields.Nested(ImportWarningSchema), metadata={
        "description": "Điều cần nhà trường kiểm tra, ví dụ văn bản ghi tên trường hoặc xã khác"})


class SubmittedVersionSchema(Schema):
    version = Integer(metadata={"description": "Số phiên bản gửi duyệt (1, 2, …)"})
    submitted_at = fields.String()
    submitted_by = fields.String()
    plan = fields.Nested(PlanSchema)


class SegmentSchema(Schema):
    op = fields.String(metadata={"description": "same (giữ nguyên) | del (bị xoá) | ins (được thêm)"})
    text = fields.String()


class DifferenceSchema(Schema):
    path = fields.String(metadata={"description": "Trường thay đổi, ví dụ title, targets.2.value, sections.muc_tieu"})
    change = fields.String(metadata={"description": "added | removed | changed"})
    old = fields.Raw(allow_none=True)
    new = fields.Raw(allow_none=True)
    label = fields.String(metadata={"description": "Tên trường để người đọc thấy, đánh số từ 1, ví dụ "
                                                   "«Mục tiêu 9 – Nội dung» cho targets.8.text"})
    words = fields.List(fields.Nested(SegmentSchema), metadata={
        "description": "Với nội dung chữ: các đoạn từ giữ nguyên, bị xoá, được thêm (ghép các đoạn same+del "
                       "thành bản trước, same+ins thành bản sau); rỗng với số, ngày và mục tiêu cả khối"})


class VersionDiffSchema(Schema):
    from_version = Integer()
    to_version = Integer()
    differences = fields.List(fields.Nested(DifferenceSchema))


class TimelineCommentSchema(Schema):
    anchor_kind = fields.String(metadata={"description": "plan | section | target"})
    anchor = fields.String(metadata={"description": "Khoá của mục, hay số thứ tự (từ 0) của mục tiêu"})
    text = fields.String()


class TimelineEntrySchema(Schema):
    kind = fields.String(metadata={"description": "submitted (gửi duyệt) | returned (trả lại) | approved (phê duyệt) "
                                                  "| reimported (nhập lại từ tệp đã sửa)"})
    version = Integer(metadata={"description": "Phiên bản gửi duyệt mà bước này thuộc về"})
    at = fields.String(metadata={"description": "Thời điểm (ISO 8601)"})
    actor_name = fields.String()
    actor_role = fields.String()
    actor_user_id = fields.String()
    comments = fields.List(fields.Nested(TimelineCommentSchema))
    filename = fields.String(metadata={"description": "Tên tệp được nhập lại (với reimported)"})

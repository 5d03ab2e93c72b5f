"""Request and response shapes of the reports API."""
from __future__ import annotations

from marshmallow import fields, validate

from edu71.orgs import SchoolLevel
from edu71.schemas import DateTime, Integer, Page, PageQuery, Schema
from reports.domain.model import SCHOOL_STAGES
from reports.domain.rollup import Aggregation, ValueType
from reports.domain.views import FIGURES
from reports.domain.scope import ScopeKind


class RollupQuerySchema(Schema):
    scope = fields.String(validate=validate.OneOf([k.value for k in ScopeKind]),
                          metadata={"description": "Phạm vi tổng hợp: province (tỉnh/thành), commune (xã/phường); "
                                                   "mặc định là phạm vi của người dùng"})
    code = fields.String(validate=validate.Regexp(r"^(VN|[0-9]{2}|[0-9]{5})$"),
                         metadata={"description": "Mã tỉnh (2 chữ số) hoặc mã xã/phường (5 chữ số)"})
    school_level = fields.String(validate=validate.OneOf([lv.value for lv in SchoolLevel]),
                                 metadata={"description": "Chỉ tổng hợp các trường của một cấp học"})


def figures_field():
    return fields.String(load_default="submitted", validate=validate.OneOf(FIGURES), metadata={
        "description": "Cách đọc số liệu: submitted (mặc định) — tất cả số liệu các trường đã nộp; confirmed — chỉ "
                       "số liệu đã được xã/phường xác nhận hoặc Sở đã tiếp nhận (tổng hợp, tiến độ nộp, tiến độ "
                       "chỉ tiêu và tệp xuất chỉ tính các trường đó)"})


class FiguresQuery(Schema):
    figures = figures_field()


class SchoolsQuerySchema(RollupQuerySchema, PageQuery):
    page_size = Integer(load_default=50, validate=validate.Range(min=1, max=500))


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
    opens_at = DateTime()
    due_at = DateTime()
    closes_at = DateTime()
    reopened = fields.Boolean()
    catalogue_version = Integer(allow_none=True, metadata={
        "description": "Phiên bản danh mục chỉ tiêu của đợt (null: phiên bản mới nhất của tỉnh/thành phố)"})


class IndicatorRollupSchema(Schema):
    indicator_code = fields.String()
    value_type = fields.String(allow_none=True, metadata={"enum": [v.value for v in ValueType]})
    aggregation = fields.String(allow_none=True, metadata={
        "enum": [a.value for a in Aggregation],
        "description": "ratio = Σtử số/Σmẫu số; sum = tổng; distribution = số trường theo mức; "
                       "share = tỷ lệ trường đạt"})
    schools_reporting = Integer(metadata={"description": "Số trường đã báo cáo chỉ tiêu này"})
    value = fields.Float(allow_none=True, metadata={
        "description": "Số liệu chính: tỷ lệ 0..1 (ratio, share), tổng (sum), mức thấp nhất (distribution); "
                       "null khi chưa tính được"})
    numerator = fields.Float(allow_none=True)
    denominator = fields.Float(allow_none=True)
    distribution = fields.Dict(keys=fields.String(), values=Integer(), allow_none=True)
    minimum = Integer(allow_none=True)
    maximum = fields.Float(allow_none=True)
    schools_nonzero = Integer(allow_none=True,
                                     metadata={"description": "Chỉ tiêu đếm: số trường có giá trị từ 1 trở lên"})


class RollupReportSchema(Schema):
    round_id = fields.String()
    round = fields.Nested(RoundSchema, allow_none=True,
                          metadata={"description": "Đợt báo cáo; null khi dịch vụ chưa nhận được sự kiện mở đợt"})
    scope = fields.Nested(ScopeSchema)
    school_level = fields.String(metadata={"description": "Cấp học được tổng hợp, hoặc all"})
    schools_reporting = Integer(metadata={"description": "Số trường có số liệu được tính trong phạm vi (đã nộp, hoặc "
                                                         "chỉ các trường đã được xác nhận khi figures=confirmed)"})
    figures = fields.String(metadata={"description": "Cách đọc số liệu của báo cáo này: submitted (tất cả số liệu đã "
                                                     "nộp) hoặc confirmed (chỉ số liệu đã xác nhận)",
                                      "enum": list(FIGURES)})
    indicators = fields.List(fields.Nested(IndicatorRollupSchema))
    computed_at = DateTime()


class PlanCheckSchema(Schema):
    indicator_code = fields.String()
    comparator = fields.String()
    target = fields.Float()
    actual = fields.Float(allow_none=True)
    met = fields.Boolean(allow_none=True)
    gap = fields.Float(allow_none=True)
    horizon = fields.Raw(allow_none=True)
    source = fields.String(allow_none=True)
    text = fields.String(allow_none=True)
    unit = fields.String(allow_none=True)


STAGE_DESCRIPTION = ("Giai đoạn báo cáo của trường: not_started (chưa nộp số liệu), draft (đã nộp số liệu, chưa đánh "
                     "dấu hoàn thành), submitted (trường đã đánh dấu hoàn thành, chờ xác nhận), confirmed (xã/phường "
                     "đã xác nhận), returned (bị trả lại), accepted (Sở đã tiếp nhận)")


class SchoolValuesSchema(Schema):
    school_code = fields.String()
    stage = fields.String(metadata={"description": STAGE_DESCRIPTION, "enum": list(SCHOOL_STAGES)})
    school_name = fields.String()
    school_level = fields.String()
    commune_code = fields.String()
    province_code = fields.String()
    submission_id = fields.String()
    revision = Integer(metadata={"description": "Lần điều chỉnh của số liệu đang hiển thị"})
    submitted_at = DateTime(metadata={"description": "Thời điểm nộp lần điều chỉnh đang hiển thị"})
    first_submitted_at = DateTime(allow_none=True, metadata={"description": "Thời điểm nộp lần đầu"})
    late = fields.Boolean(metadata={"description": "Nộp lần đầu sau hạn (nộp muộn); điều chỉnh sau hạn không tính"})
    values = fields.List(fields.Dict(), metadata={"description": "Giá trị chỉ tiêu (IndicatorValue) mới nhất"})
    submitted = fields.Boolean(metadata={"description": "Đã nộp số liệu trong đợt"})
    expected = fields.Boolean(metadata={"description": "Thuộc diện phải báo cáo trong đợt"})
    plan_status = fields.String(metadata={"description": "approved, submitted, returned hoặc none"})
    plan_checks = fields.List(fields.Nested(PlanCheckSchema),
                              metadata={"description": "So sánh với chỉ tiêu trong kế hoạch đã duyệt"})


class SchoolValuesPageSchema(Page):
    round_id = fields.String()
    scope = fields.Nested(ScopeSchema)
    items = fields.List(fields.Nested(SchoolValuesSchema))


class RoundQuerySchema(Schema):
    scope = RollupQuerySchema._declared_fields["scope"]
    code = RollupQuerySchema._declared_fields["code"]


class CompletenessSchema(Schema):
    expected = Integer(metadata={"description": "Số trường phải báo cáo (đang hoạt động, đúng cấp học của đợt)"})
    submitted = Integer(metadata={"description": "Số trường đã nộp (khi figures=confirmed: số trường có báo cáo đã "
                                                 "được xã/phường xác nhận hoặc Sở tiếp nhận)"})
    on_time = Integer(metadata={"description": "Số trường nộp đúng hạn"})
    late = Integer(metadata={"description": "Số trường nộp muộn"})
    missing = Integer(metadata={"description": "Số trường chưa nộp"})
    rate = fields.Float(allow_none=True, metadata={"description": "Tỷ lệ trường phải báo cáo đã nộp (0..1)"})
    stages = fields.Nested("StageCountsSchema", metadata={
        "description": "Số trường theo giai đoạn duyệt báo cáo (mỗi trường phải báo cáo hoặc đã nộp được đếm một lần, "
                       "theo hành động duyệt mới nhất); như nhau ở cả hai cách đọc số liệu"})


class StageCountsSchema(Schema):
    not_started = Integer(metadata={"description": "Chưa nộp số liệu (giai đoạn đang nhập, chưa có số liệu nào)"})
    draft = Integer(metadata={"description": "Đã nộp số liệu nhưng chưa đánh dấu hoàn thành (kể cả đã được mở lại)"})
    submitted = Integer(metadata={"description": "Đã nộp: trường đã đánh dấu hoàn thành, chờ xác nhận"})
    confirmed = Integer(metadata={"description": "Xã/phường đã xác nhận, chờ Sở tiếp nhận"})
    returned = Integer(metadata={"description": "Bị trả lại để trường sửa"})
    accepted = Integer(metadata={"description": "Sở đã tiếp nhận"})


class SchoolRefSchema(Schema):
    school_code = fields.String()
    school_name = fields.String()
    school_level = fields.String()
    commune_code = fields.String()
    stage = fields.String(metadata={"description": STAGE_DESCRIPTION, "enum": list(SCHOOL_STAGES)})


class CommuneCompletenessSchema(CompletenessSchema):
    commune_code = fields.String()
    commune_name = fields.String()


class CompletenessReportSchema(Schema):
    round_id = fields.String()
    round = fields.Nested(RoundSchema, allow_none=True)
    scope = fields.Nested(ScopeSchema)
    completeness = fields.Nested(CompletenessSchema)
    figures = fields.String(metadata={"description": "Cách đọc số liệu của báo cáo này: submitted (tất cả số liệu đã "
                                                     "nộp) hoặc confirmed (chỉ số liệu đã xác nhận)",
                                      "enum": list(FIGURES)})
    communes = fields.List(fields.Nested(CommuneCompletenessSchema),
                           metadata={"description": "Từng xã/phường (khi xem cả tỉnh/thành phố)"})
    missing_schools = fields.List(fields.Nested(SchoolRefSchema), metadata={
        "description": "Các trường chưa nộp (khi figures=confirmed: các trường phải báo cáo chưa được xác nhận)"})


class TargetCheckSchema(Schema):
    indicator_code = fields.String()
    comparator = fields.String()
    target = fields.Float()
    actual = fields.Float(allow_none=True, metadata={"description": "Số liệu thực tế, cùng đơn vị với chỉ tiêu "
                                                                    "(phần trăm với tỷ lệ)"})
    met = fields.Boolean(allow_none=True, metadata={"description": "Đạt chỉ tiêu; null khi chưa có số liệu"})
    gap = fields.Float(allow_none=True, metadata={"description": "Còn thiếu bao nhiêu so với chỉ tiêu (0 khi đạt)"})
    horizon = fields.Raw(allow_none=True, metadata={"description": "Thời hạn (năm hoặc ngày)"})
    source = fields.String(allow_none=True)
    text = fields.String(allow_none=True)
    unit = fields.String(allow_none=True)
    school_code = fields.String()
    school_name = fields.String()
    school_level = fields.String()
    commune_code = fields.String()
    commune_name = fields.String()


class TargetsReportSchema(Schema):
    round_id = fields.String()
    scope = fields.Nested(ScopeSchema)
    targets = fields.List(fields.Nested(TargetCheckSchema),
                          metadata={"description": "Địa bàn so với chỉ tiêu của tỉnh/thành phố và toàn quốc"})
    at_risk_schools = fields.List(fields.Nested(TargetCheckSchema),
                                  metadata={"description": "Trường chưa đạt chỉ tiêu trong kế hoạch đã duyệt"})
    at_risk_communes = fields.List(fields.Nested(TargetCheckSchema),
                                   metadata={"description": "Xã/phường chưa đạt chỉ tiêu của tỉnh/thành phố"})


class PlanCountsSchema(Schema):
    approved = Integer(metadata={"description": "Đã phê duyệt"})
    submitted = Integer(metadata={"description": "Đã nộp, chờ duyệt"})
    returned = Integer(metadata={"description": "Bị trả lại"})
    none = Integer(metadata={"description": "Chưa nộp kế hoạch"})


class CommunePlansSchema(PlanCountsSchema):
    commune_code = fields.String()
    commune_name = fields.String()


class PlanSchoolSchema(SchoolRefSchema):
    plan_status = fields.String()


class PlansReportSchema(Schema):
    scope = fields.Nested(ScopeSchema)
    counts = fields.Nested(PlanCountsSchema)
    communes = fields.List(fields.Nested(CommunePlansSchema))
    schools_without_approved_plan = fields.List(fields.Nested(PlanSchoolSchema))


INDICATOR_CODE = validate.Regexp(r"^[A-Z][A-Z0-9_]{0,63}$", error="Mã chỉ tiêu không hợp lệ (ví dụ DROPOUT).")


class SeriesPointSchema(Schema):
    round_id = fields.String()
    round_name = fields.String()
    school_year = fields.String()
    opens_at = DateTime()
    due_at = DateTime()
    value = fields.Float(allow_none=True)
    numerator = fields.Float(allow_none=True)
    denominator = fields.Float(allow_none=True)
    schools_reporting = Integer()


class SeriesSchema(Schema):
    indicator_code = fields.String()
    scope = fields.Nested(ScopeSchema)
    school_level = fields.String()
    points = fields.List(fields.Nested(SeriesPointSchema))


class RankingQuerySchema(Schema):
    indicator = fields.String(required=True, validate=INDICATOR_CODE,
                              metadata={"description": "Mã chỉ tiêu, ví dụ DROPOUT"})
    code = fields.String(validate=validate.Regexp(r"^[0-9]{2}$"), metadata={"description": "Mã tỉnh/thành phố"})


class RankedCommuneSchema(Schema):
    rank = Integer(allow_none=True)
    commune_code = fields.String()
    commune_name = fields.String()
    value = fields.Float(allow_none=True, metadata={"description": "Cùng đơn vị với chỉ tiêu (phần trăm với tỷ lệ)"})
    schools_submitted = Integer()
    schools_expected = Integer()


class RankingSchema(Schema):
    round_id = fields.String()
    scope = fields.Nested(ScopeSchema)
    indicator_code = fields.String()
    direction = fields.String(metadata={"description": "higher: cao hơn là tốt hơn; lower: thấp hơn là tốt hơn"})
    communes = fields.List(fields.Nested(RankedCommuneSchema))


# -- progress against targets, with a trajectory ----------------------------------------------------
STATUS_DESCRIPTION = ("reached = đã đạt; on_track = đúng lộ trình; at_risk = có nguy cơ; behind = chậm; "
                      "not_yet = chưa đạt (chưa có mức cơ sở để đánh giá lộ trình); no_data = chưa có số liệu")


class BaselineRoundSchema(Schema):
    round_id = fields.String()
    name = fields.String()
    due_at = fields.String(metadata={"description": "Ngày hạn nộp của đợt, ISO 8601 (YYYY-MM-DD)"})


class JudgedTargetSchema(Schema):
    kind = fields.String(metadata={"description": "school (kế hoạch của trường), commune, province (thành phố), "
                                                  "nation (quốc gia)"})
    kind_label = fields.String(metadata={"description": "Tên loại mục tiêu, tiếng Việt"})
    description = fields.String(metadata={"description": "Mục tiêu, ví dụ “≥ 80 % số trường đạt ≥ 1”"})
    source = fields.String(allow_none=True)
    school_levels = fields.List(fields.String())
    unit = fields.String()
    status = fields.String(metadata={"description": STATUS_DESCRIPTION})
    status_label = fields.String()
    actual = fields.Float(allow_none=True, metadata={"description": "Số liệu thực tế, cùng đơn vị với mục tiêu"})
    target = fields.Float()
    comparator = fields.String()
    horizon = Integer(allow_none=True, metadata={"description": "Năm thời hạn (đến hết 31/12 năm đó)"})
    gap = fields.Float(allow_none=True, metadata={"description": "Còn thiếu so với mục tiêu (0 khi đạt)"})
    expected = fields.Float(allow_none=True, metadata={"description": "Mức cần đạt tại ngày của đợt theo lộ trình"})
    behind_by = fields.Float(allow_none=True, metadata={"description": "Kém mức cần đạt theo lộ trình bao nhiêu"})
    behind_share = fields.Float(metadata={"description": "Mức chậm so với cả quãng đường từ mức cơ sở đến mục tiêu"})
    baseline_value = fields.Float(allow_none=True)
    baseline_at = fields.String(allow_none=True, metadata={"description": "Ngày của mức cơ sở, YYYY-MM-DD"})
    baseline_label = fields.String(allow_none=True)
    reason = fields.String(metadata={"description": "Lý do đánh giá, tiếng Việt"})
    note = fields.String(metadata={"description": "Cách đánh giá (lộ trình tuyến tính từ mức cơ sở …)"})
    text = fields.String(allow_none=True, metadata={"description": "Mục tiêu như viết trong kế hoạch"})


class ProgressRowSchema(Schema):
    indicator_code = fields.String()
    indicator_name = fields.String()
    short_label = fields.String()
    unit = fields.String()
    direction = fields.String()
    actual = fields.Float(allow_none=True)
    school_target = fields.Nested(JudgedTargetSchema, allow_none=True)
    commune_target = fields.Nested(JudgedTargetSchema, allow_none=True)
    city_target = fields.Nested(JudgedTargetSchema, allow_none=True)
    national_target = fields.Nested(JudgedTargetSchema, allow_none=True)
    targets = fields.List(fields.Nested(JudgedTargetSchema))
    status = fields.String(metadata={"description": "Theo mục tiêu ràng buộc: kế hoạch của trường, rồi thành phố, "
                                                    "rồi quốc gia. " + STATUS_DESCRIPTION})
    status_label = fields.String()
    gap = fields.Float(allow_none=True)
    expected = fields.Float(allow_none=True)
    behind_by = fields.Float(allow_none=True)
    behind_share = fields.Float()
    reason = fields.String()
    note = fields.String()


class AtRiskEntrySchema(Schema):
    school_code = fields.String()
    school_name = fields.String()
    school_level = fields.String()
    commune_code = fields.String()
    commune_name = fields.String()
    indicator_code = fields.String()
    indicator_name = fields.String()
    short_label = fields.String()
    unit = fields.String()
    actual = fields.Float(allow_none=True)
    status = fields.String(metadata={"description": "at_risk (có nguy cơ) hoặc behind (chậm)"})
    status_label = fields.String()
    gap = fields.Float(allow_none=True)
    expected = fields.Float(allow_none=True)
    behind_by = fields.Float(allow_none=True)
    behind_share = fields.Float()
    reason = fields.String()
    note = fields.String()
    target_kind = fields.String()
    target_label = fields.String()
    target_description = fields.String()
    horizon = Integer(allow_none=True)
    comparator = fields.String()
    target = fields.Float()


class ProgressReportSchema(Schema):
    round_id = fields.String()
    round_name = fields.String(allow_none=True)
    scope = fields.Nested(ScopeSchema)
    as_of = fields.String(allow_none=True, metadata={"description": "Ngày đánh giá (hạn nộp của đợt), YYYY-MM-DD"})
    baseline_round = fields.Nested(BaselineRoundSchema, allow_none=True,
                                   metadata={"description": "Đợt làm mức cơ sở khi danh mục không có mức cơ sở"})
    method = fields.String(metadata={"description": "Cách đánh giá theo lộ trình, tiếng Việt"})
    figures = fields.String(metadata={"description": "Cách đọc số liệu của báo cáo này: submitted (tất cả số liệu đã "
                                                     "nộp) hoặc confirmed (chỉ số liệu đã xác nhận)",
                                      "enum": list(FIGURES)})
    indicators = fields.List(fields.Nested(ProgressRowSchema))
    at_risk_schools = fields.List(fields.Nested(AtRiskEntrySchema),
                                  metadata={"description": "Trường có nguy cơ hoặc chậm, chậm nhất trước"})
    at_risk_schools_total = Integer(metadata={"description": "Số mục có nguy cơ hoặc chậm (mỗi mục: một trường, một "
                                                             "chỉ tiêu), kể cả những mục không liệt kê"})
    at_risk_schools_count = Integer(metadata={"description": "Số trường có ít nhất một chỉ tiêu có nguy cơ hoặc chậm"})
    at_risk_communes = fields.List(fields.Nested(AtRiskEntrySchema),
                                   metadata={"description": "Xã/phường có nguy cơ hoặc chậm, chậm nhất trước"})


class SchoolProgressSchema(Schema):
    round_id = fields.String()
    round_name = fields.String(allow_none=True)
    school_code = fields.String()
    school_name = fields.String(allow_none=True)
    school_level = fields.String(allow_none=True)
    commune_code = fields.String(allow_none=True)
    plan_status = fields.String()
    submitted = fields.Boolean()
    as_of = fields.String(allow_none=True)
    baseline_round = fields.Nested(BaselineRoundSchema, allow_none=True)
    method = fields.String()
    indicators = fields.List(fields.Nested(ProgressRowSchema))


class CascadeRowSchema(Schema):
    indicator_code = fields.String()
    indicator_name = fields.String()
    short_label = fields.String()
    target_kind = fields.String(metadata={"description": "province (thành phố) hoặc nation (quốc gia, khi thành "
                                                         "phố không đặt)"})
    target_label = fields.String()
    target_description = fields.String()
    comparator = fields.String()
    target = fields.Float()
    horizon = Integer(allow_none=True)
    source = fields.String(allow_none=True)
    school_levels = fields.List(fields.String())
    schools_applicable = Integer(metadata={"description": "Số trường thuộc diện (cấp học của mục tiêu)"})
    schools_committing = Integer(metadata={"description": "Số trường có kế hoạch đã duyệt cam kết chỉ tiêu này"})
    committed_figure = fields.Float(allow_none=True, metadata={
        "description": "Các cam kết cộng lại: tỷ lệ bình quân có trọng số theo mẫu số, tỷ lệ số trường, "
                       "mức thấp nhất hoặc tổng"})
    unit = fields.String()
    adds_up = fields.Boolean(allow_none=True, metadata={"description": "Các cam kết cộng lại đạt mục tiêu"})
    verdict = fields.String()
    note = fields.String()


class CascadeReportSchema(Schema):
    round_id = fields.String()
    round_name = fields.String(allow_none=True)
    scope = fields.Nested(ScopeSchema)
    targets = fields.List(fields.Nested(CascadeRowSchema))


class DashboardSchema(Schema):
    """Everything a live dashboard of an area shows, in one answer (the portal renders it)."""
    round_id = fields.String()
    scope = fields.Nested(ScopeSchema)
    version = fields.String(allow_none=True, metadata={
        "description": "Phiên bản số liệu của địa bàn, trùng với version của sự kiện DashboardUpdated; chỉ so sánh "
                       "bằng nhau (null khi xem như tại một thời điểm đã qua)"})
    figures = fields.String(metadata={"description": "Cách đọc số liệu: submitted (tất cả số liệu đã nộp) hoặc "
                                                     "confirmed (chỉ số liệu đã xác nhận)", "enum": list(FIGURES)})
    rollup = fields.Nested(RollupReportSchema)
    completeness = fields.Nested(CompletenessReportSchema)
    progress = fields.Nested(ProgressReportSchema)
    cascade = fields.Nested(CascadeReportSchema, allow_none=True, metadata={
        "description": "Cam kết của các trường so với chỉ tiêu (null khi xem như tại một thời điểm đã qua)"})
    plans = fields.Nested(PlansReportSchema, allow_none=True, metadata={
        "description": "Tình hình kế hoạch của địa bàn (null khi xem như tại một thời điểm đã qua, hoặc toàn quốc)"})
    schools = fields.List(fields.Nested(SchoolValuesSchema), allow_none=True, metadata={
        "description": "Các trường có số liệu được tính, khi xem một xã/phường hoặc một cấp học (null khi không cần)"})

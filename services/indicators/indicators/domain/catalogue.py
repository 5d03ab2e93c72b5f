"""The indicator catalogue (danh mục chỉ tiêu), version 1: what schools report and how it rolls up.

The starting catalogue of ``DOMAIN.md`` as data. Ratios are always reported as
numerator and denominator (45 of 47 teachers), never as a percentage, because
a province's rate is Σnumerators/Σdenominators, not the mean of school rates.
A value is stored with the catalogue version it was reported against, so a
later version may change an indicator without rewriting history.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from types import MappingProxyType
from typing import Iterator, Mapping

from edu71.orgs import SchoolLevel

CATALOGUE_VERSION = 1


class ValueType(StrEnum):
    RATIO = "ratio"      # numerator + denominator
    COUNT = "count"      # value: a non-negative whole number
    LEVEL = "level"      # level: a whole number within the indicator's range
    BOOLEAN = "boolean"  # flag: đạt / không đạt

    @property
    def label(self) -> str:
        return VALUE_TYPE_LABELS[self]


VALUE_TYPE_LABELS = {
    ValueType.RATIO: "tỷ lệ (tử số/mẫu số)",
    ValueType.COUNT: "số lượng",
    ValueType.LEVEL: "mức độ",
    ValueType.BOOLEAN: "đạt/không đạt",
}

#: The keys that carry the value of each type, as in the contracts' ``IndicatorValue``.
VALUE_FIELDS: Mapping[ValueType, tuple[str, ...]] = MappingProxyType({
    ValueType.RATIO: ("numerator", "denominator"),
    ValueType.COUNT: ("value",),
    ValueType.LEVEL: ("level",),
    ValueType.BOOLEAN: ("flag",),
})


class Direction(StrEnum):
    HIGHER = "higher"  # cao hơn là tốt hơn
    LOWER = "lower"    # thấp hơn là tốt hơn (drop-outs, violence)


class Aggregation(StrEnum):
    """How the reports service rolls school values up to a commune, a province or the nation."""

    RATIO_OF_SUMS = "ratio_of_sums"                  # Σnumerators / Σdenominators
    SUM = "sum"                                      # Σvalues
    SUM_AND_SHARE_AT_LEAST_ONE = "sum_and_share_at_least_one"  # Σvalues; share of schools with ≥ 1
    MAX_AND_SHARE_OVER_LIMIT = "max_and_share_over_limit"      # max; share of schools over the level's limit
    DISTRIBUTION = "distribution"                    # how many schools at each level
    DISTRIBUTION_AND_MIN = "distribution_and_min"    # distribution; the lowest level reached


ALL_LEVELS = frozenset(SchoolLevel)
#: Levels that teach pupils in grades (not preschool).
GRADED = frozenset({SchoolLevel.TIEU_HOC, SchoolLevel.THCS, SchoolLevel.THPT, SchoolLevel.LIEN_CAP})


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    unit: str
    value_type: ValueType
    levels: frozenset[SchoolLevel]
    direction: Direction
    aggregation: Aggregation
    #: Inclusive range of a LEVEL indicator.
    level_min: int | None = None
    level_max: int | None = None
    #: What the numerator and denominator of a RATIO count, for forms and messages.
    numerator_label: str | None = None
    denominator_label: str | None = None
    #: Largest value allowed at a school level (e.g. pupils per class in THCS); none where absent.
    limit_by_level: Mapping[SchoolLevel, int] = field(default_factory=lambda: MappingProxyType({}))

    def applies_to(self, level: SchoolLevel | str) -> bool:
        return SchoolLevel(level) in self.levels

    def limit_for(self, level: SchoolLevel | str | None) -> int | None:
        if level is None:
            return None
        return self.limit_by_level.get(SchoolLevel(level))

    @property
    def value_fields(self) -> tuple[str, ...]:
        return VALUE_FIELDS[self.value_type]


@dataclass(frozen=True)
class Catalogue:
    version: int
    indicators: tuple[Indicator, ...]

    def __post_init__(self):
        codes = [i.code for i in self.indicators]
        if len(codes) != len(set(codes)):
            raise ValueError("duplicate indicator codes in the catalogue")

    def __iter__(self) -> Iterator[Indicator]:
        return iter(self.indicators)

    def __len__(self) -> int:
        return len(self.indicators)

    def __contains__(self, code: object) -> bool:
        return self.get(code) is not None  # type: ignore[arg-type]

    def get(self, code: str) -> Indicator | None:
        return self._by_code.get(code) if isinstance(code, str) else None

    @cached_property
    def _by_code(self) -> dict[str, Indicator]:
        return {i.code: i for i in self.indicators}

    @cached_property
    def codes(self) -> tuple[str, ...]:
        return tuple(i.code for i in self.indicators)

    def for_level(self, level: SchoolLevel | str) -> tuple[Indicator, ...]:
        return tuple(i for i in self.indicators if i.applies_to(level))

    def order(self, code: str) -> int:
        """Position of ``code`` in the catalogue, so stored values keep one stable order."""
        try:
            return self.codes.index(code)
        except ValueError:
            return len(self.indicators)


def _ratio(code: str, name: str, levels: frozenset[SchoolLevel], numerator: str, denominator: str,
           direction: Direction = Direction.HIGHER) -> Indicator:
    return Indicator(code, name, "%", ValueType.RATIO, levels, direction, Aggregation.RATIO_OF_SUMS,
                     numerator_label=numerator, denominator_label=denominator)


def _level(code: str, name: str, unit: str, levels: frozenset[SchoolLevel], low: int, high: int,
           aggregation: Aggregation = Aggregation.DISTRIBUTION) -> Indicator:
    return Indicator(code, name, unit, ValueType.LEVEL, levels, Direction.HIGHER, aggregation,
                     level_min=low, level_max=high)


_L = SchoolLevel

CATALOGUE = Catalogue(
    version=CATALOGUE_VERSION,
    indicators=(
        _ratio("STAFF_BRIEFED", "Tỷ lệ cán bộ, giáo viên, nhân viên được quán triệt Nghị quyết 71-NQ/TW",
               ALL_LEVELS, "Số cán bộ, giáo viên, nhân viên được quán triệt",
               "Tổng số cán bộ, giáo viên, nhân viên"),
        _ratio("STAFF_DIGITAL_TRAINED", "Tỷ lệ cán bộ quản lý, giáo viên được bồi dưỡng kỹ năng chuyển đổi số",
               ALL_LEVELS, "Số cán bộ quản lý, giáo viên được bồi dưỡng", "Tổng số cán bộ quản lý, giáo viên"),
        _ratio("STAFF_USING_AI",
               "Tỷ lệ cán bộ quản lý, giáo viên ứng dụng trí tuệ nhân tạo (AI) trong quản lý, giảng dạy, đánh giá",
               ALL_LEVELS, "Số cán bộ quản lý, giáo viên ứng dụng AI", "Tổng số cán bộ quản lý, giáo viên"),
        _ratio("TEACHERS_QUALIFIED", "Tỷ lệ giáo viên đạt chuẩn trình độ đào tạo",
               ALL_LEVELS, "Số giáo viên đạt chuẩn", "Tổng số giáo viên"),
        Indicator("SMART_CLASSROOMS", "Số phòng học thông minh", "phòng", ValueType.COUNT, ALL_LEVELS,
                  Direction.HIGHER, Aggregation.SUM_AND_SHARE_AT_LEAST_ONE),
        Indicator("CLASSES", "Số lớp", "lớp", ValueType.COUNT, ALL_LEVELS, Direction.HIGHER, Aggregation.SUM),
        # The limit is the one the brief fixes for now (THCS, 45 pupils); other levels
        # have their own regulatory limits, to be added with their rule.
        Indicator("MAX_CLASS_SIZE", "Sĩ số lớp đông nhất", "học sinh", ValueType.COUNT, ALL_LEVELS,
                  Direction.LOWER, Aggregation.MAX_AND_SHARE_OVER_LIMIT,
                  limit_by_level=MappingProxyType({_L.THCS: 45})),
        _ratio("ENROLMENT_AGE_GROUP", "Tỷ lệ huy động trẻ em, học sinh trong độ tuổi đến trường",
               frozenset({_L.MAM_NON, _L.TIEU_HOC, _L.THCS, _L.LIEN_CAP}),
               "Số trẻ em, học sinh trong độ tuổi đang đi học", "Tổng số trẻ em, học sinh trong độ tuổi"),
        _ratio("DROPOUT", "Tỷ lệ học sinh bỏ học", GRADED, "Số học sinh bỏ học", "Tổng số học sinh đầu năm học",
               Direction.LOWER),
        _ratio("REPETITION", "Tỷ lệ học sinh lưu ban", GRADED, "Số học sinh lưu ban", "Tổng số học sinh",
               Direction.LOWER),
        _ratio("PROGRAMME_COMPLETED", "Tỷ lệ trẻ em, học sinh hoàn thành chương trình cấp học",
               ALL_LEVELS, "Số trẻ em, học sinh hoàn thành chương trình", "Số trẻ em, học sinh cuối cấp"),
        _ratio("PROGRESSION_THPT_VOC",
               "Tỷ lệ học sinh tốt nghiệp THCS tiếp tục học THPT hoặc giáo dục nghề nghiệp",
               frozenset({_L.THCS, _L.LIEN_CAP}), "Số học sinh vào THPT hoặc học nghề",
               "Số học sinh tốt nghiệp THCS"),
        _ratio("TRAINING_EFFICIENCY", "Hiệu suất đào tạo", GRADED,
               "Số học sinh hoàn thành cấp học đúng thời gian", "Số học sinh tuyển vào đầu khóa"),
        _level("PCGD_LEVEL", "Mức độ đạt chuẩn phổ cập giáo dục", "mức",
               frozenset({_L.TIEU_HOC, _L.THCS, _L.LIEN_CAP}), 1, 3, Aggregation.DISTRIBUTION_AND_MIN),
        _level("NATIONAL_STANDARD_LEVEL", "Mức độ đạt chuẩn quốc gia của nhà trường", "mức", ALL_LEVELS, 0, 2),
        _level("ACCREDITATION_LEVEL", "Cấp độ kiểm định chất lượng giáo dục", "cấp độ", ALL_LEVELS, 1, 4),
        _ratio("RECORDS_DIGITAL", "Tỷ lệ hồ sơ, sổ sách được số hóa", ALL_LEVELS,
               "Số loại hồ sơ, sổ sách đã số hóa", "Tổng số loại hồ sơ, sổ sách"),
        _ratio("ADMIN_PROCEDURES_ONLINE", "Tỷ lệ thủ tục hành chính được thực hiện trực tuyến", ALL_LEVELS,
               "Số thủ tục hành chính thực hiện trực tuyến", "Tổng số thủ tục hành chính"),
        _ratio("TWO_SESSIONS_PER_DAY", "Tỷ lệ lớp học 2 buổi/ngày", GRADED, "Số lớp học 2 buổi/ngày",
               "Tổng số lớp"),
        Indicator("SCHOOL_VIOLENCE_CASES", "Số vụ bạo lực học đường", "vụ", ValueType.COUNT, ALL_LEVELS,
                  Direction.LOWER, Aggregation.SUM),
    ),
)

"""Judging an actual figure against a target *and its horizon* (pure, no I/O).

A target set for 2030 is not missed in 2026: the figure is compared with where a
straight line from the **baseline** (its date and value) to the **target** (31/12
of the horizon year and the target value) stands at the round's date.

The rule, for an actual ``a``, a target ``T`` with horizon ``H``, a baseline ``b``
at date ``d0`` and the round's date ``d`` (all values in the target's unit;
"better" means higher for ≥/>, lower for ≤/<, and ``=`` reads as a floor for
higher-is-better indicators and a ceiling for lower-is-better ones):

1. no actual → ``no_data`` (*chưa có số liệu*);
2. ``a`` meets ``T`` → ``reached`` (*đã đạt*), whatever the date;
3. the round's date is after 31/12/H and ``a`` does not meet ``T`` → ``behind`` (*chậm*);
4. no baseline dated before ``d`` → ``not_yet`` (*chưa đạt*): without a starting point
   no trajectory can be drawn, so only "reached or not yet" is said, with that reason;
5. otherwise the expected value is ``e = b + (T − b) · min(1, (d − d0) / (31/12/H − d0))``;
   (when the baseline itself already met the target, ``e = T``: the figure has only to stay there);
   ``behind_by`` = how far ``a`` is on the worse side of ``e`` (0 when at or beyond it):
   ``behind_by = 0`` → ``on_track`` (*đúng lộ trình*);
   ``behind_by ≤ tolerance`` → ``at_risk`` (*có nguy cơ*);
   else → ``behind`` (*chậm*),
   (for a level indicator, whose figures are whole steps, ``e`` is the level due by then: :func:`due_level`),
   where ``tolerance = max(10 % of |T − b|, 1 % of |T|)`` (:data:`TOLERANCE_OF_PATH`,
   :data:`TOLERANCE_OF_TARGET`).

The baseline comes, in this order, from the catalogue (a figure of the province with its
year, taken as at 31/12 of that year) or from the earliest earlier reporting round of
the same area (its actual, at that round's due date). ``behind_share`` (``behind_by``
over ``|T − b|``, or the shortfall over ``|T|`` without a baseline) ranks misses of
different units in one list.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, fields
from datetime import date, datetime

from edu71.vn import vn_number
from reports.domain.targets import effective_comparator, meets, shortfall

TOLERANCE_OF_PATH = 0.10
SYMBOLS = {">=": "≥", ">": ">", "<=": "≤", "<": "<"}
TOLERANCE_OF_TARGET = 0.01

REACHED, ON_TRACK, AT_RISK, BEHIND, NOT_YET, NO_DATA = "reached", "on_track", "at_risk", "behind", "not_yet", "no_data"
STATUS_LABELS = {REACHED: "Đã đạt", ON_TRACK: "Đúng lộ trình", AT_RISK: "Có nguy cơ", BEHIND: "Chậm",
                 NOT_YET: "Chưa đạt", NO_DATA: "Chưa có số liệu"}
#: Worst first, for sorting lists of statuses.
SEVERITY = {BEHIND: 0, AT_RISK: 1, NOT_YET: 2, ON_TRACK: 3, REACHED: 4, NO_DATA: 5}
METHOD_NOTE = ("Đánh giá theo lộ trình tuyến tính từ mức cơ sở đến mục tiêu tại thời hạn: tại ngày của đợt báo cáo, "
               "số liệu phải đạt mức tương ứng trên đường thẳng nối mức cơ sở với mục tiêu. Đúng lộ trình: đạt hoặc "
               "vượt mức đó; có nguy cơ: kém mức đó không quá 10 % quãng đường từ mức cơ sở đến mục tiêu; chậm: kém "
               "hơn nữa, hoặc đã quá thời hạn mà chưa đạt. Mức cơ sở lấy từ danh mục chỉ tiêu, nếu không có thì từ "
               "đợt báo cáo sớm nhất trước đó.")


@dataclass(frozen=True)
class Baseline:
    value: float
    at: date
    #: Where it comes from, in words: "năm 2025 (danh mục chỉ tiêu)", "đợt Tổng kết năm học 2025–2026".
    label: str


@dataclass(frozen=True)
class Judgement:
    status: str
    status_label: str
    actual: float | None
    target: float
    comparator: str
    horizon: int | None
    gap: float | None          # to the target itself, in its unit (0 when met)
    expected: float | None     # where the straight line stands at the round's date
    behind_by: float | None    # how far the actual is on the worse side of ``expected`` (0 when not)
    behind_share: float        # for ranking: behind_by / |T − b| (or gap / |T| without a trajectory)
    baseline_value: float | None
    baseline_at: date | None
    baseline_label: str | None
    reason: str
    note: str

    def as_dict(self) -> dict:
        # Every field is a plain value: a shallow copy is what asdict() gives, without its recursive deep copy
        # (a third of the time of computing a province's views).
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data["baseline_at"] = self.baseline_at.isoformat() if self.baseline_at else None
        return data


def to_date(value) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value)
    if len(text) == 4 and text.isdigit():
        return date(int(text), 12, 31)
    return date.fromisoformat(text[:10])


def horizon_year(value) -> int | None:
    """A target's horizon as a year: 2030, "2030" or "2030-12-31" all give 2030."""
    d = to_date(value)
    return d.year if d else None


def vn_date(d: date | None) -> str:
    return d.strftime("%d/%m/%Y") if d else ""


#: The unit of a level indicator (PCGD, national standard, accreditation): its figure reads "mức 3", not "3 mức"
#: (three levels).
LEVEL_UNIT = "mức"


#: A gap between two percentages is in percentage points ("kém 13 điểm phần trăm"), not in percent of anything.
PERCENT_POINTS = "điểm phần trăm"


def _is_level(unit: str) -> bool:
    return (unit or "").casefold() == LEVEL_UNIT


def _is_percent(unit: str) -> bool:
    return (unit or "").startswith("%")


def _number(value: float, unit: str, decimals: int | None = None) -> str:
    """A figure as a person writes it: a percentage to one decimal (two below 1, where one would read 0), a
    level whole, anything else to at most two decimals."""
    if decimals is None:
        decimals = 0 if _is_level(unit) else (1 if abs(value) >= 1 or value == 0 else 2) if _is_percent(unit) else 2
    return vn_number(value, decimals, trim=True)


def with_unit(value: float | None, unit: str, decimals: int | None = None) -> str:
    unit = unit or ""
    if _is_level(unit):
        return f"{unit} {vn_number(value, 2, trim=True)}"
    return f"{_number(value, unit, decimals)} {unit}".strip()


def difference(value: float, unit: str) -> str:
    """A gap in the target's unit: ``13 điểm phần trăm`` between percentages, ``1 mức`` between levels."""
    unit = unit or ""
    if _is_percent(unit):
        return f"{_number(value, unit)} {PERCENT_POINTS}"
    return f"{_number(value, unit)} {unit}".strip()


def _shown_actual(actual: float, unit: str, comparator: str, target: float, direction: str | None) -> str:
    """The actual to one decimal unless that would hide a miss (99,68 % against ≥ 99,7 % is not "99,7 %")."""
    if _is_percent(unit) and not meets(actual, comparator, target, direction) \
            and meets(round(actual, 1), comparator, target, direction):
        return with_unit(actual, unit, 2)
    return with_unit(actual, unit)


def due_level(expected: float, better_higher: bool) -> float:
    """The whole level due by now on a straight line between levels: the last step the line has passed (a
    school is not asked for level 2 while the line stands at 1,24); for a lower-is-better level, the step it
    has come down to."""
    return float(math.floor(expected + 1e-9) if better_higher else math.ceil(expected - 1e-9))


def judge(actual: float | None, comparator: str, target: float, horizon, at: date, *,
          direction: str | None = None, baseline: Baseline | None = None, unit: str = "") -> Judgement:
    """Status of ``actual`` against ``target`` due by the end of ``horizon``, at date ``at`` (see the module)."""
    year = horizon_year(horizon)
    end = date(year, 12, 31) if year else None
    cmp = effective_comparator(comparator, direction)
    better_higher = cmp in (">=", ">")
    shown_target = f"{SYMBOLS[cmp]} {with_unit(target, unit, 2)}"  # a target as it was set
    by = f" đến năm {year}" if year else ""
    base = dict(actual=actual, target=target, comparator=comparator, horizon=year,
                baseline_value=baseline.value if baseline else None, baseline_at=baseline.at if baseline else None,
                baseline_label=baseline.label if baseline else None)
    usable = baseline is not None and end is not None and baseline.at < at and baseline.at < end
    note = (f"Đánh giá theo lộ trình tuyến tính từ mức cơ sở {with_unit(baseline.value, unit)} ({baseline.label}) "
            f"đến mục tiêu {shown_target}{by}." if usable else
            "Chưa có mức cơ sở: chỉ đánh giá đã đạt hay chưa đạt mục tiêu.")
    if actual is None:
        return Judgement(NO_DATA, STATUS_LABELS[NO_DATA], gap=None, expected=None, behind_by=None, behind_share=0.0,
                         reason="Chưa có số liệu trong đợt báo cáo.", note=note, **base)
    gap = round(shortfall(actual, comparator, target, direction), 6)
    shown = _shown_actual(actual, unit, comparator, target, direction)
    if meets(actual, comparator, target, direction):
        return Judgement(REACHED, STATUS_LABELS[REACHED], gap=0.0, expected=None, behind_by=0.0, behind_share=0.0,
                         reason=f"Đã đạt mục tiêu {shown_target}{by}: số liệu {shown}.",
                         note=note, **base)
    relative_gap = gap / abs(target) if target else gap
    if end is not None and at > end:
        return Judgement(BEHIND, STATUS_LABELS[BEHIND], gap=gap, expected=target, behind_by=gap,
                         behind_share=relative_gap,
                         reason=f"Đã quá thời hạn {vn_date(end)} mà chưa đạt mục tiêu {shown_target}: "
                                f"số liệu {shown}, còn thiếu {difference(gap, unit)}.", note=note, **base)
    if not usable:
        return Judgement(NOT_YET, STATUS_LABELS[NOT_YET], gap=gap, expected=None, behind_by=None,
                         behind_share=relative_gap,
                         reason=f"Chưa đạt mục tiêu {shown_target}{by} (số liệu {shown}, còn thiếu "
                                f"{difference(gap, unit)}); chưa có mức cơ sở nên chưa đánh giá được theo lộ trình.",
                         note=note, **base)
    span = (end - baseline.at).days
    progress = min(1.0, (at - baseline.at).days / span)
    expected = baseline.value + (target - baseline.value) * progress
    if meets(baseline.value, comparator, target, direction):
        expected = target  # it met the target before: it has only to keep it
    if _is_level(unit):
        expected = due_level(expected, better_higher)  # a level is a whole step: the one due by now
    behind_by = max(0.0, (expected - actual) if better_higher else (actual - expected))
    path = abs(target - baseline.value)
    tolerance = max(TOLERANCE_OF_PATH * path, TOLERANCE_OF_TARGET * abs(target))
    share = behind_by / path if path else relative_gap
    expected_text = f"mức cần đạt tại {vn_date(at)} theo lộ trình là {with_unit(expected, unit)}"
    if behind_by <= 1e-9:
        status, reason = ON_TRACK, (f"Đúng lộ trình: số liệu {shown}, {expected_text}; "
                                    f"mục tiêu {shown_target}{by}.")
    elif behind_by <= tolerance + 1e-9:
        status, reason = AT_RISK, (f"Có nguy cơ: số liệu {shown} kém {difference(behind_by, unit)} so với "
                                   f"{expected_text}; mục tiêu {shown_target}{by}.")
    else:
        status, reason = BEHIND, (f"Chậm so với lộ trình: số liệu {shown} kém {difference(behind_by, unit)} so "
                                  f"với {expected_text}; mục tiêu {shown_target}{by}.")
    return Judgement(status, STATUS_LABELS[status], gap=gap, expected=round(expected, 6),
                     behind_by=round(behind_by, 6), behind_share=round(share, 6), reason=reason, note=note, **base)

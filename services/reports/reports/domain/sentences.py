"""Short Vietnamese sentences an official report (báo cáo) says about its figures (pure).

Written as a report's author would: decimal commas, a percent sign against the number ("81,7%"),
differences of percentages in "điểm phần trăm" (percentage points), a status against the target's
horizon in words ("đúng lộ trình đạt mục tiêu 90% vào năm 2030"), never a code or a field name.
"""
from __future__ import annotations

from datetime import date, datetime
from typing import Mapping, Sequence

from edu71.vn import vn_number

#: Below this a change is "không đổi" (the figures are shown with one decimal).
STILL = 0.05

STATUS_PHRASES = {
    "reached": "đã đạt mục tiêu {target}{by}",
    "on_track": "đúng lộ trình đạt mục tiêu {target}{by}",
    "at_risk": "có nguy cơ không đạt mục tiêu {target}{by}",
    "behind": "chậm so với lộ trình đạt mục tiêu {target}{by}",
    "not_yet": "chưa đạt mục tiêu {target}{by}",
}
COMPARATOR_WORDS = {">=": "", "=": "", ">": "trên ", "<": "dưới ", "<=": "không quá "}


def number(value: float | None, decimals: int = 1) -> str:
    """``value`` rounded to ``decimals``, as a sentence writes it ("81,7", "90", "1.250")."""
    return vn_number(value, decimals, trim=True)


def amount(value: float | None, unit: str) -> str:
    """A figure with its unit: "81,7%", "12 phòng", "60% số trường"."""
    if value is None:
        return "chưa có số liệu"
    unit = (unit or "").strip()
    if unit.startswith("%"):
        return f"{number(value)}{unit}" if unit == "%" else f"{number(value)}{unit[:1]} {unit[1:].strip()}"
    return f"{number(value, 2)} {unit}".strip()


def difference(delta: float, unit: str) -> str:
    """How much a figure moved: "tăng 2,3 điểm phần trăm", "giảm 3 phòng", "không đổi"."""
    if abs(delta) < STILL:
        return "không đổi"
    word = "tăng" if delta > 0 else "giảm"
    unit = (unit or "").strip()
    points = "điểm phần trăm" if unit.startswith("%") else unit
    return f"{word} {number(abs(delta), 1 if unit.startswith('%') else 2)} {points}".strip()


def target_text(comparator: str | None, value: float | None, unit: str) -> str:
    """A target in words: "90%", "dưới 0,5%", "không quá 35 học sinh"."""
    if value is None:
        return ""
    return f"{COMPARATOR_WORDS.get(comparator or '>=', '')}{amount(value, unit)}"


def indicator_sentence(row: Mapping) -> str:
    """One sentence about one indicator of a report's figures (see :func:`reports.domain.official.figures_of`).

    ``row``: ``name``, ``unit``, ``direction``, ``actual``, ``previous`` (the figure of the round before, or
    None), ``status``, ``comparator``, ``target``, ``horizon``.
    """
    name, unit, actual = row["name"], row.get("unit") or "", row.get("actual")
    if actual is None:
        return f"{name}: chưa có số liệu trong đợt báo cáo này."
    verb = "là" if row.get("direction") == "lower" else "đạt"
    parts = [f"{name} {verb} {amount(actual, unit)}"]
    if row.get("previous") is not None:
        # The change between the figures as printed, so the sentence agrees with the table.
        places = 1 if unit.startswith("%") else 2
        moved = difference(round(actual, places) - round(row["previous"], places), unit)
        parts.append(f"{moved} so với đợt trước" if moved != "không đổi" else "không đổi so với đợt trước")
    phrase = STATUS_PHRASES.get(row.get("status") or "")
    if phrase and row.get("target") is not None:
        by = f" vào năm {row['horizon']}" if row.get("horizon") else ""
        parts.append(phrase.format(target=target_text(row.get("comparator"), row["target"], unit), by=by))
    return ", ".join(parts) + "."


def completeness_sentence(c: Mapping, what: str = "trường") -> str:
    """ "Đã có 1.120/1.500 trường nộp báo cáo (đạt 74,7%), trong đó 1.080 trường nộp đúng hạn, 40 trường nộp muộn;
    còn 380 trường chưa nộp." """
    expected, submitted = c.get("expected") or 0, c.get("submitted") or 0
    if not expected and not submitted:
        return f"Chưa có {what} nào thuộc diện phải nộp báo cáo trong đợt này."
    rate = f" (đạt {number(submitted * 100.0 / expected)}%)" if expected else ""
    text = (f"Đã có {number(submitted, 0)}/{number(expected, 0)} {what} nộp báo cáo{rate}, trong đó "
            f"{number(c.get('on_time') or 0, 0)} {what} nộp đúng hạn, {number(c.get('late') or 0, 0)} {what} nộp muộn")
    missing = c.get("missing") or 0
    return text + (f"; còn {number(missing, 0)} {what} chưa nộp." if missing else "; không còn " + what + " nào chưa nộp.")


def plans_sentence(counts: Mapping[str, int]) -> str:
    total = sum(counts.get(k, 0) for k in ("approved", "submitted", "returned", "none"))
    if not total:
        return "Chưa có trường nào thuộc phạm vi báo cáo."
    return (f"Trong {number(total, 0)} trường: {number(counts.get('approved', 0), 0)} trường có kế hoạch đã được "
            f"phê duyệt, {number(counts.get('submitted', 0), 0)} trường đã nộp kế hoạch đang chờ phê duyệt, "
            f"{number(counts.get('returned', 0), 0)} trường có kế hoạch bị trả lại để chỉnh sửa, "
            f"{number(counts.get('none', 0), 0)} trường chưa nộp kế hoạch.")


def trend(values: Sequence[float | None], unit: str) -> str:
    """Figures of the earlier rounds then this one, oldest first: "78,2% → 79,4% → 81,7%"."""
    shown = [amount(v, unit) if v is not None else "–" for v in values]
    return " → ".join(shown)


def long_date(d: date | datetime) -> str:
    """The date as a document gives it: "ngày 05 tháng 02 năm 2027", "ngày 15 tháng 12 năm 2026" (Decree 30/2020,
    Appendix I: a leading zero for days below 10 and for the months 1 and 2)."""
    month = f"{d.month:02d}" if d.month <= 2 else str(d.month)
    return f"ngày {d.day:02d} tháng {month} năm {d.year}"


def moment(d: datetime) -> str:
    """ "17 giờ 00 ngày 15/12/2026" """
    return f"{d.hour:02d} giờ {d.minute:02d} ngày {d.strftime('%d/%m/%Y')}"

"""The report views as tables with Vietnamese headers, for the XLSX and CSV exports (pure).

Each table is a title, columns (header and kind) and rows of plain values.
Kinds tell the writers how to show a cell: ``text``, ``int``, ``number``,
``percent`` (a value already in percent, e.g. 93.5), ``date``.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Sequence

from edu71.vn import level_label
from reports.domain.model import NOT_STARTED
from reports.domain.progress import GONE
from reports.domain.targets import in_target_unit, school_actual

AGGREGATION_LABELS = {"ratio": "Σ tử số / Σ mẫu số", "sum": "Tổng", "distribution": "Phân bố theo mức",
                      "share": "Tỷ lệ trường đạt", None: "Chưa có số liệu"}
PLAN_LABELS = {"approved": "Đã phê duyệt", "submitted": "Chờ duyệt", "returned": "Bị trả lại", "none": "Chưa nộp"}
VIEWS = ("summary", "communes", "schools", "completeness", "targets")
#: A school's stage as a reader sees it (reports.domain.model.SCHOOL_STAGES): one school, one stage.
STAGE_LABELS = {NOT_STARTED: "Chưa nộp số liệu", "draft": "Đã nộp số liệu, chưa đánh dấu hoàn thành",
                "submitted": "Đã đánh dấu hoàn thành, chờ xác nhận", "confirmed": "Xã/phường đã xác nhận",
                "returned": "Trả lại", "accepted": "Sở đã tiếp nhận"}


def _stage(school: Mapping) -> str:
    """A school's stage; a view stored before the draft stage was split reads ``draft`` for a school whose
    values are not in."""
    stage = school.get("stage") or "draft"
    return NOT_STARTED if stage == "draft" and not school.get("submitted") else stage


def report_title(what: str, figures: str | None) -> str:
    """What an export holds, saying so when it counts confirmed figures only."""
    return f"{what} (chỉ số liệu đã xác nhận)" if figures == "confirmed" else what
COMPARATOR_SIGNS = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "="}


@dataclass(frozen=True)
class Column:
    header: str
    kind: str = "text"


@dataclass(frozen=True)
class Table:
    name: str  # the view's key: summary, communes, …
    title: str  # the sheet's Vietnamese name (≤ 31 characters, Excel's limit)
    columns: Sequence[Column]
    rows: list[list[Any]]


def _yes(flag) -> str:
    return "Có" if flag else "Không"


def _percent_kind(value_type: str | None) -> str:
    return "percent" if value_type in ("ratio", "boolean") else "number"


def indicator_name(view: Mapping, code: str) -> str:
    """The indicator's Vietnamese name as the round's catalogue gives it (a reader never sees its code)."""
    return ((view.get("indicators") or {}).get(code) or {}).get("name") or GONE


def _short(view: Mapping, code: str) -> str:
    known = (view.get("indicators") or {}).get(code) or {}
    return known.get("short_label") or known.get("name") or GONE


def summary(view: Mapping) -> Table:
    columns = [Column("Chỉ tiêu"), Column("Cấp học"), Column("Cách tổng hợp"), Column("Số trường báo cáo", "int"),
               Column("Giá trị (%, tổng hoặc mức thấp nhất)", "number"), Column("Tử số", "number"),
               Column("Mẫu số", "number"), Column("Phân bố theo mức")]
    rows = []
    for level, rollups in (view.get("rollups") or {}).items():
        for r in rollups:
            dist = r.get("distribution")
            rows.append([indicator_name(view, r["indicator_code"]), level_label(level),
                         AGGREGATION_LABELS.get(r.get("aggregation")),
                         r.get("schools_reporting", 0), in_target_unit(r.get("value"), r.get("value_type")),
                         r.get("numerator"), r.get("denominator"),
                         "; ".join(f"mức {k}: {v}" for k, v in dist.items()) if dist else ""])
    return Table("summary", "Tổng hợp", columns, rows)


def communes(view: Mapping) -> Table:
    codes = list(view.get("indicator_codes") or ())
    columns = [Column("Mã xã/phường"), Column("Tên xã/phường"), Column("Phải nộp", "int"), Column("Đã nộp", "int"),
               Column("Đúng hạn", "int"), Column("Nộp muộn", "int"), Column("Chưa nộp", "int"),
               Column("Tỷ lệ đã nộp (%)", "percent")] + [Column(f"Giai đoạn: {label}", "int")
                                                         for label in STAGE_LABELS.values()] \
        + [Column(_short(view, code), "number") for code in codes]
    rows = []
    for c in view.get("communes") or ():
        rate = c.get("schools_rate")
        stages = c.get("schools_stages") or {}
        rows.append([c["commune_code"], c["commune_name"], c["schools_expected"], c["schools_submitted"],
                     c["schools_on_time"], c["schools_late"], c["schools_missing"],
                     rate * 100 if rate is not None else None] + [stages.get(stage, 0) for stage in STAGE_LABELS]
                    + [c["values"].get(code) for code in codes])
    return Table("communes", "Xã, phường", columns, rows)


def schools(view: Mapping, school_rows: Sequence[Mapping]) -> Table:
    """One row per school; a ratio shows its numerator and denominator beside the percentage they make."""
    codes = list(view.get("indicator_codes") or ())
    ratios = {code for code in codes if ((view.get("indicators") or {}).get(code) or {}).get("value_type") == "ratio"}
    columns = [Column("Mã trường"), Column("Tên trường"), Column("Cấp học"), Column("Mã xã/phường"),
               Column("Đã nộp"), Column("Nộp muộn"), Column("Lần điều chỉnh", "int"), Column("Thời điểm nộp", "date"),
               Column("Giai đoạn duyệt"), Column("Kế hoạch")]
    for code in codes:
        label = _short(view, code)
        if code in ratios:
            columns += [Column(f"{label}: tử số", "number"), Column(f"{label}: mẫu số", "number")]
        columns.append(Column(f"{label} (%)" if code in ratios else label, "number"))
    rows = []
    for s in school_rows:
        values = {v["indicator_code"]: v for v in s.get("values") or ()}
        row = [s["school_code"], s["school_name"], level_label(s["school_level"]), s["commune_code"],
               _yes(s["submitted"]), _yes(s["late"]), s.get("revision"), s.get("submitted_at"),
               STAGE_LABELS.get(_stage(s), ""), PLAN_LABELS.get(s.get("plan_status"), "")]
        for code in codes:
            value = values.get(code)
            if code in ratios:
                row += [value.get("numerator"), value.get("denominator")] if value else [None, None]
            row.append(_school_figure(value) if value else None)
        rows.append(row)
    return Table("schools", "Trường", columns, rows)


#: A ratio reported as 0/0: the school has none of whom the indicator counts a share (not 0 %, not missing).
NONE_SUCH = "không có"


def _school_figure(value: Mapping) -> float | str | None:
    if value.get("value_type") == "ratio" and value.get("denominator") == 0:
        return NONE_SUCH
    return school_actual(value)


def completeness(view: Mapping) -> Table:
    c = view.get("completeness") or {}
    columns = [Column("Nội dung"), Column("Mã trường"), Column("Tên trường"), Column("Cấp học"),
               Column("Mã xã/phường"), Column("Số trường", "int")]
    rows = [["Phải nộp", "", "", "", "", c.get("expected", 0)], ["Đã nộp", "", "", "", "", c.get("submitted", 0)],
            ["Đúng hạn", "", "", "", "", c.get("on_time", 0)], ["Nộp muộn", "", "", "", "", c.get("late", 0)],
            ["Chưa nộp", "", "", "", "", c.get("missing", 0)]]
    rows += [[f"Giai đoạn: {label}", "", "", "", "", (c.get("stages") or {}).get(stage, 0)]
             for stage, label in STAGE_LABELS.items()]
    rows += [["Trường chưa nộp", s["school_code"], s["school_name"], level_label(s["school_level"]),
              s["commune_code"], None] for s in view.get("missing_schools") or ()]
    return Table("completeness", "Tiến độ nộp", columns, rows)


def targets(view: Mapping) -> Table:
    columns = [Column("Đối tượng"), Column("Mã"), Column("Tên"), Column("Chỉ tiêu"), Column("Mục tiêu như văn bản"),
               Column("So sánh"), Column("Mục tiêu", "number"), Column("Thực tế", "number"), Column("Đạt"),
               Column("Còn thiếu", "number"), Column("Thời hạn"), Column("Nguồn")]
    scope = view.get("scope") or {}
    area = "Tỉnh/thành phố" if scope.get("kind") == "province" else "Xã/phường"

    def row(kind, code, name, t):
        met = {True: "Đạt", False: "Chưa đạt", None: "Chưa có số liệu"}[t.get("met")]
        return [kind, code, name, indicator_name(view, t["indicator_code"]), t.get("text") or "",
                COMPARATOR_SIGNS.get(t["comparator"], t["comparator"]), t["target"], t.get("actual"), met,
                t.get("gap"), _vn_day(t.get("horizon")), t.get("source") or ""]

    rows = [row(area, scope.get("code", ""), view.get("commune_name") or "", t) for t in view.get("targets") or ()]
    rows += [row("Xã/phường (nguy cơ)", t["commune_code"], t["commune_name"], t)
             for t in view.get("at_risk_communes") or ()]
    rows += [row("Trường (nguy cơ)", t["school_code"], t["school_name"], t) for t in view.get("at_risk_schools") or ()]
    return Table("targets", "Chỉ tiêu", columns, rows)


PROGRESS_VIEWS = ("progress", "at_risk", "cascade")


def _vn_day(iso) -> str:
    """YYYY-MM-DD (or a date) → dd/mm/yyyy; a horizon given as a year stays a year."""
    if not iso:
        return ""
    text = str(iso)[:10]
    if "-" not in text:
        return text
    y, m, d = text.split("-")
    return f"{d}/{m}/{y}"


def _year(year) -> str:
    return str(year) if year else ""


def _target_cell(t: Mapping | None) -> str:
    if not t:
        return ""
    horizon = f" đến năm {t['horizon']}" if t.get("horizon") else ""
    return f"{t['description']}{horizon}"


def progress(view: Mapping) -> Table:
    """Each indicator with its targets, actual, gap and status against the trajectory."""
    columns = [Column("Chỉ tiêu"), Column("Đơn vị"), Column("Thực tế", "number"), Column("Mục tiêu của trường"),
               Column("Mục tiêu của xã/phường"), Column("Mục tiêu của thành phố"), Column("Mục tiêu quốc gia"),
               Column("Mức cơ sở", "number"), Column("Mốc cơ sở"), Column("Mức cần đạt theo lộ trình", "number"),
               Column("Còn thiếu so với mục tiêu", "number"), Column("Đánh giá"), Column("Lý do"),
               Column("Nguồn mục tiêu")]
    rows = []
    for r in view.get("progress") or ():
        head = next((t for t in r["targets"] if t["status"] == r["status"]), r["targets"][0] if r["targets"] else {})
        rows.append([r["indicator_name"], r["unit"], r.get("actual"), _target_cell(r.get("school_target")),
                     _target_cell(r.get("commune_target")), _target_cell(r.get("city_target")),
                     _target_cell(r.get("national_target")), head.get("baseline_value"),
                     head.get("baseline_label") or "", r.get("expected"), r.get("gap"), r.get("status_label"),
                     r.get("reason"), head.get("source") or ""])
    return Table("progress", "Tiến độ chỉ tiêu", columns, rows)


def at_risk(view: Mapping) -> Table:
    """Communes, then schools, at risk or behind, the farthest behind first."""
    columns = [Column("Đơn vị"), Column("Tên"), Column("Xã/phường"), Column("Chỉ tiêu"), Column("Thực tế", "number"),
               Column("Mục tiêu"), Column("Thời hạn"), Column("Mức cần đạt theo lộ trình", "number"),
               Column("Kém lộ trình", "number"), Column("Đánh giá"), Column("Lý do")]
    rows = [["Xã/phường", e.get("commune_name") or "", e.get("commune_name") or "", e["indicator_name"],
             e.get("actual"), e["target_description"], _year(e.get("horizon")), e.get("expected"), e.get("behind_by"),
             e["status_label"], e["reason"]] for e in view.get("progress_at_risk_communes") or ()]
    rows += [["Trường", e.get("school_name") or "", e.get("commune_name") or "", e["indicator_name"],
              e.get("actual"), f"{e['target_label']}: {e['target_description']}", _year(e.get("horizon")), e.get("expected"),
              e.get("behind_by"), e["status_label"], e["reason"]] for e in view.get("progress_at_risk_schools") or ()]
    return Table("at_risk", "Có nguy cơ, chậm", columns, rows)


def cascade(view: Mapping) -> Table:
    columns = [Column("Chỉ tiêu"), Column("Mục tiêu"), Column("Thời hạn"), Column("Nguồn"),
               Column("Số trường thuộc diện", "int"), Column("Số trường cam kết", "int"),
               Column("Các cam kết cộng lại", "number"), Column("Đơn vị"), Column("Kết luận"), Column("Ghi chú")]
    rows = [[c["indicator_name"], f"{c['target_label']}: {c['target_description']}", _year(c.get("horizon")),
             c.get("source") or "", c["schools_applicable"], c["schools_committing"], c.get("committed_figure"),
             c["unit"], c["verdict"], c["note"]] for c in view.get("cascade") or ()]
    return Table("cascade", "Cam kết của các trường", columns, rows)


def progress_tables(view: Mapping) -> list[Table]:
    return [progress(view), at_risk(view), cascade(view)]


def progress_title(view: Mapping) -> str:
    """The workbook's title: the round, the date it is judged at (dd/mm/yyyy) and the method."""
    return f"Tiến độ thực hiện chỉ tiêu — {view.get('round_name') or ''} — đánh giá tại {_vn_day(view.get('as_of'))}"


def all_tables(view: Mapping, school_rows: Sequence[Mapping]) -> list[Table]:
    return [summary(view), communes(view), schools(view, school_rows), completeness(view), targets(view)]

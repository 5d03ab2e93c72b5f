"""The official report (báo cáo sơ kết/tổng kết thực hiện Nghị quyết 71-NQ/TW) a unit sends upward (pure).

Three steps, none doing I/O:

- :func:`unit_of` — who issues it: the issuing body and its superior body as the header names them, the
  symbol of its number (``BC-UBND``), the signer's position, the recipients and the level above it;
- :func:`figures_of` — the exact figures the report is built from, taken from the precomputed views (or the
  views as they stood at a past moment, :mod:`reports.domain.asof`): a plain, JSON-friendly mapping, stored
  with an issued report so anyone can later see, and recompute, what it said;
- :func:`compose` — the document: header parts in the order Decree 30/2020/NĐ-CP, Article 8.2 sets, then the
  body (generated sentences and tables, then the sections the author writes by hand), the signature and
  "Nơi nhận". :mod:`reports.adapters.docx` lays it out.

Units: a school (``school``, its code), a commune/ward (``commune``, the official commune code) and the city
(``province``, the province code). A school reports to its commune's People's Committee (UBND), a commune to
the city's Department of Education and Training (Sở GD&ĐT), the city to the Ministry (Bộ GD&ĐT), which has no
account here.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from typing import Iterable, Mapping, Sequence

from reports.domain import sentences as say

SCHOOL, COMMUNE, PROVINCE = "school", "commune", "province"
UNIT_KINDS = (SCHOOL, COMMUNE, PROVINCE)
NATION = "nation"
#: The written sections (key → heading); kept between drafts, required to issue.
WRITTEN = {"shortcomings": "Tồn tại, hạn chế", "tasks": "Nhiệm vụ, giải pháp trong thời gian tới",
           "proposals": "Kiến nghị, đề xuất"}
RESOLUTION = ("Nghị quyết số 71-NQ/TW ngày 22/8/2025 của Bộ Chính trị về đột phá phát triển giáo dục và "
              "đào tạo")
#: At most this many rows of a list (at-risk, schools not reported) are printed; the count says the rest.
LIST_LIMIT = 30


@dataclass(frozen=True)
class Unit:
    """An org unit that issues official reports, with everything its documents' header needs."""

    kind: str
    code: str
    #: Its name in running text ("Trường Tiểu học Hiến Thành", "Phường Nguyễn Đại Năng", "Sở GD&ĐT …").
    name: str
    #: The header's two lines (Decree 30/2020, Appendix I: the superior body in capitals, not bold; the issuing
    #: body in capitals, bold, with a short rule under it).
    superior: str
    issuer: str
    symbol: str
    signer_title: tuple[str, ...]
    recipients: tuple[str, ...]
    filed: str
    place: str
    #: The unit the report is sent to: (kind, code); the nation for the city.
    parent: tuple[str, str]

    def key(self) -> str:
        return f"{self.kind}:{self.code}"


def abbreviation(name: str) -> str:
    """Initials of a school's name for its symbols, without diacritics: "Trường THCS Thị Trấn 2" → "THCSTT2"."""
    out = []
    for word in name.split():
        if word.lower() == "trường":
            continue
        plain = unicodedata.normalize("NFD", word.replace("Đ", "D").replace("đ", "d"))
        plain = "".join(ch for ch in plain if unicodedata.category(ch) != "Mn")
        out.append(plain if plain.isupper() or plain.isdigit() else plain[:1].upper())
    return "".join(out)


def place_of(province_name: str) -> str:
    """The place name a document is dated at: "Thành phố Hải Phòng" → "Hải Phòng"."""
    for prefix in ("Thành phố ", "Tỉnh "):
        if province_name.startswith(prefix):
            return province_name[len(prefix):]
    return province_name


def unit_of(kind: str, code: str, *, province_code: str, province_name: str, commune_code: str | None = None,
            commune_name: str | None = None, school_name: str | None = None) -> Unit:
    """The unit issuing a report, as its header and its "Nơi nhận" name it."""
    place = place_of(province_name)
    city = province_name[:1].lower() + province_name[1:]
    if kind == SCHOOL:
        commune_lower = commune_name[:1].lower() + commune_name[1:]
        return Unit(SCHOOL, code, school_name, superior=f"UBND {commune_name.upper()}", issuer=school_name.upper(),
                    symbol=f"BC-{abbreviation(school_name)}", signer_title=("HIỆU TRƯỞNG",),
                    recipients=(f"UBND {commune_lower} (để báo cáo)",), filed="Lưu: VT.", place=place,
                    parent=(COMMUNE, commune_code))
    if kind == COMMUNE:
        return Unit(COMMUNE, code, commune_name, superior="ỦY BAN NHÂN DÂN", issuer=commune_name.upper(),
                    symbol="BC-UBND", signer_title=("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
                    recipients=(f"Sở Giáo dục và Đào tạo {city} (để báo cáo)",
                                "Các trường trên địa bàn"),
                    filed="Lưu: VT, VHXH.", place=place, parent=(PROVINCE, province_code))
    return Unit(PROVINCE, code, f"Sở Giáo dục và Đào tạo {city}", superior=f"UBND {province_name.upper()}",
                issuer="SỞ GIÁO DỤC VÀ ĐÀO TẠO", symbol="BC-SGDĐT", signer_title=("GIÁM ĐỐC",),
                recipients=("Bộ Giáo dục và Đào tạo (để báo cáo)", f"UBND {city} (để báo cáo)",
                            "UBND các xã, phường"),
                filed="Lưu: VT, KHTC.", place=place, parent=(NATION, "VN"))


# -- the figures -------------------------------------------------------------------------------
def _round_info(rnd: Mapping) -> dict:
    due = rnd.get("due_at")
    return {"round_id": rnd["round_id"], "name": rnd.get("name") or "", "school_year": rnd.get("school_year") or "",
            "due_at": due.isoformat() if isinstance(due, datetime) else due}


def _num(value) -> float | None:
    return None if value is None else round(float(value), 6)


def _actual_by_code(view: Mapping | None) -> dict[str, float | None]:
    """Each indicator's headline figure in a view (or a school's entry): the progress row's actual."""
    return {r["indicator_code"]: _num(r.get("actual")) for r in (view or {}).get("progress") or ()}


def figures_of(unit: Unit, rnd: Mapping, view: Mapping, earlier: Sequence[tuple[Mapping, Mapping | None]],
               plans: Mapping | None, as_of: datetime) -> dict:
    """The figures a report of ``unit`` for round ``rnd`` is built from.

    ``view``: the round's view of the unit's area, or, for a school, its entry in its commune's view;
    ``earlier``: (round, the same view in that round) for the province's earlier rounds, oldest first;
    ``plans``: the area's plans view (``counts``), or for a school ``{"status": …}``; ``as_of``: the moment
    the figures stood at.
    """
    history = [(r, _actual_by_code(v)) for r, v in earlier]
    indicators = []
    for row in view.get("progress") or ():
        code = row["indicator_code"]
        head = row.get("city_target") or row.get("national_target") or row.get("school_target") \
            or row.get("commune_target") or {}
        for kind in ("school_target", "commune_target", "city_target", "national_target"):
            if row.get(kind) and row[kind].get("status") == row.get("status"):
                head = row[kind]
                break
        past = [values.get(code) for _, values in history]
        indicators.append({
            "code": code, "name": row.get("indicator_name") or "", "unit": row.get("unit") or "",
            "direction": row.get("direction") or "higher", "actual": _num(row.get("actual")),
            "previous": next((v for v in reversed(past) if v is not None), None),
            "history": [{"round_name": r.get("name") or "", "value": v} for (r, _), v in zip(history, past)],
            "status": row.get("status"), "status_label": row.get("status_label") or "",
            "comparator": head.get("comparator"), "target": _num(head.get("target")),
            "horizon": head.get("horizon"), "target_source": head.get("kind_label") or "",
            "expected": _num(row.get("expected")), "reason": row.get("reason") or ""})
    out = {"unit": {"kind": unit.kind, "code": unit.code, "name": unit.name}, "round": _round_info(rnd),
           "as_of": as_of.isoformat(), "indicators": indicators}
    if unit.kind == SCHOOL:
        out["school"] = {"submitted": bool(view.get("submitted")), "late": bool(view.get("late")),
                         "revision": view.get("revision"), "plan_status": (plans or {}).get("status") or "none"}
        return out
    completeness = dict(view.get("completeness") or {})
    out["completeness"] = {k: completeness.get(k) for k in ("expected", "submitted", "on_time", "late", "missing",
                                                            "rate")}
    out["communes"] = [{"code": c["commune_code"], "name": c["commune_name"],
                        **{k: c.get(f"schools_{k}") for k in ("expected", "submitted", "on_time", "late",
                                                              "missing", "rate")}}
                       for c in view.get("communes") or ()]
    out["missing_schools"] = [{"code": s["school_code"], "name": s["school_name"]}
                              for s in view.get("missing_schools") or ()]
    out["at_risk_communes"] = [_risk(e, e.get("commune_name")) for e in view.get("progress_at_risk_communes") or ()]
    out["at_risk_schools"] = [_risk(e, e.get("school_name")) for e in view.get("progress_at_risk_schools") or ()]
    out["at_risk_schools_total"] = view.get("progress_at_risk_schools_total", len(out["at_risk_schools"]))
    out["plans"] = {k: (plans or {}).get("counts", {}).get(k, 0) for k in ("approved", "submitted", "returned",
                                                                            "none")}
    return out


def _risk(entry: Mapping, who: str | None) -> dict:
    return {"who": who or "", "indicator": entry.get("indicator_name") or "", "unit": entry.get("unit") or "",
            "actual": _num(entry.get("actual")), "status_label": entry.get("status_label") or "",
            "reason": entry.get("reason") or ""}


# -- the document --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Paragraph:
    text: str
    #: "heading" (a numbered part, bold), "subheading" (bold italic) or "body".
    style: str = "body"


@dataclass(frozen=True)
class Table:
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Document:
    """An official report laid out as Decree 30/2020/NĐ-CP's Appendix I sets (see :mod:`reports.adapters.docx`)."""

    superior: str
    issuer: str
    number: str          # "Số: 05/BC-UBND", or "Số:      /BC-UBND" while a draft
    place_date: str      # "Hải Phòng, ngày 15 tháng 12 năm 2026"
    kind: str            # "BÁO CÁO"
    subject: str         # the trích yếu
    body: tuple[Paragraph | Table, ...]
    signer_title: tuple[str, ...]
    signer_name: str
    recipients: tuple[str, ...] = field(default_factory=tuple)


def number_text(unit: Unit, number: int | None) -> str:
    """ "Số: 05/BC-UBND" (a leading zero below 10, Decree 30/2020); a draft leaves the number blank."""
    return f"Số: {number:02d}/{unit.symbol}" if number else f"Số:      /{unit.symbol}"


def subject_of(rnd: Mapping) -> str:
    return f"{rnd.get('name') or 'Báo cáo'} thực hiện {RESOLUTION}"


def compose(unit: Unit, figures: Mapping, written: Mapping[str, str], *, signer_name: str = "",
            number: int | None = None, issued_on: datetime | None = None) -> Document:
    """The report of ``unit`` from ``figures`` (:func:`figures_of`) and the author's ``written`` sections."""
    rnd = figures["round"]
    date_text = say.long_date(issued_on) if issued_on else "ngày      tháng      năm"
    body: list[Paragraph | Table] = [Paragraph(
        f"Thực hiện {RESOLUTION}, {unit.name} báo cáo kết quả {_lower_first(rnd['name'])} như sau:")]
    as_of = datetime.fromisoformat(figures["as_of"])
    body.append(Paragraph("I. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU", "heading"))
    body.append(Paragraph(f"Số liệu tính đến {say.moment(as_of)}, theo báo cáo của các trường trên hệ thống."
                          if unit.kind != SCHOOL else
                          f"Số liệu tính đến {say.moment(as_of)}, theo báo cáo của nhà trường trên hệ thống."))
    indicators = figures.get("indicators") or []
    if indicators:
        body += [Paragraph(say.indicator_sentence(row)) for row in indicators]
        body.append(Table(("STT", "Chỉ tiêu", "Kết quả", "Mục tiêu", "Tình trạng", "Các đợt trước → đợt này"),
                          tuple((str(i), row["name"], say.amount(row["actual"], row["unit"]),
                                 _target_cell(row), row["status_label"] or "",
                                 say.trend([h["value"] for h in row["history"]] + [row["actual"]], row["unit"]))
                                for i, row in enumerate(indicators, start=1))))
    else:
        body.append(Paragraph("Đợt báo cáo này chưa có chỉ tiêu nào gắn với mục tiêu."))
    body += _completeness_part(unit, figures)
    body += _risk_part(unit, figures)
    body += _plans_part(unit, figures)
    for i, (key, heading) in enumerate(WRITTEN.items(), start=len(_numbered(body)) + 1):
        body.append(Paragraph(f"{ROMAN[i]}. {heading.upper()}", "heading"))
        text = (written.get(key) or "").strip()
        body += [Paragraph(p.strip()) for p in text.splitlines() if p.strip()] or [Paragraph("…")]
    body.append(Paragraph(f"Trên đây là báo cáo {_lower_first(rnd['name'])} thực hiện Nghị quyết số 71-NQ/TW "
                          f"của {unit.name}./."))
    return Document(superior=unit.superior, issuer=unit.issuer, number=number_text(unit, number),
                    place_date=f"{unit.place}, {date_text}", kind="BÁO CÁO", subject=subject_of(rnd),
                    body=tuple(body), signer_title=unit.signer_title, signer_name=signer_name.strip(),
                    recipients=(*(f"- {r};" for r in unit.recipients), f"- {unit.filed}"))


ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI", 7: "VII", 8: "VIII", 9: "IX"}


def _numbered(body: Iterable) -> list[Paragraph]:
    return [p for p in body if isinstance(p, Paragraph) and p.style == "heading"]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text else text


def _target_cell(row: Mapping) -> str:
    if row.get("target") is None:
        return ""
    by = f" (năm {row['horizon']})" if row.get("horizon") else ""
    return say.target_text(row.get("comparator"), row["target"], row["unit"]) + by


def _completeness_part(unit: Unit, figures: Mapping) -> list:
    out: list = [Paragraph("II. TIẾN ĐỘ NỘP BÁO CÁO", "heading")]
    if unit.kind == SCHOOL:
        s = figures["school"]
        out.append(Paragraph("Nhà trường chưa nộp báo cáo số liệu trong đợt này." if not s["submitted"] else
                             "Nhà trường đã nộp báo cáo số liệu " + ("sau thời hạn." if s["late"] else "đúng hạn.")))
        return out
    out.append(Paragraph(say.completeness_sentence(figures["completeness"])))
    if unit.kind == PROVINCE and figures.get("communes"):
        out.append(Table(("STT", "Xã, phường", "Phải nộp", "Đã nộp", "Đúng hạn", "Muộn", "Chưa nộp", "Tỷ lệ"),
                         tuple((str(i), c["name"], *(say.number(c.get(k) or 0, 0) for k in
                                                     ("expected", "submitted", "on_time", "late", "missing")),
                                say.amount(c["rate"] * 100, "%") if c.get("rate") is not None else "–")
                               for i, c in enumerate(figures["communes"], start=1))))
    missing = figures.get("missing_schools") or []
    if missing and unit.kind == COMMUNE:
        names = ", ".join(s["name"] for s in missing[:LIST_LIMIT])
        more = f" và {len(missing) - LIST_LIMIT} trường khác" if len(missing) > LIST_LIMIT else ""
        out.append(Paragraph(f"Các trường chưa nộp: {names}{more}."))
    return out


def _risk_part(unit: Unit, figures: Mapping) -> list:
    out: list = [Paragraph("III. CÁC CHỈ TIÊU CÓ NGUY CƠ KHÔNG ĐẠT", "heading")]
    if unit.kind == SCHOOL:
        risky = [r for r in figures.get("indicators") or () if r["status"] in ("at_risk", "behind")]
        rows = [(r["name"], say.amount(r["actual"], r["unit"]), r["status_label"], r["reason"]) for r in risky]
        total = len(rows)
        columns = ("Chỉ tiêu", "Kết quả", "Tình trạng", "Nhận định")
    else:
        entries = (figures.get("at_risk_communes") or []) + (figures.get("at_risk_schools") or [])
        total = len(figures.get("at_risk_communes") or []) + (figures.get("at_risk_schools_total") or 0)
        rows = [(e["who"], e["indicator"], say.amount(e["actual"], e["unit"]), e["status_label"]) for e in entries]
        columns = ("Đơn vị", "Chỉ tiêu", "Kết quả", "Tình trạng")
    if not rows:
        out.append(Paragraph("Không có chỉ tiêu nào có nguy cơ không đạt hoặc chậm so với lộ trình."))
        return out
    shown = rows[:LIST_LIMIT]
    more = f" (liệt kê {len(shown)} trường hợp đáng lưu ý nhất)" if total > len(shown) else ""
    out.append(Paragraph(f"Có {say.number(total, 0)} trường hợp có nguy cơ không đạt hoặc chậm so với lộ trình{more}:"))
    out.append(Table(("STT", *columns), tuple((str(i), *row) for i, row in enumerate(shown, start=1))))
    return out


def _plans_part(unit: Unit, figures: Mapping) -> list:
    out: list = [Paragraph("IV. TÌNH HÌNH XÂY DỰNG KẾ HOẠCH", "heading")]
    if unit.kind == SCHOOL:
        status = figures["school"]["plan_status"]
        out.append(Paragraph({"approved": "Kế hoạch thực hiện Nghị quyết của nhà trường đã được phê duyệt.",
                              "submitted": "Nhà trường đã nộp kế hoạch thực hiện Nghị quyết, đang chờ phê duyệt.",
                              "returned": "Kế hoạch của nhà trường được trả lại để chỉnh sửa, bổ sung.",
                              }.get(status, "Nhà trường chưa nộp kế hoạch thực hiện Nghị quyết.")))
        return out
    out.append(Paragraph(say.plans_sentence(figures["plans"])))
    return out


def missing_written(written: Mapping[str, str], signer_name: str) -> list[dict]:
    """What must be filled in before a report is issued, as problem-detail errors (Vietnamese field names)."""
    errors = [{"field": key, "message": f"Cần nhập nội dung phần “{heading}” trước khi ban hành."}
              for key, heading in WRITTEN.items() if not (written.get(key) or "").strip()]
    if not signer_name.strip():
        errors.append({"field": "signer_name", "message": "Cần nhập họ và tên người ký trước khi ban hành."})
    return errors

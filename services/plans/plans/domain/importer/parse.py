"""Plan text → structured fields (pure: str in, dataclasses out).

Heuristic, line-based extraction for school plans (kế hoạch) implementing
Resolution 71-NQ/TW. Every extracted value carries a :class:`Source` (1-based line
number and character span in the text given) and a confidence in [0, 1], so the
import UI can highlight where a value came from and ask the user to confirm
uncertain ones.

This module is the top: parse_plan (header and targets of a plan) and extract_targets
(the running-text pass and its post-filters). The readers they call live beside it:
lines.py (folding, the line model), header.py, figures.py, horizons.py and tables.py.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date

# header.appendix, .joint, .sections, .title and tables.units are called through their module:
# parse_plan and extract_targets keep their results in locals of those names
from plans.domain.importer import header, tables
from plans.domain.importer.figures import (
    CMP_AFTER,
    CMP_BEFORE,
    COUNT_UNITS,
    INDICATOR_RULES,
    ITEM_MARKS,
    Q,
    TIME_SPENT_RE,
    at_least,
    comparator,
    headed_shares,
    indicator,
    item_depth,
    per_class,
    quantities,
    said_before,
)
from plans.domain.importer.header import (
    BARE_NUMBER_RE,
    NUMBER_RE,
    PARTNER_RE,
    PARTY_NUMBER_RE,
    PLACE_DATE_RE,
    SPEAKER_RE,
    THIS_SCHOOL_YEAR_RE,
    attached_tables,
    bodies,
    body_appendix,
    closing,
    date_of,
    document_start,
    header_parts,
    mail_tail,
    resolution_horizon,
    title_horizon,
    title_period_end,
    unit_key,
    year_in_course,
)
from plans.domain.importer.horizons import (
    LIST_MARK_RE,
    MONTH_OF_YEAR_RE,
    PAST_YEAR_RE,
    clause_bounds,
    deadlines,
    horizon_of,
    horizon_phrases,
    is_status,
    quantity_horizon,
    row_deadline,
    school_year_over,
    started_by,
    year_label,
)
from plans.domain.importer.lines import Lines, fold, loose, mostly_upper, tidy
from plans.domain.importer.model import Extracted, ParsedTarget, Source
from plans.domain.importer.tables import (
    FALLING_RE,
    HORIZON_LINE_RE,
    LEVEL_WORDS,
    NOTE_RE,
    NUMBERED_HEADING_RE,
    PEOPLE,
    TOP_PART_RE,
    Unit,
    cells_year_rows,
    revision_targets,
    spaced_year_rows,
    table_targets,
    unit_line,
)


@dataclass(frozen=True)
class ParsedSection:
    key: str            # muc_dich_yeu_cau, muc_tieu, nhiem_vu_giai_phap, to_chuc_thuc_hien, or a slug
    numeral: str        # "I", "II", …
    heading: str        # the heading as written, e.g. "MỤC ĐÍCH, YÊU CẦU"
    text: str           # body text (without the heading line)
    source: Source
    confidence: float


@dataclass(frozen=True)
class ParsedPlan:
    text: str
    number_symbol: Extracted[str] | None = None
    place: Extracted[str] | None = None
    issued_on: Extracted[date] | None = None
    title: Extracted[str] | None = None
    school_name: Extracted[str] | None = None
    issuer: Extracted[str] | None = None      # the issuing body as the header writes it (a school, UBND, Sở…)
    superior: Extracted[str] | None = None    # the body above it in the header, when there is one
    legal_bases: list[Extracted[str]] = field(default_factory=list)
    sections: list[ParsedSection] = field(default_factory=list)
    recipients: list[Extracted[str]] = field(default_factory=list)
    signer_title: Extracted[str] | None = None
    signer: Extracted[str] | None = None
    targets: list[ParsedTarget] = field(default_factory=list)

    @property
    def named_unit(self) -> Extracted[str] | None:
        """The school, commune/ward or office the document speaks for: its issuer, else the school its text
        names ("Trường Tiểu học Hiến Thành xây dựng kế hoạch …"); compared with the uploader's own unit. A school's
        teachers' group (tổ chuyên môn) speaks for its school, the body over it."""
        if self.issuer and self.superior and re.match(r"to (?:chuyen mon|bo mon)\b", fold(self.issuer.value)):
            return self.superior
        return self.issuer or self.school_name

    @property
    def year(self) -> int | None:
        if self.issued_on:
            return self.issued_on.value.year
        years = [t.horizon.value.year for t in self.targets if t.horizon.value]
        return min(years) if years else None

    def section(self, key: str) -> ParsedSection | None:
        return next((s for s in self.sections if s.key == key), None)

    def to_plan_dict(self) -> dict:
        """The fields of ``PlanWriteSchema`` (dates as ISO strings)."""
        return {
            "number_symbol": self.number_symbol.value if self.number_symbol else "",
            "title": self.title.value if self.title else "",
            "year": self.year,
            "place": self.place.value if self.place else "",
            "issued_on": self.issued_on.value.isoformat() if self.issued_on else None,
            "legal_bases": [b.value for b in self.legal_bases],
            "sections": {s.key: s.text for s in self.sections},
            "signer": self.signer.value if self.signer else "",
            "targets": [t.to_dict() for t in self.targets],
        }


_BLANK_DAY_RE = re.compile(r"^\s*(?:[-–*]\s+)?(?P<place>[^,\d][^,]{0,80}?)\s*,\s*ng[àa]y(?:[\s.…_]*(?:th[áa]ng|/)|\s*$)",
                           re.IGNORECASE)
_LEGAL_RE = re.compile(
    r"^(?:[-+•*–]\s*)?(can cu|thuc hien (?:nghi quyet|chuong trinh|ke hoach|cong van|quyet dinh|chi thi|huong dan)"
    r"|(?:ke hoach|cong van|nghi quyet|chuong trinh|quyet dinh|thong tu|chi thi|huong dan|nghi dinh)\s+so\b)"
)
_SCHOOL_RE = re.compile(loose(
    r"\bTrường\s+((?:Mầm\s+non|Tiểu\s+học|THCS|THPT|Trung\s+học\s+cơ\s+sở|Trung\s+học\s+phổ\s+thông|"
    r"TH\s*(?:&|và)\s*THCS|THCS\s*(?:&|và)\s*THPT|TH|MN|PTDTBT|PTDTNT|Phổ\s+thông|Liên\s+cấp)"
    r"(?:\s+(?:[A-ZĐÀ-Ỹ][\wÀ-ỹ]*|\d+))+)"
))


def parse_plan(text: str) -> ParsedPlan:
    """Extract every field we can from a plan's text (:func:`tidy` first; spans are in ``ParsedPlan.text``)."""
    text = tidy(text)
    L = Lines(text)
    sections = header.sections(L)
    first_section_idx = sections[0][0] if sections else len(L.items)
    head = document_start(L, first_section_idx)
    number = place = issued = blank_year = None
    for i, off, part in header_parts(L, first_section_idx, head):
        if number is None and (m := NUMBER_RE.match(part) or PARTY_NUMBER_RE.match(part) or BARE_NUMBER_RE.fullmatch(part)):
            value = (m.group(1) + "/" + re.sub(r"\s+", "", m.group(2))) if m.re is not PARTY_NUMBER_RE \
                else re.sub(r"\s+", "", m.group(1))
            number = Extracted(value, L.source(i, off + m.start(), off + m.end()), 0.95)
            off, part = off + m.end(), part[m.end():]   # a place and date may follow on the same line
        if issued is None and not PLACE_DATE_RE.match(part) and re.search(
                r"(?i)ng[àa]y\s+\d{1,2}(?:\s+th[áa]ng(?:\s+\d{1,2}(?:\s+n[ăa]m)?)?)?\s*$", part) \
                and (nxt := next(L.nonblank(i + 1, first_section_idx), None)) is not None \
                and (year := re.match(r"(?i)\s*(?:(?:th[áa]ng\s+)?\d{1,2}\s+)?(?:n[ăa]m\s+)?20\d\d\b", L.line(nxt))):
            # "…, ngày 20 tháng 11" / "năm 2026", "… năm" / "2026", "…, ngày 18" / "tháng 11 năm 2025"
            part = part.rstrip() + " " + year.group(0).strip()
        if issued is None and (m := PLACE_DATE_RE.match(part)):
            if d := date_of(m):
                issued = Extracted(d, L.source(i, off + m.start("d"), off + m.end("y")), 0.95)
                place = Extracted(m.group("place").strip(), L.source(i, off + m.start("place"), off + m.end("place")), 0.85)
    if place is None:   # "Sìn Hồ, ngày      tháng 9 năm 2026": a day left blank until signing, the place is there
        for i, off, part in header_parts(L, first_section_idx, head):
            if m := _BLANK_DAY_RE.match(part):
                place = Extracted(m.group("place").strip(), L.source(i, off + m.start("place"), off + m.end("place")), 0.8)
                # its month and year are written: the year still tells past school years from the plan's own
                blank_year = int(y.group(1)) if (y := re.match(r"(?i)[\s.…_]*(?:th[áa]ng\s*)?\d{1,2}\s*(?:n[ăa]m|/)\s*(20\d\d)\b",
                                                      L.line(i)[off + m.end():])) else None
                break
    title, title_idx, title_end = header.title(L, first_section_idx, head)
    header_end = title_idx if title_idx is not None else first_section_idx
    joint = header.joint(L, header_end, head, title_idx, title)
    superior, issuer = bodies(L, header_end, head, joint)
    legal: list[Extracted[str]] = []
    start = (title_end + 1) if title_end is not None else 0
    for i in L.nonblank(start, first_section_idx):
        f = L.fline(i).strip()
        if _LEGAL_RE.match(f):
            value = re.sub(r"^[-+•*–]\s*", "", L.line(i).strip())
            legal.append(Extracted(value, L.source(i), 0.9 if f.startswith(("can cu", "- can cu")) else 0.75))
    school = None
    for i in L.nonblank(0, len(L.items)):
        if m := _SCHOOL_RE.search(L.line(i)):
            name = re.sub(r"\s+", " ", m.group(0)).strip()
            school = Extracted(name, L.source(i, m.start(), m.end()), 0.8)
            break
    if issuer is None and school is not None:
        issuer = Extracted(school.value, school.source, 0.6)   # no header block: the school the text names
    appendix, targets_appendix = header.appendix(L)
    partnered = joint and issuer is not None and not PARTNER_RE.match(fold(issuer.value))
    recipients, signer_title, signer, end_body = closing(L, mail_tail(L, sections, appendix), partnered=partnered)
    if signer is None and title_end is not None:
        # a deck's title slide or a speech's head names its speaker under the subject: "Người trình bày: …
        # - Hiệu trưởng"
        for i in list(L.nonblank(title_end + 1, len(L.items)))[:3]:
            if m := SPEAKER_RE.match(L.fline(i)):
                signer_title = Extracted(L.line(i)[m.start("post"):m.end("post")].strip(), L.source(i, m.start("post"), m.end("post")), 0.7)
                signer = Extracted(L.line(i)[m.start("name"):m.end("name")].strip(), L.source(i, m.start("name"), m.end("name")), 0.7)
                break
    if issued is None:
        # a tham luận or a speech dates itself at its close, over the speaker's block
        for i in reversed(list(L.nonblank(0, len(L.items)))[-8:]):
            if (m := PLACE_DATE_RE.match(L.line(i))) and (d := date_of(m)):
                issued = Extracted(d, L.source(i, m.start("d"), m.end("y")), 0.8)
                place = Extracted(m.group("place").strip(), L.source(i, m.start("place"), m.end("place")), 0.8)
                break
    if sections and end_body <= sections[0][0]:
        # "QUYẾT ĐỊNH … Điều 1. Ban hành kèm theo Quyết định này Kế hoạch …": the decision's recipients and
        # signature close the decision; the plan attached after it runs to its own closing
        end_body = closing(L, appendix, start=sections[0][0])[3]
    parsed_sections = []
    for n, (idx, numeral, heading, key, conf) in enumerate(sections):
        stop = sections[n + 1][0] if n + 1 < len(sections) else end_body
        body_lines = [L.line(j) for j in range(idx + 1, stop)]
        body = "\n".join(body_lines).strip()
        src_start = L.source(idx).start
        src_end = L.source(stop - 1).end if stop - 1 > idx else L.source(idx).end
        parsed_sections.append(ParsedSection(key, numeral, heading, body, Source(L.items[idx][0], src_start, max(src_start, src_end)), conf))
    if appendix is None:
        appendix = targets_appendix = body_appendix(L, sections, end_body)
    plan_horizon = (title_horizon(title.value) if title else None) or year_in_course(L, issued)
    plan_due = resolution_horizon(title.value) if title else None
    targets = extract_targets(text, _lines=L, _sections=sections, _end=end_body,
                              _appendix=targets_appendix,
                              plan_year=issued.value.year if issued else blank_year,
                              plan_month=issued.value.month if issued else None,
                              plan_horizon=plan_horizon,
                              plan_period=title_period_end(title.value) if title else None, plan_due=plan_due,
                              own_kind=unit_key(issuer.value)[0] if issuer else None)
    # a target neither its clause, its line, its part nor a table gives a year is due when the plan as a whole is: by
    # the school year or the year its subject names, else by 2030 where it carries out Resolution 71
    if title and (due := plan_horizon or plan_due) and not (issued and due < issued.value.year):
        targets = [replace(t, horizon=Extracted(date(due, 12, 31), title.source, 0.4)) if t.horizon.value is None else t
                   for t in targets]
    return ParsedPlan(
        text=text, number_symbol=number, place=place, issued_on=issued, title=title, school_name=school,
        issuer=issuer, superior=superior, legal_bases=legal, sections=parsed_sections, recipients=recipients,
        signer_title=signer_title, signer=signer, targets=targets,
    )


# A school-year plan's section on carrying out the Resolution ("III. THỰC HIỆN NGHỊ QUYẾT 71-NQ/TW", "PHẦN III. TRIỂN
# KHAI NGHỊ QUYẾT SỐ 71-NQ/TW ĐẾN NĂM 2030"): the figures the school sets itself under it, as section II does (not its
# results: "KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT" describes)
_RESOLUTION_PART_RE = re.compile(r"\s*(?:(?:trien khai\s+)?thuc hien|trien khai) nghi quyet\b")

# a plan's key tasks ("II. CÁC NHIỆM VỤ TRỌNG TÂM", "II. NHIỆM VỤ CHỦ YẾU NĂM HỌC 2026 - 2027")
_KEY_TASKS_RE = re.compile(r"\s*(?:cac\s+)?nhiem vu\s+(?:trong tam|chu yeu)\b")

# a clause that opens on its share, under the item's mark, its bound the only word before it
_SHARE_LED_RE = re.compile(r"\s*(?:(?:\d{1,2}|[a-zđ])\s*[.)]\s*|[-+•*–]\s*)?(?:(?:it nhat|toi thieu|tren|hon|khong duoi)\s+)?")

# "trước khi kết thúc giai đoạn", "đến cuối giai đoạn", "hết giai đoạn": by the end of the plan's period
_PERIOD_END_RE = re.compile(r"\b(?:ket thuc|cuoi|het)\s+giai doan\b(?!\s+20\d\d)")

# "(tăng) từ 40% lên 60%", "(giảm) từ 8% xuống 5%": the first figure is the baseline
_BASELINE_RE = re.compile(r"\btu\s*$")

# "… lên 60%", "… năm 2025 lên 80%", "… (năm học 2024 - 2025) xuống 3%", "… năm học trước lên 78%"
_RISE_TO_RE = re.compile(r"\s*(?:\(?\s*(?:vao\s+|trong\s+|cua\s+)?nam(?:\s+hoc)?\s+(?:(?:20\d\d\s*[-–]\s*)?20\d\d|truoc|qua|vua qua)\s*\)?\s*)?"
                         r"(?:(?:nang|tang|giam|ha|dieu chinh)\s+)?(?:len|xuong)(?:\s+(?:con|muc|duoi|tren|khong qua|it nhat|toi thieu|khoang))*\s+\d")

# "không có xã, phường nào (đạt) dưới 55%", "không để trường nào có tỷ lệ bỏ học trên 1%": a bound on every one,
# the other side of the figure
# "không có lớp trên 40 học sinh" (no class above 40: at most 40) says it without "nào", "không lớp nào vượt quá 35
# học sinh" without "có", "không còn lớp tiểu học có sĩ số trên 40 học sinh" with the classes named at some length
# ("không có xã, phường đạt dưới 70%": the bodies may be a list; "không có xã, phường nào có tỷ lệ người trong độ tuổi
# hoàn thành cấp THPT và tương đương dưới 60%": the measure named at length between them; "không để tỷ lệ trẻ suy dinh
# dưỡng thể thấp còi vượt quá 6%": what it does not let happen, named at length)
_NONE_BELOW_RE = re.compile(r"\bkhong (?:(?:co|de|con)\b(?:[^;.%]{0,60}\bnao\b[^;.%\d]{0,80}"
                            r"|(?:[^;.,%\d]|, (?=(?:xa|phuong|thi tran|truong|lop|nhom|co so)\b)){0,40})"
                            r"|de\b[^;.,%\d]{0,80}|(?:[a-z]+ ){1,3}nao\b[^;.%\d]{0,40})$")
_FLIPPED = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "=": "="}

# "… và ít nhất": a second count joined to the one before it with a bound of its own, its own target; so is one
# the first serves ("mở ít nhất 10 lớp … cho ít nhất 300 lượt người")
_AND_BOUND_RE = re.compile(r"\b(?:va|cho)\s+(?:it nhat|toi thieu|khong duoi|khong it hon|toi da|khong qua)\s*$")

# "THCS, THPT", "tiểu học và THCS", "trường mầm non, phổ thông"
_LEVEL_LIST_RE = re.compile(r"\s*(?:,|\bva\b)\s*(?=(?:" + LEVEL_WORDS + r"|pho thong)\b)")

# "sáp nhập các điểm lẻ dưới 5 học sinh/lớp", "ưu tiên điểm trường lẻ có dưới 3 lớp", "(… thôn, buôn có dưới 10
# trẻ)": a bound right after sites or hamlets (their school levels may be named between) says which ones are meant,
# the object of a task or a condition, no target
_SITES_BOUND_RE = re.compile(r"\b(?:diem (?:truong )?le|diem truong|thon|buon|ap|xom|soc)"
                             r"(?:\s+(?:" + LEVEL_WORDS + r")(?:\s*(?:,|\bva\b)\s*(?:" + LEVEL_WORDS + r"))*)?"
                             r"\s+(?:co\s+)?(?:tren|duoi|it hon|nhieu hon)\s*$")

# An amending plan's part names the part of the earlier plan it amends, whose heading (often in brackets) gives the
# horizon of the targets it restates: "1. Sửa đổi khoản 3 Mục II (Mục tiêu đến năm 2030)", "2. Bổ sung điểm e khoản 2
# (năm học 2026 - 2027)", "b) Điều chỉnh chỉ tiêu đến năm 2030:"
_AMENDING_LINE_RE = re.compile(r"^\s*(?:\d+(?:\.\d+)*\s*[.)]|[a-zđ]\s*[.)])\s*(?:sua doi|bo sung|dieu chinh|thay the)\b")

# "Năm 2026: …", "+ Đến năm 2030: …": the year governs the line and the lines after it
# "+ Năm học 2026-2027: …" and "- Trong năm học 2026 - 2027: …" are due at that school year's end
# A line that opens on a pledge or a period or a year and lists what it sets after a colon: "1. Nhà trường phấn đấu:
# …", "Giai đoạn 2026 - 2030: …", "- Đến năm 2030: …" (the period's or year's end in group 1)
# ("1. Năm học 2026 - 2027: 100% giáo viên …": a school year ahead opens it too; "- Năm 2028: xây 04 phòng học" among
# the tasks is a step of work)
_PLEDGE_LINE_RE = re.compile(r"^\s*(?:\d+(?:\.\d+)*\s*[.)]|[a-z]\s*\)|[-+•*–])?\s*(?:[^:;.]{0,80}\bphan dau\s*:|(?:giai doan\s+20\d\d\s*[-–]\s*"
                             r"|(?:den|trong)\s+(?:het\s+|cuoi\s+)?nam(?:\s+hoc)?\s+(?:20\d\d\s*[-–]\s*)?|nam\s+hoc\s+20\d\d\s*[-–]\s*)(20\d\d)\s*:)\s*\S")

# … and a numbered part's heading that is only a year ("2. Đến năm 2030:") sets the items under it, as its line would
_PLEDGE_HEAD_RE = re.compile(r"^\s*(?:\d+(?:\.\d+)*\s*[.)]|[a-z]\s*\))\s*(?:(?:den|trong)\s+(?:het\s+|cuoi\s+)?nam(?:\s+hoc)?\s+"
                             r"(?:20\d\d\s*[-–]\s*)?|nam\s+hoc\s+20\d\d\s*[-–]\s*)(20\d\d)\s*:\s*$")

# ("a) Giai đoạn 2026 - 2028: …": a project's phase, due at its end, every clause of the line; "+ 2028: trường đạt
# kiểm định cấp độ 3": a roadmap's step, its year alone after the item's mark)
_HORIZON_PREFIX_RE = re.compile(
    r"^\s*(?:[-+•*–]\s*|\d+\s*[.)]\s*)?(?:(?:chi tieu|muc tieu)\s+(?:phan dau\s+)?)?(?:(?:den|trong)\s+(?:het\s+|cuoi\s+)?)?"
    r"(?:nam(?:\s+hoc)?\s+(?:20\d\d\s*[-–]\s*)?|(?:[a-z]\s*\)\s*)?giai doan\s+20\d\d\s*[-–]\s*|(?<=[-+•*–] )|(?<=[-+•*–]))(20\d\d)\s*:")
_THAT_IS_BOUND_RE = re.compile(r"\b(khong qua|toi da|khong duoi|khong it hon|it nhat|toi thieu|tren|duoi)\s+(?:[a-z]+\s+){0,3}[a-z]+"
                               r"\s*,?\s*(?:tuc|tuc la|nghia la)\s*$")

# a request to a body above ("đề nghị Sở …", "kính đề nghị UBND phường …")
_ASKED_OF = r"(?:de nghi|kien nghi|de xuat)\s+(?:ubnd|uy ban|so|phong(?!\s+hoc)|bo(?!\s+sung)|cap tren)"   # ("bổ sung")

# what is done already, its verb right before the figure ("Chúng tôi đã thành lập 3 câu lạc bộ"; read on the letters
# as written: "đã" folds as "đa", "tối đa" does)
# (not a figure assigned, set or registered, "chỉ tiêu đã giao không quá 40 học sinh/lớp", nor one a bound word leads)
_DONE_RE = re.compile(r"(?i:\bđã(?!\s+(?:được\s+)?(?:giao|đề ra|đặt ra|đăng ký)\b)(?:\s+(?!(?:không|tối|ít|trên|dưới|từ)\b)"
                      r"[^\W\d_]+){1,3}\s*)$")

# "Năm học 2026 - 2027 nhà trường có 15 lớp …": the make-up a body has in the year, stated (a target says what it will
# reach, not what it has)
_MAKEUP_RE = re.compile(r"nam(?: hoc)? 20\d\d(?:\s*[-–]\s*20\d\d)?\s*,?\s*(?:nha truong|truong|trung tam|don vi"
                        r"|toan (?:truong|xa|phuong|tinh|thanh pho|nganh))\s+(?:hien\s+)?co\b")

# A change measured against a time before ("tăng 10% so với năm 2025", "tăng 0,3 điểm so với năm học trước", "tỷ lệ
# trẻ béo phì giảm 0,5% so với đầu năm học"): the figure is the change to make, the time named after it the base and
# not a past result
_RELATIVE_CHANGE_RE = re.compile(r"\b(?:tang|giam)(?:\s+them)?\s*$")

# "… tăng 5% so với năm học trước (tức là không dưới 40 giải)": a bracket that says what a change comes to; the
# figure inside it is the target, the change the way there
_THAT_IS = r"\(\s*(?:tuc la|nghia la|tuong duong(?: voi)?)\b"
_THAT_IS_OPEN_RE = re.compile(_THAT_IS + r"[^()]*$")
_THAT_IS_AFTER_RE = re.compile(r"\s*so voi\b[^()%;]*" + _THAT_IS)

# "…, trong đó …": a part of the whole just given, with a figure of its own
_PART_OF_RE = re.compile(r"\btrong do\b")

# A figure's clause closed before what follows: a comma right after it or its bound ("từ 70% trở lên, …"), or a comma
# before a new clause's yearly time ("…, mỗi năm có …", "…, hằng năm …") or its own subject, each of them ("100% học
# sinh tham gia …, mỗi giáo viên thực hiện không dưới 2 bài dạy STEM")
_CLAUSE_CLOSED_RE = re.compile(r"\s*(?:tro (?:len|xuong)\s*)?,|[^,;]*,\s*(?:moi|hang)\s+(?:nam|thang|tuan)\b"
                               r"|[^,;]*,\s*moi\s+(?:giao vien|hoc sinh|can bo|tre)\b")

# ("I. ĐÁNH GIÁ CHUNG NĂM HỌC 2025 - 2026": the year gone by, assessed)
_STATUS_SECTION_RE = re.compile(r"\b(?:tinh hinh|thuc trang|dac diem|ket qua|su can thiet|danh gia chung)\b"
                                r"(?![^,;]*\b(?:du kien|can dat)\b)")

# A section of requests ("III. ĐỀ XUẤT, KIẾN NGHỊ"): what others are asked to fund or staff ("xây 02 phòng học", "bổ
# sung 01 biên chế") is no target of the plan's own.
_REQUEST_SECTION_RE = re.compile(r"(?:de xuat|kien nghi|de nghi)\b")

# A numbered part or a labelled line on the situation, inside a plan without Roman sections or under one: "1. Đặc
# điểm: nhà trường hiện có …", "2.1. Thực trạng", "Kết quả năm học 2024 - 2025: …" (not "Kết quả cần đạt"), "1. Đánh giá
# chung" (a conclusion's assessment of the year gone by), "1. Đánh giá kết quả năm học 2025 - 2026" (a meeting's first part)
_STATUS_PART_RE = re.compile(r"^\s*(?:(?:\d+(?:\.\d+)*|[a-z])\s*[.)]\s*)?(?:[-+•*–]\s*)?"
                             r"(?:dac diem|thuc trang|tinh hinh|hien trang|ket qua (?:nam hoc|thuc hien|dat duoc)|danh gia (?:chung|ket qua))\b"
                             # a resolution's article on the year gone by: "Điều 1. Thống nhất đánh giá kết quả …"
                             r"|^\s*dieu\s+\d+\s*[.:]\s*(?:thong nhat\s+)?danh gia\s+ket qua\b")

# What a meeting's minutes record of its attendance and its vote, never a target: the share of votes for
# ("45/47 đồng ý, đạt 95,7%", "các đại biểu nhất trí 100%"), those present, summoned or away ("có mặt 44/46 (vắng 02"),
# and those against ("02 không đồng ý"); a colon after the vote opens what it passed ("Hội nghị nhất trí: …")
_VOTE_BEFORE_RE = re.compile(r"(?:\b(?:dong y|tan thanh|nhat tri|bieu quyet)\b[^;:]{0,30}|\b(?:co mat|trieu tap|vang(?: mat)?)\s*\(?\s*)$")

# A record's account of its own occasion ("Hôm nay, ngày 29/9/2026, tại …, 03 trường … cùng ký kết giao ước"), and the
# copies a record or a compact is made in ("Giao ước được lập thành 04 bản, mỗi trường giữ 01 bản"): no targets
_RECORDED_TODAY_RE = re.compile(r"\s*(?:[-+•*–]\s*)?hom nay\b")

# A form's field naming the unit that fills it in ("Đơn vị: Trường THCS … Quy mô: 18 lớp"; not "Đơn vị tính: %")
_FORM_UNIT_FIELD_RE = re.compile(r"\s*don vi\s*:")

# What a higher body assigns, quoted before what the plan's own body takes on in the same line: "Sở giao 315 học viên;
# Trung tâm cam kết tuyển sinh tối thiểu 330 học viên"
_OTHERS_ASSIGNMENT_RE = re.compile(r"\b(?:so|phong|huyen|tinh|xa|phuong|thanh pho|cap tren)\s+giao\s*(?:chi tieu\s*)?$")
_OWN_PLEDGE_RE = re.compile(r"\b(?:cam ket|dang ky|phan dau)\b")
_COPIES_RE = re.compile(r"\blap thanh\s+\d{1,2}\s+ban\b")
_VOTE_AFTER_RE = re.compile(r"\s*(?:phieu\s+)?(?:khong dong y|khong tan thanh|y kien (?:khac|de nghi|de xuat|khong)\b)\b")

# A member speaking in a meeting's discussion, named: "Ông Lê Văn An (tổ Toán) đề nghị …", "Tổ Nhà trẻ đề xuất …",
# "Đ/c Bí thư Đảng ủy phát biểu: …"
_PROPOSER_RE = re.compile(r"\s*(?:[-+•*–]\s*)?(?P<who>ong|ba|co|thay|d/c|dong chi|to)\s+(?P<name>\w)[^;]{0,80}?"
                          r"\b(?:de nghi|de xuat|cho rang|kien nghi|phat bieu)\b")
_AGREED_RE = re.compile(r"\b(?:hoi nghi|hoi dong|chu toa|chu tri)\s+(?:nhat tri|thong nhat|dong y|chap thuan)\b")

# A meeting's proceedings under its record's "II. NỘI DUNG" ("Nội dung hội nghị", "Nội dung cuộc họp")
_PROCEEDINGS_RE = re.compile(r"\s*noi dung(?:\s+(?:hoi nghi|cuoc hop|buoi hop|phien hop|ky hop))?\s*")

# A meeting's part on its members' views of the draft: "3. Thảo luận", "3. Tham luận, thảo luận", "3. Ý kiến của các
# trường", "3. Góp ý"
_VIEWS = r"tham luan|thao luan|gop y|y kien"
_VIEWS_PART_RE = re.compile(rf"(?:y kien\s+)?(?:{_VIEWS})\b")

# A meeting's parts on the draft read out before them: the debate and what the chair concluded
_DEBATE_PART_RE = re.compile(rf"(?:y kien\s+)?(?:{_VIEWS}|ket luan|bieu quyet)\b")

# A figure the minutes give as the draft's, before the one the meeting set: "dự thảo 98%", "dự thảo đề ra 55%", "dự thảo
# trình Hội nghị là 75%", a council's "(Tờ trình số 215/TTr-UBND đề xuất 30%, …)" (not "thông qua dự thảo: …", whose
# figures are adopted)
_DRAFT_FIGURE_RE = re.compile(r"(?:\bdu thao\s+(?:(?:de ra|de xuat|neu|ghi|trinh(?:\s+(?:hoi nghi|hoi dong|ky hop))?)\s+)?"
                              r"|\bto trinh\b[^;()]{0,60}?\bde (?:xuat|nghi)\s+)(?:la\s+)?(?:muc\s+)?$")

# A resolution's article ("Điều 2. …"): a part of its own, as a numbered part is
_ARTICLE_RE = re.compile(r"^\s*dieu\s+\d+\s*[.:]\s+\S")

# A part that quotes the targets a higher body set, before the plan's own drawn from them: "Mục tiêu của tỉnh đến năm
# 2030", "Chỉ tiêu chung của thành phố", "Mục tiêu Nghị quyết 71 đặt ra (trích …)"
_QUOTED_PART_RE = re.compile(r"(?:cac\s+)?(?:muc tieu|chi tieu)\s+(?:chung\s+)?(?:cua\s+)?(?:tinh|thanh pho|huyen|bo|trung uong"
                             r"|ca nuoc|toan quoc|nghi quyet)\b(?!\s+(?:ve|trong|tai)\b)|.*\(\s*trich\b")
_GOAL_PART = r"^\s*(?:(?:\d+(?:\.\d+)*|[a-z]|[ivx]{1,4})\s*[.)]\s*)?(?:cac\s+)?"
_GENERAL_GOAL_RE = re.compile(_GOAL_PART + r"muc tieu (?:chung|tong quat)\b")
_SPECIFIC_GOALS_RE = re.compile(_GOAL_PART + r"(?:muc tieu|chi tieu)(?: va chi tieu)? cu the\b")

# "2. Chỉ tiêu năm học 2026 - 2027" / "3. Chỉ tiêu đến năm 2030": parts that set the figures stage by stage, as "Mục tiêu
# cụ thể" does
_STAGED_TARGETS_RE = re.compile(r"^\s*\d+(?:\.\d+)*\s*[.)]\s*(?:cac\s+)?chi tieu\b[^%\d]{0,40}\b20\d\d\b[^%]{0,20}$")

# whom a share counts, named right after it: "80% giáo viên …", "70% học sinh …" (its clause's own subject)
_OWN_SUBJECT_RE = re.compile(r"\s*%?\s*(?:(?:can bo(?: quan ly)?|giao vien|nhan vien|hoc sinh|hs|hoc vien|tre(?: em)?|truong"
                             r"|lop|co so giao duc|phong hoc|cha me hoc sinh)\b)")

# a line that leaves its figures to the items under it with their comparator: "… đạt ít nhất:", "… không dưới:"
# "trên"/"dưới" bound a figure only after the verb that gives it ("… đạt trên:"); after a noun they point back or on
# ("Ngoài các chỉ tiêu trên:": besides the targets above)
_LEAD_CMP_RE = re.compile(r"((?:\b(?:it nhat|toi thieu|khong duoi|khong thap hon|khong it hon|(?:dat|la|chiem|o muc)\s+(?:tren|duoi)"
                          r"|khong qua|khong vuot qua|toi da)|[≥≤<>]=?))\s*:\s*$")

# What a level is of, alone between a comma and it, abbreviated or not: accreditation, the national standard, universal
# education and literacy (", KĐCL cấp độ 3", ", CQG mức độ 2", ", PCGD TH mức độ 3"; not "100% xã, phường duy trì phổ
# cập giáo dục THCS mức độ 2", whose comma lists whom the share counts)
_OWN_LEVEL_RE = re.compile(r",\s*(?:kiem dinh(?: chat luong)?(?: giao duc)?|kdcl|(?:dat\s+)?chuan quoc gia|cqg"
                           r"|(?:pho cap|pcgd)(?:\s+[a-z]+){0,4}|xoa mu chu|xmc)\s*$")

# … or a clause of its own after the figure's, joined by a comma or "và", whose verb attains the standard: "có 6 phòng
# học bộ môn đạt chuẩn, được công nhận đạt chuẩn quốc gia mức độ 2", "… và đến năm 2030 xã đạt chuẩn phổ cập giáo dục
# THCS mức độ 3" (not "100% xã, phường đạt chuẩn …", "60% trường mầm non, phổ thông đạt chuẩn …": a comma that lists
# whom the figure counts)
_LEVEL_CLAUSE_RE = re.compile(r"[^;]*?[a-z]+\s+[a-z]+[^,;\d]*?(?:,|\bva\b)\s*(?!(?:" + LEVEL_WORDS + r"|pho thong)\b)"
                              r"(?:(?:[a-z]+|20\d\d)\s+){0,5}?"
                              r"(?:duoc\s+)?(?:cong nhan(?:\s+lai)?\s+)?dat\s+(?:chuan quoc gia|(?:chuan\s+)?pho cap(?:\s+[a-z]+){0,4}"
                              r"|kiem dinh(?:\s+[a-z]+){0,3})\s*$")
_SUB_ITEM_RE = re.compile(r"^\s*(?:[-+•*–]|[a-zđ]\s*\))\s")
_MONTH_NO_YEAR_RE = re.compile(r"\b(?:ngay\s+)?(?:trong|truoc|den het)\s+thang\s+(\d{1,2})\b(?!\s*(?:/|nam\b|[-–]))")

# a year that closes a clause opened by its share: "100% giáo viên đạt chuẩn trình độ đào tạo năm 2027." (its deadline;
# not the base of a change, "so với năm 2025", nor the year a document or a start is named by)
_CLOSING_YEAR_RE = re.compile(r"\d\s*%(?:(?!\b(?:so voi|tu|nam hoc|chuong trinh|luat|thong tu|nghi dinh|nghi quyet|quyet dinh"
                              r"|ke hoach|de an|chi thi)\b)[^;:.!?()\d%|]){3,60}?\s(nam\s+(20\d\d))\s*(?=[.;]|$)")
_FROM_SCHOOL_YEAR_RE = re.compile(r"\btu\s+(nam hoc\s+20\d\d\s*[-–]\s*(20\d\d))\b")
_BY_YEAR_RE = re.compile(r"\bvao (?:cuoi )?nam (20\d\d)\b(?!\s*[-–])")
# a year right after a level its clause says is to be reached: "(Trường Tiểu học …:) đạt kiểm định chất lượng giáo dục
# cấp độ 3 năm 2027", when it is due
_LEVEL_YEAR_RE = re.compile(r"\s*nam\s+(20\d\d)\b(?!\s*[-–/])")
_PERIOD_RE = re.compile(r"\bgiai doan\s+20\d\d\s*[-–]\s*(20\d\d)\b")

# "trong năm học 2026 - 2027", "trong năm 2027": the year a figure is to be reached within (its end in group 1)
_WITHIN_YEAR_RE = re.compile(r"\btrong\s+nam(?:\s+hoc)?\s+(?:20\d\d\s*[-–]\s*)?(20\d\d)\b(?!\s*[-–])")

# a school year that opens a clause and a comma after it: "…: năm học 2026 - 2027, 100% trẻ 5 tuổi …", the figure due
# within it, as "trong năm học" says
_SCHOOL_YEAR_CLAUSE_RE = re.compile(r"(?:^|(?<=[:;])\s*)nam hoc\s+20\d\d\s*[-–]\s*(20\d\d)\s*,")

# a task's short name before its colon: "4. Chuyển đổi số: …", "2. Ngoại ngữ, tin học: …"
_TASK_NAME_RE = re.compile(r"[^\W\d_][^\d:;.()]{0,40}:\s*")

# a line labelled as targets: "Mục tiêu: …", "- Chỉ tiêu đến năm 2030: …"
_AIM_LABEL_RE = re.compile(r"\s*(?:[-+•*–]\s*)?(?:muc tieu|chi tieu)(?:\s+(?:den|toi)\s+(?:het\s+)?nam\s+20\d\d)?\s*:\s*\S")
_CAPTION_BOUND_RE = re.compile(r"(?:\s[-–]|\sla)\s+(?:si so\s+)?(khong qua|khong vuot qua|toi da|toi thieu|it nhat|khong duoi|duoi|tren)\b"
                               r"(?=[^\d;.]{0,40}$)")


def extract_targets(text: str, *, _lines: Lines | None = None, _sections=None, _end: int | None = None,
                    _appendix: int | None = None, plan_year: int | None = None, plan_horizon: int | None = None,
                    plan_period: int | None = None, own_kind: str | None = None,
                    plan_month: int | None = None, plan_due: int | None = None) -> list[ParsedTarget]:
    """Quantitative targets of a plan text.

    Inside section II (Mục tiêu) every quantity is taken, except baselines (a past school year's figure)
    and levels inside a target's wording ("100% học sinh đạt mức độ 2"); elsewhere only quantities whose
    indicator is recognised and whose comparator is written out ("ít nhất 90% …"), with lower confidence,
    and never in the opening or section I. With no section II the whole text is scanned as if it were
    one. The horizon of a quantity comes from its own clause ("đạt 10% vào năm 2026 và 20% vào năm
    2030"), else its sentence ("Đến năm 2030, …"), else a line prefix ("Năm 2026: …"), else the nearest
    grouping line before it (*Đến hết năm 2026*, *Mục tiêu đến năm 2030*, "… đến năm 2030 phấn đấu:"), else,
    in a table, its column ("Năm 2026 | Năm 2030"); outside section II the latest horizon of section II is
    assumed. ``plan_year`` (the year the plan was issued) tells past school years from future ones, and
    ``plan_month`` (its month) whether the school year ending that year was over by then;
    ``plan_horizon`` (the school year or year the plan's subject names) is the horizon of the targets that have
    none of their own, ``plan_period`` (the end of the period it names) that of those due by the period's end;
    ``plan_due`` (the Resolution's horizon a plan carrying it out is due by when its subject names no year) keeps a
    year past a semicolon to its own clause, as a heading's year does;
    ``own_kind``, the kind of body that issued it (:func:`unit_key`), which of a table's columns
    of an assignment and a registration is its own. Sections that describe the situation ("Đặc điểm tình hình", "Kết quả năm học 2024 -
    2025", "Thực trạng") set no targets.
    """
    L = _lines or Lines(tidy(text))
    sections = _sections if _sections is not None else _sections_of(L)
    end = _end if _end is not None else len(L.items)
    goal = next(((n, s) for n, s in enumerate(sections) if s[3] == "muc_tieu"), None) or next(
        # a section on the way ahead whose first part names the targets ("B. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM HỌC 2026 - 2027"
        # / "1. Các chỉ tiêu chủ yếu năm học 2026 - 2027"): the targets' section, as "II. MỤC TIÊU" is
        ((n, s) for n, s in enumerate(sections) if s[3] == "nhiem_vu_giai_phap" and not _STATUS_SECTION_RE.search(fold(s[2]))
         and (first := next(L.nonblank(s[0] + 1), None)) is not None
         and (part := TOP_PART_RE.match(L.fline(first))) and _GOAL_PART_RE.match(part.group(2))), None)
    later_goals: list[tuple[int, int]] = []   # sections of targets after a section of another kind
    inner_tasks: list[tuple[int, int]] = []   # a part on the tasks inside the targets' section
    joint_tasks: list[tuple[int, int]] = []   # such a part of a section named for both ("NHIỆM VỤ, CHỈ TIÊU VÀ GIẢI PHÁP")
    if goal is None:
        goal_range = (0, end)
    else:
        n, s = goal
        # the targets' section goes on through the sections right after it that set targets too: "III. LỘ TRÌNH ĐẾN
        # NĂM 2030" (a roadmap, "- Năm 2028: …" a line), "III. CÁC CHỈ TIÊU CỤ THỂ" after "II. MỤC TIÊU", "III. ĐỊNH
        # HƯỚNG ĐẾN NĂM 2030" or "III. ĐẾN NĂM 2030" (a later horizon's targets, after the school year's; a bracket may
        # say what they carry out: "(THỰC HIỆN NGHỊ QUYẾT 71-NQ/TW)")
        last = n
        while last + 1 < len(sections) and (sections[last + 1][3].startswith("muc_tieu") or re.match(
                r"lo trinh\b|(?:(?:dinh huong|tam nhin)\s+)?(?:den|toi)\s+(?:het\s+)?nam\s+20\d\d\s*(?:\([^()]*\)\s*)?$",
                fold(sections[last + 1][2]))
                or _RESOLUTION_PART_RE.match(fold(sections[last + 1][2]))):
            last += 1
        goal_range = (s[0] + 1, sections[last + 1][0] if last + 1 < len(sections) else end)
        # a numbered part on the tasks inside it ("4. Nhiệm vụ, giải pháp" after "2. Mục tiêu cụ thể") ends the
        # targets, as a section of its own ("III. NHIỆM VỤ, GIẢI PHÁP") would
        cut = next((k for k in L.nonblank(*goal_range) if _TASKS_PART_RE.match(L.fline(k))), None)
        # (unless a part naming the targets follows it: "II. NHIỆM VỤ VÀ CHỈ TIÊU" / "1. Nhiệm vụ trọng tâm" / "2. Chỉ
        # tiêu": the targets begin again there; so they do at a part carrying out the Resolution by a year, "3. Thực
        # hiện Nghị quyết 71-NQ/TW đến năm 2030", as at a section of its own)
        resume = cut is not None and next((k for k in L.nonblank(cut + 1, goal_range[1])
                                           if (part := TOP_PART_RE.match(L.fline(k))) and len(part.group(2)) <= 60
                                           and (_GOAL_PART_RE.match(part.group(2)) or _RESOLUTION_PART_RE.match(
                                               part.group(2)) and re.search(r"\b20\d\d\b", part.group(2)))), None)
        goal_end = goal_range[1]
        goal_range = (goal_range[0], cut if cut is not None else goal_end)
        # a plan may state its aim first and its figures after its tasks ("II. MỤC TIÊU CHUNG", "III. NHIỆM VỤ
        # TRỌNG TÂM", "IV. CÁC CHỈ TIÊU CỤ THỂ"): a later section named for targets sets them as section II does
        later_goals = [(t[0], sections[k + 1][0] if k + 1 < len(sections) else end)
                       for k, t in enumerate(sections) if k > last and (t[3].startswith("muc_tieu")
                       or _RESOLUTION_PART_RE.match(fold(t[2]))) and not _STATUS_SECTION_RE.search(fold(t[2]))]
        if resume:
            later_goals.append((resume - 1, goal_end))   # its heading too, which may give the part's year
        if cut is not None:
            inner_tasks.append((cut, resume or goal_end))
            if re.search(r"\bnhiem vu\b", fold(s[2])):
                joint_tasks.append(inner_tasks[-1])
        # a later section on tasks may give the figures a part of its own ("III. NHIỆM VỤ THỰC HIỆN NGHỊ QUYẾT 71" / "1.
        # Chỉ tiêu cụ thể", its table, then "2. Giải pháp"): that part sets targets as section II does
        for k, t in enumerate(sections):
            if k > last and t[3] == "nhiem_vu_giai_phap" and not _STATUS_SECTION_RE.search(fold(t[2])):
                stop = sections[k + 1][0] if k + 1 < len(sections) else end
                parts = [j for j in L.nonblank(t[0] + 1, stop) if TOP_PART_RE.match(L.fline(j))]
                later_goals += [(a, b) for a, b in zip(parts, parts[1:] + [stop])
                                if _GOAL_PART_RE.match(name := TOP_PART_RE.match(L.fline(a)).group(2)) and len(name) <= 60]
    later_goals += attached_tables(L, sections, end)
    heading_idx = {s[0] for s in sections}
    # a part on the situation ("PHẦN THỨ NHẤT. BỐI CẢNH VÀ THỰC TRẠNG") describes through all its sections, its
    # forecasts ("IV. Dự báo quy mô") too, up to the next part
    status = [(s[0], next((t[0] for t in sections[n + 1:] if not part or fold(t[1]).startswith("phan")), end))
              for n, s in enumerate(sections) if s[3] != "muc_tieu" and (
                  _STATUS_SECTION_RE.search(fold(s[2])) or _REQUEST_SECTION_RE.match(fold(s[2])))
              for part in [fold(s[1]).startswith("phan")]]
    # with no targets section, one on tasks ("II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026") is still read as outside it: the
    # counts of its tasks (02 hội nghị, 14 phòng học to build) are work to do, not targets
    # (a meeting's record, a section naming who attended, "I. THÀNH PHẦN": its "II. NỘI DUNG" is the proceedings, the
    # draft targets read out and those adopted, not the tasks of a plan; but where a section of its own states what the
    # meeting resolved, "III. NGHỊ QUYẾT HỘI NGHỊ", the proceedings before it are the reports and the debate, which
    # describe, as the attendance does)
    meeting = any(re.match(r"(?:thoi gian,\s*dia diem,\s*)?thanh phan\b", fold(s[2])) for s in sections)
    resolved = meeting and any(re.match(r"(?:nghi quyet|ket luan|ket qua bieu quyet)\b", fold(s[2])) for s in sections)
    proceedings = [(s[0], sections[n + 1][0] if n + 1 < len(sections) else end) for n, s in enumerate(sections)
                   if meeting and (_PROCEEDINGS_RE.fullmatch(fold(s[2])) or re.match(r"(?:thoi gian,\s*dia diem,\s*)?thanh phan\b", fold(s[2])))]
    if resolved:
        status += proceedings
    # (but a school year's plan with no section of targets sets the year's figures under its key tasks: "II. CÁC NHIỆM
    # VỤ TRỌNG TÂM" / "1. Huy động trẻ: trẻ nhà trẻ ra lớp đạt 45%" is what the year is to reach)
    tasks = [] if goal is not None else [(s[0], sections[n + 1][0] if n + 1 < len(sections) else end)
                                         for n, s in enumerate(sections) if s[3] == "nhiem_vu_giai_phap"
                                         and not any(a == s[0] for a, _ in proceedings)
                                         and not (plan_horizon and _KEY_TASKS_RE.match(fold(s[2])))]
    opening = [s[0] for s in sections if s[3] != "muc_dich_yeu_cau"]   # where the body outside II begins
    # (a part on the tasks cut from the targets' section is one too: "PHẦN II. NHIỆM VỤ, CHỈ TIÊU VÀ GIẢI PHÁP" / "A.
    # Chỉ tiêu" / "B. Nhiệm vụ và giải pháp")
    task_parts = [(s[0], sections[k + 1][0] if k + 1 < len(sections) else end)
                  for k, s in enumerate(sections) if s[3] == "nhiem_vu_giai_phap"] + inner_tasks
    body_start = opening[0] if opening else end
    if not sections and (part := _numbered_goal(L, end) or _goal_line(L, end)):
        goal, goal_range, body_start = part, part, part[0]
    units = tables.units(L, 0, end, own_kind)
    if _appendix is not None:   # an appendix after the signature is read as section II is, its heading's year too
        units = [u for u in units if u.idx < _appendix] + tables.units(L, _appendix, len(L.items) if _appendix >= end else end,
                                                                 own_kind)
    targets: list[ParsedTarget] = []
    horizon: tuple[int, int] | None = None   # (year, line idx)
    latest: int | None = None
    tabled: int | None = None   # the last horizon of the table just read, for the targets set beside it
    situation = False   # under a numbered part on the situation ("1. Thực trạng")
    debate = False   # under a meeting's numbered part on its debate ("3. Thảo luận", "3. Ý kiến của các trường")
    specific = any(_SPECIFIC_GOALS_RE.match(L.fline(k)) or _STAGED_TARGETS_RE.match(L.fline(k)) for k in L.nonblank(0, end))
    aim = False   # under "1. Mục tiêu chung": its prose may open on its horizon ("Đến năm 2030, xây dựng …")
    lead_cmp: tuple[str, tuple] | None = None   # the comparator a line ending "… ít nhất:" gives the items under it
    labelled: tuple[tuple[int, int] | None, tuple] | None = None   # (the horizon before, depth) of a year-labelled item
    shares_under = False   # under a heading that gives its items' figures as shares ("2. Chất lượng (%)")
    pledged: int | None = None   # outside section II, the year a part's own heading sets its items ("2. Đến năm 2030:")
    aimed: tuple[int, int] | None = None   # (year, line idx) of a part naming the targets' horizon ("1. Chỉ tiêu đến năm 2030")
    n = 0
    while n < len(units):
        u = units[n]
        n += 1
        i, line, fline = u.idx, u.line, u.fline
        in_goal = (goal_range[0] <= i < goal_range[1] and not any(a <= i < b for a, b in tasks)) \
            or any(a < i < b for a, b in later_goals) \
            or (_appendix is not None and i >= _appendix)
        if i in heading_idx:
            situation = aim = False
            if goal is not None and (goal_range[0] - 1 <= i < goal_range[1] or any(a == i for a, _ in later_goals)) \
                    and (year := horizon_of(fline, heading=True)):
                # "I. MỤC TIÊU ĐẾN NĂM 2030": the section's own horizon, and that of a section that goes on with the
                # targets ("III. ĐỊNH HƯỚNG ĐẾN NĂM 2030")
                horizon = (year, i)
                latest = max(latest or year, year)
            continue
        if in_goal and (table := revision_targets(L, units, n - 1, horizon[0] if horizon else None)
                        or table_targets(L, units, n - 1, horizon[0] if horizon else plan_horizon, plan_year, plan_month)
                        or spaced_year_rows(L, units, n - 1, plan_year, plan_month) or cells_year_rows(L, units, n - 1)):
            found, used = table
            targets += _due_after_issue(found, plan_year, horizon[0] if horizon else plan_period or plan_horizon)
            latest = max([latest or 0] + [t.horizon.value.year for t in found]) or None
            tabled = max((t.horizon.value.year for t in found if t.horizon.value), default=None)
            n += used - 1
            situation = situation and not found   # a table of targets read past the heading that ends a situation
            continue
        if n >= 2 and units[n - 2].idx == i - 1 and len(fline.strip()) > 20 and units[n - 2].fline.strip() == fline.strip():
            continue   # an item pasted twice, the copy on the next line: its targets are set once
        if plan_year and _AIM_LABEL_RE.match(fline) and any(int(y) >= plan_year for y in re.findall(r"\b(20\d\d)\b", fline)):
            # "Mục tiêu: năm 2027 đạt 60%; năm 2030 đạt 80%" under a chart of the years gone by, in a part on the
            # results: the targets the line is labelled as, each with its year
            in_goal, situation = True, False
        if not in_goal and goal is not None and i < body_start or (not in_goal or goal is None) and any(
                a <= i < b for a, b in status):
            continue   # the opening, section I and a section on the situation describe, they do not set targets
        if i in heading_idx or NUMBERED_HEADING_RE.match(line) and len(fline.strip()) <= 80:
            debate = bool(_VIEWS_PART_RE.match(LIST_MARK_RE.sub("", fline)))
            if debate:
                continue
        if debate and not _AGREED_RE.search(fline):
            continue   # what the members said of the draft, what they asked and what they were told, is no target yet
        if sections and i < sections[0][0] and re.match(r"\s*can cu\b", fline):
            continue   # the legal basis before the first section ("Căn cứ kết quả năm học 2025 - 2026: …") sets no targets
        if NOTE_RE.match(fline):
            # a note explains the targets ("chỉ tiêu 3 tính trên 21 trường"), a footnote under them what a mark points
            # at ("(*) Theo Thông tư số 32/2020/TT-BGDĐT, mỗi lớp có không quá 45 học sinh"): they set none
            continue
        if (part := _STATUS_PART_RE.match(fline)) and (":" in fline[part.end():part.end() + 60] or (
                NUMBERED_HEADING_RE.match(line) or _ARTICLE_RE.match(fline) or mostly_upper(line))
                and len(fline.strip()) <= 80):
            # "1. Đặc điểm: …" describes, on its line; "1. Thực trạng" heads lines that describe, up to the next part,
            # as "THỰC TRẠNG" does in capitals, its number lost (a list pasted out of Word)
            situation = ":" not in fline[part.end():part.end() + 60] or not fline[part.end():].split(":", 1)[1].strip()
            continue
        if plan_year and _past_title(line, fline, plan_year, plan_month):
            situation = True   # "Bức tranh giáo dục phường năm 2025": a slide on a year gone by describes it
            continue
        if NUMBERED_HEADING_RE.match(line) and len(fline.strip()) <= 160 and _QUOTED_PART_RE.match(LIST_MARK_RE.sub("", fline)):
            situation = True   # "1. Mục tiêu của tỉnh đến năm 2030 (trích Kế hoạch số 210/KH-UBND)": another's, quoted
            continue
        if (general := _GENERAL_GOAL_RE.match(fline)) and (specific or fline[general.end():].strip(" :.")):
            # "1. Mục tiêu chung" states the aim in words before "2. Mục tiêu cụ thể" sets its figures ("… xây dựng
            # nhà trường đạt chuẩn quốc gia mức độ 2", restated there with its year): the aim is no target; nor is
            # the aim on its own line where the parts after it are named otherwise ("2. Năm học 2026 - 2027")
            situation = aim = specific and not fline[general.end():].strip(" :.")
            continue
        if situation:
            # (a line that opens on a school year ended or a year gone by goes on describing: "1. Thực trạng" / "Năm
            # học 2024 - 2025, toàn xã có 14 trường …")
            past = PAST_YEAR_RE.match(LIST_MARK_RE.sub("", fline))
            # ("… với 525 học sinh thuộc" / "9 dân tộc …": a figure with no mark after it, opening the line after one
            # that ends no sentence, is the sentence wrapped, not a numbered part)
            wrapped = i > 0 and L.line(i - 1).strip() and re.match(r"\s*\d+\s+[^\W\d]", fline) \
                and not re.search(r"[.:;]\s*$", L.line(i - 1))
            if NUMBERED_HEADING_RE.match(line) and not wrapped or _ARTICLE_RE.match(fline) or _SPECIFIC_GOALS_RE.match(fline) \
                    or mostly_upper(line) and len(fline.strip()) <= 80 \
                    or HORIZON_LINE_RE.match(fline) and not (
                    past and plan_year and int(past.group(2) or past.group(3)) <= plan_year - (0 if past.group(2) else 1)
                    or _MAKEUP_RE.match(LIST_MARK_RE.sub("", fline))
                    or aim and len(fline.strip()) > 60):   # the aim's own sentence, not a stage's heading
                situation = aim = False
            else:
                continue
        qs = quantities(fline, line)
        if "☐" in line:
            # a form's tick boxes: what an item left unticked offers ("☐ Đăng ký … kiểm định cấp độ 3") is not taken on
            # (the box an item is in is the last one before its figure)
            qs = [q for q in qs if max((line.rfind(box, 0, q.start), box) for box in "☐☑☒")[1] != "☐"]
        if in_goal and unit_line(fline) == "%":
            shares_under = True
            continue
        shares_under = shares_under and bool(_SUB_ITEM_RE.match(line))
        if shares_under:
            qs = headed_shares(fline, qs)
        # outside section II, a line that opens on a pledge or a period ("Ngoài các chỉ tiêu tại bảng trên, nhà
        # trường phấn đấu: …", "2. Giai đoạn 2026 - 2030: …") lists targets, not tasks
        pledge = None if in_goal else _PLEDGE_LINE_RE.match(fline)
        if pledge and pledge.group(1) and school_year_over(pledge, plan_year, plan_month):
            pledge = None   # "Năm học 2025 - 2026: đạt 96%": a school year over, its results
        pledged = pledged if _SUB_ITEM_RE.match(line) else None
        if not in_goal and (head := _PLEDGE_HEAD_RE.match(fline)) and not school_year_over(head, plan_year, plan_month):
            pledged = int(head.group(1))
        zeros = _zeros(fline, line, in_goal)
        prefix = _HORIZON_PREFIX_RE.match(fline)
        if in_goal and labelled and not prefix and item_depth(line) <= labelled[1] and (
                LIST_MARK_RE.match(line) or line.lstrip()[:1].isupper() and horizon
                and not LIST_MARK_RE.match(L.line(horizon[1])) and re.search(r"[.!?]\s*$", units[n - 2].line)):
            # the next item beside a year-labelled one is back under the group's own year, and so is the next sentence
            # after a line of prose that a year labels ("Năm học 2026 - 2027: … 96%." / "Duy trì phổ cập …")
            horizon = labelled[0]
        group = labelled[0] if labelled and prefix else horizon   # a labelled item after another: the group's year
        before = labelled
        if prefix or not LIST_MARK_RE.match(line) or labelled and item_depth(line) <= labelled[1]:
            labelled = None
        if in_goal and prefix and fline[prefix.end():].strip() and school_year_over(prefix, plan_year, plan_month) \
                and not re.search(r"\b(?:phan dau|chi tieu|muc tieu|ke hoach)\b", fline):
            # "Năm học 2025 - 2026: 30 lớp, 1.046 học sinh; đạt 38 giải …" in a plan of September 2026: the school year
            # was over when the plan was issued, every figure of the line is its result, a baseline; "Năm học 2025 -
            # 2026: kết quả" heads the results of that year, the lines under it describe
            situation = bool(re.fullmatch(r"\s*(?:ket qua|thanh tich)(?:\s+(?:dat duoc|noi bat))?\s*", fline[prefix.end():]))
            continue
        if in_goal and prefix:
            if fline[prefix.end():].strip() and LIST_MARK_RE.match(line):
                # "- Năm 2027: 100% hồ sơ …" is one item labelled with its year, among items under "2. Giai đoạn 2026 -
                # 2030": the items after it beside it are the group's; a bare "Năm 2027:" heads the items under it
                labelled = (group, item_depth(line))
            elif fline[prefix.end():].strip() and (before or _opens_items(units, n - 2)):
                # "- Lộ trình chuyển đổi số:" / "Năm 2027: 100% hồ sơ …" / "Năm 2028: …": unmarked year-labelled lines
                # are the steps of the item they follow; the next item beside that one is back under the group's year
                labelled = before or (group, item_depth(units[n - 2].line))
            elif fline[prefix.end():].strip() and not fline.rstrip().endswith(":"):
                # "Năm 2028: xây xong 04 phòng học." holds its own targets on its line: the items after it ("- Tỷ lệ
                # trẻ ra lớp đạt 92% …") are the group's, not that year's, as beside a labelled item (any depth)
                labelled = (group, (len(line), len(ITEM_MARKS)))
            horizon = (int(prefix.group(1)), i)
            latest = max(latest or 0, horizon[0])
        if not qs and not zeros:
            lead_cmp = None
            if in_goal and (lead := _LEAD_CMP_RE.search(fline)):
                # "Tỷ lệ học sinh đạt mức Hoàn thành tốt ít nhất:" / "+ lớp 1, 2, 3: 45%": the items' comparator
                lead_cmp = (next(cmp for pat, cmp, _ in CMP_BEFORE if pat.search(lead.group(1))), item_depth(line))
        elif lead_cmp and not (_SUB_ITEM_RE.match(line) and item_depth(line) > lead_cmp[1]):
            lead_cmp = None   # the items under it are set deeper (indented, or another mark): "- … ít nhất:" / "+ …"
        if in_goal and not qs and not zeros:
            year = horizon_of(fline, heading=True)
            short = len(fline.strip()) <= 120
            if year and short and (HORIZON_LINE_RE.match(fline) or _AMENDING_LINE_RE.match(fline)):
                horizon = (year, i)
                if re.search(r"\b(?:chi tieu|muc tieu)\b", fline):
                    aimed = horizon
                latest = max(latest or year, year)
                # "b) Đến năm 2030" after "- Năm học 2026 - 2027: …" under "a) Đến hết năm 2026": a new group, whose
                # items are under its year, not back under the year the labelled item's group had
                labelled = None
            elif fline.rstrip().endswith(":") and (year := horizon_of(fline, heading=False)):
                horizon = (year, i)   # "Ngoài các chỉ tiêu trên, đến năm 2030 nhà trường phấn đấu:"
                latest = max(latest or year, year)
            elif short and NUMBERED_HEADING_RE.match(line) and not year and not re.search(r"\d", LIST_MARK_RE.sub("", fline)) \
                    and not (horizon and fline.rstrip().endswith(":") and _number_depth(line) > _number_depth(L.line(horizon[1]))) \
                    and not _DEBATE_PART_RE.match(LIST_MARK_RE.sub("", fline)):
                # "3. Các chỉ tiêu khác": a new group, its own years (a figure not read is no group); not "1.3. Tỷ lệ học
                # sinh tốt nghiệp:" under "1. Đến hết năm 2026", a point of that group opening its items; nor a meeting's
                # "3. Thảo luận" / "4. Kết luận của chủ tọa", which debate and settle the draft's targets, in its year
                horizon = tabled = None
            continue
        if not qs and not zeros:
            continue
        sentence = LIST_MARK_RE.sub("", line).strip()
        phrases = horizon_phrases(fline)
        if closing := [(m.start(1), int(m.group(2))) for m in _CLOSING_YEAR_RE.finditer(fline)
                       if not (plan_year and int(m.group(2)) < plan_year) and not any(abs(p - m.start(1)) <= 6 for p, _ in phrases)]:
            phrases = sorted(phrases + closing)
        if plan_year and plan_month and (this := [(m.start(), plan_year + (plan_month >= 8))
                                   for m in THIS_SCHOOL_YEAR_RE.finditer(fline)]):
            phrases = sorted(phrases + this)   # "Năm học này 100% …" after "đến 2030 …": the school year in course
        if plan_year and plan_month and (month := [(m.start(), plan_year + (int(m.group(1)) < plan_month))
                                                   for m in _MONTH_NO_YEAR_RE.finditer(fline) if 1 <= int(m.group(1)) <= 12]):
            # "… ngay trong tháng 9" said in September 2026: this month, in the plan's year (a month gone by, next year's)
            phrases = sorted(phrases + month)
        if dated := [(m.start(), int(m.group(1))) for m in MONTH_OF_YEAR_RE.finditer(fline)]:
            phrases = sorted(phrases + dated)   # the month's year, as "trong năm 2026" would give it
        sent = Extracted(sentence, Source(L.items[i][0], u.start + (len(line) - len(line.lstrip())),
                                          u.start + len(line.rstrip())), 1.0)
        unit_src = sent.source

        def horizon_for(year: int | None) -> Extracted[date | None]:
            if year and not (plan_year and year < plan_year):   # a year gone by is a baseline's: the horizon in force
                return Extracted(date(year, 12, 31), unit_src, 0.9)
            if in_goal and horizon:
                return Extracted(date(horizon[0], 12, 31), L.source(horizon[1]), 0.9)
            # outside section II, the plan's own horizon ("giai đoạn 2026 - 2030"), not a vision's beyond it that
            # section II reached last ("2.3. Định hướng đến năm 2035"); else the latest of section II
            if not in_goal and plan_horizon and latest and plan_horizon < latest:
                return Extracted(date(plan_horizon, 12, 31), unit_src, 0.5)
            if not in_goal and latest:
                return Extracted(date(latest, 12, 31), L.source(horizon[1]) if horizon else unit_src, 0.5)
            if in_goal and plan_horizon:
                return Extracted(date(plan_horizon, 12, 31), unit_src, 0.6)
            if in_goal and tabled:
                # "Ngoài ra: không dưới 95% học sinh …" under a table whose last column is "Đến năm 2030": the targets
                # added beside the table's are due when its last are
                return Extracted(date(tabled, 12, 31), unit_src, 0.5)
            if in_goal and aimed:
                # "1. Chỉ tiêu đến năm 2030" / "2. Trường lớp, đội ngũ": a part grouped by subject, after the part that
                # named the targets' horizon, is due by it (not after a bare stage, "1. Đến hết năm 2026", whose
                # siblings may be other stages)
                return Extracted(date(aimed[0], 12, 31), L.source(aimed[1]), 0.4)
            return Extracted(None, unit_src, 0.0)

        for (start, stop), code, unit in zeros:
            if _restated(fline, start):
                continue
            src = Source(L.items[i][0], u.start + start, u.start + stop)
            # "không còn lớp vượt sĩ số vào năm 2030": a year inside the zero's own clause is its own
            own = [y for p, y in phrases if start <= p < stop]
            # else its clause's, not the next sentence's ("…; không có học sinh phải học lại. Đến năm 2030, …"), nor that
            # of the clause after its comma or "và" ("đến năm 2028 có thêm 02 trường …, xóa hết phòng học tạm và đến năm
            # 2030 …": the deadline before it holds)
            lo = max(fline.rfind(";", 0, start), fline.rfind(". ", 0, start)) + 1
            hext = horizon_for(own[0] if own else quantity_horizon(phrases, Q(start, stop, "cnt", 0, unit), lo, stop, fline))
            targets.append(ParsedTarget(
                # "không có học sinh bỏ học" is the count to keep, none: "= 0", as any figure no word bounds
                Extracted(code, src, 0.9 if code else 0.3), Extracted("=", src, 0.9), Extracted(0.0, src, 0.9),
                Extracted(unit, src, 0.8), hext, sent, line[start:stop], src,
                min(0.8, hext.confidence if hext.value else 0.5),
            ))
        prev: tuple[Q, str, bool] | None = None
        for k, q in enumerate(qs):
            if not in_goal and TIME_SPENT_RE.search(fline, 0, q.end) and q.unit.endswith(("/ngày", "/tuần", "/tháng", "/năm")):
                continue   # "(giải pháp:) tăng thời gian vận động lên ít nhất 60 phút/ngày": a means, not a result
            lo, hi = clause_bounds(fline, line, qs, k)
            before, after = fline[lo:q.start], fline[q.end:hi]
            seg = max(fline.rfind(";", 0, q.start), fline.rfind(". ", 0, q.start)) + 1
            if _VOTE_BEFORE_RE.search(fline, seg, q.start) or _VOTE_AFTER_RE.match(fline, q.end):
                continue   # a meeting's attendance and vote ("có mặt 44/46, vắng 02", "43/44 tán thành, đạt 97,7%")
            if q.kind == "cnt" and q.unit in PEOPLE and re.search(r"\bcu\s+$", fline[seg:q.start]):
                continue   # "cử 02 giáo viên học nâng chuẩn": whom the unit sends to train, work to do, not a result
            if _RECORDED_TODAY_RE.match(fline, seg) or q.kind == "cnt" and _COPIES_RE.search(fline) \
                    and re.match(r"\s*ban\b", fline[q.end:]):
                continue   # a record's occasion ("Hôm nay, …, 03 trường … ký kết") and the copies the document is made in
            if _FORM_UNIT_FIELD_RE.match(fline):
                continue   # "Đơn vị: Trường Tiểu học … Quy mô: 17 lớp, 486 học sinh": the form's unit, as it is
            if _OTHERS_ASSIGNMENT_RE.search(fline, seg, q.start) and _OWN_PLEDGE_RE.search(fline, q.end):
                continue   # "Sở giao 315 học viên; Trung tâm cam kết tuyển sinh tối thiểu 330 …": the floor another set
            if ((said := _PROPOSER_RE.match(fline, seg)) and said.end() <= q.start
                    and line[said.start("who")].isupper() and line[said.start("name")].isupper()
                    or re.search(r"\by kien\s+(?:de nghi|de xuat|cho rang)\b", fline[seg:q.start])) \
                    and not _AGREED_RE.search(fline, q.end):
                # "Bà Lò Thị Hoa (tổ 2) đề nghị chỉ tiêu … là 90%", "02 ý kiến đề nghị giữ … 85%": members' proposals,
                # not what the meeting set (unless the meeting agreed to it on the spot: "…; Hội nghị nhất trí")
                continue
            if _DRAFT_FIGURE_RE.search(fline, seg, q.start):
                continue   # "dự thảo đề ra 75%, Hội nghị thống nhất nâng lên 78%": the draft's figure, which the meeting changed
            if re.search(r"\b(?:do|vi)\s+[^;,:]*$", fline[seg:q.start]) and re.match(r"[^;:%]*?,?\s+nen\b", fline[q.end:]):
                continue   # "do 02 lớp ở điểm lẻ chưa đủ giáo viên nên Hội nghị điều chỉnh còn 50%": the reason, not a target
            if (q.kind == "lvl" or q.bare) and any(p.kind != "lvl" and not p.bare and (p.kind == "pct" or not q.led)
                                                   and p.end <= q.start and p.start >= seg and not _CLAUSE_CLOSED_RE.match(fline, p.end, q.start)
                                                   and not (q.kind == "lvl" and (_OWN_LEVEL_RE.search(fline, p.end, q.start)
                                                                                 or _LEVEL_CLAUSE_RE.match(fline, p.end, q.start)))
                                                   and not (q.bare and (_PART_OF_RE.search(fline, p.end, q.start)
                                                                        or _THAT_IS_OPEN_RE.search(fline, p.end, q.start)
                                                                        or p.kind == "cnt" and _AND_BOUND_RE.search(fline[p.end:q.start])))
                                                   for p in qs):
                # "100% học sinh đạt mức độ 2", "100% lớp có ít nhất 01 máy tính": the level is wording; not a level
                # after a comma that names its own standard ("04 phòng học thông minh, KĐCL cấp độ 3"), nor after a
                # figure that closes its clause with a comma ("đạt 97%, mỗi khối tổ chức ít nhất 02 chủ đề", "từ 70%
                # trở lên, có ít nhất 05 tiến sĩ") or whose clause a comma and "mỗi năm" end ("100% học sinh tham gia
                # STEM, mỗi năm có ít nhất 01 dự án", "…, mỗi tuần ít nhất 3 bữa có thịt, cá"), nor a
                # part of the whole given after "trong đó" ("thạc sĩ đạt 60%, trong đó tiến sĩ ít nhất 8 người") nor
                # what a change comes to ("tăng 20% (tương đương 6.000 lượt)"), nor a second count set beside the first
                # with its own bound ("ít nhất 01 trường … và ít nhất 01 cơ sở …")
                continue
            if q.unit == "điểm phần trăm" and re.match(r"\s*so voi\b", fline[q.end:]) and any(
                    p.kind == "pct" and seg <= p.start and p.end <= q.start for p in qs):
                continue   # "trên 40% …, cao hơn 8 điểm phần trăm so với hiện nay": the share's rise, restated
            if q.unit == "điểm" and re.search(r"\bty le\b", fline[seg:q.start]) and any(
                    p.kind == "pct" and p.start >= q.end and re.fullmatch(r"\s*(?:tro (?:len|xuong)\s*)?(?:(?:dat|la)\s*)?:?\s*",
                                                                          fline[q.end:p.start]) for p in qs):
                continue   # "tỷ lệ học sinh đạt điểm trung bình từ 6,5 trở lên 65%": the mark says whom the share counts
            if q.kind == "cnt" and (said_before(fline, q) or any(pat.match(fline[q.end:]) for pat, _ in CMP_AFTER)) and any(
                    p.kind == "pct" and p.start >= seg and p.end <= q.start and not re.search(
                        r"[,;(]|\bva\b", _LEVEL_LIST_RE.sub(" ", fline[p.end:q.start])) for p in qs):
                # "70% trẻ … được học ở lớp có sĩ số không quá 30 trẻ", "100% trường THCS, THPT có ít nhất 02 phòng học
                # thông minh", "100% học sinh dự thi đạt từ 5,0 điểm trở lên": the bound says who the share counts (a
                # comma that lists school levels closes no clause)
                continue
            if q.kind == "cnt" and re.search(r"\b(?:voi|gom|cho)?\s*(?:khoang|chung|uoc tinh|du kien)\s*$", fline[:q.start]) \
                    and any(p.kind == "cnt" and seg <= p.start and p.end <= q.start for p in qs):
                continue   # "mở 06 lớp xóa mù chữ với khoảng 150 học viên": an estimate of what the count holds
            if q.kind == "cnt" and re.search(r"(?<!\bsi )\bso\s+(?:lop|lop hoc|nhom lop|truong|diem truong)\s+(?:co\s+)?(?:si so\s+)?"
                                             r"(?:tren|duoi|vuot|qua|hon|khong qua|tu)\s*$", fline[:q.start]):
                continue   # "không tăng số lớp có trên 40 học sinh": the bound defines the classes counted, it is no target
                # (but "sĩ số lớp không quá 45 học sinh" is the class size, "số lớp" only in the letters)
            if q.kind == "cnt" and any(p.kind == "cnt" and seg <= p.start and p.end <= q.start and re.fullmatch(
                    r"[a-z ]{0,40}\bco\s+(?:tren|duoi|hon|it hon|nhieu hon|khong qua)\s*", fline[p.end:q.start]) for p in qs):
                continue   # "giảm 40 điểm trường lẻ có dưới 10 học sinh": the bound says which sites the count counts
            if q.kind == "cnt" and _SITES_BOUND_RE.search(fline, 0, q.start):
                continue
            if q.kind == "lvl" and any((p.kind == "pct" or p.kind == "cnt" and p.unit and re.match(r"\s*cho\b", fline[q.end:]))
                                       and p.start >= q.end
                                       and not re.search(r"[,;.(]|\bva\b|\bhoac\b", fline[q.end:p.start])
                                       for p in qs):
                # "người biết chữ mức độ 2 đạt trên 99%", "xoá mù chữ mức độ 2 cho ít nhất 100 người/năm": the level
                # names who is counted, the share or the count is the target
                continue
            if q.kind == "cnt" and "(" in fline[:q.start] and re.search(r"%[^()%;.]{0,60}\([^()]*$", fline[:q.start]) \
                    and not _THAT_IS_OPEN_RE.search(fline[:q.start]):
                continue   # "100% lớp học (38/38 lớp)", "đạt 30% (khoảng 120 học sinh)", "đủ 100% số giáo viên còn
                # thiếu theo định mức (1.862 giáo viên)": the share, restated
            if _restated(fline, q.start):
                continue
            if q.kind == "cnt" and re.search(r"\btai\s*$", fline[:q.start]) and any(
                    p.kind == "cnt" and seg <= p.start and p.end <= q.start for p in qs):
                continue   # "xây thêm 02 phòng học thông minh tại 02 trường tiểu học": where the count goes, no target
            if q.kind == "cnt" and (ob := fline.rfind("(", 0, q.start)) >= 0 and ")" not in fline[ob:q.start] and any(
                    p.kind == "cnt" and p.end <= ob and not re.search(r"[;.]", fline[p.end:ob]) for p in qs):
                continue   # "02 phòng học thông minh (01 phòng cho mỗi cấp học)": the count, broken down
            if q.kind == "cnt" and q.value == 1 and re.search(r"(?:,|\bva\b)\s*moi\s+(?:[a-z]+\s+){1,3}(?:deu\s+)?co\s*$", fline[:q.start]) \
                    and any(p.kind == "pct" and p.value == 100 and p.end <= q.start and not re.search(r"[;.]", fline[p.end:q.start])
                            for p in qs):
                continue   # "100% trẻ có kế hoạch giáo dục cá nhân, mỗi trẻ có 01 kế hoạch": the share, said of each one
            if q.kind == "cnt" and q.unit == "phòng" and any(
                    p.kind == "cnt" and p.unit == "nhà" and p.end <= q.start
                    and re.fullmatch(r"(?:\s+(?!va\b|hoac\b)[^\W\d_]+){0,4}\s+", fline[p.end:q.start]) for p in qs):
                continue   # "xây mới 01 nhà công vụ 6 phòng": the rooms are the building's size, the building is counted
            if q.kind == "cnt" and re.search(r"\bthem\s*$", fline[:q.start]) and any(
                    p.kind == "cnt" and p.start >= q.end and re.fullmatch(r"[^;.(]*\btong so\b[^;.]*", fline[q.end:p.start])
                    for p in qs):
                continue   # "lắp đặt thêm 01 phòng …, nâng tổng số lên 02 phòng": the addition, in the total it makes
                # (not "có thêm 02 phòng (tổng số 03 phòng)": the total in brackets only restates, the addition is set)
            if (when := re.search(r"(?i:\bkhi)\s+(?:[^\W\d_]+\s+){1,5}$", line[seg:q.start])) and any(
                    seg <= p.start and p.end <= seg + when.start() for p in qs):
                continue   # "sĩ số không quá 40 học sinh/lớp khi đưa vào sử dụng 06 phòng học mới": the rooms are the
                # condition the target before them waits on ("khi", when; not "khí"), no target of their own (unlike "có
                # việc làm sau khi học nghề tối thiểu 80%", whose "khi" says whom the figure counts)
            if re.search(r"\b(?:bai bo|loai bo|rut)\s+(?:cac\s+|mot so\s+)?(?:chi tieu|muc tieu)\b", fline[seg:q.start]):
                continue   # "Bãi bỏ chỉ tiêu "100% học sinh lớp 9 có chứng chỉ …"": a target withdrawn, no longer in force
            if re.match(r"\s*sau\s+(?:nam\s+)?20\d\d\b", fline[q.end:]):
                continue   # "cấp độ 3 sau năm 2030": a figure for after the plan's years has no due year in it
            if (not in_goal or own_kind in ("truong", "trung tam")) and (
                    re.search(r"\b" + _ASKED_OF + r"\b[^;.]*$", fline[seg:q.start])
                    or re.match(r"[^;.()]*\(\s*" + _ASKED_OF + r"\b", fline[q.end:])):
                # "đề nghị Sở cấp kinh phí … lắp đặt 04 phòng học": what is asked of a superior body, and so is what a
                # school or a centre asks of one, in its targets too ("Xây mới 4 phòng học (đề nghị UBND phường)")
                continue
            if re.search(r"\([^()]*\b(?:ca nuoc|toan quoc|chi tieu chung)\b[^()]*$", fline[:q.start]):
                continue   # "(chỉ tiêu chung của cả nước là 85%)": another's figure quoted beside the plan's own
            if re.search(r"\b(?:ca nuoc|toan quoc)\b(?![^;]*\bphan dau\b)", fline[seg:q.start]):
                continue   # "Nghị quyết số 71-NQ/TW đặt mục tiêu cả nước có ít nhất 85% …": the nation's, quoted
            if re.search(r"\bnghi quyet\b[^;.]{0,30}?\b(?:dat (?:ra\s+)?(?:muc tieu|chi tieu)|de ra|xac dinh)\b(?![^;]*\bphan dau\b)",
                         fline[seg:q.start]):
                continue   # "Nghị quyết 71 đặt mục tiêu đến năm 2030 ít nhất 85% người …": the Resolution's, quoted
            if _GUIDANCE_QUOTED_RE.match(fline):
                continue   # "Hướng dẫn yêu cầu: 100% cơ sở giáo dục triển khai học bạ số": the guidance's item, before the plan's answer
            if _BESIDE_NOTE_RE.search(fline, seg, q.start):
                # "đạt 100% (toàn tỉnh: 99,8%)", "theo chỉ tiêu xã giao (98% trẻ …)": the wider area's figure in a
                # bracket beside the plan's own, or the one another body assigned, quoted
                continue
            if q.led and q.unit in ("điểm trường", "điểm lẻ") and re.search(
                    r"\b(?:tai|o)(?:\s+ca)?\s*$", fline[:q.start] if fline[:q.start].strip() else L.fline(i - 1) if i else ""):
                continue   # "17 nhóm, lớp tại" / "02 điểm trường", "ở cả 03 điểm trường": where, not how many to reach
            if q.kind == "pct" and re.match(r"\s*(?:tren|cua)\s+(?:ca nuoc|toan quoc)\b", fline[q.end:]):
                continue   # "… đạt ít nhất 85% trên cả nước; tỉnh phấn đấu 70%": the nation's share, named after it
            if (other := _OTHER_BODY_SETS_RE.match(fline, seg, q.start)) and (own_kind in ("truong", "trung tam") or (
                    mine := _OWN_PLEDGE_AFTER_RE.match(fline + " " + (units[n].fline if n < len(units) else ""), q.end))
                    and mine.group("body") != other.group("body")):
                continue   # "Phường giao cho trường tỷ lệ … 92%. Chúng tôi xin nhận 95%": the assigning body's figure,
                # quoted before the school's own (in a commune's plan: "Tỉnh phấn đấu 80% …; xã phấn đấu 90%", the
                # commune's sentence on a line of its own too)
            if own_kind in ("truong", "trung tam") and _TERRITORY_SCHOOLS_RE.search(
                    fline, fline.rfind(". ", 0, q.start) + 1, (fline.find(". ", q.end) + 1 or len(fline) + 1) - 1):
                # a school's plan quoting its locality's aim ("Phấn đấu đến năm 2030, 100% trường mầm non, phổ thông
                # trên địa bàn đặc khu đạt chuẩn quốc gia, trong đó 50% đạt mức độ 2"): the schools of a territory are
                # not one school's to commit, and no figure of that sentence is its own
                continue
            # "tăng 10% so với năm 2025", "giảm 0,5% so với đầu năm học" alone in its sentence is the change to make;
            # after a level ("đạt 95%, tăng 1% so với năm học trước") it restates the level
            changed = re.match(r"\s*so voi\b", fline[q.end:]) and _RELATIVE_CHANGE_RE.search(fline[:q.start])
            relative = changed and not any(seg <= p.start and p.end <= q.start for p in qs)
            if changed and (not relative or _THAT_IS_AFTER_RE.match(fline, q.end)):
                continue
            if is_status(fline, q, plan_year, plan_month) or _BASELINE_RE.search(fline[:q.start]) and \
                    _RISE_TO_RE.match(fline[q.end:]) or _DONE_RE.search(line, seg, q.start):
                continue   # "tăng từ 40% lên 60%": 40% is where it starts; "đã thành lập 3 câu lạc bộ": done
            # "Tỷ lệ học sinh lưu ban: chỉ tiêu đã giao dưới 1,5% - chỉ tiêu điều chỉnh: dưới 1%": the adjusted figure's
            # clause names no indicator, the item's label before the figure it replaces does
            revised = re.match(r"[\s,:;()–-]*(?:chi tieu\s+|muc tieu\s+)?(?:dieu chinh|giu nguyen)\b", before)
            codes, iconf = indicator(q, fline[seg:q.start] if revised else before, after)
            cmp, cconf, said = comparator(fline[:q.start], fline[q.end:], q)
            if not said and (rule := re.search(r"\b(khong vuot qua|khong qua|khong duoi|it nhat|toi thieu)\s+(?:muc\s+)?"
                                               r"(?:quy dinh|dinh muc)\b[^();.]*\([^()\d]*$", fline[seg:q.start])):
                # "không vượt quá quy định tối đa của Điều lệ (mẫu giáo 35 trẻ/lớp)": the bound is on the rule, which
                # the bracket spells out
                cmp, cconf, said = comparator(rule.group(1), "", q)
            if not said and (bound := _THAT_IS_BOUND_RE.search(fline, seg, q.start)):
                # "ít nhất một nửa, tức 50% giáo viên …": the figure spells out the words the bound was said on
                cmp, cconf, said = comparator(bound.group(1), "", q)
            if not said and not fline[:q.start].strip() and (bound := _CAPTION_BOUND_RE.search(fline, q.end)):
                # a slide's figure over its caption, the bound last: "35" / "học sinh/lớp - sĩ số tối đa", "0,5%" /
                # "học sinh bỏ học - dưới"
                cmp, cconf, said = comparator(bound.group(1), "", q)
            # "giảm … xuống dưới 5%, 100% trẻ 5 tuổi hoàn thành …": below 100% is never a target, nor is above it
            # ("… vượt 98%, 100% học sinh học 2 buổi/ngày"), the figure after the comma opens its own clause
            if not said and prev and prev[2] and q.kind == prev[0].kind and (q.kind != "cnt" or q.unit == prev[0].unit) and not (
                    prev[1] in ("<", "<=", ">") and q.kind == "pct" and q.value >= 100) and (
                    re.fullmatch(r"[^;]*\bva\s*", fline[prev[0].end:q.start])
                    or re.fullmatch(r"[^;]*,\s*", fline[prev[0].end:q.start]) and not _OWN_SUBJECT_RE.match(fline, q.end)
                    or re.fullmatch(r"\s*\([^()]*", fline[prev[0].end:q.start])
                    and not re.fullmatch(r"\s*\(\s*(?:nam\s+)?20\d\d\s*:\s*", fline[prev[0].end:q.start])):
                # a bare coordinated number shares the comparator: "đạt 10% vào năm 2026 và 20% vào năm 2030",
                # "Tối thiểu 50% giáo viên đạt bậc 5, 15% đạt bậc 6" (the figure right after the comma), "không dưới
                # 95% (riêng năm 2028: 92%)" (a year's own figure in brackets, set apart from the bound; not a bare step
                # on the way, "≥ 90% (năm 2027: 88%)", which no word bounds); a count shares it only with a count of the
                # same ("ít nhất 01 phòng học thông minh, 17 nhóm, lớp": the classes are not bounded); a figure after the
                # comma that names whom it counts opens a clause of its own ("Tối thiểu 95% giáo viên được bồi dưỡng
                # năng lực số, 80% giáo viên ứng dụng AI": the second share is bounded by no word of its own)
                cmp, cconf, said = at_least(prev[1], q.value, q.unit), 0.7, True
            if relative:
                cmp, cconf, said = "=", 0.7, True   # "tăng 10% so với năm 2025": the change to make, as written
            if not said and lead_cmp:
                cmp, cconf, said = at_least(lead_cmp[0], q.value, q.unit), 0.7, True
            if said and _NONE_BELOW_RE.search(fline[seg:q.start]):
                cmp = _FLIPPED[cmp]   # "không có xã nào đạt dưới 55%": every commune at least 55%
            prev = (q, cmp, said)
            # outside section II a figure is a target when its indicator and comparator are written out, or when
            # it has its own deadline in its clause, not one of a past year, and is a share ("đến năm 2027 hoàn thành
            # kết nối dữ liệu 100% trường học"), a bound ("đến năm 2028 có ít nhất 05 giáo viên đạt giải …") or a
            # count of what an indicator counts ("đến năm 2030 trường có 04 phòng học thông minh")
            # ("… ngân hàng câu hỏi với ít nhất 3.000 câu hỏi vào năm 2028": a year after the figure is its deadline)
            # (a deadline opening the line holds for each clause of its sentence: "Giai đoạn 2026 - 2030, tuyển dụng ít
            # nhất 3.000 giáo viên; 100% giáo viên đạt chuẩn")
            opening = (mark.end() if (mark := LIST_MARK_RE.match(fline)) else len(fline) - len(fline.lstrip()))
            # ("4. Chuyển đổi số: đến năm 2030, …": a task's short name and its colon before the deadline)
            if named := _TASK_NAME_RE.match(fline, opening):
                opening = named.end()
            own = not in_goal and (q.kind == "pct" or said or codes) and any(
                (seg <= p or p == opening and not re.search(r"\.\s", fline[p:q.start])) and p < hi
                and (plan_year is None or y >= plan_year) for p, y in deadlines(fline)
                + [(m.start(), int(m.group(1))) for m in _BY_YEAR_RE.finditer(fline, q.end)]
                + [(m.start(), int(m.group(1))) for m in [_LEVEL_YEAR_RE.match(fline, q.end)]
                   if m and q.kind == "lvl" and re.search(r"\bdat\b", fline[seg:q.start])]
                # "trong năm học 2026 - 2027 100% giáo viên …": the school year ahead, not one over when it was written;
                # "Giai đoạn 2026 - 2030, tuyển dụng ít nhất 3.000 giáo viên": by the period's end (for a share, a level
                # or a bound only: "đầu tư 04 phòng học trong năm 2027" is work to do, "đạt chuẩn quốc gia mức độ 2
                # trong năm học 2026 - 2027" a result)
                + [(m.start(), int(m.group(1))) for m in [*_WITHIN_YEAR_RE.finditer(fline), *_SCHOOL_YEAR_CLAUSE_RE.finditer(fline)]
                   if (q.kind in ("pct", "lvl") or cmp != "=") and not school_year_over(m, plan_year, plan_month)]
                + [(m.start(), int(m.group(1))) for m in _PERIOD_RE.finditer(fline) if q.kind == "pct" or cmp != "="])
            # ("Phấn đấu hằng năm có ít nhất 03 giáo viên đạt giáo viên dạy giỏi cấp tỉnh": what the plan strives for,
            # with its bound written, is a target among the tasks too)
            own = own or not in_goal and said and cmp != "=" and re.search(r"\bphan dau\b[^;]*$", fline[seg:q.start])
            # ("bảo đảm tối thiểu 1,5 giáo viên/lớp đối với THCS": a bound on a staffing ratio is a norm to meet, wherever
            # the plan states it)
            own = own or not in_goal and said and cmp != "=" and q.unit == "giáo viên/lớp"
            # ("3. 100% giáo viên được bồi dưỡng kỹ năng chuyển đổi số; ít nhất 60% học sinh lớp 9 đạt …": an item of
            # the tasks section whose clause opens on the share states a result, not a means; "Tổ chức cho 100% học
            # sinh …" is the work; so does one opening on the share after the task's short name, "4. Chuyển đổi số: 100%
            # giáo viên …")
            own = own or not in_goal and q.kind == "pct" and any(a < i < b for a, b in task_parts) \
                and bool(LIST_MARK_RE.match(fline)) and bool(_SHARE_LED_RE.fullmatch(fline, max(seg, opening), q.start))
            # (in a part on the tasks of a section named for the tasks and the targets together, "PHẦN II. NHIỆM VỤ, CHỈ
            # TIÊU VÀ GIẢI PHÁP" / "B. Nhiệm vụ và giải pháp", a bound written anywhere in its clause is the year's figure:
            # "lồng ghép giáo dục STEM ít nhất 4 bài học/khối"; under "III. CHỈ TIÊU" / "2. Giải pháp" it is the means)
            own = own or not in_goal and said and cmp != "=" and any(a < i < b for a, b in joint_tasks)
            if not in_goal and not (codes and said) and not own and not pledge and not pledged:
                continue
            if not in_goal and q.kind == "cnt" and re.search(
                    r"\bmoi\s+(?:doan vien\s+)?(?:giao vien|doan vien|dang vien|can bo|nhan vien|to(?:\s+chuyen mon)?|khoi(?:\s+lop)?"
                    r"|chi doan|phong ban)\b[^;.]*$", fline[seg:q.start]):
                continue   # "mỗi đoàn viên giáo viên nhận giúp đỡ ít nhất 01 học sinh": a quota of work among the tasks
            value, unit = q.value, q.unit
            if q.high is not None and (not said or cmp == "="):   # "80 - 85%", "đạt 80 - 85%"
                falling = FALLING_RE.search(fline[lo:hi])
                cmp, cconf = ("<=", 0.8) if falling else (">=", 0.8)
                value = q.high if falling else q.value
            elif q.high is not None and cmp in ("<", "<="):
                value = q.high   # "giảm còn 3 - 5 học sinh", "không quá 1 - 2%": a ceiling is the range's top
            if "MAX_CLASS_SIZE" in codes:
                unit = per_class(unit)
            elif unit in ("học sinh", "trẻ") and (each := re.search(r"\bmoi\s+(lop|nhom|phong)\b[^;.]*$", fline[seg:q.start])):
                unit = f"{unit}/{'phòng' if each.group(1) == 'phong' else 'lớp'}"   # "mỗi phòng ở bán trú không quá 8 học sinh"
            elif unit in ("học sinh", "trẻ") and cmp in ("<", "<=") and re.match(
                    r"\s*(?:[-+•*–]\s*)?(?:cac\s+)?lop\b(?!\s*\d)", fline[seg:q.start]):
                unit = f"{unit}/lớp"   # "lớp ghép ở điểm lẻ không quá 25 trẻ": a clause about a class bounds its size
            # under a heading's year, or the plan's own, a year later on the line past a semicolon is another clause's
            # ("trẻ 5 tuổi ra lớp duy trì 100%; trẻ mẫu giáo đạt 96% vào năm 2027")
            own_year = (year_label(fline, q) or quantity_horizon(phrases, q, lo, hi, fline if in_goal and (horizon or plan_horizon or aimed or plan_due) else None, qs)
                        or row_deadline(fline, q)
                        or (plan_period if plan_period and _PERIOD_END_RE.search(fline[lo:hi]) else None))
            if own_year and in_goal and horizon and any(
                    int(m.group(2)) == own_year and started_by(fline, m.start(1), horizon[0])
                    for m in _FROM_SCHOOL_YEAR_RE.finditer(fline, lo, hi)):
                own_year = horizon[0]   # "Đến hết năm 2026" / "- Từ năm học 2026 - 2027, 100% …": due by the heading's year
            hext = horizon_for(own_year or (int(prefix.group(1)) if prefix else None)
                               or (int(pledge.group(1)) if pledge and pledge.group(1) else None) or pledged)
            src = Source(L.items[i][0], u.start + q.start, u.start + q.end)
            label = re.sub(r"^[\s,:;–-]+|[\s,:;–-]+$", "", line[lo:hi]).strip()
            label = re.sub(r"^(?:và|hoặc)\s+", "", LIST_MARK_RE.sub("", label)) or sentence
            for code in codes or [None]:
                conf = min(iconf, cconf, 0.95, hext.confidence if hext.value else 0.5)
                if not in_goal:
                    conf = min(conf, 0.6)
                targets.append(ParsedTarget(
                    Extracted(code, src, iconf), Extracted(cmp, src, cconf), Extracted(value, src, 0.95),
                    Extracted(unit, src, 0.9), hext, sent, label[:2000], src, round(conf, 2),
                ))
        if in_goal and fline.rstrip().endswith(":") and (year := horizon_of(re.split(r"[.;]\s", fline)[-1], heading=False)):
            # "… đạt 99,7%. Nhà trường phấn đấu đến năm 2030:": the line's last sentence opens the items under it, with
            # their year, as that sentence on its own line would ("Ngoài các chỉ tiêu trên, đến năm 2030 …:")
            horizon = (year, i)
            latest = max(latest or year, year)
    return _without_none_yet(_as_the_meeting_changed(L, [t for t in targets if _plausible(t)]))


# A meeting's change to a figure of the draft read out before: from the figure it had ("nâng từ 96% lên 97%", "điều
# chỉnh từ 1 lên 2 phòng", "từ dưới 5% thành dưới 6%"), of the draft's item by its number ("chỉ tiêu (4) … nâng lên 95%",
# "chỉ tiêu số 5 điều chỉnh thành 60%"), or kept as it was ("giữ mức 60%", "Hội nghị nâng lên 80%" where the adopted
# table carries 80 already)
_CHANGED_FROM_RE = re.compile(r"\btu\s+(?:(?:duoi|tren|khong qua|khong duoi|toi thieu|toi da|it nhat)\s+)?(?P<old>\d{1,4}(?:,\d+)?)"
                              r"\s*(?:%|[a-z]+(?:\s+[a-z]+)?)?\s+(?:len|xuong|thanh|con)\s+(?:(?:duoi|tren|khong qua|khong duoi"
                              r"|toi thieu|toi da|it nhat|muc)\s+)?$")
_CHANGED_ITEM_RE = re.compile(r"\bchi tieu\s+(?:so\s+)?\(?(?P<item>\d{1,2})\)?(?![\d,.%])[^;:%]{0,120}?"
                              r"\b(?:nang|tang|ha|giam|dieu chinh|sua)\b[^;%\d]{0,30}$")
_KEPT_OR_RAISED_RE = re.compile(r"\b(?:giu(?:\s+nguyen)?(?:\s+muc)?|(?:nang|tang|ha|giam)\s+(?:len|xuong)|dieu chinh\s+(?:len|xuong|thanh))\s*$")


def _as_the_meeting_changed(L: Lines, targets: list[ParsedTarget]) -> list[ParsedTarget]:
    """The targets with the draft's figures a meeting's record changed later left out (the figure they were changed to
    is the target), and a figure the record says the meeting kept, or raised to, where the target it names is already
    read with that figure (the table the meeting adopted, the draft's item on the same line)."""
    def words(text: str) -> set[str]:
        return set(re.findall(r"[a-z]{2,}", fold(text)))

    def nearest(candidates: list[int], about: str, least: int = 2) -> int | None:
        # the one whose wording the change's clause shares most ("TH Hương Chữ: phòng học thông minh điều chỉnh từ 1 lên
        # 2 phòng": the cell in TH Hương Chữ's row), two words at least where nothing else names it
        overlap = {j: len(words(about) & words(targets[j].text + " " + targets[j].source_sentence.value)) for j in candidates}
        best = max(overlap.values(), default=0)
        return next(j for j in candidates if overlap[j] == best) if candidates and best >= least \
            and list(overlap.values()).count(best) == 1 else None

    dropped: set[int] = set()
    for k, t in enumerate(targets):
        line_at = t.source_sentence.source.start
        before = fold(L.text[line_at:t.source.start])
        clause = before[max(before.rfind(";"), before.rfind(". ")) + 1:]
        # (the same unit, horizon and indicator: "đạt 85% năm 2027", "tăng từ 85% lên 90% năm 2030" are two stages)
        same = [j for j, e in enumerate(targets) if j != k and e.source.start < t.source.start and e.unit.value == t.unit.value
                and e.horizon.value == t.horizon.value
                and (e.indicator_code.value == t.indicator_code.value or None in (e.indicator_code.value, t.indicator_code.value))]
        if changed := _CHANGED_FROM_RE.search(clause):
            old = float(changed.group("old").replace(",", "."))
            at = line_at + len(before) - len(clause) + changed.start("old")
            dropped |= {j for j in same if targets[j].source.start == at}   # "từ dưới 5%" read as a figure of its own
            j = nearest([j for j in same if targets[j].value.value == old and targets[j].source.start != at], clause)
        elif changed := _CHANGED_ITEM_RE.search(clause):
            item = re.compile(r"\s*\(?" + changed.group("item") + r"\s*[.)]\s")
            j = nearest([j for j in same if targets[j].source.start < line_at
                            and item.match(L.text, targets[j].source_sentence.source.start)], clause, least=0)
        elif _KEPT_OR_RAISED_RE.search(clause) and nearest([
                j for j in same if targets[j].value.value == t.value.value and targets[j].comparator.value == t.comparator.value
                and (targets[j].source_sentence.source.start == line_at
                     or len(words(before + " " + t.text) & words(targets[j].text)) >= 4)], before + " " + t.text) is not None:
            dropped.add(k)   # "… đạt 60%. … Hội nghị thống nhất giữ mức 60%": the target, said again
            continue
        else:
            continue
        if j is not None:
            dropped.add(j)
    return [t for k, t in enumerate(targets) if k not in dropped]


def _restated(fline: str, at: int) -> bool:
    """Whether the figure at ``at`` is in a sentence or clause that restates a table's targets ("Phấn đấu năm 2027
    không có học sinh bỏ học, 100% lớp học 2 buổi/ngày như chỉ tiêu tại bảng trên"): the table set them already."""
    lo = max(fline.rfind(";", 0, at), fline.rfind(". ", 0, at)) + 1
    hi = min((x.start() for x in re.finditer(r";|\.(?=\s|$)", fline) if x.start() >= at), default=len(fline))
    return bool(re.search(r"\bnhu\s+(?:cac\s+)?(?:chi tieu|muc tieu)\s+(?:da\s+)?(?:neu\s+)?(?:tai|o|trong)\s+(?:cac\s+)?"
                          r"(?:bang|bieu|phu luc)\b", fline[lo:hi]))


def _past_title(line: str, fline: str, plan_year: int, plan_month: int | None) -> bool:
    """Whether a line is a short title naming only a year or school year over when the plan was issued, with no
    figure and no word of what is to come ("Bức tranh giáo dục phường năm 2025", "Giáo dục xã năm học 2024 - 2025"),
    or the results of the plan's own year ("Kết quả thi vào lớp 10 năm 2026": what is reported on is done)."""
    s = fline.strip()
    if len(s) > 60 or not line.lstrip()[:1].isupper() or LIST_MARK_RE.match(line) or re.search(
            r"[:;.,%()|]|\b(?:muc tieu|chi tieu|phan dau|ke hoach|nhiem vu|phuong huong|giai phap|den|toi|du kien|du bao"
            r"|dinh huong|tam nhin|lo trinh|can dat)\b", s):
        return False
    years = list(PAST_YEAR_RE.finditer(s))
    if not years or re.search(r"\d", re.sub(r"\b(?:lop|khoi)\s+\d{1,2}\b", " ", PAST_YEAR_RE.sub(" ", s))):
        return False   # (a grade is no figure: "… thi vào lớp 10 năm 2026")
    results = s.startswith("ket qua")
    return all(int(m.group(3)) < plan_year + results if m.group(3) else
               int(m.group(2)) < plan_year or int(m.group(2)) == plan_year and (plan_month or 0) >= 6 for m in years)


def _due_after_issue(targets: list[ParsedTarget], plan_year: int | None, in_force: int | None) -> list[ParsedTarget]:
    """The targets with a horizon before the year the plan was issued due at the horizon in force instead: no plan
    sets a target already past, so such a year is a baseline's or a past figure's ("Chỉ tiêu | Năm 2025 | Mầm non |
    Tiểu học" under "Bảng 1. Chỉ tiêu đến năm 2030": the year names the baseline column beside the levels')."""
    if not plan_year or not in_force or in_force < plan_year:
        return targets
    return [replace(t, horizon=Extracted(date(in_force, 12, 31), t.horizon.source, min(t.horizon.confidence, 0.6)))
            if t.horizon.value and t.horizon.value.year < plan_year else t for t in targets]


def _without_none_yet(targets: list[ParsedTarget]) -> list[ParsedTarget]:
    """The targets but a count of none that a later year's figure of the same row raises ("Phòng học thông minh
    (phòng) | 0 | 01 | 02"): none yet is where the road starts, not an aim. A count that should fall ("Số vụ bạo lực
    | 1 | 0", "Phòng học tạm | 0 | 0") keeps its zero, an aim; a share's "0" is left to its column."""
    def rises(t: ParsedTarget) -> bool:
        return any(o.source_sentence.source == t.source_sentence.source and o.text == t.text and o.value.value > 0
                   and o.horizon.value and o.horizon.value > t.horizon.value for o in targets)
    return [t for t in targets if not (t.value.value == 0 and t.unit.value not in (None, "", "%", "vụ") and t.horizon.value
                                       and not FALLING_RE.search(fold(t.text)) and rises(t))]


# a share or a count of the schools of a territory: "100% trường mầm non, phổ thông trên địa bàn xã", "05 trường học
# trên địa bàn huyện"
# A sentence whose subject is a body that sets or assigns the figure ("Huyện đặt mục tiêu …", "Năm học này, UBND xã
# giao cho nhà trường …", "Sở GD&ĐT giao …", "Tỉnh phấn đấu …", "(UBND xã giao: …)"), or that body's plan ("Kế hoạch
# của Sở xác định …", "Trung ương đề ra …"): in a school's or a centre's plan, a body above it, quoted
_OTHER_BODY_SETS_RE = re.compile(r"\W*(?:\d{1,2}\s*[.)]\s*)?(?:[^,;.]*[,:]\s*|[^(;.]*\(\s*(?=[^()]*$))?"
                                 r"(?:(?:ke hoach|nghi quyet|chuong trinh|de an|chi thi)\b[^,;.]{0,40}?\bcua\s+)?(?:(?:ubnd|uy ban nhan dan)\s+)?"
                                 r"(?P<body>tinh|thanh pho|huyen|quan|xa|phuong|so|phong|bo|cap tren|trung uong)"
                                 r"(?:\s+gd(?:\s*&\s*)?(?:dt)?|\s+giao duc(?: va dao tao)?)?\s+(?:dat (?:ra\s+)?(?:muc tieu|chi tieu)|giao|phan dau"
                                 r"|xac dinh|de ra)\b[^;.]*$")

# … and in any plan, where the next clause or sentence sets the plan's own body against it: "Tỉnh giao xã 97% …; xã
# phấn đấu 98%", "Tỉnh phấn đấu … 80% … . Xã phấn đấu 100% …"
_OWN_PLEDGE_AFTER_RE = re.compile(r"[^;.]*(?:;|\.(?=\s))\s*(?:(?:ubnd|uy ban nhan dan)\s+)?(?P<body>nha truong|truong|trung tam|tinh|thanh pho|huyen"
                                  r"|quan|xa|phuong|so|phong|bo)\s+(?:[^\W\d_]+\s+){0,2}?phan dau\b")
_TERRITORY_SCHOOLS_RE = re.compile(r"(?:%|\d)\s*(?:cac\s+)?(?:truong|co so giao duc)\b[^;.%]{0,60}\btren dia ban\b")

# a line that quotes the guidance it answers, item by item: "Hướng dẫn yêu cầu: …", "Hướng dẫn của Sở: …"
_GUIDANCE_QUOTED_RE = re.compile(r"\s*(?:[-+•*–]\s*)?huong dan\s+(?:yeu cau|cua\s+(?:so|phong|bo|ubnd|uy ban nhan dan)\b[^:;.]{0,40})\s*:")

# a bracket right after a figure that gives the wider area's beside it (a past year's is :func:`_gone_by_bracket`'s), or
# one right after the figure another body assigned ("chỉ tiêu xã giao (98% …)")
_BESIDE_NOTE_RE = re.compile(r"(?:\d\s*%?\s*\(\s*(?:toan tinh|toan thanh pho|ca tinh)"
                             r"|\b(?:chi tieu|muc tieu)\s+(?:tinh|thanh pho|huyen|xa|phuong|so|phong|cap tren)\s+giao\s*\()"
                             r"\s*:?\s*(?:dat\s+)?$")

# (or a lettered part of its own, "C. NHIỆM VỤ VÀ GIẢI PHÁP", over Roman sections inside the part of targets)
# (but not one naming the targets beside the tasks, "2. Nhiệm vụ, chỉ tiêu theo lĩnh vực": its items give the figures;
# "2. Nhiệm vụ, giải pháp thực hiện các chỉ tiêu" is on the tasks)
_TASKS_PART_RE = re.compile(r"^\s*(?:\d+|[a-h])\s*[.)]\s*(?:(?:cac|nhung)\s+)?(?:nhiem vu|giai phap|to chuc thuc hien)\b"
                            r"(?!(?:\s*(?:,|va)\s*(?:nhiem vu|giai phap)\b)*\s*(?:,|va)\s*(?:cac\s+)?(?:chi tieu|muc tieu)\b)"
                            r"[^\d%:]{0,60}$")
_GOAL_PART_RE = re.compile(r"(?:cac\s+)?(?:muc tieu|chi tieu)\b")


def _numbered_goal(L: Lines, end: int) -> tuple[int, int] | None:
    """[heading, next part) of the targets' part of a plan whose parts are numbered "1.", "2.", … instead of Roman
    numerals ("1. Quy mô và điều kiện", "2. Mục tiêu đến năm 2030", "3. Giải pháp"): a heading of its own (short,
    no figure but years) naming targets, up to the next part's heading; the parts before it describe, those after
    it are read as outside section II is. None when there is no such part. A heading written again further on was
    listed in an agenda the first time ("NỘI DUNG TRÌNH BÀY" / "1. …" / "2. …" on a deck's second slide): the part
    is where it is written again."""
    heads = []
    for i in L.nonblank(0, end):
        m = TOP_PART_RE.match(L.fline(i))
        # (a year and the resolution carried out are no figures: "2. Mục tiêu đến năm 2030 theo Nghị quyết 71-NQ/TW")
        if m and len(m.group(2).strip()) <= 100 and not re.search(r"\d", re.sub(
                r"\b20\d\d\b|\bnghi quyet\s+(?:so\s+)?\d+(?:-nq/tw)?", "", m.group(2))) \
                and not re.search(r"[;,.]\s*$", m.group(2)):
            heads.append((i, int(m.group(1)), m.group(2)))
    heads = _without_agenda(L, heads)
    for k, (i, number, text) in enumerate(heads):
        if not _GOAL_PART_RE.match(text):
            continue
        # (parts of targets one after another, "2. Mục tiêu đến năm 2030", "3. Chỉ tiêu năm học …", are one)
        stop = next((j for j, n2, t2 in heads[k + 1:] if n2 > number and not _GOAL_PART_RE.match(t2)), None)
        if stop is not None and number > 1:
            return i, stop
        return None
    return None


def _without_agenda(L: Lines, heads: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """``heads`` (line, number, text) without an agenda: three or more of them on lines one after another, numbered
    1, 2, 3, …, each number heading a part again further on."""
    run: list[tuple[int, int, str]] = []
    for k, head in enumerate(heads):
        run = run + [head] if run and head[1] == run[-1][1] + 1 and next(L.nonblank(run[-1][0] + 1), None) == head[0] \
            else [head]
        following = heads[k + 1] if k + 1 < len(heads) else None
        if following and following[1] == head[1] + 1 and next(L.nonblank(head[0] + 1), None) == following[0]:
            continue   # the run goes on
        later = {n for _, n, _ in heads[k + 1:]}
        if len(run) >= 3 and run[0][1] == 1 and all(n in later for _, n, _ in run):
            return [h for h in heads if h not in run]
    return heads


_GOAL_LINE_RE = re.compile(r"(?:cac\s+)?(?:muc tieu|chi tieu)\b[^.;%\d]{0,60}(?:20\d\d[^.;%\d]{0,20})*:\s*$")


def _goal_line(L: Lines, end: int) -> tuple[int, int] | None:
    """[line, end) of the targets of a short plan without parts, opened by a line of its own naming them ("Chỉ tiêu
    năm học:", "Các chỉ tiêu cụ thể như sau:"): what comes before it (the school's classes, pupils and staff this
    year) describes. None when no such line opens a list."""
    for i in L.nonblank(0, end):
        f = LIST_MARK_RE.sub("", L.fline(i)).strip()
        if len(f) <= 80 and _GOAL_LINE_RE.fullmatch(f) and not _QUOTED_PART_RE.match(f):
            return i, end
    return None


def _number_depth(line: str) -> int:
    """How many numbers a line's numbering has: "1." one, "1.3." two; none without numbering."""
    m = re.match(r"\s*(\d+(?:\.\d+)*)", line)
    return len(m.group(1).split(".")) if m else 0


def _plausible(t: ParsedTarget) -> bool:
    """Whether a target's value can be one, whatever rule read it: a share of at most the whole ("vượt 120% kế
    hoạch" is a result against a plan), a level from 1 to 5, no year read as a value ("Năm 2026 | Năm 2030" over
    "2026 | 2030")."""
    value, unit = t.value.value, t.unit.value
    if unit == "%" and value > 100 or unit == "mức" and not 1 <= value <= 5:
        return False
    return not (unit in ("%", "mức", "") and value == int(value) and 1990 <= value <= 2100)


# (the pupils may be named with their level or grade: "không có học sinh tiểu học bỏ học", "học sinh lớp 9")
_NO_DROPOUT_RE = re.compile(r"khong (?:de|co)\s+(?:(?:hoc sinh|hs|tre)(?:\s+(?:mau giao|mam non|tieu hoc|thcs|thpt|trung hoc co so|trung hoc pho thong"
                            r"|lop \d{1,2}))?|em nao)?"
                            r"\s*(?:nao\s+)?bo hoc")
_NO_VIOLENCE_RE = re.compile(r"\bkhong (?:de )?(?:xay ra|co)\b[^.;]{0,40}?bao luc hoc duong")

# Any other worded zero among the targets: "không để xảy ra ngộ độc thực phẩm", "không có học sinh vi phạm pháp
# luật", "không còn phòng học tạm", "không có trường, lớp học tạm"; a harm that happens is an event, "xảy ra" or
# not ("không có ngộ độc thực phẩm", "không còn tai nạn thương tích"); what is done away with altogether is none left
# ("xóa hết phòng học tạm", "xóa toàn bộ điểm trường lẻ")
_NO_CASES_RE = re.compile(
    r"\bkhong (?:de )?(?:xay ra\s+(?P<event>[a-z])|(?:co|con)\s+(?P<harm>ngo doc|tai nan|duoi nuoc|chay no)\b"
    r"|(?:co|con)\s+(?:(?:em|mot)\s+)?"
    r"(?P<noun>hoc sinh|hs|hoc vien|tre|truong|nhom,? lop(?: hoc)?|lop hoc|lop|phong hoc|diem (?:truong )?le|diem truong|giao vien|can bo|vu|truong hop"
    r"|doan vien|dang vien|doi vien)\b)"
    r"|\bxoa\s+(?:bo\s+)?(?:het|toan bo)\s+(?:cac\s+)?(?P<cleared>phong hoc|lop ghep|lop hoc|diem (?:truong )?le|diem truong)\b")

# what the plan strives for by a deadline, among its tasks: "phấn đấu đến năm 2030 …"
_AIMED_BY_RE = re.compile(r"\bphan dau\b[^;.]*\b(?:den|toi)\s+(?:het\s+)?nam\s+20\d\d\b")
_ZERO_CAPTION_RE = re.compile(r"\s*0\s*[-–]\s+(?P<noun>hoc sinh|tre|hoc vien|giao vien|truong|lop|phong hoc)\b")
_NONE_AT_LEVEL_RE = re.compile(r"[:;,]\s*(?P<level>" + LEVEL_WORDS + r")\s+khong co(?=\s*(?:[,;.]|$))")


def _zeros(fline: str, line: str, in_goal: bool) -> list[tuple[tuple[int, int], str | None, str]]:
    """Targets of zero written in words: ((start, end), indicator, unit). "Không để học sinh bỏ học" and "không
    để xảy ra bạo lực học đường" anywhere; among the targets, any other ("không để xảy ra ngộ độc thực phẩm",
    "không còn phòng học tạm", "không có học sinh vi phạm pháp luật"); among the tasks, such a zero the plan strives
    for by a deadline ("phấn đấu đến năm 2030 100% điểm lẻ có phòng học kiên cố, không còn lớp học nhờ")."""
    found = [((m.start(), m.end()), code, unit) for m, code, unit in (
        (_NO_DROPOUT_RE.search(fline), "DROPOUT", "%"), (_NO_VIOLENCE_RE.search(fline), "SCHOOL_VIOLENCE_CASES", "vụ"))
        if m]
    for m in _NO_CASES_RE.finditer(fline):
        if any(a < m.end() and m.start() < b for (a, b), _, _ in found):
            continue
        if not in_goal and not _AIMED_BY_RE.search(fline, max(fline.rfind(";", 0, m.start()), fline.rfind(". ", 0, m.start())) + 1,
                                                   m.start()):
            continue
        stop = next((x.start() for x in re.finditer(r"[,;.]|\bva\b", fline) if x.start() > m.end()), len(fline.rstrip()))
        clause = fline[m.start():stop]
        if re.search(r"\b(?:tren|duoi|qua|vuot qua)\s+\d", clause):
            continue   # "không có lớp trên 40 học sinh": a bound on the figure, read with it
        code = next((c for c, pat in INDICATOR_RULES if pat.search(clause)), None)
        named = "noun" if m.group("noun") else "cleared"
        unit = "vụ" if m.group("event") or m.group("harm") else COUNT_UNITS.get(m.group(named)) or line[m.start(named):m.end(named)].lower()
        found.append(((m.start(), stop), code, unit))
    if not in_goal:
        return found
    # "0 - học sinh bỏ học": a slide's zero set before its caption, none at all
    if (m := _ZERO_CAPTION_RE.match(fline)) and not any(a < m.end() and m.start() < b for (a, b), _, _ in found):
        stop = next((x.start() for x in re.finditer(r"[,;.]|\bva\b", fline) if x.start() > m.end()), len(fline.rstrip()))
        code = next((c for c, pat in INDICATOR_RULES if pat.search(fline[m.start():stop])), None)
        found.append(((m.start(), stop), code, COUNT_UNITS.get(m.group("noun"), m.group("noun"))))
    # "Học sinh bỏ học: tiểu học không có, THCS dưới 0,5%": a school level's value, none, in a line that names what
    # should fall to none
    if (colon := fline.find(":")) > 0 and FALLING_RE.search(label := fline[:colon]):
        code = next((c for c, pat in INDICATOR_RULES if pat.search(label)), None)
        for m in _NONE_AT_LEVEL_RE.finditer(fline, colon):
            if not any(a < m.end() and m.start() < b for (a, b), _, _ in found):
                found.append(((m.start("level"), m.end()), code, "vụ" if "bao luc" in label else "%"))
        # "HS bỏ học: 0": the label's value a bare zero, the whole item (a count's zero, "Số vụ …: 0", is read as a count)
        if not found and re.fullmatch(r"\s*0\s*[.;]?\s*", fline[colon + 1:]) and not re.search(r"\bso\s+vu\b", label):
            mark = LIST_MARK_RE.match(fline)
            found.append(((mark.end() if mark else 0, len(fline.rstrip(" .;"))), code, "vụ" if "bao luc" in label else "%"))
    return found


def _opens_items(units: list[Unit], k: int) -> bool:
    """Is unit ``k`` a list item that ends on a colon with no figure of its own ("- Lộ trình chuyển đổi số:")?"""
    return k >= 0 and bool(LIST_MARK_RE.match(units[k].line)) and units[k].fline.rstrip().endswith(":") \
        and not re.search(r"\d", units[k].fline)


def _sections_of(L: Lines):
    return header.sections(L)

"""Tables: logical lines (a row wrapped over several text lines joined into one unit), their cells, columns and
headings, and the readers that turn a table into targets (year columns, transposed tables, revision tables, year
rows). Its own module because a table is read cell by cell, not sentence by sentence; extract_targets in parse.py
calls these readers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from plans.domain.importer.figures import (
    CMP_BEFORE,
    COUNTED_NOUNS,
    COUNT_UNITS,
    LABEL_NOUNS,
    Q,
    ROMAN_VALUES,
    UNIT_CELLS,
    at_least,
    indicator,
    label_unit,
    per_class,
)
from plans.domain.importer.horizons import (
    DATE_CELL_RE,
    DUE_COL_RE,
    HORIZON_HEADING_RE,
    due_column,
    due_year,
    horizon_of,
    school_year_over,
)
from plans.domain.importer.lines import Lines, cut_range, fold, loose, mostly_upper, scanned_figures
from plans.domain.importer.model import Extracted, ParsedTarget, Source


@dataclass
class Unit:
    idx: int       # index of its first physical line
    start: int     # offset in the text
    line: str      # the text, line breaks of wrapped lines turned into spaces (same length)
    fline: str


# A table cell: "≥ 95%", "từ 99% trở lên", "không thấp hơn 90", "80 - 85", "1.000 phòng", "mức độ 2", "–".
_SLOT_RE = re.compile(loose(
    # "giảm còn 4", "giảm xuống 3,5": the level a falling figure is brought to, as in a sentence ("=")
    # "A2 ≥ 80%": the level of a language standard (CEFR) the share reaches, named before it
    r"(?:[ABC][12]\s+(?=[≥≤<>\d]|\S+\s+\d))?"
    r"(?:(?:duy trì|giữ vững|phấn đấu|nâng lên|(?:giảm|hạ)\s+(?:xuống\s+)?còn|(?:giảm|hạ)\s+xuống)\s+)?(?:(?P<cmp>[≥≤<>]=?)\s*|(?P<words>từ|không thấp hơn|không dưới|không ít hơn|tối thiểu|ít nhất|trên|dưới|"
    r"không quá|không vượt quá|tối đa|đạt)\s+)?"
    r"(?:(?P<lo>\d{1,3}(?:,\d+)?)\s*%?\s*[-–]\s*)?"
    # "9/13" (trường) counts its numerator; "29/31 (93,5%)" is the share the bracket works out
    # "97.5%", "0.4", "92.5": a figure pasted from a sheet in the English locale, its decimal point before one or two
    # digits (never a thousands point, which three follow)
    r"(?P<num>\d{1,3}(?:\.\d{3})+|\d{1,2}\.\d{1,2}(?![\d.])|\d+(?:,\d+)?)(?:\s*/\s*\d+(?:\s*\(\s*(?P<share>\d{1,3}(?:,\d+)?)\s*%\s*\))?)?\s*"
    r"(?P<unit>%|(?:trẻ|học sinh|HS)\s*/\s*lớp|phòng học|phòng|nhóm,?\s*lớp|nhóm trẻ|lớp|học sinh|HS|học viên|trường|giáo viên|GV|trẻ|giải"
    r"|đề tài|câu lạc bộ|sáng kiến|lượt|người|em|vụ|ngành|nghề|xưởng)?(?![\wÀ-ỹ])"
    # "1.200 lượt người/năm", "450 học viên/năm": a count each year, counted in "lượt" whoever takes the turns
    r"(?:(?<=lượt)\s+(?:người|học viên|học sinh)(?![\wÀ-ỹ]))?(?:(?<=[\wÀ-ỹ])\s*/\s*năm(?![\wÀ-ỹ]))?"
    # "100 % lớp": the share of what it counts, named after the sign
    r"(?:(?<=%)\s*(?:lớp|nhóm,?\s*lớp|trường|học sinh|trẻ|giáo viên)(?![\wÀ-ỹ]))?(?P<per>\s*/\s*trường(?![\wÀ-ỹ]))?(?:\s*(?P<after>trở lên|trở xuống))?"
    # "100% (45/45 lớp)": the count behind it; "100% (mẫu giáo)", "100% (trẻ 5 tuổi)": whom the figure counts
    # "12 (100% phòng học)": the count restated as a share
    r"(?:\s*\(\s*\d+\s*/\s*\d+[^()\d]{0,20}\)|\s*\((?=[^()]*[^\W\d_])[^()%/]{1,30}\)|(?<=\d)\s*\(\s*\d{1,3}(?:,\d+)?\s*%[^()\d]{0,30}\))?"
    # "Công nhận lại mức độ 1" in a roadmap's year: the school recognised at that level again, the level it holds
    r"|(?:(?:duy trì|giữ vững|giữ|đạt|phấn đấu|nâng lên|(?:được\s+)?công nhận(?:\s+lại)?(?:\s+đạt)?)\s+)?"
    r"(?P<lvl>mức độ|cấp độ|mức)\s*(?P<lv>[1-5]|IV|III|II|I)(?![\wÀ-ỹ])"
    # "Không có", "Không để xảy ra" (vụ bạo lực, học sinh bỏ học): none of what the row counts, a zero
    r"|(?P<zero>không có|không (?:để )?xảy ra)(?![\wÀ-ỹ])"
    # "Tốp 10": a rank, at most the tenth ("Thứ hạng điểm thi tốt nghiệp so với cả nước | Tốp 10 | Tốp 5")
    r"|(?:nằm\s+trong\s+)?(?P<rank>tốp|top)\s+(?P<rk>\d{1,2})(?![\wÀ-ỹ])"
    # "Duy trì", "Giữ vững PCGD trẻ 5 tuổi" with no figure: the column keeps what is there, it sets no figure
    r"|(?P<none>[–—-]|x|không|(?:duy trì|giữ vững)(?:\s+(?:[^\W\d_][\w/]*|\d+\s+tuổi))*)"),
    re.IGNORECASE,
)


def units(L: Lines, lo: int, hi: int, own_kind: str | None = None) -> list[Unit]:
    """Lines as written, with the lines a PDF wrapped joined back: a line continues the one before when that
    one does not end a sentence or a heading and it starts with a small letter or a percentage. ``own_kind`` is the
    kind of body that issued the plan (:func:`unit_key`), which tells its own column of a table from another's."""
    units: list[Unit] = []
    prev_end: int | None = None   # the physical line index the last unit ended on
    for i in L.nonblank(lo, hi):
        no, pos, line = L.items[i]
        f = L.fline(i)
        # "Phổ cập giáo dục THCS" / "mức độ 2" / "–": a value with another under it is a table's cell, not the end of
        # a sentence
        cell = i + 1 < hi and _SLOT_RE.fullmatch(line.strip()) and _SLOT_RE.fullmatch(L.line(i + 1).strip())
        # (a figure over its caption opens a statement of its own, whatever the caption above it ended on: "học sinh
        # tốt nghiệp THPT - tối thiểu" / "75%" / "học sinh lớp 12 trúng tuyển …")
        # (a figure under another is a table's row laid one cell a line, the label's end under its values: "85" / "100"
        # / "hướng nghiệp (%)")
        captioned = i + 1 < hi and _BIG_FIGURE_RE.fullmatch(line) and _caption(L.line(i + 1)) \
            and not (i > 0 and _BIG_FIGURE_RE.fullmatch(L.line(i - 1)))
        if units and prev_end == i - 1 and not cell and not captioned and (
                _continues(units[-1].line, line, f) or _caption(line) and _BIG_FIGURE_RE.fullmatch(units[-1].line)
                and not (i > 1 and _BIG_FIGURE_RE.fullmatch(L.line(i - 2)))):
            u = units[-1]
            gap = pos - (u.start + len(u.line))
            u.line += " " * gap + line
            u.fline += " " * gap + f
        else:
            units.append(Unit(i, pos, line, f))
        prev_end = i
    _set_apart_other_body(units)
    _set_apart_others_column(units, own_kind)
    _set_apart_draft_column(units)
    return units


# a figure set large alone on a slide's line ("35", "99,5%", "3/3", "01"), the caption under it in small letters naming
# what it counts and its bound ("học sinh/lớp - sĩ số tối đa", "học sinh/lớp là sĩ số tối đa"): one statement, the
# figure first
_BIG_FIGURE_RE = re.compile(r"\s*\d{1,3}(?:[.,]\d+)?(?:\s*/\s*\d{1,3}(?:\.\d{3})*)?\s*%?\s*")
LIST_START_RE = re.compile(r"^\s*(?:\d+(?:\.\d+)*\s*[.)]|[a-zđ]\s*\)|[-+•*–])\s*", re.IGNORECASE)


def _caption(line: str) -> bool:
    return line.lstrip()[:1].islower() and len(line.split()) >= 3 and not LIST_START_RE.match(line)


# a column of the targets another body set, beside the plan's own: "Tỉnh giao (toàn tỉnh)", "Chỉ tiêu thành phố"
_OTHER_BODY_COL_RE = re.compile(r"\s*(?:(?:tinh|thanh pho|huyen|so|bo)\s+giao|chi tieu (?:cua\s+)?(?:tinh|thanh pho|huyen|toan quoc)"
                                r"|(?:muc tieu|chi tieu)?\s*(?:chung\s+)?toan (?:tinh|thanh pho|quoc))\b.*")

# A column of today's figures beside the horizons ("Hiện trạng 2025", "Thực hiện năm học 2024-2025", "Hiện có
# (9/2026)": what the unit has now): a baseline.
# "TH 2024-2025" abbreviates "thực hiện" only before a year or in brackets after one ("Năm 2025 (TH)", "(ƯTH)" for
# "ước thực hiện", "(đạt)" for what it reached); alone, "TH" is "tiểu học". "Kết quả học tập Tốt (%)", "Kết quả rèn luyện Tốt": the grade pupils are
# to reach in the two ratings a school gives (not last year's unless a year is named)
_STATUS_COL_RE = re.compile(r"\b(?:hien trang|thuc trang|thuc hien"
                            r"|ket qua(?!\s+(?:hoc tap|ren luyen)\s+(?:tot|kha|dat)\b(?![^|]*20\d\d))|uoc (?:thuc hien|dat)|hien (?:nay|co)|nam goc|ban dau"
                            r"|uoc(?=\s+(?:nam\s+)?20\d\d)"   # "Ước 2025": the year under way, its estimate
                            r"|kq(?=\s+(?:nam\s+(?:hoc\s+)?)?20\d\d)"   # "KQ 2025-2026": a hurried "kết quả"
                            r"|th(?=\s+(?:nam\s+(?:hoc\s+)?|nh\s+)?20\d\d)|(?:(?<=\d\s\()|(?<=\d\())(?:u?th|uoc|(?:da\s+)?dat)(?=\s*\)))\b")


def _set_apart_other_body(units: list[Unit]) -> None:
    """Join a table's column of another body's targets to the baseline column before it ("Thực trạng 2025 | Tỉnh
    giao | Xã phấn đấu"): both hold figures that are not the plan's own, and a baseline column is not read. The cell
    mark becomes a space, so every offset stays."""
    k = 0
    while k < len(units):
        cells = units[k].fline.split("|")
        c = next((j for j in range(1, len(cells)) if _OTHER_BODY_COL_RE.fullmatch(cells[j])
                  and _STATUS_COL_RE.search(cells[j - 1])), None)
        # the other body's column last, after the plan's own: "Thực hiện 2025-2026 | Chỉ tiêu 2026-2027 | Chỉ tiêu
        # toàn tỉnh (Sở giao)", a figure to compare with, blanked whole
        last = len(cells) - 1
        dropped = c is None and last >= 3 and _OTHER_BODY_COL_RE.fullmatch(cells[last]) \
            and _STATUS_COL_RE.search(cells[last - 2]) and not _STATUS_COL_RE.search(cells[last - 1])
        if c is None and not dropped:
            k += 1
            continue
        while k < len(units) and units[k].fline.count("|") == len(cells) - 1:
            u = units[k]
            if dropped:
                at = u.fline.rindex("|")
                u.line, u.fline = u.line[:at] + " " * (len(u.line) - at), u.fline[:at] + " " * (len(u.fline) - at)
            else:
                at = [m.start() for m in re.finditer(r"\|", u.fline)][c - 1]
                u.line, u.fline = u.line[:at] + " " + u.line[at + 1:], u.fline[:at] + " " + u.fline[at + 1:]
            k += 1


# A table that sets what a body assigns beside what a school takes on: "Xã giao đến năm 2030 | Nhà trường đăng ký
# đến năm 2030". Each is someone's target: the school's plan commits to its registration (the assignment is its
# floor, set by another), the assigning body's plan to its assignment (the registrations are its schools').
_ASSIGNED_COL_RE = re.compile(r"\s*(?:(?:ubnd\s+)?(?:xa|phuong|huyen|quan|tinh|thanh pho|so|phong|cap tren)|chi tieu(?: duoc)?)\s+giao\b.*")
_REGISTERED_COL_RE = re.compile(r"\s*(?:(?:nha truong|truong|don vi|trung tam|co so)?\s*dang ky|(?:nha truong|truong|don vi|trung tam|co so)\s+phan dau)\b.*")


def _set_apart_others_column(units: list[Unit], own_kind: str | None) -> None:
    """Blank, in the heading row and the rows under it, the column of such a table that is not the plan's own (the
    assignment in a school's or a centre's plan, the registrations in a commune's, a district's or a department's);
    with the issuer unknown both stay, and a table with two columns for one year is not read. The cells become
    spaces, so every offset stays."""
    school = {"truong": True, "trung tam": True, "ubnd": False, "so": False}.get(own_kind or "")
    if school is None:
        return
    k = 0
    while k < len(units):
        cells = units[k].fline.split("|")
        assigned = [j for j, c in enumerate(cells) if _ASSIGNED_COL_RE.fullmatch(c)]
        registered = [j for j, c in enumerate(cells) if _REGISTERED_COL_RE.fullmatch(c)]
        if len(assigned) != 1 or len(registered) != 1:
            k += 1
            continue
        c = assigned[0] if school else registered[0]
        k = _blank_column(units, k, c, len(cells))


def _blank_column(units: list[Unit], k: int, c: int, width: int) -> int:
    """Blank column ``c`` of the table of ``width`` cells whose heading row is ``units[k]``, down to its last row; the
    cells become spaces, so every offset stays. Returns the index after the table."""
    while k < len(units) and units[k].fline.count("|") == width - 1:
        u = units[k]
        bounds = [-1] + [m.start() for m in re.finditer(r"\|", u.fline)] + [len(u.fline)]
        lo, hi = bounds[c] + 1, bounds[c + 1]
        u.line = u.line[:lo] + " " * (hi - lo) + u.line[hi:]
        u.fline = u.fline[:lo] + " " * (hi - lo) + u.fline[hi:]
        k += 1
    return k


# A meeting's table of the draft's figures beside those it adopted: "Dự thảo | Hội nghị thông qua", "Dự kiến | Điều
# chỉnh", "Đề xuất | Quyết nghị". The adopted column holds the targets; the draft's are what the meeting changed.
_DRAFT_COL_RE = re.compile(r"\s*(?:(?:ban\s+)?du thao|du kien|de xuat|(?:chi tieu\s+)?(?:ban dau|truoc dieu chinh))\s*")
_ADOPTED_COL_RE = re.compile(r"\s*(?:(?:(?:hoi nghi|hoi dong|dai hoi|ky hop)\s+)?(?:thong qua|quyet nghi|nhat tri|thong nhat|bieu quyet)"
                             r"|(?:chi tieu\s+)?(?:sau\s+)?dieu chinh|(?:chi tieu\s+)?chinh thuc)\s*")


def _set_apart_draft_column(units: list[Unit]) -> None:
    """Blank, in the heading row and the rows under it, the draft's column of a table that has a column of what the
    meeting adopted beside it. The cells become spaces, so every offset stays."""
    k = 0
    while k < len(units):
        cells = units[k].fline.split("|")
        drafts = [j for j, c in enumerate(cells) if _DRAFT_COL_RE.fullmatch(c)]
        if len(drafts) != 1 or not any(_ADOPTED_COL_RE.fullmatch(c) for c in cells[drafts[0] + 1:]):
            k += 1
            continue
        c = drafts[0]
        k = _blank_column(units, k, c, len(cells))


def _capitalised(word: str) -> bool:
    """A word of a name: a capital, then small letters ("Khánh", "Đức"; not "THCS", not "(B1)")."""
    return len(word) > 1 and word[0].isupper() and word[1:].isalpha() and word[1:].islower()


# a line that ends on a document's number ("4. Chuyển đổi số, Nghị quyết 71" over "- 100% cán bộ …"): no figure a
# line break cut from its range
# a note under the targets, or a footnote: "Ghi chú: …", "(*) Theo Thông tư …", "[2] …"
# (and a bracketed note under a table on where its figures come from: "(Số liệu năm học 2025 - 2026 theo báo cáo …)")
NOTE_RE = re.compile(r"\s*(?:(?:ghi chu|luu y|chu thich)\s*:|\(\s*\*+\s*\)|\[\d{1,2}\]\s|\(\s*(?:so lieu|nguon)\b)")
_DOCUMENT_NUMBER_END_RE = re.compile(r"\b(?:nghi quyet|quyet dinh|chi thi|thong tu|nghi dinh|ke hoach|cong van|so)\s+\d+\s*$")
SECTION_RE = re.compile(r"^\s*(X|IX|VIII|VII|VI|V|IV|III|II|I)\s*[.)/-]\s*(\S.*)$")

# a stage's heading may open with its verb: "2. Phấn đấu đến hết năm học 2027 - 2028", a table's caption with its
# word: "2. Bảng chỉ tiêu năm học 2026 - 2027", a meeting's part with the draft read out: "2. Triển khai dự thảo chỉ
# tiêu năm học 2026 - 2027"; inside a part on targets its
# stages may be Roman-numbered ("PHẦN THỨ HAI: CHỈ TIÊU" / "II. Đến năm 2030")
# (a resolution's articles are its groups: "Điều 2. Thông qua các chỉ tiêu năm học 2026 - 2027", "Điều 4. Phấn đấu
# đến năm 2030"; so are a deck's numbered slides, whose title may turn to the horizon: "Slide 8: Hướng đến năm 2030";
# a disclosure's commitments: "II. Cam kết năm học 2026 - 2027"; a school-year plan's part on carrying out a
# resolution to its own horizon: "4. Thực hiện Nghị quyết 71-NQ/TW, phấn đấu đến năm 2030", or naming the resolution
# alone: "4. Nghị quyết 71-NQ/TW - mục tiêu đến năm 2030")
HORIZON_LINE_RE = re.compile(
    r"^\s*(?:\d+(?:\.\d+)*\s*[.)]?|dieu\s+\d+\s*[.:]|slide\s+\d+\s*[.:]|[a-z]\s*\)\.?|[a-h]\s*\.(?=\s)|[ivx]{1,4}\s*[.)]|(?:bang|bieu|phu luc)\s+(?:so\s+)?(?:\d+|[ivx]+)\s*[.:]?|phu luc\s*[.:])?\s*(?:(?:mot so|cac|nhung)\s+)?"
    r"(?:(?:(?:thuc hien|trien khai)\s+(?:ket luan|chi thi|chuong trinh|de an)|(?:(?:thuc hien|trien khai)\s+)?nghi quyet)\b"
    r"[^:;,]{0,30}?\s*,?\s+)?"
    r"(?:(?:bang|bieu)\s+)?(?:(?:phan dau|thong qua|trien khai|trinh bay|huong)\s+)?(?:(?:cac|nhung)\s+)?(?:du thao\s+(?=(?:cac\s+)?(?:muc|chi) tieu\b))?"
    r"(?:(?:cac|nhung)\s+)?(?:muc tieu|chi tieu|giai doan|den|toi|nam|trong|tu nay den|tam nhin|dinh huong|cam ket)\b"
)


def _continues(before: str, line: str, fline: str) -> bool:
    s = line.lstrip()
    if cut_range(before, line):
        return True
    if re.match(r"[a-zđ]\s*\|", s):
        return False   # "a | Nhà trẻ | % | 34", "a | Học lực Tốt | ≥ 80%": a table's row numbered by a small letter
    if NOTE_RE.match(fline):
        return False   # "… điểm chính và điểm Nhị Thành" / "Ghi chú: …": a note opens its own line, whatever ends the one above
    if re.search(r"\d-\s*$", before) and re.match(r"[A-ZĐ][A-ZĐ0-9&.]*/", s):
        return True   # a document's symbol a line break cut after its number: "Nghị quyết số 71-" / "NQ/TW chậm nhất …"
    if re.search(r"\bso\s*$", fold(before)) and re.match(r"\d+(?:/\d{4})?[-/][A-ZĐ]", s):
        return True   # … or before it: "Nghị quyết số" / "71-NQ/TW trong năm 2026", "Kế hoạch số" / "512/KH-UBND": no item
    # a figure a line break cut from its range or its sign: "đạt 80 -" / "85%", "đạt 80" / "- 85%", "3,5" / "%.",
    # "≥" / "25 %" (not a number alone on its line, a page's number, before an item "- 100% học sinh …")
    if re.search(r"\b\d{1,3}(?:,\d+)?\s*%?\s*[-–]\s*$", before) and re.match(r"\d{1,3}(?:,\d+)?\s*%", s) \
            or re.search(r"(?<![\d.,/])\d{1,3}(?:,\d+)?\s*$", before) and re.match(r"[-–]\s*\d{1,3}(?:,\d+)?\s*%", s) \
            and not before.strip().isdigit() and not _DOCUMENT_NUMBER_END_RE.search(fold(before)) \
            and not re.search(r":\s*\d{1,3}(?:,\d+)?\s*$", before) \
            or re.search(r"\d\s*$", before) and re.match(r"%(?!\w)", s) or re.search(r"[≥≤<>]\s*$", before) and re.match(r"\d", s):
        return True
    # the level a line break cut from its word: "… kiểm định chất lượng cấp độ" / "4; 10 phòng học …", "… mức độ" /
    # "II, kiểm định …"
    if re.search(r"\b(?:muc do|cap do|muc)\s*$", fold(before)) and re.match(
            r"(?:[1-5]|III|II|IV|I)(?=\s*(?:[;,)]|\.?\s*$|\s+[a-zđà-ỹ]))", s):
        return True
    if re.search(r"\btop\s*$", fold(before)) and re.match(r"\d{1,2}(?![\d.,)])", s) and not LIST_START_RE.match(line):
        return True   # a rank a line break cut from its word: "… xếp trong tốp" / "20 toàn quốc."
    if re.search(r"\b(?:trong|vao|thuoc)\s+nhom\s*$", fold(before)) and re.match(
            r"\d{1,2}\s+[^;.\d%]{0,40}?\b(?:dan dau|dung dau)\b", fold(s)):
        return True   # … or from its group: "… nằm trong nhóm" / "10 trường dẫn đầu của thành phố"
    if len(before.split()) >= 3 and re.search(r"(?<![/\w])(?:lop|khoi)\s*$", fold(before)) \
            and re.match(r"(?:1[0-2]|[1-9])(?:\s*[;,]|\s+[a-zđà-ỹ])", s):
        # a grade a line break cut from its word: "… dạy tiếng Anh từ lớp" / "1; 100% trường THCS …" (not a table laid
        # one cell a line: "lớp" / "12")
        return True
    if not re.search(r"[.:;!?]\s*$", before) and re.fullmatch(r"[≥≤<>]=?\s*\d[\d.,]*\s*%?\s*[.;]", s.rstrip()):
        return True   # "… được đào tạo trở lên" / "≥95 %.": the figure ends the sentence (a table's cell has no full stop)
    if re.search(r"\b(?:m[uứ]c(?: đ[oộ])?|c[aấ]p đ[oộ])\s*$", before, re.IGNORECASE) and re.match(r"(?:IV|I{1,3}|[1-5])\b", s):
        return True   # a level a line break cut from its word: "phổ cập giáo dục tiểu học mức độ" / "III; có …"
    if "|" in before and re.fullmatch(r"\(\s*(?:%|[^\W\d_]+(?:[ /,]+[^\W\d_]+){0,2})\s*\)", s.rstrip()):
        return True   # "Học sinh bỏ học | 1,4 | ≤ 1,2" / "(%)": the unit of a row's label, wrapped under its cells
    if re.search(r"[.:!?]\s*$", before):
        return False
    if re.search(r";\s*$", before):
        # a paragraph of clauses a PDF broke after a semicolon: the next clause goes on when it starts with a small
        # letter or a share ("…mức độ 2;" / "100% học sinh lớp 9 …"); a list without marks starts each with a capital
        return bool(s) and not LIST_START_RE.match(line) and (
            s[0].islower() or bool(re.match(r"\d{1,3}(?:,\d+)?\s*%\s*[^\W\d_]", s)))
    # "…; năm" / "2026 có tối thiểu 40% …", "… vào năm" / "2030.": the year the line before was waiting for (not a
    # "… /năm" column), even where it reads like a numbered item
    if re.match(r"20\d\d\b", s) and re.search(r"(?<!/)\b(?:nam|nam hoc|giai doan)\s*$", fold(before)):
        return True
    # a bracketed year a PDF wrapped: "… (từ năm học 2026" / "- 2027).", "… cấp độ III" / "(năm 2029)."
    if before.count("(") > before.count(")") and re.match(r"[-–]\s*20\d\d\s*\)", s) or re.fullmatch(
            r"\(\s*(?:(?:tu|den|trong)\s+)?(?:nam(?:\s+hoc)?\s+)?(?:20\d\d\s*[-–]\s*)?20\d\d\s*\)\s*[.;]?", fold(s).rstrip()):
        return True
    # "… trường có 36 lớp với" / "1.512 học sinh": a line that ends on a word no sentence ends on goes on with the count
    # (a thousands point, not an item's number)
    if re.match(r"\d{1,3}(?:\.\d{3})*(?:,\d+)?\s+[^\W\d_]", s) and re.search(r"\b(?:voi|va|co|cua|gom|la)\s*$", fold(before)):
        return True
    if LIST_START_RE.match(line) or SECTION_RE.match(line):
        return False
    if before.count("(") > before.count(")") and re.match(r"[^()]{1,30}\)", s):
        return True   # "… văn hóa và nghề (chương trình" / "9+); năm 2028: …": the bracket left open closes here
    if len(before.strip()) <= 40 and HORIZON_LINE_RE.match(fold(before)) and horizon_of(fold(before), heading=True) \
            and not re.search(r"%|\d\s+[^\W\d_]", HORIZON_HEADING_RE.sub(" ", fold(before))):
        return False   # "3. Tầm nhìn 2035" / "100% học sinh …": a heading of its own, then its first target
    word = re.sub(r"\s+", " ", fline.strip())
    if _SLOT_RE.fullmatch(s.rstrip()) and (len(before.strip()) <= 20 or len(before.strip()) <= 60 and not any(
            pat.search(fold(before)[-30:]) for pat, _, _ in CMP_BEFORE)) or word in UNIT_CELLS or word in LABEL_NOUNS:
        # a table laid one cell a line: "%" / "từ 99% trở lên", "≥ 40" / "không quá 45" are two cells, a row's label
        # and its first cell ("Học sinh trúng tuyển đại học" / "trên 70%") too, unless the label waits for its figure
        # ("… đạt" / "trên 70%"); and a row's label is followed by its unit ("Sĩ số tối đa mỗi lớp" / "học sinh/lớp")
        return False
    # "… không quá" / "3%.", "… không dưới" / "95% (riêng năm 2028: 92%)": a figure the line before was waiting for (a bare "45", a table cell, is not)
    if re.match(r"\d[\d.,]*\s*(?:%?\s*(?:[^\W\d_]|[.;,(])|%\s*$)", s) and any(
            pat.search(fold(before)[-30:]) for pat, _, _ in CMP_BEFORE):
        return True
    if len(before.strip()) <= 20 and _SLOT_RE.fullmatch(before.strip()) or (
            ";" in before and len(before.strip()) <= 60 and _compound_rows("| " + before.strip(), 1)):
        # "100" / "trình tiểu học", "a) 100%; b) ≥ 99%" / "học; b) THCS": a table laid one cell a line, a label's end
        # under the row's values
        return False
    if re.fullmatch(r"\(\s*[^()]{1,20}\)", s.rstrip()):
        return True   # "(%)", "(trường)": the end of a label a table's column wrapped
    words = before.split()
    first = s.split()[0] if s.split() else ""
    if len(words) >= 6 and not mostly_upper(before) and "|" not in before and (
            _capitalised(first) and (before.rstrip().endswith(",") or _capitalised(words[-1]))
            or _capitalised(first.rstrip(",")) and _capitalised(words[-1])
            or re.fullmatch(r"[A-ZĐ]{2,5}", first) and (words[-1] in ("Trường", "trường") or words[-1].islower()
                                                       and len(s.split()) > 1 and s.split()[1][:1].islower())
            or words[-1].islower() and re.match(r"[A-ZĐ]{2,5}(?:,\s*[A-ZĐ]{2,5})+,?\s+[a-zđà-ỹ]", s)):
        # running text broken inside a name or a list of names: "… Trường Tiểu học Trần" / "Khánh Dư (cơ sở 2) …",
        # "… tại Trường THCS Hương" / "Canh, 03 trường …", "… cho Trường" / "THCS Hương Sơn; …",
        # "… môn Toán, Ngữ văn," / "Tiếng Anh không thấp hơn 7,5"; or before an abbreviation the sentence goes on
        # after ("… trong kỳ thi tốt nghiệp" / "THPT tăng tối thiểu 1,0 điểm …"), or a list of them ("… vào học" /
        # "THPT, GDTX, học nghề đạt 96%")
        return True
    if (m := re.match(r"\([^()]{1,30}\)\s+(?=\S)", s)) and s[m.end()].islower() and not _SLOT_RE.fullmatch(before.strip()):
        return True   # "… bậc 3" / "(B1) trở lên là 70%": a bracket that goes on with the sentence
    # "90% tiếp tục học THPT" continues a sentence; "98%" alone is a table cell
    return bool(s) and (s[0].islower() or bool(re.match(r"\d{1,3}(?:,\d+)?\s*%\s*[^\W\d_]", s)))


# A disclosure's column of the school year gone by, named without its year: "Năm học trước", "Kết quả năm trước"
_LAST_YEAR_COL_RE = re.compile(r"\s*(?:(?:ket qua|thuc hien)\s+)?nam (?:hoc )?truoc\s*(?:\([^()]*\)\s*)?")

# The baseline columns a PDF's heading line names before its horizons ("Thực hiện 2025", "Hiện trạng năm học
# 2024-2025"): their figures stand before the horizons' in every row, and are not read.
# ("Hiện trạng (9/2025)", "Thực hiện (tháng 6/2025)": a month in brackets)
_STATUS_HEAD_RE = re.compile(r"(?:" + _STATUS_COL_RE.pattern + r")\s*(?:\(\s*(?:thang\s+)?\d{1,2}\s*/\s*20\d\d\s*\)|"
                             r"(?:nam\s+(?:hoc\s+)?)?(?:20\d\d\s*[-–]\s*)?20\d\d\b)")

# A row of a table turned round that gives a past year's results, named by its year and then its status ("2024 - 2025
# (thực hiện)", "Năm 2024 - kết quả", "Năm học 2024 - 2025: ước đạt") as well as the other way round.
_BASELINE_ROW_RE = re.compile(r"\s*(?:" + _STATUS_HEAD_RE.pattern + r"|(?:nam\s+(?:hoc\s+)?)?(?:20\d\d\s*[-–]\s*)?20\d\d\s*"
                              r"(?:\(\s*(?:uoc|" + _STATUS_COL_RE.pattern + r")[^()]*\)|[-–:]?\s*(?:" + _STATUS_COL_RE.pattern + r")))")


def _status_columns(fline: str) -> int:
    """How many baseline columns a heading line without cell marks names (see :data:`_STATUS_HEAD_RE`)."""
    return 0 if "|" in fline else len(_STATUS_HEAD_RE.findall(fline))


# tables whose columns are horizons: "Năm 2026 | Năm 2030", "2026  2030", "Đến năm 2030"
# "Năm học 2025 - 2026" is due at the school year's end
# ("NH 2026-2027" abbreviates "năm học" as a narrow column's heading does)
_YEAR_CELL_RE = re.compile(r"(?:(?:den|toi)\s+(?:het\s+|cuoi\s+)?)?(?:nam\s+(?:hoc\s+)?|\bnh\s+)?(?:20\d\d\s*[-–]\s*)?(20\d\d)\b")

# Columns after the horizons that hold no targets: notes, the way there ("Lộ trình": "xoá 10 phòng/năm"), who is in
# charge, how it is checked.
# who carries a row out heading the last column, the PDF's first row's cell under it joined to it ("Chủ trì Phòng
# GDMN-TH"): its cells name a body, never a target
_WHO_HEAD_RE = re.compile(r"\s*(?:(?:don vi|co quan|bo phan)\s+)?(?:chu tri|phu trach)\b")
_TRAIL_COL_RE = re.compile(r"\s*(?:ghi chu|chu thich|lo trinh(?: thuc hien)?|(?:don vi|co quan|bo phan|nguoi)\s+(?:chu tri|thuc hien|phu trach|phoi hop)"
                           r"(?:\s*[,/]\s*(?:chu tri|phoi hop))?|phu trach|chu tri|nguon(?: so lieu)?|can cu|minh chung"
                           r"|thoi gian(?: hoan thanh)?|thoi han|(?:nam|thoi diem|moc) hoan thanh|(?:giai phap|bien phap)(?: thuc hien| chu yeu)?"
                           # a revised plan's column of the figures it replaces: "Chỉ tiêu cũ (KH 31)", "Trước điều chỉnh"
                           r"|(?:chi tieu|muc tieu|ke hoach|kh)\s+cu|truoc (?:khi )?dieu chinh)\s*"
                           # what the column holds, in brackets: "Ghi chú (kết quả năm học 2025-2026)"
                           r"(?:\([^()]*\)\s*)?")


def _trailing_columns(fline: str) -> int:
    """How many columns of a heading row with cell marks follow the horizons (or the school levels of a table for one
    year) without holding targets: "… | Năm 2030 | Ghi chú", "… | THPT | Cơ quan chủ trì" (their cells hold notes,
    today's figures, who does it)."""
    if "|" not in fline:
        return 0
    cells = fline.split("|")
    n = 0
    while n < len(cells) and (not cells[-1 - n].strip() or _TRAIL_COL_RE.fullmatch(cells[-1 - n])
                              or _past_result_cell(cells[-1 - n]) or _year_gone_back(cells, len(cells) - 1 - n)
                              or not n and _WHO_HEAD_RE.match(cells[-1])):
        n += 1
    # a table drawn inside a cell of another (" | Chỉ tiêu | Năm 2027 | Năm 2030 | "): the outer table's columns
    # beside it are empty on its rows, the one after it holds none of its targets
    nested = not cells[0].strip() and n and not any(c.strip() for c in cells[len(cells) - n:])
    # (or the one column of targets of a table whose horizon is above it, no year in its headings: "Nội dung | Chỉ
    # tiêu | Ghi chú")
    return n if n < len(cells) - 1 and (_YEAR_CELL_RE.search(cells[-1 - n]) or _GROUP_CELL_RE.fullmatch(cells[-1 - n])
                                        or _TERM_CELL_RE.fullmatch(cells[-1 - n]) or _GRADE_CELL_RE.fullmatch(cells[-1 - n])
                                        or _WHOLE_CELL_RE.fullmatch(cells[-1 - n]) or re.fullmatch(
        r"\s*(?:muc tieu|chi tieu|ke hoach|phan dau)(?: phan dau)?\s*", cells[-1 - n]) and not any(
            _YEAR_CELL_RE.search(c) and not _past_result_cell(c) for c in cells)) and (any(
        _TRAIL_COL_RE.fullmatch(c) or _past_result_cell(c) or _WHO_HEAD_RE.match(c) for c in cells[len(cells) - n:])
        or nested) or any(
        _year_gone_back(cells, k) for k in range(len(cells) - n, len(cells))) else 0


def _year_gone_back(cells: list[str], k: int) -> bool:
    """Whether heading cell ``k`` names a year alone, earlier than a horizon before it ("Đến năm 2030 | Năm 2025"): a
    plan's horizons run forward in time, so a column going back after them is last results set beside the targets."""
    m = _YEAR_CELL_RE.fullmatch(cells[k].strip())
    return bool(m) and any((y := _YEAR_CELL_RE.search(c)) and int(y.group(1)) > int(m.group(1)) for c in cells[:k])


def _past_result_cell(cell: str) -> bool:
    """Whether a heading cell names the results of a year ("TH 2025-2026", "Thực hiện năm 2025"): after the
    horizons ("KH 2026-2027 | TH 2025-2026 | Ghi chú") its column is last year's figures set beside the targets for
    comparison, no target."""
    return bool(_STATUS_COL_RE.search(cell) and _YEAR_CELL_RE.search(cell)
                and not re.search(r"\b(?:ke hoach|chi tieu|muc tieu|phan dau|den|toi)\b", cell))


# ("S TT", "T T": a narrow column's "STT" broken over two lines of a PDF cell)
# (a horizon column may be a stage, "Giai đoạn 2026 - 2027", or a vision, "Định hướng đến 2035"; the rows may be
# school levels, "Cấp học"; a commitment's column is "Cam kết năm học 2026 - 2027", as a registration's "Đăng ký …")
_TABLE_LABEL_RE = re.compile(
    r"\b(?:s?\s?t\s?t|ten (?:chi tieu|tieu chi)|chi tieu|noi dung|tieu chi|linh vuc|muc tieu|lo trinh|ke hoach|phan dau|don vi(?: tinh)?|dvt|ghi chu"
    r"|giai doan|dinh huong|tam nhin|cap hoc|bac hoc"
    r"|(?:(?:nha truong|truong|don vi|trung tam|co so)\s+)?(?:dang ky|cam ket)|(?:xa|phuong|huyen|quan|tinh|thanh pho|so|phong)\s+giao)\b")

# A last column that sums the years' figures: "Lũy kế đến 2030", "Tổng giai đoạn 2026 - 2030", "Cộng"
_TOTAL_COL_RE = re.compile(r"\s*(?:luy ke|cong don|tich luy|tong(?: cong| so)?|cong)(?:\s+(?:ca\s+)?giai doan)?"
                           r"(?:\s+(?:den\s+(?:het\s+)?(?:nam\s+)?|(?:20\d\d\s*[-–]\s*))?(20\d\d))?\s*")


def year_cells(fline: str) -> list[int] | None:
    """The years of a table's heading row ("TT | Chỉ tiêu | Năm 2026 | Năm 2030"), or None for any other line.

    A column of today's figures before the horizons ("TT | Chỉ tiêu | Hiện trạng 2025 | Năm 2026 | Năm 2030") is
    not one: its cells fall to the row's label side and are not read; nor are the columns after the horizons that
    :func:`_trailing_columns` counts."""
    # "KH 2026-2027": the plan's column abbreviated, as "TH 2025-2026" is its results'
    fline = re.sub(r"\bkh(?=\s+(?:nam\s+(?:hoc\s+)?)?20\d\d)", "ke hoach", fline)
    duplicate = False
    if "|" in fline:
        cells = fline.split("|")
        cells = cells[:len(cells) - _trailing_columns(fline)]
        status = [n for n, c in enumerate(cells) if _STATUS_COL_RE.search(c)
                  and not re.search(r"\b(?:ke hoach|chi tieu|muc tieu|phan dau|den|toi)\b", c)]
        dated = [n for n, c in enumerate(cells) if _YEAR_CELL_RE.search(c) and n not in status]
        if status and dated and max(status) > min(dated):
            # "Kế hoạch năm 2026 | Thực hiện năm 2026 | Chỉ tiêu năm 2027": a report sets last year's plan beside its
            # results, no later than them, and the horizons after both
            done = int(_YEAR_CELL_RE.search(cells[max(status)]).group(1)) if _YEAR_CELL_RE.search(cells[max(status)]) else None
            before = [n for n in dated if n < max(status)]
            if done is None or not any(n > max(status) for n in dated) or any(
                    int(_YEAR_CELL_RE.search(cells[n]).group(1)) > done for n in before):
                return None
            status += before
        # "Chỉ tiêu thực hiện đến năm 2030" is a planned column: its "thực hiện" says nothing more
        fline = "|".join(_STATUS_COL_RE.sub(" ", c) for n, c in enumerate(cells) if n not in status)
        fline = _label_columns(fline)
        total = _TOTAL_COL_RE.fullmatch(fline.rsplit("|", 1)[-1])
        if total and "|" in fline:
            # "… | Năm 2030 | Lũy kế đến 2030": the sum of the years' figures, a target of the last horizon too
            years = [int(m.group(1)) for m in _YEAR_CELL_RE.finditer(fline.rsplit("|", 1)[0])]
            named = int(total.group(1)) if total.group(1) else None
            if not years or named not in (None, max(years)):
                return None
            fline = fline.rsplit("|", 1)[0] + f"| {max(years)}"
            duplicate = True
        # "Sau sắp xếp (2027)": a stage of the plan named with its year in brackets, that year's column
        fline = _STAGE_YEAR_CELL_RE.sub(r"| \1 ", fline)
    else:
        fline = _STATUS_HEAD_RE.sub(" ", fline)   # a PDF row: "Chỉ tiêu Thực hiện 2025 Năm 2026 Năm 2030"
    years = [int(m.group(1)) for m in _YEAR_CELL_RE.finditer(fline)]
    rest = _TABLE_LABEL_RE.sub(" ", _YEAR_CELL_RE.sub(" ", fline))
    distinct = years[:-1] if duplicate else years
    if not distinct or re.search(r"[a-z0-9%]", rest) or distinct != sorted(set(distinct)):
        return None
    return years


_STAGE_YEAR_CELL_RE = re.compile(r"\|\s*(?:sau|truoc|giai doan|buoc|dot)\b[^|()\d]{0,30}\(\s*((?:nam\s+)?20\d\d)\s*\)\s*(?=\||$)")


def _label_columns(fline: str) -> str:
    """A heading row with its label columns of any name blanked ("Chỉ tiêu | Độ tuổi | Đơn vị | 2026 | 2027":
    "Độ tuổi", "Nhóm tuổi", "Đối tượng" name the rows as "Chỉ tiêu" does) when a known label heads the row: the
    cells before the first year, short and without figures."""
    cells = fline.split("|")
    first = next((k for k, c in enumerate(cells) if _YEAR_CELL_RE.search(c)), 0)
    lead = cells[:first]
    # (one cell before two horizons or more names the rows whatever its word: "Chương trình", "Lĩnh vực", "Hạng mục";
    # not a row that gives its years, "Năm hoàn thành | 2027 | 2030")
    named = len(lead) == 1 and len(cells) - first >= 2 and all(_YEAR_CELL_RE.search(c) for c in cells[first:]) \
        and not re.search(r"\b(?:nam|thang|thoi (?:gian|diem|han)|moc|han)\b", lead[0])
    if not lead or not (named or any(_TABLE_LABEL_RE.fullmatch(c.strip()) for c in lead)) or any(
            re.search(r"\d", c) or len(c.split()) > 3 for c in lead):
        return fline
    return "|".join([" "] * first + cells[first:])


def _none_of_count(m: re.Match, row_unit: str | None) -> bool:
    """A bare "Không" in a row that counts ("Số vụ bạo lực học đường | Không | Không"): none of it, the count to keep at
    zero, as "Không có" says; in a row of shares or levels it stays a cell that sets nothing."""
    return bool(m.group("none")) and fold(m.group("none")) == "khong" and bool(row_unit) and row_unit not in ("%", "mức")


def _holds_nothing(m: re.Match | None, row_unit: str | None) -> bool:
    """Whether a cell sets no figure: empty, "–", "x", "Duy trì" (not a count's "Không": :func:`_none_of_count`)."""
    return m is None or bool(m.group("none")) and not _none_of_count(m, row_unit)


def _valid_slot(m: re.Match | None, row_unit: str | None) -> bool:
    """A cell that can be a value: empty ("–"), a level, a zero, or a number with a unit of its own or of its row."""
    # ("Học sinh bỏ học | 0 | 0": none of what the row counts, whatever it is counted in, as "Không có" is)
    return m is None or bool(m.group("none") or m.group("zero") or m.group("lvl") or m.group("rank") or m.group("unit") or m.group("share")
                             or re.fullmatch(r"0+", m.group("num") or "") and not m.group("lo")) \
        or row_unit is not None


# What a row may count that a bare figure may also be a share of
PEOPLE = {"học sinh", "trẻ", "giáo viên", "học viên", "nhân viên", "người"}

# A cell that bounds a bare count in words ("Ít nhất 25", "Tối thiểu 04", "Không quá 3"): a count of something
_BOUND_COUNT_CELL_RE = re.compile(r"\s*(?:it nhat|toi thieu|khong duoi|khong it hon|toi da|khong qua|khong vuot qua)\s+\d+\s*")

# A bare figure no share can be: a thousands point ("3.150"), or above a hundred and no year ("240", "1250")
_BEYOND_SHARE_CELL_RE = re.compile(r"\s*(?:\d{1,3}(?:\.\d{3})+|(?!100\b)[1-9]\d{2}|(?!19\d\d|20\d\d)[1-9]\d{3})\s*")


def _label_head(label: str) -> str | None:
    """What a row counts when its label opens with the noun ("Học sinh giỏi cấp tỉnh", "Trường mầm non đạt chuẩn",
    "Huy chương vàng quốc gia"): the unit of a cell that bounds a count ("Ít nhất 25", "Tối thiểu 04")."""
    words = re.sub(r"^[\d.\s)]*", "", fold(label)).split()
    nouns = {**COUNT_UNITS, **LABEL_NOUNS}
    return next((nouns[key] for n in (3, 2, 1) if (key := " ".join(words[:n])) in nouns), None)


_ROW_UNIT_RE = re.compile(r"\s(" + "|".join(sorted((re.escape(u) for u in {**UNIT_CELLS, **LABEL_NOUNS}), key=len, reverse=True))
                          + r")\s*$")

# ("Chưa đạt" in a level's row: not reached yet, a status or a year with no figure set, as "–"; a year that asks for
# the level to be recognised, "Đề nghị công nhận mức độ 2", reaches it only in a later column; or a cell that names the
# age group the row's level concerns: "Phổ cập giáo dục | Trẻ 5 tuổi | Mức độ 3", an age is no target; a step towards
# the row's target, "Trường đạt chuẩn quốc gia | Hoàn thiện hồ sơ | Mức độ 1", is work with no figure)
_NO_FIGURE_CELL_RE = re.compile(r"\s*(?:(?:(?:chua )?dat chuan|chua dat|duy tri|giu vung)(?:\s+[a-z]+)*(?:\s+\d{1,2}\s+tuoi)?"
                                r"|(?:hoan thien|hoan chinh|chuan bi|xay dung|lap)\s+ho so(?:\s+[^\W\d_]+)*"
                                r"|(?:de nghi|trinh|dang ky)\s+(?:cong nhan|kiem tra|danh gia)\b.*"
                                r"|(?:tre(?: em)?\s+)?(?:tu\s+)?\d{1,2}(?:\s*(?:-|–|den)\s*\d{1,2})?\s+tuoi)\s*")


def _own_or_headings_unit(label: str, of_all: str | None) -> str | None:
    """The unit of a row's bare figures: its label's (:func:`label_unit`), else the one the labels' heading gives every
    row (``of_all``); under such a heading a bracket that names no unit qualifies the row ("Trẻ suy dinh dưỡng (thể
    nhẹ cân)" under "Chỉ tiêu (%)")."""
    own = label_unit(label)
    if of_all and own and _canonical_unit(own) not in {*UNIT_CELLS.values(), *COUNTED_NOUNS.values()}:
        own = None
    return of_all if own is None else own


# A cell that names whom its figure counts before it: "Mẫu giáo ≥ 98", "Trẻ 3 - 5 tuổi: 99", "Học sinh lớp 9: ≥ 95"
# (a colon or a bound parts them); the figure is the target
_WHOM_CELL_RE = re.compile(r"\s*(?:tre(?: em)?|mau giao|nha tre|hoc sinh|hs|lop|khoi)(?:\s+[a-z]+){0,3}"
                           r"(?:\s+\d{1,2}(?:\s*[-–]\s*\d{1,2})?(?:\s+tuoi)?)?(?:\s*:\s*|\s+(?=[≥≤<>]))")

# a sum of money as a row's unit: "Triệu đồng", "Tỷ đồng", "Nghìn đồng", "đồng", "VNĐ", "nghìn đồng/tháng" (not
# "đồng bào", people)
_MONEY_RE = re.compile(r"(?:(?:trieu|ty|nghin|ngan)\s*)?(?:dong|vnd)\b(?!\s*bao)|tr\.?\s*d\b|trd\b")

# A table cell holding a figure alone, a scan's letters in it: "l00", "9O", "≥ 7O", "O1", and "Ol" (a zero-led one, as
# counts are written in a column of figures); the cell is a figure whole, so its letters are digits.
_OCR_CELL_RE = re.compile(r"(?:[≥≤<>]=?\s*)?(?:(?=[lOo]*\d)[\dlOo]{2,3}|[Oo]l)(?:\s*%)?")
OCR_DIGITS = str.maketrans("OoLl", "0011")
FALLING_RE = re.compile(r"bo hoc|luu ban|o lai lop|suy dinh duong|thap coi|thua can|beo phi|vi pham|bao luc|giam")


def _peel_slots(line: str, k: int, unit_col: bool = False, more: str = "", of_all: str | None = None,
                counted: str | None = None, group_unit: str | None = None
                ) -> tuple[str, list[tuple[int, int, re.Match | None]], str | None] | None:
    """Split a table row into its label, its last ``k`` cells (matches; None for an empty cell) and the unit
    its unit column gives ("TT | Chỉ tiêu | Đơn vị tính | 2026 | 2030": "%", "phòng", "học sinh/lớp"; with
    ``unit_col`` whatever short word it holds: "giải", "người") or, failing that, its label, or failing that the
    unit the group row above it gives (``group_unit``, see :func:`_group_unit`) or the labels' column heading gives
    every row (``of_all``: "Chỉ tiêu (%)"), or what that heading says the rows are (``counted``, see
    :func:`_counted_rows`)."""
    if "|" in line:
        cells, pos = [], 0
        for cell in line.split("|"):
            cells.append((pos, cell))
            pos += len(cell) + 1
        if len(cells) <= k:
            return None
        labels = [c.strip() for _, c in cells[:-k] if c.strip()]
        # a serial number and a baseline column's figures ("38,2", "9/13", "Chưa đạt") are not part of the label, nor
        # a form's serial in Roman numerals or a letter ("III | Sĩ số tối đa | 25 | 35", "a | Học lực Tốt | 40%")
        serial = [bool(re.fullmatch(r"\d[\d.,/%()\s]*|(?:[IVX]{1,4}|[a-zđ])\s*[.)]?", c)) for c in labels]
        named = serial.index(False) if False in serial else None   # the row's own label, "Trẻ 5 tuổi" included
        labels = [c for j, c in enumerate(labels) if not _SLOT_RE.fullmatch(c) and not serial[j]
                  and (j == named or not _NO_FIGURE_CELL_RE.fullmatch(fold(c)))] or labels[:1]
        row_unit = UNIT_CELLS.get(re.sub(r"\s+", " ", fold(labels[-1]))) if len(labels) > 1 else None
        if not row_unit and unit_col and len(labels) > 1 and len(labels[-1]) <= 20 and re.search(r"[^\W\d_]", labels[-1]):
            row_unit = labels[-1]
        if row_unit:
            labels = labels[:-1]
        # (with the rest of a label a PDF wrapped under the row: "Học sinh bỏ học | 1,4 | ≤ 1,2" / "(%)")
        row_unit = row_unit or _own_or_headings_unit(" ".join(labels + [more]).strip(), group_unit or of_all)
        if row_unit is None and any(_BOUND_COUNT_CELL_RE.fullmatch(fold(c)) for _, c in cells[-k:]):
            row_unit = _label_head(" ".join(labels))   # "Học sinh giỏi cấp tỉnh | Ít nhất 25": pupils, counted
        elif row_unit is None and all(re.fullmatch(r"\s*(?:\d{1,4}|\d{1,3}(?:\.\d{3})+|[-–—x]?)\s*", c) for _, c in cells[-k:]) and (
                head := _label_head(" ".join(labels))) and (head not in PEOPLE or all(
                re.fullmatch(r"\s*(?:0\d+|[-–—x]?)\s*", c) for _, c in cells[-k:]) or any(
                _BEYOND_SHARE_CELL_RE.fullmatch(c) for _, c in cells[-k:])):
            # "Câu lạc bộ tiếng Anh | 4 | 6": whole numbers under a label that opens with a thing it counts are so
            # many of it; of people ("Học sinh giỏi | 25 | 30") they may be shares with "%" left out, unless written
            # as counts are, zero-led ("Giáo viên đạt B2 | 01 | 02"), or too large for a share ("Học sinh bán trú |
            # 3.150 | 3.900": pupils, counted)
            row_unit = head
        elif row_unit is None and counted and all(re.fullmatch(r"\s*(?:\d{1,4}|[-–—x]?)\s*", c) for _, c in cells[-k:]):
            row_unit = counted   # "Câu lạc bộ | Năm 2027" over "Bóng đá, bóng rổ | 2": two clubs of them
        slots = []
        for start, cell in cells[-k:]:
            text = cell.strip()
            if fold(text) in ("dat", "hoan thanh"):
                text = ""   # "Phổ cập giáo dục | Đạt | Mức độ 3": a cell that says it is reached gives no figure
            m = _SLOT_RE.fullmatch(text) if text else None
            if text and not m and _OCR_CELL_RE.fullmatch(text):
                m = _SLOT_RE.fullmatch(text.translate(OCR_DIGITS))
            if text and not m and (whom := _WHOM_CELL_RE.match(fold(text))):
                m = _SLOT_RE.fullmatch(text[whom.end():])
            if fold(text) == "khong co" or fold(text) == "khong" and not row_unit and FALLING_RE.search(
                    fold(" ".join(labels))):
                # "Tỷ lệ bỏ học (%) | Không có": none, a zero as a "0" cell is; so is a bare "Không" where the row
                # names what is to be kept down ("Học sinh bỏ học | Không")
                m = _SLOT_RE.fullmatch("0")
            if text and not m and _NO_FIGURE_CELL_RE.fullmatch(fold(text)):
                text = ""   # "Đạt chuẩn", "Duy trì": a cell that meets or keeps a standard without a figure, as "–"
            if text and not m or not _valid_slot(m, row_unit):
                return None
            lead = start + len(cell) - len(cell.lstrip())
            slots.append((lead, lead + len(text), m))
        return " ".join(labels), slots, row_unit
    slots = []
    rest = scanned_figures(line).rstrip()   # "… 6O %   8O %": a scan's row, its figures as the folded text reads them
    for _ in range(k):
        m = None
        for m in _SLOT_RE.finditer(rest):
            pass
        if m is not None and slots and slots[0][2].group("unit") and re.fullmatch(r"20\d\d", m.group(0)):
            # "… AI 70 %  2027  100 %": a year between figures that carry their unit is a heading's cell a skewed
            # scan read into the row, no figure of it
            rest, m = rest[:m.start()].rstrip(), None
            for m in _SLOT_RE.finditer(rest):
                pass
        if m is None or m.end() != len(rest) or (m.start() and not rest[m.start() - 1].isspace()):
            return None
        slots.insert(0, (m.start(), m.end(), m))
        rest = rest[:m.start()].rstrip()
    row_unit = None
    if unit_col and (unit := _ROW_UNIT_RE.search(fold(rest))):
        # a PDF row joined by spaces: "1 Tỷ lệ học sinh tốt nghiệp THPT % ≥ 99,5", the unit column before the values
        row_unit = {**UNIT_CELLS, **LABEL_NOUNS}[re.sub(r"\s+", " ", unit.group(1))]
        rest = rest[:unit.start()].rstrip()
    row_unit = row_unit or (_own_or_headings_unit(f"{rest} {more}".strip(), of_all) if re.search(r"[^\W\d_]", rest) else of_all)
    if not all(_valid_slot(m, row_unit) for _, _, m in slots):
        return None
    return rest, slots, row_unit


def _peel_before_note(line: str, k: int, unit_col: bool, more: str = ""):
    """:func:`_peel_slots` of a row joined by spaces whose last cell is a note ("… 75 85 100 Năm 2025: 68%"): the
    rightmost cut after which the text is no value and before which k values end the row."""
    for cut in reversed([m.start() for m in re.finditer(r"\s+(?=\S)", line)]):
        if _SLOT_RE.match(line[cut:].lstrip()) and _SLOT_RE.fullmatch(line[cut:].strip()):
            continue
        row = _peel_slots(line[:cut], k, unit_col, more)
        if row is not None and re.search(r"[^\W\d_]", row[0]):
            return row
    return None


def _values_under_label(units: list[Unit], m: int, k: int, unit_col: bool, of_all: str | None, counted: str | None,
                        group_unit: str | None):
    """A PDF row whose label wrapped and whose values stand on the line under its last words ("Học sinh tham" / "gia
    STEM" / "60% 80%": the values centred down a row two lines high), as :func:`_peel_slots` gives it; None when the
    line under the label holds anything but the row's values."""
    if m + 1 >= len(units) or "|" in units[m].line + units[m + 1].line or not re.search(r"[^\W\d_]", units[m].line) \
            or SECTION_RE.match(units[m].line) or year_cells(units[m].fline) or len(units[m].line.strip()) > 120:
        return None
    values = _peel_slots(units[m + 1].line, k, unit_col, of_all=of_all, counted=counted, group_unit=group_unit)
    if values is None or values[0].strip() or not all(slot for *_, slot in values[1]):
        return None
    label = re.sub(r"\s+", " ", units[m].line).strip()
    return label, values[1][-k:], values[2] or label_unit(label)


def _peel_wrapped(L: Lines, unit: Unit, k: int, unit_col: bool, noted: bool = False):
    """:func:`_peel_slots` of a PDF row whose label wrapped: its values end its first line, the rest of its label
    is on the lines under it ("1 Tỷ lệ học sinh hoàn thành ≥ 99% 100%" / "chương trình lớp học"; "4 | Số trường đạt
    chuẩn quốc | trường | 7/11 | 8/11 | 11/11" / "gia")."""
    first = L.line(unit.idx)
    if "|" in unit.line[len(first):] or len(first) >= len(unit.line.rstrip()):
        return None
    more = unit.line[len(first):].strip()
    row = _peel_slots(first, k, unit_col, more) or (_peel_before_note(first, k, unit_col, more) if noted else None)
    if row is None or not re.search(r"[^\W\d_]", row[0]):
        return None
    label = f"{row[0]} {more}"
    return label, row[1], row[2] or label_unit(label)


_PART_MARK_RE = re.compile(r"\s*(?:[a-zđ]\s*\)|\d+(?:\.\d+)+\.?)\s*")
_MARK_AT_RE = re.compile(r"(?<!\S)(?:[a-zđ]\s*\)|\d+(?:\.\d+)+\.?)(?=\s)")


def _spaced_cells(line: str, k: int) -> list[tuple[int, str]] | None:
    """The cells of a PDF row joined by spaces whose last ``k`` cells each hold the same marked values ("… a) Tiểu
    a) 100%; b) ≥ 98% a) 100%; b) ≥ 99%"): [(0, the label), (offset, cell), …], or None."""
    marks = list(_MARK_AT_RE.finditer(line))
    for i in range(len(marks)):
        ends = [m.start() for m in marks[i + 1:]] + [len(line.rstrip())]
        parts = [(m.start(), end, re.sub(r"\s+", "", m.group(0)).rstrip(".")) for m, end in zip(marks[i:], ends)]
        if len(parts) % k or len(parts) // k < 2 or not all(
                _SLOT_RE.fullmatch(line[m.end():end].strip().rstrip(";").strip()) for m, end in zip(marks[i:], ends)):
            continue
        n = len(parts) // k
        names = [p[2] for p in parts]
        if len(set(names[:n])) < n or any(names[b * n:b * n + n] != names[:n] for b in range(k)):
            continue
        return [(0, line[:parts[0][0]])] + [(parts[b * n][0], line[parts[b * n][0]:parts[b * n + n - 1][1]])
                                             for b in range(k)]
    return None


def _compound_rows(line: str, k: int, more: str = ""
                   ) -> list[tuple[str, list[tuple[int, int, re.Match | None]], str | None]] | None:
    """A row whose cells each hold several marked values, one per part of its label: "Tỷ lệ hoàn thành chương
    trình: a) Tiểu học; b) THCS | a) 100%; b) ≥ 98%" is two rows, "Tiểu học" and "THCS"; in a PDF's row joined by
    spaces too, the rest of its label (``more``) wrapped under it."""
    if "|" not in line:
        cells = _spaced_cells(line, k)
        if cells is None:
            return None
        cells[0] = (0, f"{cells[0][1]} {more}")
    else:
        cells, pos = [], 0
        for cell in line.split("|"):
            cells.append((pos, cell))
            pos += len(cell) + 1
    if len(cells) <= k:
        return None
    columns: list[list[tuple[int, int, re.Match | None]]] = []
    for start, cell in cells[-k:]:
        parts, at = [], start
        for part in cell.split(";"):
            mark = _PART_MARK_RE.match(part)
            text = part[mark.end():].strip() if mark else part.strip()
            lead = at + (mark.end() if mark else 0) + len(part[mark.end() if mark else 0:]) - len(part[mark.end() if mark else 0:].lstrip())
            if text:
                m = _SLOT_RE.fullmatch(text)
                if m is None:
                    return None
                parts.append((lead, lead + len(text), m))
            at += len(part) + 1
        columns.append(parts)
    n = max(len(c) for c in columns)
    if n < 2 or any(len(c) not in (0, n) for c in columns):
        return None
    label = " ".join(c.strip() for _, c in cells[:-k] if c.strip() and not _SLOT_RE.fullmatch(c.strip()))
    base, _, rest = label.partition(":")
    names = [_PART_MARK_RE.sub(" ", p, count=1).strip() for p in rest.split(";")] if rest else []
    unit = label_unit(base)
    rows = []
    for j in range(n):
        slots = [c[j] if c else None for c in columns]
        if not all(s is None or _valid_slot(s[2], unit) for s in slots):
            return None
        name = f"{base.strip()} – {names[j]}" if len(names) == n else label
        rows.append((name, [s if s is not None else (0, 0, None) for s in slots], unit))
    return rows


def _shared_cells(line: str, k: int) -> list[str] | None:
    """A row whose value cells hold several targets apart by ";", each whole ("≥ 40% (nhà trẻ); ≥ 98% (mẫu giáo)"),
    as rows of one target a cell: the first keeps the other cells, the next ones only their own part (the rest
    blanked, offsets kept); None when no cell holds more than one."""
    if "|" not in line or line.count("|") < k:
        return None
    cells = line.split("|")
    parts = [c.split(";") if ";" in c and all(_SLOT_RE.fullmatch(p.strip()) for p in c.split(";")) else None
             for c in cells[-k:]]
    n = max((len(p) for p in parts if p), default=0)
    if n < 2:
        return None
    rows = []
    for j in range(n):
        shared = [" ".join(q if i == j else " " * len(q) for i, q in enumerate(p)) if p else c if j == 0 else " " * len(c)
                  for c, p in zip(cells[-k:], parts)]
        rows.append("|".join(cells[:-k] + shared))
    return rows


def _canonical_unit(unit: str | None) -> str | None:
    """A unit a table writes in its own words, as the importer names it: "giai" and "giải" are "giải", "HS/lop" and
    "học sinh/lớp" pupils per class (a unit typed without diacritics is the same unit)."""
    if not unit:
        return unit
    nouns = {**UNIT_CELLS, **COUNT_UNITS, **LABEL_NOUNS}
    f = re.sub(r"\s+", " ", fold(unit)).strip()
    if f in nouns:
        return nouns[f]
    # (a preschool's "Trẻ/nhóm, lớp": its nursery groups are its classes)
    if m := re.fullmatch(r"(.+?)\s*/\s*(?:nhom\s*[,/]?\s*)?lop", f):
        counted = nouns.get(m.group(1), unit.split("/")[0].strip())
        # rooms or teachers per class are a ratio of the school's means, no class size
        return f"{counted}/lớp" if counted in ("phòng", "giáo viên") else per_class(counted)
    # a noun a unit's cell writes with a capital, as a sheet's cells begin ("Bài", "Câu lạc bộ"), is the noun
    return unit.lower() if unit[:1].isupper() and unit[1:].islower() else unit


# a row's label that counts per class: "Sĩ số …", "… /lớp", "… mỗi lớp", "… trên một lớp"
_PER_CLASS_RE = re.compile(r"\bsi so\b|/\s*lop\b|\b(?:moi|tren|mot|1)\s+lop\b(?!\s*\d)")

# a row of what the plan expects rather than aims at, the base its shares are worked out on: the population it serves
# ("Dân số 3 - 14 tuổi (người)"), the pupils or children it expects ("Số học sinh (dự kiến)", "Quy mô trẻ (dự báo)")
_FORECAST_ROW_RE = re.compile(r"\s*(?:dan so\b|(?:so|tong so|quy mo)\s+(?:hoc sinh|tre|hoc vien)\b[^()]*\(\s*du (?:kien|bao)\s*\))")

# a row that counts the school's classes or pupils, and headings that split the school into its grades ("Khối 1 |
# Khối 2 | …", "Lớp 6 | … | Toàn trường"): this year's enrolment by grade, the school's size, no aim (a count of
# classes under a level or a year, "Số lớp | THCS | 25", "Số lớp | Năm 2030 | 44", is the size planned)
_SIZE_ROW_RE = re.compile(r"\s*(?:tong\s+)?so\s+(?:lop|nhom\s*,?\s*lop|nhom tre|hoc sinh|tre|hoc vien)\s*(?:\([^()]*\))?\s*")
_GRADE_HEAD_RE = re.compile(r"\s*(?:khoi|lop)\s+\d{1,2}\s*")
_CMP_SYMBOLS = {"≥": ">=", ">=": ">=", "≤": "<=", "<=": "<=", ">": ">", "<": "<"}

# what is only ever counted whole: a figure of them with a comma before three digits ("1,250 học sinh") is a thousands
# comma, in the English locale, never a decimal one
_WHOLE_UNITS = frozenset(COUNT_UNITS.values()) | {"người", "lượt"}

# A cell's words and the comparator they state; "đạt 95%" states none ("=", as in a sentence: :func:`comparator`).
_SLOT_WORDS = {"tu": ">=", "khong thap hon": ">=", "khong duoi": ">=", "khong it hon": ">=", "toi thieu": ">=",
               "it nhat": ">=", "dat": "=", "tren": ">", "duoi": "<", "khong qua": "<=", "khong vuot qua": "<=",
               "toi da": "<="}

# The comparator of a row's bare cells written in its label: "Sĩ số tối đa mỗi lớp"
# (not one that qualifies a figure of the label itself: "Trường có ít nhất 01 phòng học thông minh | 10 trường")
_LABEL_CMP_RE = re.compile(r"\b(?:(?P<le>toi da|khong qua|khong vuot qua)|(?P<ge>toi thieu|it nhat|khong duoi|khong thap hon"
                           r"|khong it hon))\b(?!\s*\d)")


def _cell_target(L: Lines, label: str, slot: re.Match, year: int, cell: Source, row: Unit, head: Unit,
                 row_unit: str | None) -> list[ParsedTarget]:
    """The target(s) of one table cell: its value under the row's label and the column's (or row's) year."""
    flabel = fold(label)
    if _FORECAST_ROW_RE.match(flabel):
        return []
    if _SIZE_ROW_RE.fullmatch(flabel) and sum(bool(_GRADE_HEAD_RE.fullmatch(c)) for c in fold(head.line).split("|")) >= 2:
        return []
    if slot.group("lvl"):
        raw = slot.group("lv").lower()
        value, unit, kind = float(ROMAN_VALUES.get(raw) or int(raw)), "mức", "lvl"
    elif slot.group("rank"):
        value, unit, kind = float(slot.group("rk")), "hạng", "cnt"
    elif slot.group("share"):
        value, unit, kind = float(slot.group("share").replace(",", ".")), "%", "pct"
    elif slot.group("zero") or _none_of_count(slot, row_unit):
        value, unit = 0.0, row_unit or ""
        kind = "pct" if unit == "%" else "cnt"
    else:
        raw = slot.group("num")
        value = float(raw.replace(".", "")) if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", raw) else float(raw.replace(",", "."))
        written = slot.group("unit")
        unit = ("%" if written == "%" else {**COUNT_UNITS, **LABEL_NOUNS}.get(fold(written), written)) if written else row_unit or ""
        if re.fullmatch(r"\d{1,3},\d{3}", raw) and unit in _WHOLE_UNITS:
            value = float(raw.replace(",", ""))   # "1,050" pupils, in the English locale: no count of people is a fraction
        kind = "pct" if unit == "%" else "lvl" if unit == "mức" else "cnt"
    words = fold(re.sub(r"\s+", " ", slot.group("words") or ""))
    after = fold(slot.group("after") or "")
    if slot.group("cmp"):
        cmp = _CMP_SYMBOLS[slot.group("cmp")]
    elif slot.group("rank"):
        cmp = "<="   # within the top N: a rank of N or better
    elif words or after:
        cmp = "<=" if after == "tro xuong" else _SLOT_WORDS.get(words, "=")
        if after == "tro len" and cmp == "=":
            cmp = ">="   # "95% trở lên", "đạt 95% trở lên": the words after the figure bound it
    elif slot.group("lo"):
        low = float(slot.group("lo").replace(",", "."))
        falling = bool(FALLING_RE.search(flabel))
        cmp, value = ("<=", value) if falling else (">=", min(low, value))
    elif (lm := _LABEL_CMP_RE.search(flabel)) and kind != "lvl":
        cmp = "<=" if lm.group("le") else ">="
    else:
        if _MONEY_RE.match(fold(unit or "").strip()):
            # "Tổng vốn đầu tư … | Triệu đồng | 5.200", "Mức thu tiền ăn (nghìn đồng/tháng) | 25": money planned is a
            # means or a fee, a target only where bounded
            return []
        cmp = "="   # "Phổ cập giáo dục THCS | Mức độ 3", "Tỷ lệ … | 95%": no word bounds it
    cmp = at_least(cmp, value, unit)
    unit = _canonical_unit(unit)
    if unit and slot.group("per"):
        unit = f"{unit}/trường"   # "Ít nhất 01 phòng/trường": in each school, not in all
    if unit in ("trẻ", "học sinh") and _PER_CLASS_RE.search(flabel):
        unit = f"{unit}/lớp"   # "Sĩ số trẻ mẫu giáo/lớp | Không quá 30 trẻ": children per class
    q = Q(cell.start, cell.end, kind, value, unit)
    codes, iconf = indicator(q, flabel, flabel)
    whole = Source(L.items[row.idx][0], row.start, row.start + len(row.line.rstrip()))
    hext = Extracted(date(year, 12, 31), Source(L.items[head.idx][0], head.start, head.start + len(head.line.rstrip())), 0.9)
    if "MAX_CLASS_SIZE" in codes:
        unit = per_class(unit)
    return [ParsedTarget(
        Extracted(code, cell, iconf), Extracted(cmp, cell, 0.9), Extracted(value, cell, 0.95),
        Extracted(unit, cell, 0.9), hext, Extracted(f"{label}: {slot.group(0)} ({year})", whole, 0.9),
        label[:2000], cell, round(min(iconf, 0.9), 2),
    ) for code in codes or [None]]


def _level_class_units(label: str, row_unit: str | None, headings: str, k: int) -> list[str] | None:
    """The class-size unit of each school-level column of a row that names both children and pupils ("Sĩ số tối đa
    (trẻ, học sinh/lớp) | 30 | 35 | 40" under "Mầm non | Tiểu học | THCS"): a preschool class counts "trẻ", a school's
    "học sinh"; None when the row or the headings do not say so."""
    if row_unit not in ("trẻ/lớp", "học sinh/lớp") or not re.search(r"\btre\b.*\bhoc sinh\b|\bhoc sinh\b.*\btre\b", fold(label)):
        return None
    levels = [c for c in headings.split("|") if _GROUP_CELL_RE.fullmatch(c)]
    if len(levels) != k:
        return None
    return ["trẻ/lớp" if re.search(r"\b(?:tre|mau giao|mam non|tuoi|thang|lop (?:mam|choi|la))\b", c) else "học sinh/lớp"
            for c in levels]


def label_row(fline: str) -> bool:
    """A table row of column headings only, none of them a year: "STT | Nội dung | Đơn vị tính | Chỉ tiêu", or
    the same joined by spaces in a PDF's text layer (two headings at least: one alone is a cell of its own); a
    heading may name the unit of the rows' figures ("Nội dung (%)", see :func:`_heading_unit`)."""
    fline = _HEADING_UNIT_RE.sub(lambda m: m.group("label") if m.group("unit").strip() in UNIT_CELLS else m.group(0),
                                 fline)
    if re.search(r"[a-z0-9%]", _TABLE_LABEL_RE.sub(" ", fline.replace("|", " "))):
        return False
    return "|" in fline or len(_TABLE_LABEL_RE.findall(fline)) >= 2


# A column heading that is a school level ("Tiểu học | THCS | THPT" under "Cấp học"), bare or after the word plans head
# a level's column with ("Cấp THCS", "Bậc tiểu học", "Khối THPT", "Khối lớp THCS"), written out or abbreviated with
# or without dots ("MN | TH | THCS", "T.H.C.S")
_LEVEL_ABBREVIATIONS = r"mn|th|t\.\s*h\.?|t\.\s*h\.\s*c\.\s*s\.?|t\.\s*h\.\s*p\.\s*t\.?|gd\s*mn|gd\s*th"
LEVEL_WORDS = r"nha tre|mau giao|mam non|tieu hoc|thcs|thpt|gdtx|trung hoc co so|trung hoc pho thong|giao duc thuong xuyen"
_LEVEL_CELL_RE = re.compile(r"\s*(?:(?:cap|bac|khoi)\s+(?:(?:hoc|lop)\s+)?)?(?:" + LEVEL_WORDS + "|" + _LEVEL_ABBREVIATIONS
                            + r")\s*\.?\s*")

# the terms of a school year as columns ("Học kỳ I | Học kỳ II | Cả năm"): each a column of targets for the year in
# force, as a school level's is
_TERM_CELL_RE = re.compile(r"\s*(?:hoc ky\s+(?:i{1,2}|[12])|hk\s*(?:i{1,2}|[12])|ca nam(?: hoc)?)\s*")

# the grades of a school as columns ("Khối 10 | Khối 11 | Khối 12", "Lớp 1 | … | Lớp 5"): each a column of targets for
# the year in force, as a school level's is
_GRADE_CELL_RE = re.compile(r"\s*(?:khoi|lop)\s+(?:lop\s+)?(?:1[0-2]|[1-9])\s*")

# the groups of children or pupils a school counts apart as columns ("Nhà trẻ | Mẫu giáo | Trẻ 5 tuổi", "Trẻ 24 - 36
# tháng | Trẻ 3 - 5 tuổi", "Lớp Mầm | Lớp Chồi | Lớp Lá", "Học sinh THCS | Học sinh THPT"): each a column of targets for the
# year in force, as a school level's is, the row's figure the group's share
_AGE_GROUP_CELL_RE = re.compile(   # (its ages after the group's name: "Nhà trẻ 24 - 36 tháng", "Mẫu giáo 3 - 4 tuổi")
    r"\s*(?:(?:(?:tre(?: em)?|nha tre|mau giao)\s+)?(?:(?:tu\s+)?\d{1,2}(?:\s*(?:-|–|den)\s*\d{1,2})?|duoi\s+\d{1,2})\s+(?:tuoi|thang(?: tuoi)?)"
    r"|(?:tre|hoc sinh|hoc vien)\s+(?:" + LEVEL_WORDS + r")|nhom tre|(?:lop\s+)?mau giao\s+(?:be|nho|lon)|lop\s+(?:mam|choi|la))\s*")

# a column of a group that takes the row's targets: a school level or a group of children or pupils
_GROUP_CELL_RE = re.compile(r"(?:" + _LEVEL_CELL_RE.pattern + r"|" + _AGE_GROUP_CELL_RE.pattern + r")")

# the whole after its parts ("Khối 10 | Khối 11 | Khối 12 | Toàn trường", "Mầm non | Tiểu học | THCS | Toàn xã"): the
# unit's own target for that year, one more column of targets
_WHOLE_CELL_RE = re.compile(r"\s*(?:(?:toan|ca)\s+(?:truong|trung tam|xa|phuong|huyen|quan|tinh|thanh pho|nganh|don vi)"
                            r"|chung|tong(?:\s+(?:cong|so))?)\s*")

# the unit the labels' column heading gives every row of the table: "Chỉ tiêu (%)", "Nội dung (đơn vị tính: %)"
_HEADING_UNIT_RE = re.compile(r"(?P<label>[^|(]*?)\s*\(\s*(?:(?:don vi(?: tinh)?|dvt)\s*:?\s*)?(?P<unit>[^()|:]{1,12}?)\s*\)\s*")

# a line of its own above a table or a list that gives the unit of their bare figures: "Đơn vị tính: %", "(ĐVT: %)",
# or a heading that ends on it in brackets ("2. Chất lượng (%)", "Chỉ tiêu tuyển sinh (lớp):")
_UNIT_LINE_RE = re.compile(r"\s*(?:\(?\s*(?:don vi tinh|dvt)\s*:\s*(?P<unit>[^()|:]{1,12}?)\s*\)?"
                           r"|(?:(?:\d+(?:\.\d+)*|[a-z])\s*[.)]\s*)?[^\d%()|:]{2,80}?\(\s*(?:(?:don vi(?: tinh)?|dvt)\s*:?\s*)?"
                           r"(?P<named>[^()|:\d]{1,12}?)\s*\)\s*:?)\s*")


def unit_line(fline: str) -> str | None:
    """The unit a line of its own names for the figures under it (see :data:`_UNIT_LINE_RE`), or None."""
    if _MARKS_CAPTION_RE.fullmatch(fline):
        return "điểm"
    return UNIT_CELLS.get((m.group("unit") or m.group("named")).strip()) if (m := _UNIT_LINE_RE.fullmatch(fline)) else None


# a caption that calls the figures under it average marks: "Điểm trung bình thi tốt nghiệp THPT một số môn:"
_MARKS_CAPTION_RE = re.compile(r"\s*(?:[-+•*–]\s*)?diem (?:trung binh|binh quan)\b[^|%\d:;.]{0,80}:\s*")


def _heading_unit(fline: str) -> str | None:
    """The unit a table's heading row gives the bare figures of all its rows, in brackets after the labels' heading
    ("Chỉ tiêu (%) | Nhà trẻ | Mẫu giáo", "Chỉ tiêu đến năm 2030 (%) | Tiểu học | THCS"), or None; a row's own unit
    comes first."""
    for cell in fline.split("|")[:2]:
        if (m := _HEADING_UNIT_RE.fullmatch(cell)) and (_TABLE_LABEL_RE.fullmatch(m.group("label").strip())
                                                         or _HORIZON_LABEL_RE.fullmatch(m.group("label"))) \
                and (unit := UNIT_CELLS.get(m.group("unit").strip())):
            return unit
    return None


# the unit a line above a table gives its bare figures: "2. Chỉ tiêu cụ thể (Đơn vị: %)", "Đơn vị tính: %"
_UNIT_NOTE_RE = re.compile(r"(?:^|[\s(])(?:don vi(?: tinh)?|dvt)\s*:\s*(?P<unit>[^()|:;,.]{1,12}?)\s*(?:\)|$)")
NUMBERED_HEADING_RE = re.compile(r"^\s*\d+(?:\.\d+)*\s*[.)]?\s+\S")


def _unit_above(L: Lines, at: int) -> str | None:
    """The unit of a table's bare figures stated above it, on its caption or the numbered part it stands under
    (a paragraph on the targets may come between them), or None."""
    for i in list(L.nonblank(max(0, at - 6), at))[::-1]:
        if (m := _UNIT_NOTE_RE.search(L.fline(i))) and (unit := UNIT_CELLS.get(m.group("unit").strip())):
            return unit
        if NUMBERED_HEADING_RE.match(L.line(i)) or SECTION_RE.match(L.line(i)):
            return None
    return None


def _level_columns(fline: str, horizon: int | None = None) -> int:
    """How many columns of a heading row with cell marks are school levels, each a column of targets for the year
    the table's caption or heading names ("TT | Chỉ tiêu | Tiểu học | THCS | THPT" under "Bảng 1. Chỉ tiêu năm học
    2026 - 2027"), or a school year's terms ("Học kỳ I | Học kỳ II | Cả năm"): the cells after the labels, two at
    least; 0 for any other row. Given that year (``horizon``), a column before the levels that names an earlier one
    ("NH 2025-2026 | Khối 10 | Khối 11") is last year's figures, as a baseline column is."""
    if "|" not in fline:
        return 0
    cells = fline.split("|")
    cells = cells[:len(cells) - _trailing_columns(fline)]
    while cells and not cells[-1].strip():
        cells.pop()   # under a notes column merged down from the heading row above ("Năm 2030" over the levels)
    whole = int(len(cells) > 3 and bool(_WHOLE_CELL_RE.fullmatch(cells[-1])))
    k = whole
    last = cells[-1 - whole] if len(cells) > whole else ""
    kind = _TERM_CELL_RE if _TERM_CELL_RE.fullmatch(last) else _GRADE_CELL_RE if _GRADE_CELL_RE.fullmatch(last) \
        else _GROUP_CELL_RE
    while k < len(cells) and kind.fullmatch(cells[-1 - k]):
        k += 1
    if k - whole < 2:
        return 0
    lead = cells[:len(cells) - k]
    # ("Chỉ tiêu (%)": the labels' heading, with the unit of their figures)
    lead = [_HEADING_UNIT_RE.fullmatch(c).group("label") if _heading_unit(c) else c for c in lead]
    # (a baseline column between the labels and the levels, "Hiện trạng 2025", holds today's figures: its cells fall
    # to the row's label side and are not read, as beside horizons)
    return k if k >= 2 and lead and not re.search(r"[a-z0-9%]", _TABLE_LABEL_RE.sub(" ", lead[0])) and all(
        not re.search(r"[a-z0-9%]", _TABLE_LABEL_RE.sub(" ", c)) or _STATUS_HEAD_RE.fullmatch(c.strip())
        or _LAST_YEAR_COL_RE.fullmatch(c) or horizon and (y := DATE_CELL_RE.fullmatch(c)) and int(y.group(1)) < horizon
        for c in lead[1:]) else 0


_YEAR_THEN_LEVEL_RE = re.compile(r"\s*(?:(?:muc tieu|chi tieu|ke hoach|phan dau)\s+)?(?:(?:den|toi)\s+)?(?:nam\s+(?:hoc\s+)?)?"
                                 r"(?:20\d\d\s*[-–]\s*)?(20\d\d)" + _LEVEL_CELL_RE.pattern)

# The labels' column heading that names the horizon of the level columns beside it: "Chỉ tiêu đến năm 2030"
_HORIZON_LABEL_RE = re.compile(r"\s*(?:(?:chi tieu|muc tieu|noi dung|tieu chi)\s+)?(?:(?:den|toi)\s+(?:het\s+)?)?nam\s+(?:hoc\s+)?"
                               r"(?:20\d\d\s*[-–]\s*)?(20\d\d)\s*")


def _year_over_levels(fline: str) -> list[int] | None:
    """The year of each level column of a heading row whose year was merged over the levels and read as the first
    level's cell ("STT | Nội dung | Chỉ tiêu năm 2030 Tiểu học | THCS | Giải pháp"), or None."""
    if "|" not in fline:
        return None
    cells = fline.split("|")
    cells = cells[:len(cells) - _trailing_columns(fline)]
    k = 0
    while k < len(cells) and _LEVEL_CELL_RE.fullmatch(cells[-1 - k]):
        k += 1
    labels = cells[-1 - k] if k < len(cells) else ""
    if _heading_unit(labels):   # "Chỉ tiêu đến năm 2030 (%)": the unit of the figures under the levels too
        labels = _HEADING_UNIT_RE.fullmatch(labels).group("label")
    if k >= 2 and (label := _HORIZON_LABEL_RE.fullmatch(labels)) and all(
            not re.search(r"[a-z0-9%]", _TABLE_LABEL_RE.sub(" ", c)) for c in cells[:len(cells) - k - 1]):
        return [int(label.group(1))] * k   # "Chỉ tiêu đến năm 2030 | Mầm non | Tiểu học | THCS": the labels' heading names the year
    first = _YEAR_THEN_LEVEL_RE.fullmatch(cells[-1 - k]) if k < len(cells) else None
    if k < 1 or first is None or any(re.search(r"\d", c) for c in cells[:len(cells) - k - 1]):
        return None
    return [int(first.group(1))] * (k + 1)


# a heading merged over levels or grades, read into the first of them ("Năm học 2026-2027 (cam kết) Lớp 10")
_HEADED_LEVEL_RE = re.compile(r"(?P<head>.*\b20\d\d\b.*?)\s+(?P<level>(?:" + _GROUP_CELL_RE.pattern + "|"
                              + _GRADE_CELL_RE.pattern + "))")


def _groups_over_levels(fline: str, plan_year: int | None, plan_month: int | None) -> tuple[list[int], int] | None:
    """The year of each column of a PDF's heading row whose school-year headings were merged over the same levels or
    grades and read into the first of them ("STT | Nội dung | Năm học 2025-2026 (thực hiện) Lớp 10 | Lớp 11 | Năm
    học 2026-2027 (cam kết) Lớp 10 | Lớp 11"), and how many of the first columns give a year already over (see
    :func:`_past_columns`); None for any other row."""
    if "|" not in fline:
        return None
    cells = fline.split("|")
    cells = cells[:len(cells) - _trailing_columns(fline)]
    first = next((k for k, c in enumerate(cells) if _HEADED_LEVEL_RE.fullmatch(c)), None)
    if first is None or not first or any(re.search(r"\d", c) for c in cells[:first]):
        return None
    heads: list[str] = []
    years: list[int] = []
    for cell in cells[first:]:
        if m := _HEADED_LEVEL_RE.fullmatch(cell):
            heads.append(m.group("head"))
        elif not (_GROUP_CELL_RE.fullmatch(cell) or _GRADE_CELL_RE.fullmatch(cell) or _WHOLE_CELL_RE.fullmatch(cell)):
            return None
        years.append(int(re.findall(r"20\d\d", heads[-1])[-1]))
    if len(heads) < 2 or len(years) < 2 * len(heads):
        return None
    past = _past_columns("|".join(heads), sorted(set(years), key=years.index), plan_year, plan_month)
    return years, sum(1 for y in years if y in sorted(set(years), key=years.index)[:past])


_UNIT_COL_RE = re.compile(r"\s*(?:don vi(?: tinh)?|dvt)\s*")


def table_targets(L: Lines, units: list[Unit], n: int, year_in_force: int | None = None,
                   plan_year: int | None = None, plan_month: int | None = None) -> tuple[list[ParsedTarget], int] | None:
    """Targets of a table whose columns are horizons, starting at ``units[n]``; (targets, units used).

    A table with one column of values and no year in its headings ("STT | Nội dung | Đơn vị tính | Chỉ tiêu")
    takes its year from a title row above its headings ("Chỉ tiêu phấn đấu năm 2026 | | |") or, failing
    that, from the heading in force (``year_in_force``: "2. Chỉ tiêu đến năm 2030" above the table)."""
    head = units[n]
    baseline = None
    years = year_cells(head.fline) if ("|" in head.line or len(_YEAR_CELL_RE.findall(head.fline)) > 1) else None
    if years is None and "|" in head.line:
        years = _flattened_years(head.fline)
    used = 1
    headings = head
    wrapped = _wrapped_heading(units, n)
    if wrapped is not None:
        years, skip_wrapped, used = wrapped
    cell_unit, cell_trail, cell_skip = False, 0, 0   # unit, notes and baseline columns of a table laid one cell a line
    spread_past = None
    if years is not None and len(years) == 1 and n + 1 < len(units) and label_row(units[n + 1].fline):
        headings, used = units[n + 1], 2   # the year in the title row, the column headings under it
    elif years is not None and len(years) == 1 and n + 1 < len(units) and (levels := _level_columns(units[n + 1].fline)):
        years, headings, used = years * levels, units[n + 1], 2   # "Chỉ tiêu năm 2030" merged over the levels
        # a disclosure's "Kết quả năm học 2025-2026 | Cam kết năm học 2026-2027" merged over the same levels each: the
        # results' columns first, their figures not read
        merged = _YEAR_CELL_RE.findall(head.fline)
        if len(merged) > 1 and levels % len(merged) == 0 and int(merged[-1]) == years[0] \
                and not _YEAR_CELL_RE.search(units[n + 1].fline):
            spread_past = levels - levels // len(merged)
    elif years and n + 1 < len(units) and (spread := _spread_years(head.fline, units[n + 1].fline, years)):
        # (the columns of results and of past years before the horizons, as the head row's own years tell them)
        kept = set(years[_past_columns(head.fline, years, plan_year, plan_month) if "|" in head.line else 0:])
        spread_past = next((k for k, y in enumerate(spread) if y in kept), len(spread))
        years, headings, used = spread, units[n + 1], 2
    elif years is None and (over := _year_over_levels(head.fline)):
        years = over   # a PDF's "Chỉ tiêu năm 2030" over "Tiểu học | THCS" read as one row: "… | Chỉ tiêu năm 2030 Tiểu học | THCS"
    elif years is None and (grouped := _groups_over_levels(head.fline, plan_year, plan_month)):
        years, spread_past = grouped   # last year's results and this year's commitments, each over the same grades
    elif years is None and (levels := _level_columns(head.fline)) and n + 1 < len(units) and (
            year := _group_horizon(units[n + 1].fline)):
        years = [year] * levels   # "Chỉ tiêu | Mầm non | Tiểu học" over "A. ĐẾN HẾT NĂM 2026 | | ": each group's horizon
    elif years is None and year_in_force and (levels := _level_columns(head.fline, year_in_force)):
        years = [year_in_force] * levels
    elif years is None and year_in_force and label_row(head.fline) and n + 1 < len(units) and (
            levels := _level_columns(units[n + 1].fline)):
        years, headings, used = [year_in_force] * levels, units[n + 1], 2   # "Cấp học" merged over the levels
    elif years is None and year_in_force and label_row(head.fline):
        years = [year_in_force]
    elif years is None and (due := due_column(head.fline)) is not None and any(
            re.fullmatch(r"\s*(?:chi tieu|muc tieu)\s*", c) for c in head.fline.split("|")) and (
            dues := [y for u in units[n + 1:n + 40] if "|" in u.line
                     if (y := due_year(u.fline, due, head.fline.count("|") + 1))]):
        years = [max(dues)]   # one column of targets, each row's deadline in a column of its own; a row with none is due last
    elif years is None and year_in_force and (baseline := _baseline_then_target(head.fline, plan_year)):
        years = [year_in_force]   # "Chỉ tiêu | Năm 2025 (thực hiện) | Mục tiêu | Đơn vị thực hiện" under "… đến năm 2030"
    # headings that name no year take it from above the table or from a group row inside it, which may name another
    regroup = years is not None and len(set(years)) == 1 and not _YEAR_CELL_RE.search(headings.fline)
    if years is None:
        if "|" in head.line:
            return _transposed_targets(L, units, n, year_in_force, plan_year, plan_month)
        # a PDF that puts every cell on its own line: "TT" / "Chỉ tiêu" / "ĐVT" / "Năm 2026" / "Năm 2030" / "Ghi chú"
        years, used = [], 0
        pending: list[int] = []   # "Năm học 2025 -" … "2026": a school year's end on a line of its own, later
        for u in units[n:n + 12]:
            cell = year_cells(u.fline)
            if pending and re.fullmatch(r"\s*20\d\d\s*", u.fline):
                years[pending.pop(0)] = int(u.fline)
            elif cell is not None and not cell_trail and re.search(r"20\d\d\s*[-–]\s*$", u.fline):
                pending.append(len(years))
                years += cell
            elif (years or cell_skip) and not cell_trail and re.fullmatch(
                    r"\s*(?:muc tieu|chi tieu|ke hoach|phan dau|nam(?:\s+hoc)?)\s*", u.fline):
                pending.append(len(years))   # "Mục tiêu" … "2026": a horizon's heading, its year wrapped
                years.append(0)
            elif cell is not None and not cell_trail:
                years += cell
            elif cell is None and not years and _heading_cell(u.fline):
                cell_unit = cell_unit or bool(_UNIT_COL_RE.fullmatch(u.fline))
            elif cell is None and not years and _STATUS_HEAD_RE.fullmatch(u.fline.strip()):
                cell_skip += 1   # "Thực hiện 2025": a baseline column before the horizons
            elif cell is None and years and _TRAIL_COL_RE.fullmatch(u.fline):
                cell_trail += 1
            else:
                break
            used += 1
        if pending or years != sorted(set(years)):
            # the headings' cells broke into pieces in no useful order ("Năm học 2025" / "Năm học 2027 - 2028" /
            # "Năm" / "- 2026" / "học" / "2029"): their years, in order
            used = next((j for j, u in enumerate(units[n:n + 16]) if not (
                _heading_cell(u.fline) or _HEADING_BITS_RE.fullmatch(u.fline) or year_cells(u.fline) is not None
                or _STATUS_HEAD_RE.fullmatch(u.fline.strip()))), 0)
            text = " ".join(u.fline for u in units[n:n + used])
            found = _heading_years(text, len(_STATUS_HEAD_RE.findall(text))) if used >= 2 else None
            if found is None:
                return None
            (years, cell_skip), cell_trail = found, 0
            cell_unit = any(_UNIT_COL_RE.fullmatch(u.fline) for u in units[n:n + used])
        if not years and year_in_force and used >= 2 and re.fullmatch(
                r"\s*(?:chi tieu|muc tieu|ke hoach|phan dau)\s*", units[n + used - 1].fline):
            years = [year_in_force]   # "STT" / "Nội dung" / "Đơn vị tính" / "Chỉ tiêu" under "Chỉ tiêu năm 2026"
        elif len(years) < 2:
            return None
    past = spread_past if spread_past is not None else _past_columns(head.fline, years, plan_year, plan_month) \
        if re.search(r"[|\t]", head.line) and wrapped is None else 0
    years = years[past:]
    k = len(years)
    unit_col = any(_UNIT_COL_RE.fullmatch(c) for c in headings.fline.split("|")) or (
        "|" not in headings.fline and bool(re.search(r"\b(?:don vi tinh|dvt)\b|\bdon vi\b(?!\s+(?:chu tri|thuc hien|phu trach))",
                                                      headings.fline)))
    skip = _status_columns(headings.fline) if used == 1 else skip_wrapped if wrapped is not None else 0
    skip += past
    between = _past_cells(headings.fline, unit_col)
    trail = _trailing_columns(headings.fline)
    if not trail and headings is not head and _level_columns(headings.fline):
        # the notes column of two heading rows named in the upper one ("… | Năm 2030 | | Ghi chú" over "… | Tiểu học
        # | THCS | "): the columns after the last level
        cells = headings.fline.split("|")
        kinds = (_GROUP_CELL_RE, _GRADE_CELL_RE, _TERM_CELL_RE, _WHOLE_CELL_RE)   # as _level_columns counts them
        trail = len(cells) - 1 - max(k for k, c in enumerate(cells) if any(kind.fullmatch(c) for kind in kinds))
    if baseline:
        skip, trail = baseline
    of_all = (_heading_unit(headings.fline) or (unit_line(units[n - 1].fline) if n else None)
              or _unit_above(L, head.idx))
    # a PDF heading row joined by spaces that ends with a notes column: "TT Chỉ tiêu Năm 2026 Năm 2030 Ghi chú"
    noted = "|" not in headings.fline and bool(re.search(r"20\d\d\s+" + _TRAIL_COL_RE.pattern + "$", headings.fline))
    targets: list[ParsedTarget] = []
    m = n + used
    grouped_at = None
    due = due_column(headings.fline) if k == 1 else None
    counted = _counted_rows(headings.fline)
    group_unit = None   # the unit a group row names for the rows under it ("II. Chất lượng giáo dục (%) | | |")
    while m < len(units):
        if _repeated_heading(units[m].fline, headings.fline):
            m += 1   # the headings again at the top of the next page (a row's last words may have slipped into them)
            continue
        if regroup and ("|" in units[m].line or "|" not in head.line) and (year := _group_horizon(units[m].fline)):
            years = [year] * k   # "B. ĐẾN NĂM 2030 | | |": the rows under it are due then
            grouped_at = m
            m += 1
            continue
        if "|" in units[m].line and year_cells(units[m].fline):
            break   # the title row of the next table ("Chỉ tiêu phấn đấu đến năm 2030 | | |")
        row_line = units[m].line
        note = ""
        if trail and row_line.count("|") >= trail:
            note = row_line.split("|")[-trail]
            row_line = "|".join(row_line.split("|")[:-trail])   # offsets of the cells kept stay valid
        if between and row_line.count("|") == headings.fline.count("|") - trail:
            # last year's cells blanked, their offsets kept: the cell before the horizons is then the unit's
            cells = row_line.split("|")
            lo, hi = len(cells) - k - between, len(cells) - k
            row_line = "|".join(cells[:lo] + [" " * len(c) for c in cells[lo:hi]] + cells[hi:])
        row = _peel_slots(row_line, k + skip, unit_col, of_all=of_all, counted=counted, group_unit=group_unit)
        also = []   # the rows a cell holding two targets adds ("≥ 40% (nhà trẻ); ≥ 98% (mẫu giáo)")
        if row is None and (shares := _shared_cells(row_line, k)) and all(peeled := [
                _peel_slots(one, k + skip, unit_col, of_all=of_all, counted=counted, group_unit=group_unit)
                for one in shares]):
            row, also = peeled[0], peeled[1:]
        if row is None and noted:
            row = _peel_before_note(row_line, k + skip, unit_col)
        if row is None:
            row = _peel_wrapped(L, units[m], k + skip, unit_col, noted)
        if row is not None and not any(slot for *_, slot in row[1]) and len([c for c in units[m].line.split("|") if c.strip()]) == 1:
            group_unit = _group_unit(units[m].fline, units[m].line)   # a group row, its cells merged: its rows' unit
        if row is not None and skip:
            row = (row[0], row[1][skip:], row[2])   # the baseline figures before the horizons'
            also = [(r[0], r[1][skip:], r[2]) for r in also]
        cells_of = [units[m]]
        if row is None and (parts := _compound_rows(units[m].line, k) or _compound_rows(
                L.line(units[m].idx), k, units[m].line[len(L.line(units[m].idx)):].strip())):
            for name, slots, unit in parts:
                name = re.sub(r"^\d+\s*[.)]?\s+", "", name).strip()
                for year, (s, e, slot) in zip(years, slots):
                    if not _holds_nothing(slot, unit):
                        cell = Source(L.items[units[m].idx][0], units[m].start + s, units[m].start + e)
                        targets += _cell_target(L, name, slot, year, cell, units[m], head, unit)
            m += 1
            continue
        step = None
        row_of = units[m]
        if row is None or not re.search(r"[^\W\d_]", row[0]):
            # the label alone on its line and each value on the next k lines (a serial number and a unit may
            # have lines of their own before them, a note one after them)
            laid = _cells_row(units, m, k, cell_unit, cell_skip)
            if laid is None and not cell_unit and not cell_skip and (found := _cells_compound(L, units, m, k, years, head)):
                targets += found[0]
                m += found[1]
                continue
            under = None
            if laid is None and row is None and "|" not in head.line:
                under = _values_under_label(units, m, k + skip, unit_col, of_all, counted, group_unit)
                laid = (m, under, [units[m + 1]]) if under else None
            if laid is None:
                def row_at(j: int, group_unit: str | None = group_unit) -> bool:
                    line_j = units[j].line if j < len(units) else ""
                    if "|" in head.line and "|" not in line_j and re.match(r"\s*[-+•*–]\s", line_j):
                        return False   # "2. Chăm sóc" / "- 100% trẻ …, 100% trẻ …" under a table of cells: a list again
                    if trail and line_j.count("|") >= trail:   # "… | Mức 2 | Hiệu trưởng": who does it is no value
                        line_j = "|".join(line_j.split("|")[:-trail])
                    nxt = (_peel_slots(line_j, k + skip, unit_col, of_all=of_all, counted=counted, group_unit=group_unit)
                           or _peel_wrapped(L, units[j], k, unit_col, noted)
                           ) if j < len(units) else None
                    return bool(nxt and re.search(r"[^\W\d_]", nxt[0]) or _cells_row(units, j, k, cell_unit, cell_skip))

                # a group heading merged across the table ("Giáo dục mầm non"), or the end of a label a PDF wrapped
                # under its row and the group heading after it: the rows go on
                short = [j for j in (m, m + 1) if j < len(units) and "|" not in units[j].line
                         and len(units[j].line.strip()) <= 100 and not year_cells(units[j].fline)]
                # (not a part of the document numbered with its own horizon, "5. Tầm nhìn đến năm 2035", over a sentence
                # a PDF wrapped after its figure: the table has ended)
                # (a group heading that names its rows' unit, "Tỷ lệ trường đạt chuẩn quốc gia (%)", gives it to them)
                merged_unit = _group_unit(units[m].fline, units[m].line) if short[:1] == [m] else None
                merged_unit = merged_unit if merged_unit and row_at(m + 1, merged_unit) else None
                if short[:1] == [m] and (merged_unit or row_at(m + 1)) and not (
                        re.match(r"\s*\d+\s*[.)]\s", units[m].line) and HORIZON_LINE_RE.match(units[m].fline)
                        and horizon_of(units[m].fline, heading=True)):
                    group_unit = merged_unit or group_unit
                    m += 1
                    continue
                # (a form's rows in words come a few together before its figures: "I | Điều kiện tuyển sinh | Xét
                # tuyển, điểm chuẩn 18,5 | …", "II | Chương trình | GDPT 2018 | …", "III | Kết quả dự kiến | | …")
                same = units[m].line.count("|") == headings.line.count("|")
                named = _group_unit(units[m].fline, units[m].line) if "|" in units[m].line else None
                ahead = m + 1
                while same and ahead < min(len(units), m + 4) and units[ahead].line.count("|") == units[m].line.count("|") \
                        and not row_at(ahead, named):
                    ahead += 1
                if "|" in units[m].line and same and row_at(ahead, named):
                    m += 1   # a row whose cells hold no value ("Năm hoàn thành | 2027 | 2030", "Ghi chú | x | x")
                    group_unit = named
                    continue
                if len(short) == 2 and "|" not in units[m].line and row_at(m + 2):
                    m += 2
                    continue
                if _group_row(units[m].fline) and row_at(m + 1, named := _group_unit(units[m].fline, units[m].line)):
                    m += 1
                    group_unit = named
                    continue
                break
            at, row, cells_of = laid
            row_of = units[at]
            step = 2 if under else at + 1 + (1 if cell_unit else 0) + cell_skip + k - m
            if cell_trail and m + step < len(units) and _cells_row(units, m + step, k, cell_unit, cell_skip) is None \
                    and not year_cells(units[m + step].fline) and "|" not in units[m + step].line \
                    and not SECTION_RE.match(units[m + step].line) and _cells_row(units, m + step + 1, k, cell_unit, cell_skip):
                step += 1   # the row's note ("Năm 2025: 68%"), before the next row
        label = re.sub(r"^\d+\s*[.)]?\s+", "", row[0]).strip()
        if _BOUND_NOTE_RE.fullmatch(fold(note)):
            label = f"{label} ({note.strip()})"   # "… | 1 | 2 | Tối thiểu mỗi trường": the note bounds the row's figures
        own = due_year(units[m].fline, due, headings.fline.count("|") + 1)
        column_units = _level_class_units(label, row[2], headings.fline, k)
        for c, (year, (s, e, slot)) in ((c, cell) for one in (row, *also)
                                          for c, cell in enumerate(zip([own] if own else years, one[1]))):
            if _holds_nothing(slot, row[2]):
                continue
            unit_of = cells_of[c] if len(cells_of) == k else cells_of[0]
            cell = Source(L.items[unit_of.idx][0], unit_of.start + s, unit_of.start + e)
            targets += _cell_target(L, label, slot, year, cell, row_of, head, column_units[c] if column_units else row[2])
        m += step if step is not None else 1
    if grouped_at == m - 1:
        m -= 1   # a horizon's heading with no row under it is the next part's ("3. Tầm nhìn đến năm 2035")
    if m == n + used:
        return None
    if any(_names_a_unit(t.text) for t in targets) and (caption := _table_caption(units, n)):
        # a table by school says what its figures are above it, not in its rows: the target reads as both, and
        # counts what the caption counts, not the school its row names
        counted = label_unit(caption)
        targets = [replace(t, text=f"{caption} — {t.text}", unit=replace(t.unit, value=counted)
                           if counted and t.unit.value == "trường" else t.unit)
                   if _names_a_unit(t.text) else t for t in targets]
    return targets, m - n


_UNIT_KIND_RE = re.compile(r"(?:\d+\s*[.)]?\s+)?(?:(?:truong|diem truong)\s+)?(?:mam non|mau giao|tieu hoc|trung hoc co so"
                           r"|trung hoc pho thong|th\s*(?:&|va)\s*thcs|thcs\s*(?:&|va)\s*thpt|thcs|thpt|th|mn|ptdtbt|ptdtnt|lien cap)\s+")


def _names_a_unit(label: str) -> bool:
    """A table's row named by a unit, not by what it measures: a school ("Trường Mầm non Cao Phong", "THCS Đồng Lạc -
    Hưng Long": its kind, then a proper name) or their total ("Cộng", "Tổng cộng", "Toàn xã")."""
    f = fold(label).strip()
    if re.fullmatch(r"(?:tong\s+)?cong|tong so|toan (?:xa|phuong|huyen|tinh)", f):
        return True
    kind = _UNIT_KIND_RE.match(f)
    name = label.strip()[kind.end():].split() if kind else []
    return bool(name) and all(w[0].isupper() or w[0].isdigit() or w in ("-", "–", "&") for w in name)


def _table_caption(units: list[Unit], n: int) -> str | None:
    """What a table's figures are, as the line above its headings says ("- Số phòng học thông minh của các trường theo
    bảng sau:"), or its title above a "(Kèm theo …)" line; None when a table's row is there."""
    for above in units[max(n - 2, 0):n][::-1]:
        text = above.line.strip()
        if "|" in text:
            return None
        if not re.fullmatch(r"\(.*\)", text):
            text = re.sub(r"^[-+•*–]\s*|\s*(?:(?:như|theo)\s+(?:bảng|biểu|phụ lục)\s+(?:sau|dưới đây)\s*)?:?\s*$", "", text)
            return text or None
    return None


# A row's note that only bounds its figures: "Tối thiểu", "Tối đa mỗi lớp", "Không quá (mỗi năm)"
_BOUND_NOTE_RE = re.compile(r"\s*(?:toi thieu|it nhat|khong duoi|khong it hon|toi da|khong qua|khong vuot qua)"
                            r"(?:\s*\(?\s*(?:cho\s+|tren\s+)?moi\s+[a-z]+(?:\s+[a-z]+)?\s*\)?)?\s*")

# What a row may be that its figures do not count: whom or where they are set for ("Trường | Năm 2027" over "Trường
# Tiểu học Lê Lợi | 6": six of something at that school, not six schools)
_ROW_SUBJECTS = PEOPLE | {"trường", "lớp", "trung tâm", "cơ sở", "điểm trường", "điểm lẻ", "doanh nghiệp"}


def _counted_rows(heading: str) -> str | None:
    """What the rows of a table are when its label column's heading names a thing counted ("Câu lạc bộ | Năm 2027 |
    Năm 2030", "Môn học | 2027"): the unit of their bare whole numbers; None for a heading that names none ("Chỉ
    tiêu", "Nội dung") or whom the figures are set for."""
    cells = [c for c in heading.split("|") if c.strip() and not re.fullmatch(r"\s*s?\s*t\s*t\s*", c)]
    if "|" not in heading or not cells or _YEAR_CELL_RE.search(cells[0]):
        return None
    noun = _label_head(cells[0])
    return noun if noun and noun not in _ROW_SUBJECTS and len(cells[0].split()) <= 3 else None


def _repeated_heading(fline: str, heading: str) -> bool:
    """Whether a row is the table's heading row repeated on a new page: its cells the heading's, a cell maybe followed
    by the words of a row the page break cut ("Chỉ tiêu STEM (%)" under "Chỉ tiêu")."""
    cells, heads = fline.split("|"), heading.split("|")
    return "|" in heading and len(cells) == len(heads) and sum(bool(h.strip()) for h in heads) >= 2 and all(
        c.strip().startswith(h.strip()) for c, h in zip(cells, heads)) and sum(
        c.strip() == h.strip() for c, h in zip(cells, heads)) >= len(heads) - 1


def _baseline_then_target(fline: str, plan_year: int | None = None) -> tuple[int, int] | None:
    """(baseline columns, trailing columns) of a heading row with one column of targets and no year of its own, after
    the label and today's figures and before who does it: "Chỉ tiêu | Năm 2025 (thực hiện) | Mục tiêu | Đơn vị thực
    hiện", "Nội dung | Năm 2025 | Mục tiêu | Đơn vị chủ trì" in a plan of 2026 (a past year's column); None for any
    other row."""
    cells = [c.strip() for c in fline.split("|")]
    trail = 0
    # (the column of another body's figures that :func:`_set_apart_others_column` blanked is not read either)
    while len(cells) - trail > 2 and (_TRAIL_COL_RE.fullmatch(cells[-1 - trail]) or not cells[-1 - trail]):
        trail += 1
    body = cells[:len(cells) - trail]
    if body and re.fullmatch(r"s?\s?t\s?t", body[0]):
        body = body[1:]   # "TT | Tên chỉ tiêu | …": the serial number stays with the label
    # (a unit column beside the label, "Đơn vị tính", is read as a unit column, not skipped as a baseline)
    middle = [c for c in body[1:-1] if not _UNIT_COL_RE.fullmatch(c) and c]
    # (the one column left of a form that gave a figure and took one on: "Chỉ tiêu giao | Trường đăng ký", and of a
    # meeting's draft and what it adopted: "Dự thảo | Hội nghị thông qua")
    if len(body) < 2 or not (re.fullmatch(r"(?:muc tieu|chi tieu|ke hoach|phan dau)(?: phan dau)?", body[-1])
                             or _REGISTERED_COL_RE.fullmatch(body[-1]) or _ASSIGNED_COL_RE.fullmatch(body[-1])
                             or _ADOPTED_COL_RE.fullmatch(body[-1])) \
            or not (_TABLE_LABEL_RE.fullmatch(body[0]) or re.fullmatch(r"(?:ten|noi dung) chi tieu", body[0])) or not all(
                _STATUS_COL_RE.search(c) or plan_year and (y := _YEAR_CELL_RE.fullmatch(c)) and int(y.group(1)) < plan_year
                for c in middle) or len(body) == 2 and not trail:
        return None
    return len(middle), trail


def _past_columns(head: str, years: list[int], plan_year: int | None, plan_month: int | None = None) -> int:
    """How many of a heading row's first year columns give results already past when the plan was issued, set
    apart by their heading's year ("Năm học 2024 - 2025 | Năm 2026 | Năm 2030" in a plan of 2026; "Năm học 2025 -
    2026" is still under way before June, over from then: a report of December 2026's "Năm học 2025-2026 | Chỉ tiêu
    năm học 2026-2027"), the horizons after them; their figures are a baseline."""
    cells = [c for c in re.split(r"[|\t]", head) if _YEAR_CELL_RE.search(c)]
    if len(cells) != len(years):
        return 0
    # (the plan's own year, bare, before a column that calls its figures the targets: "Năm 2026 | Chỉ tiêu năm 2027" in a
    # plan of September 2026, the year's results beside the next year's aims)
    aimed = [bool(re.search(r"\b(?:chi tieu|muc tieu|phan dau)\b", c)) for c in cells]
    return next((k for k, (year, cell) in enumerate(zip(years, cells)) if plan_year is None or year > plan_year or (
        year == plan_year and not (plan_month is not None and plan_month >= 6 and (
            re.search(r"20\d\d\s*[-–]\s*20\d\d", cell) or not aimed[k] and any(aimed[k + 1:]))))), 0)


def _past_cells(head: str, unit_col: bool) -> int:
    """How many columns of a heading row with cell marks stand between its unit column and its first horizon:
    last year's plan, results and their comparison ("ĐVT | Kế hoạch | Năm 2025 Thực hiện | So sánh (%) | Chỉ tiêu
    năm 2026"), so that the unit is the unit column's and not the cell before the horizon."""
    if "|" not in head or not unit_col:
        return 0
    cells = head.split("|")
    unit = next((k for k, c in enumerate(cells) if _UNIT_COL_RE.fullmatch(c)), None)
    dated = [k for k, c in enumerate(cells) if _YEAR_CELL_RE.search(c) and not (
        _STATUS_COL_RE.search(c) and not re.search(r"\b(?:ke hoach|chi tieu|muc tieu|phan dau|den|toi)\b", c))]
    if unit is None or not dated or dated[0] <= unit + 1 or not any(_STATUS_COL_RE.search(c) for c in cells[unit + 1:dated[0]]):
        return 0
    return dated[0] - unit - 1


def _spread_years(head: str, under: str, years: list[int]) -> list[int] | None:
    """The year of each value column when each year's heading is merged over several columns named in the row under
    it ("TT | Chỉ tiêu | Năm 2026 | Năm 2030" over "TT | Chỉ tiêu | Mầm non | Tiểu học | Mầm non | Tiểu học"): every
    year as many times as it has columns; None when the row under is no such row."""
    if "|" not in head or "|" not in under:
        return None
    cells, below = head.split("|"), under.split("|")
    lead = next(k for k, c in enumerate(cells) if _YEAR_CELL_RE.search(c))
    per, left = divmod(len(below) - lead, len(years))
    if len(cells) - lead != len(years) or per < 2 or left or any(
            not re.search(r"[a-z]", c) or re.search(r"\d", c) for c in below[lead:]):
        return _merged_over(cells, below, lead)
    return [y for y in years for _ in range(per)]


def _merged_over(cells: list[str], below: list[str], lead: int) -> list[int] | None:
    """The year of each value column of a Word table whose row under the year headings repeats the cells merged down
    through both rows ("STT | Chỉ tiêu | Ước thực hiện năm học 2025-2026 | Kế hoạch năm học 2026-2027 | Ghi chú" over
    "STT | Chỉ tiêu | Ước thực hiện năm học 2025-2026 | Nhà trẻ | Mẫu giáo | 5 tuổi | Ghi chú"): a year heading spans
    the cells up to the next heading repeated, groups of children or levels, two at least; None for any other row."""
    spans, j = [], 0
    for k, cell in enumerate(cells):
        if j < len(below) and below[j].strip() == cell.strip():
            spans.append((cell, 1))
            j += 1
            continue
        after = cells[k + 1].strip() if k + 1 < len(cells) else None
        start = j
        while j < len(below) and below[j].strip() != after:
            j += 1
        if j - start < 2 or not _YEAR_CELL_RE.search(cell) or any(
                not re.search(r"[a-z]", c) or _YEAR_CELL_RE.search(c) for c in below[start:j]):
            return None
        spans.append((cell, j - start))
    if j != len(below) or all(width == 1 for _, width in spans):
        return None
    years = [int(y.group(1)) for cell, width in spans[lead:] if (y := _YEAR_CELL_RE.search(cell)) for _ in range(width)]
    return years or None


def _flattened_years(fline: str) -> list[int] | None:
    """The years of a heading row whose merged year headings were flattened into each column ("TT | Chỉ tiêu | Năm
    2026 Mầm non | Năm 2026 Tiểu học | Năm 2030 Mầm non | Năm 2030 Tiểu học"): each year as many times over, each
    column a year and then words alone; label columns before them."""
    cells = _label_columns(fline).split("|")
    first = next((k for k, c in enumerate(cells) if _YEAR_CELL_RE.search(c)), None)
    if first is None or any(re.search(r"[a-z0-9%]", _TABLE_LABEL_RE.sub(" ", c)) for c in cells[:first]):
        return None
    years = []
    for c in cells[first:]:
        m = _YEAR_CELL_RE.match(c.strip())
        if not m or re.search(r"\d", c.strip()[m.end():]) or not re.search(r"[a-z]", c.strip()[m.end():]):
            return None
        years.append(int(m.group(1)))
    counts = [years.count(y) for y in sorted(set(years))]
    return years if years == sorted(years) and min(counts) >= 2 and len(set(counts)) == 1 else None


_GROUP_MARK = r"\s*(?:[ivx]{1,4}|[a-z]|\d{1,2})\s*"   # a group row's mark: "A.", "II", "3)"


def _group_horizon(fline: str) -> int | None:
    """The horizon a group row across a table names and nothing else ("A. ĐẾN HẾT NĂM 2026 | | |", "II | Giai đoạn
    2026 - 2030 | |", a PDF's "B. Đến năm 2030" alone on its line): the rows under it are due then; None for any other
    row."""
    cells = [c.strip() for c in fline.split("|") if c.strip()]
    if len(cells) == 2 and re.fullmatch(_GROUP_MARK + r"[.)]?\s*", cells[0]):
        cells = cells[1:]
    if len(cells) != 1 or len(cells[0]) > 80:
        return None
    text = re.sub("^" + _GROUP_MARK + r"[.)]\s*", "", cells[0])
    if re.search(r"\d|%", re.sub(r"\b20\d\d\b", "", text)) or not HORIZON_LINE_RE.match(text):
        return None
    return horizon_of(text, heading=True)


def _group_unit(fline: str, line: str) -> str | None:
    """The unit a table's group row names in brackets at the end of its label, for the rows under it that name none
    ("II. Chất lượng giáo dục (%) | | |" over "Học sinh bỏ học | 0,6 | ≤ 0,5"); None for a group row without one,
    whose rows go back to naming their own."""
    cells = [c.strip() for c in line.split("|") if c.strip()]
    label = re.sub(r"^(?:[IVX]{1,4}|[A-Z]|\d{1,2})\s*[.)]?\s+", "", cells[-1]) if cells else ""
    return label_unit(label) if label.endswith(")") and not re.search(r"\d", label) else None


def _group_row(fline: str) -> bool:
    """A group heading inside a Word table, in cells of its own ("A | QUY MÔ", "II | Chất lượng giáo dục | |"):
    no figure past its mark, so the rows go on under it."""
    cells = [c.strip() for c in fline.split("|")]
    return len(cells) > 1 and any(re.search(r"[^\W\d_]{2}", c) for c in cells[1:]) \
        and not any(re.search(r"\d", c) for c in cells[1:])


_HEADING_BITS_RE = re.compile(r"\s*(?:(?:nam|hoc|muc tieu|chi tieu|ke hoach|phan dau|[-–]|20\d\d)\s*)+")
TOP_PART_RE = re.compile(r"^\s*(\d{1,2})\s*[.)]\s+(\S.*)$")


def _wrapped_heading(units: list[Unit], n: int) -> tuple[list[int], int, int] | None:
    """The years of a PDF heading row joined by spaces whose cells wrapped, the rest of them on the lines under it
    ("TT Nội dung ĐVT Năm học 2025 - Năm học 2027 -" over "2026 2028", "… Thực hiện 2025 Mục tiêu Mục tiêu 2030"
    over "2026", "… Năm học 2025 Năm" over "- 2026 học" and "2029"): every year of the heading and of those lines,
    in order (a school year's start and end paired, its end the horizon), the first ones the baseline columns the
    heading names ("Thực hiện", "Hiện trạng"); as (years, baseline columns, lines used)."""
    if "|" in units[n].line or not _TABLE_LABEL_RE.search(units[n].fline) or TOP_PART_RE.match(units[n].fline):
        return None   # (a numbered part, "2. Chỉ tiêu của các trường" over its table's caption, is no heading row)
    frags = 0
    while n + 1 + frags < len(units) and "|" not in units[n + 1 + frags].line \
            and _HEADING_BITS_RE.fullmatch(units[n + 1 + frags].fline) and frags < 4:
        frags += 1
    text = " ".join(u.fline for u in units[n:n + 1 + frags])
    if not frags or not re.search(r"20\d\d", " ".join(u.fline for u in units[n + 1:n + 1 + frags])):
        return None
    found = _heading_years(text, len(_STATUS_COL_RE.findall(units[n].fline)))
    return (*found, 1 + frags) if found else None


def _heading_years(text: str, skip: int) -> tuple[list[int], int] | None:
    """The horizons of a table's headings whose cells a PDF broke into pieces (``text``: them all, folded), in
    order: every year, a school year's start and end paired (its end the horizon), the first ``skip`` the baseline
    columns'; with ``skip``."""
    years = sorted(int(y) for y in re.findall(r"\b20\d\d\b", text))
    if "nam hoc" in text:
        if len(years) % 2 or any(b != a + 1 for a, b in zip(years[::2], years[1::2])):
            return None
        years = years[1::2]
    years = years[skip:]
    if len(years) < 1 or years != sorted(set(years)):
        return None
    return years, skip


def _cells_compound(L: Lines, units: list[Unit], m: int, k: int, years: list[int], head: Unit):
    """A row of marked values in a PDF laid one cell a line: "2" / "Tỷ lệ hoàn thành chương trình: a) Tiểu học; b)
    THCS" / "a) 100%; b) ≥ 98%" / "a) 100%; b) ≥ 99%"; as (targets, units used) or None."""
    at = m + 1 if re.fullmatch(r"\s*\d{1,2}\s*[.)]?\s*", units[m].line) else m
    cells = units[at:at + 1 + k]
    if len(cells) < k + 1 or any("|" in u.line for u in cells):
        return None
    texts = [u.line.strip() for u in cells]
    parts = _compound_rows(" | ".join(texts), k)
    if not parts:
        return None
    starts, pos = [], 0
    for t in texts:
        starts.append(pos)
        pos += len(t) + 3
    targets: list[ParsedTarget] = []
    for name, slots, unit in parts:
        name = re.sub(r"^\d+\s*[.)]?\s+", "", name).strip()
        for year, (s0, e0, slot) in zip(years, slots):
            if _holds_nothing(slot, unit):
                continue
            c = max(j for j in range(len(texts)) if starts[j] <= s0)
            u = cells[c]
            lead = len(u.line) - len(u.line.lstrip()) + s0 - starts[c]
            src = Source(L.items[u.idx][0], u.start + lead, u.start + lead + e0 - s0)
            targets += _cell_target(L, name, slot, year, src, u, head, unit)
    return targets, at + 1 + k - m


def _heading_cell(fline: str) -> bool:
    """A column heading of a table laid one cell a line: "TT", "Nội dung chỉ tiêu", "Đơn vị tính"."""
    return len(fline.strip()) <= 40 and bool(fline.strip()) and not re.search(r"[a-z0-9%]", _TABLE_LABEL_RE.sub(" ", fline))


def _cells_row(units: list[Unit], m: int, k: int, unit_cell: bool, skip: int = 0):
    """A row of a table laid one cell a line, from ``units[m]``: an optional serial number ("1"), the label, the
    unit when the table has a unit column, ``skip`` baseline figures, then k values ("≥ 95%", "35", "Mức độ 2",
    "–"); as (index of the label, (label, slots, row unit), the units of the values), or None."""
    at = m
    if at < len(units) and re.fullmatch(r"\s*\d{1,2}\s*[.)]?\s*", units[at].line):
        at += 1
    if at >= len(units) or "|" in units[at].line or not re.search(r"[^\W\d_]", units[at].line) \
            or SECTION_RE.match(units[at].line) or len(units[at].line.strip()) > 200:
        return None
    label = units[at].line.strip()
    first = at + 1
    row_unit = label_unit(label)
    if unit_cell:
        if first >= len(units) or len(units[first].line.strip()) > 20:
            return None
        row_unit = UNIT_CELLS.get(re.sub(r"\s+", " ", fold(units[first].line.strip())), units[first].line.strip())
        first += 1
    values = units[first:first + skip + k]
    if len(values) < skip + k:
        return None
    if row_unit is None:
        # "Trẻ em 5 tuổi hoàn thành chương" / "99,5" / "100" / "trình GDMN (%)": the label's end, under the row's
        # values (after a note, maybe), says their unit
        after = [u.line.strip() for u in units[first + skip + k:first + skip + k + 2]]
        after = after[:next((j for j, t in enumerate(after) if "|" in t or SECTION_RE.match(t) or len(t) > 60
                             or re.fullmatch(r"\d{1,2}\s*[.)]?", t) or _SLOT_RE.fullmatch(t)), len(after))]
        row_unit = next((unit for j in range(len(after), 0, -1)
                         if (unit := label_unit(f"{label} {after[j - 1]}"))), None)
    slots = []
    for u in values:
        text = u.line.strip()
        slot = _SLOT_RE.fullmatch(text)
        if slot is None or not _valid_slot(slot, row_unit):
            return None
        lead = len(u.line) - len(u.line.lstrip())
        slots.append((lead, lead + len(text), slot))
    if _SLOT_RE.fullmatch(label):
        return None   # a value, not a label
    return at, (label, slots[skip:], row_unit), values[skip:]


# The first cell of a row that is a horizon: "2026", "Năm 2026", "Năm học 2026 - 2027", "Đến năm 2030", "Mục tiêu 2026"
_YEAR_HEAD_RE = re.compile(r"\s*(?:(?:muc tieu|chi tieu|ke hoach|phan dau|lo trinh)\s+)?(?:(?:den|toi|trong)\s+(?:het\s+|cuoi\s+)?)?"
                           r"(?:nam\s+(?:hoc\s+)?)?(?:20\d\d\s*[-–]\s*)?(20\d\d)\b\s*:?")

# a cell that states a figure and its bound ("Ít nhất 01 phòng/trường", "12 lớp"): a row of values, not of headings
_SLOT_HEAD_RE = re.compile(r"^\s*[\d≥≤<>]|\b(?:it nhat|toi thieu|toi da|khong qua|khong vuot qua|khong duoi|tren|duoi|dat)\s+\d")

# A column of a table of named rows that tells about the unit rather than sets it a figure: its size today ("Số lớp
# hiện có", "Số giáo viên"), its result last year ("Kết quả 2025 - 2026: tốt nghiệp THPT (%)"), the class a teacher
# takes ("Lớp": "4A1") or the emulation title it registers ("Danh hiệu tập thể": "TTLĐXS")
# ("Số nhóm, lớp" by site in a preschool's table is its size as well)
# (several counts in one column, "Số lớp/số trẻ, học sinh" over "12/386", are the school's size as well)
_ABOUT_COL_RE = re.compile(r"\s*(?:(?:so|tong so)\s+(?:lop|nhom\s*,?\s*lop|nhom tre|hoc sinh|tre|giao vien|can bo|nhan vien|thanh vien)"
                           r"(?:\s*[/,]\s*(?:so\s+)?(?:lop|nhom|hoc sinh|tre|giao vien))*(?:\s+hien co)?"
                           r"|lop(?:\s+chu nhiem)?|danh hieu\b.*)\s*")


def _about_column(heading: str, planned: bool = False) -> bool:
    """``planned``: the table's caption sets targets ("3. Chỉ tiêu theo khối lớp năm học 2026 - 2027", "- Kế hoạch lớp,
    sĩ số:"), so its count of classes is the number to open ("Khối 6 | 7"), not the size the unit has."""
    f = fold(heading)
    if planned and _CLASS_COUNT_COL_RE.fullmatch(f):
        return False
    return bool(_ABOUT_COL_RE.fullmatch(f) or _STATUS_COL_RE.search(f))


_CLASS_COUNT_COL_RE = re.compile(r"\s*(?:so|tong so)\s+(?:lop|nhom\s*,?\s*lop)\s*")

# A table's caption that says it sets targets or the year's plan (its section's number before it)
_PLANNED_CAPTION_RE = re.compile(r"\s*(?:(?:\d+(?:\.\d+)*|[a-z])\s*[.)]\s*)?(?:chi tieu|ke hoach)\b")


def _transposed_targets(L: Lines, units: list[Unit], n: int, year_in_force: int | None = None,
                        plan_year: int | None = None, plan_month: int | None = None
                        ) -> tuple[list[ParsedTarget], int] | None:
    """A table whose rows are horizons and whose columns are the targets: "Lộ trình | Học bạ số | Phòng học
    thông minh" over "Năm 2026 | 100% | 300 phòng"; a column's heading gives its bare numbers their unit ("Tỷ lệ
    …", "… (%)", "Số phòng …"), a row of units under the headings ("ĐVT | % | phòng") does too, and a baseline row
    ("Thực hiện 2025 | 40% | 1 phòng") is not read.

    Under a heading that gives the horizon (``year_in_force``: "3. Chỉ tiêu giao các trường đến năm 2030") the rows
    may instead name whom each target is set for, a school or a commune ("Trường | Huy động trong độ tuổi (%) |
    Phòng học thông minh (phòng), tối thiểu | Ghi chú" over "Trường Mầm non A | 98 | 1 | Đạt MĐ1"): every row is due
    then, a row without values heads a group ("Mầm non"), and a notes column is no target, nor one of a school year
    already over ("Khối | Năm học 2025-2026 (%) | Chỉ tiêu 2026-2027 (%)" in a plan of September 2026: its results)."""
    head = units[n]
    labels = [c.strip() for c in head.line.split("|")]
    # "TT | Năm học | …": the rows numbered
    serial = int(len(labels) > 2 and bool(re.fullmatch(r"s?\s?t\s?t", fold(labels[0]).strip(" ."))))
    labels = labels[serial:]
    if len(labels) < 2 or not all(re.search(r"[^\W\d_]", c) for c in labels[1:]) or re.fullmatch(r"\d{1,3}\s*[.)]?", labels[0]) \
            or any(_SLOT_RE.fullmatch(c) or DATE_CELL_RE.fullmatch(fold(c)) for c in labels[1:]):
        return None   # a row of values under its serial number ("8 | Kiểm định … | Cấp độ 4 | Năm 2030"), no headings
    k = len(labels) - 1
    # (a heading that opens on what its column counts counts it: "Huy chương quốc gia (tối thiểu)" over "12")
    col_units = [u if (u := label_unit(c)) is not None else _label_head(c) for c in labels[1:]]
    # (a column of named rows may name its own year: "Huy động ra lớp năm 2027 (%) | Huy động ra lớp năm 2030 (%)")
    col_years = [horizon_of(fold(c), heading=True) for c in labels[1:]]
    # (or each named row its own year, in a column of its own: "Trường | Mức độ | Năm dự kiến" over "THPT A | 2 | 2028")
    due_col = due_column("|".join(fold(c) for c in labels))
    planned = bool(_PLANNED_CAPTION_RE.match(fold(_table_caption(units, n) or "")))
    dated_cols = [c for c, label in enumerate(labels[1:], 1) if _YEAR_CELL_RE.search(fold(label))]
    past_cols = set(dated_cols[:_past_columns("|".join(fold(labels[c]) for c in dated_cols), [
        int(_YEAR_CELL_RE.search(fold(labels[c])).group(1)) for c in dated_cols], plan_year, plan_month)])
    # (and one among the horizons: "Lên lớp 2025-2026 | Lên lớp 2026-2027 | Tốt nghiệp 2025-2026 | Tốt nghiệp 2026-2027")
    past_cols |= {c for c in dated_cols if (span := re.search(r"20\d\d\s*[-–]\s*(20\d\d)", fold(labels[c])))
                  and school_year_over(span, plan_year, plan_month)}
    # (with no heading's year above it, rows named by level or school are read when every column of theirs names its
    # own: "Cấp học | Sĩ số tối đa năm học 2026-2027 | Sĩ số tối đa năm 2030")
    own_years = [y for c, y in enumerate(col_years, 1) if c not in past_cols and not _TRAIL_COL_RE.fullmatch(fold(labels[c]))]
    if year_in_force is None and own_years and all(own_years):
        year_in_force = max(own_years)
    targets: list[ParsedTarget] = []
    dated, named_rows = False, 0   # rows that are horizons, rows that name whom the targets are for: one kind a table
    group: tuple[str, str | None] | None = None   # the target a group row names for the horizons under it
    m = n + 1
    while m < len(units):
        u = units[m]
        if not dated and m + 1 < len(units) and units[m + 1].line.count("|") == len(labels) - 1 + serial \
                and (horizon := _group_horizon(u.fline)) \
                and re.search(r"[^\W\d_]", nxt := fold(units[m + 1].line.split("|")[serial]).strip()) \
                and not _YEAR_HEAD_RE.fullmatch(nxt) and re.search(r"\d", units[m + 1].line.split("|", 1 + serial)[-1]):
            # "Năm học 2026 - 2027 | | |" over "Cấp tiểu học | 100 | 98,5", then "Đến năm 2030 | | |" over the same
            # levels again (a PDF's without its cell marks): a group heading across a table of named rows, whose rows
            # under it are due then
            year_in_force = horizon
            m += 1
            continue
        if "|" not in u.line:
            # a group heading merged across a table of named rows ("Khối khoa học tự nhiên"), its cell marks lost in
            # a PDF: the rows go on under it
            if year_in_force and not dated and not re.search(r"\d", u.line) and len(u.line) <= 80 and m + 1 < len(units) \
                    and units[m + 1].line.count("|") == len(labels) - 1 + serial:
                m += 1
                continue
            break
        cells, pos = [], 0
        for cell in u.line.split("|"):
            cells.append((pos, cell))
            pos += len(cell) + 1
        if len(cells) != k + 1 + serial:
            break
        cells = cells[serial:]
        first = fold(cells[0][1]).strip()
        if _UNIT_COL_RE.fullmatch(first) or not first and m == n + 1:   # "ĐVT | % | phòng"
            col_units = [UNIT_CELLS.get(fold(c).strip(), c.strip() or None) for _, c in cells[1:]]
            m += 1
            continue
        if _BASELINE_ROW_RE.fullmatch(first) or _STATUS_COL_RE.match(first):
            m += 1
            continue   # "Thực hiện 2025 | 40% | 1 phòng": the baseline row, not a horizon
        year = _YEAR_HEAD_RE.fullmatch(first)
        if not year and not named_rows and re.search(r"[^\W\d_]", first) and not any(c.strip() for _, c in cells[1:]) \
                and m + 1 < len(units) and "|" in units[m + 1].line \
                and _YEAR_HEAD_RE.fullmatch(fold(units[m + 1].line.split("|")[serial]).strip()):
            # "1. Tỷ lệ huy động trẻ ra lớp (%) | | |" over "Năm 2026 | 96 | 100": the rows under it are that target's
            # horizons, the columns whom it is set for (the school levels); its unit is theirs
            label = re.sub(r"^\s*(?:\d+(?:\.\d+)*|[IVX]+|[a-zđ])\s*[.)]\s*", "", cells[0][1].strip())
            group = (label, label_unit(label))
            m += 1
            continue
        named = not year and year_in_force and not dated and re.search(r"[^\W\d_]", first) and not _SLOT_RE.fullmatch(first) \
            and not any(_SLOT_HEAD_RE.search(fold(c)) for c in labels[1:])
        if named and not any(c.strip() for _, c in cells[1:]):
            m += 1
            continue   # "Mầm non | | |": a group of the rows under it
        # (a school's cell in words, "Chưa đạt", "Đang xây dựng", sets it nothing there; its figures beside it stand)
        if named and all(not c.strip() or _TRAIL_COL_RE.fullmatch(fold(label)) or _about_column(label, planned)
                         or _SLOT_RE.fullmatch(c.strip()) or not re.search(r"\d", c)
                         for label, (_, c) in zip(labels[1:], cells[1:])) \
                and any(_SLOT_RE.fullmatch(c.strip()) for _, c in cells[1:]):
            year_of, whom = year_in_force, cells[0][1].strip()
        elif year and not named_rows:
            year_of, whom = int(year.group(1)), ""
            dated = True
        else:
            break
        named_rows += bool(whom)
        own = DATE_CELL_RE.fullmatch(fold(cells[due_col][1])) if whom and due_col else None
        for c, (label, unit, col_year, (start, cell)) in enumerate(zip(labels[1:], col_units, col_years, cells[1:]), 1):
            if whom and (_TRAIL_COL_RE.fullmatch(fold(label)) or _about_column(label, planned) or c == due_col
                         or c in past_cols):
                continue
            due = col_year if whom and col_year else int(own.group(1)) if own else year_of
            label = f"{label} – {whom}" if whom else label
            if group is not None and not whom:
                label, unit = f"{group[0]} – {label}", group[1] if group[1] is not None else unit
            if whom and unit == "học sinh/lớp" and re.match(r"\s*(?:truong\s+)?(?:mn|mg|mam non|mau giao|nha tre)\b", fold(whom)):
                unit = "trẻ/lớp"   # "Sĩ số tối đa (HS/lớp)" in a kindergarten's row: its classes count children
            text = cell.strip()
            slot = _SLOT_RE.fullmatch(text) if text else None
            lead = start + len(cell) - len(cell.lstrip())
            if slot is None and (parts := _compound_rows(f"{label} | {text}", 1)):
                # "a) 100%; b) ≥ 98%" under "Tỷ lệ hoàn thành chương trình: a) Tiểu học; b) THCS"
                for name, ((s0, e0, part),), part_unit in parts:
                    at = lead + s0 - len(label) - 3
                    src = Source(L.items[u.idx][0], u.start + at, u.start + at + e0 - s0)
                    targets += _cell_target(L, name, part, due, src, u, head, part_unit or unit)
                continue
            if _holds_nothing(slot, unit) or not _valid_slot(slot, unit):
                continue
            src = Source(L.items[u.idx][0], u.start + lead, u.start + lead + len(text))
            targets += _cell_target(L, label, slot, due, src, u, head, unit)
        m += 1
    return (targets, m - n) if m > n + 1 and targets else None


# A revised plan's table: the figure it replaces, then the new one, then by when ("TT | Chỉ tiêu | Theo KH số 18/KH-… |
# Chỉ tiêu điều chỉnh | Thời hạn | Lý do")
_REVISED_COL_RE = re.compile(r"\s*(?:chi tieu|muc tieu)?\s*(?:(?:sau|da)\s+)?(?:dieu chinh|bo sung)(?:\s*[,/]?\s*(?:va\s+)?bo sung)?\s*"
                             r"|\s*(?:chi tieu|muc tieu) moi\s*")

# A revised column's cell that keeps the figure assigned before it: that figure stays in force
_KEPT_CELL_RE = re.compile(r"\s*(?:giu nguyen|khong (?:dieu chinh|thay doi)|nhu cu)\s*\.?\s*")


def revision_targets(L: Lines, units: list[Unit], n: int, year_in_force: int | None = None
                      ) -> tuple[list[ParsedTarget], int] | None:
    """A table that revises a plan's targets, starting at ``units[n]``; (targets, units used). Only the revised
    column sets targets: the columns before it hold the figures it replaces, those after it why; each row's year is
    its own deadline cell ("Năm 2030", "NH 2026 - 2027"), else that of the group row above it ("I. Quy mô (năm học
    2026 - 2027) | | |"), else the heading's in force. A row with no value (a group, "I. QUY MÔ | | |", or one a page
    break stripped of its cell marks, "III. ĐỘI NGŨ") is passed over. A revised cell that keeps the figure ("Giữ
    nguyên", "Không điều chỉnh") leaves the assigned figure before it in force: that one is read."""
    head = units[n]
    cells = head.fline.split("|")
    new = next((k for k, c in enumerate(cells) if k >= 2 and _REVISED_COL_RE.fullmatch(c)), None)
    if new is None or "|" not in head.line:
        return None
    due = next((k for k, c in enumerate(cells) if k > new and DUE_COL_RE.fullmatch(c)), None)
    label_at = 1 if re.fullmatch(r"\s*s?\s?t\s?t\s*", cells[0]) else 0
    targets: list[ParsedTarget] = []
    group_year: int | None = None
    m = n + 1
    while m < len(units):
        u = units[m]
        if "|" not in u.line:
            if len(u.line.strip()) <= 80 and m + 1 < len(units) and units[m + 1].line.count("|") == len(cells) - 1:
                m += 1
                continue
            break
        row = u.line.split("|")
        if len(row) != len(cells):
            break
        if _repeated_heading(u.fline, head.fline):
            m += 1
            continue
        if not any(c.strip() for c in row[label_at + 1:]):
            group_year = horizon_of(u.fline, heading=True) or group_year
            m += 1
            continue
        col = new
        if _KEPT_CELL_RE.fullmatch(fold(row[new])):
            col = next((k for k in range(new - 1, label_at, -1) if row[k].strip()), new)
        text = row[col].strip()
        slot = _SLOT_RE.fullmatch(text) if text else None
        cell_year = DATE_CELL_RE.fullmatch(fold(row[due])) if due is not None else None
        year = int(cell_year.group(1)) if cell_year else group_year or year_in_force
        if slot is not None and not slot.group("none") and year is not None:
            start = sum(len(c) + 1 for c in row[:col]) + len(row[col]) - len(row[col].lstrip())
            src = Source(L.items[u.idx][0], u.start + start, u.start + start + len(text))
            label = row[label_at].strip()
            targets += _cell_target(L, label, slot, year, src, u, head, label_unit(fold(label)))
        m += 1
    return (targets, m - n) if targets else None


def _row_slots(text: str) -> list[tuple[int, int, re.Match]] | None:
    """Every value of a PDF row joined by spaces, left to right ("< 3% < 4%", "100% ≥ 50% 300 phòng"), or None when
    anything else is on it."""
    out, pos = [], 0
    while pos < len(text):
        while pos < len(text) and text[pos].isspace():
            pos += 1
        if pos >= len(text):
            break
        m = _SLOT_RE.match(text, pos)
        if m and "\t" in m.group(0).strip():
            m = _SLOT_RE.match(text[:text.index("\t", pos)], pos)   # a tab ends a cell
        if m and m.group("lo") and ("%" in text[m.end("lo"):m.start("num")] and m.group("unit") != "%" or float(
                m.group("lo").replace(",", ".")) >= float(m.group("num").replace(".", "").replace(",", "."))):
            # "80% – 35", "≤ 38 – 0": a value, a dash cell and another, not a range
            m = _SLOT_RE.match(text[:m.end("lo") + (text[m.end("lo"):m.end("lo") + 1] == "%")], pos)
        end = m.start() + len(m.group(0).rstrip()) if m else pos   # "≥ 98 < 0,5": the value, not the space after it
        if not m or end == pos or (end < len(text) and not text[end].isspace()):
            return None
        out.append((m.start(), end, m))
        pos = end
    return out or None


def cells_year_rows(L: Lines, units: list[Unit], n: int) -> tuple[list[ParsedTarget], int] | None:
    """A table whose rows are horizons in a PDF laid one cell a line: its column headings ("Năm học" / "Trẻ SDD thể
    nhẹ cân" / "Trẻ SDD thể thấp còi"), then each row's horizon ("2026 - 2027") and its k values ("< 3%" / "< 4%");
    the k headings before the first horizon name the columns and give bare numbers their unit."""
    rows, m = [], n
    while m < len(units) and (year := _YEAR_HEAD_RE.fullmatch(units[m].fline.strip())):
        values = []
        j = m + 1
        while j < len(units) and not _YEAR_HEAD_RE.fullmatch(units[j].fline.strip()) \
                and (slot := _SLOT_RE.fullmatch(units[j].line.strip())):
            values.append((units[j], slot))
            j += 1
        if not values or (rows and len(values) != len(rows[0][1])):
            break
        rows.append((int(year.group(1)), values))
        m = j
    k = len(rows[0][1]) if rows else 0
    if len(rows) < 2 or n < k or [y for y, _ in rows] != sorted({y for y, _ in rows}):
        return None
    labels = [u.line.strip() for u in units[n - k:n]]
    if not all(re.search(r"[^\W\d_]", t) and not _SLOT_RE.fullmatch(t) and len(t) <= 120 for t in labels):
        return None
    targets: list[ParsedTarget] = []
    for year, values in rows:
        for label, (u, slot) in zip(labels, values):
            unit = label_unit(label)
            if _holds_nothing(slot, unit) or not _valid_slot(slot, unit or ""):
                continue
            lead = len(u.line) - len(u.line.lstrip())
            src = Source(L.items[u.idx][0], u.start + lead, u.start + len(u.line.rstrip()))
            targets += _cell_target(L, label, slot, year, src, u, units[n - k], unit or "")
    return targets, m - n


def spaced_year_rows(L: Lines, units: list[Unit], n: int, plan_year: int | None = None,
                      plan_month: int | None = None) -> tuple[list[ParsedTarget], int] | None:
    """A PDF table whose rows are horizons, joined by spaces: "Năm học Trẻ SDD thể nhẹ cân Trẻ SDD thể thấp còi" over
    "2026 - 2027 < 3% < 4%" and "2029 - 2030 < 2% < 3%". Two rows at least, each a horizon and the same number of
    values; the headings above (a line or a few, wrapped) name the columns, which a PDF no longer tells apart: each
    target takes them all as its label, and a value its unit from itself, else from the headings when they give one
    unit to all. A row of a year gone by ("Năm học 2024 - 2025: 45%" on a slide's chart of the years before the one
    it aims at) is a past result: read as the table's, not as a target."""
    rows = []
    m = n
    base = _BASELINE_ROW_RE.match(units[n].fline)
    base_slots = _row_slots(units[n].line[base.end():]) if base and "|" not in units[n].line else None
    if base_slots:
        m += 1   # "2024 - 2025 (thực hiện) 16 44": the baseline row first, its figures not read
    while m < len(units) and "|" not in units[m].line:
        u = units[m]
        year = _YEAR_HEAD_RE.match(u.fline)
        slots = _row_slots(u.line[year.end():]) if year and year.end() < len(u.line.rstrip()) else None
        if not slots or (rows and len(slots) != len(rows[0][2])):
            break
        rows.append((u, int(year.group(1)), [(year.end() + a, year.end() + b, s) for a, b, s in slots],
                     school_year_over(year, plan_year, plan_month)))
        m += 1
    if len(rows) < 2 or len({y for _, y, _, _ in rows}) != len(rows) or [y for _, y, _, _ in rows] != sorted(y for _, y, _, _ in rows) \
            or base_slots and len(base_slots) != len(rows[0][2]):
        return None
    heading = []
    for j in range(n - 1, max(n - 5, -1), -1):
        t = units[j].line.strip()
        if (base := _BASELINE_ROW_RE.match(units[j].fline)) and not heading and _row_slots(units[j].line[base.end():]):
            continue   # "Thực hiện 2025 99,8 99,6": the baseline row between the headings and the horizons
        if SECTION_RE.match(t) or LIST_START_RE.match(t) and not re.match(r"\d{1,2}\s", t) or t.endswith((":", ".")):
            break
        heading.insert(0, t)
    if not heading:
        return None
    label = " ".join(heading)
    label = re.sub(loose(r"^(?:năm học|năm|lộ trình|thời gian)\s+"), "", label, flags=re.IGNORECASE)
    k = len(rows[0][2])
    # the headings' units in brackets, one a column: in order on a heading of one line; on wrapped headings (their
    # pieces no longer in column order) only when they are all the same
    brackets = [UNIT_CELLS.get(fold(b).strip(), b.strip()) for b in re.findall(r"\(\s*(%|[^\W\d_][^()\d]{0,18})\s*\)", label)]
    units_of = [label_unit(label) if k == 1 else None] * k
    if len(brackets) == k and (len(heading) == 1 or len(set(brackets)) == 1):
        units_of = brackets
    labels = [label] * k
    if len(heading) == 1 and len(tabbed := [c.strip() for c in re.split(r"\t+", heading[0])]) == k + 1:
        labels = tabbed[1:]   # text copied from a Word table: its cells separated by tabs, each column named
        units_of = [label_unit(c) for c in labels]
    targets: list[ParsedTarget] = []
    for u, year, slots in ((u, year, slots) for u, year, slots, over in rows if not over):
        for (start, end, slot), unit, name in zip(slots, units_of, labels):
            if _holds_nothing(slot, unit) or not _valid_slot(slot, unit):
                continue   # a bare number whose column cannot be told: no unit, no target
            src = Source(L.items[u.idx][0], u.start + start, u.start + end)
            targets += _cell_target(L, name, slot, year, src, u, rows[0][0], unit or "")
    return targets, m - n

"""Plan text → structured fields (pure: str in, dataclasses out).

Heuristic, line-based extraction for school plans (kế hoạch) implementing
Resolution 71-NQ/TW. Every extracted value carries a :class:`Source` (1-based line
number and character span in the text given) and a confidence in [0, 1], so the
import UI can highlight where a value came from and ask the user to confirm
uncertain ones.

Matching is done on an accent-folded, lower-cased copy of the text of the *same
length* (one character → one character), so spans found in the folded copy are
valid in the original, and typos in diacritics (*chuyên đổi số*, *Thị Trần*) do not
defeat keyword rules.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Generic, TypeVar

T = TypeVar("T")


# ---------------------------------------------------------------------------- data
@dataclass(frozen=True)
class Source:
    line: int    # 1-based line number of the start
    start: int   # character offset in the parsed text (inclusive)
    end: int     # character offset (exclusive)


@dataclass(frozen=True)
class Extracted(Generic[T]):
    value: T
    source: Source
    confidence: float


@dataclass(frozen=True)
class ParsedSection:
    key: str            # muc_dich_yeu_cau, muc_tieu, nhiem_vu_giai_phap, to_chuc_thuc_hien, or a slug
    numeral: str        # "I", "II", …
    heading: str        # the heading as written, e.g. "MỤC ĐÍCH, YÊU CẦU"
    text: str           # body text (without the heading line)
    source: Source
    confidence: float


@dataclass(frozen=True)
class ParsedTarget:
    indicator_code: Extracted[str | None]
    comparator: Extracted[str]          # one of >=, >, <=, <, =
    value: Extracted[float]
    unit: Extracted[str]
    horizon: Extracted[date | None]     # None when no horizon could be found
    source_sentence: Extracted[str]
    text: str                           # short label for the target (the clause it came from)
    source: Source                      # span of the quantity itself
    confidence: float                   # overall (minimum of the parts)

    def to_dict(self) -> dict:
        """The shape of ``TargetSchema`` (horizon as ISO date or None)."""
        return {
            "indicator_code": self.indicator_code.value,
            "text": self.text,
            "comparator": self.comparator.value,
            "value": self.value.value,
            "unit": self.unit.value,
            "horizon": self.horizon.value.isoformat() if self.horizon.value else None,
            "source_sentence": self.source_sentence.value,
        }


@dataclass(frozen=True)
class ParsedPlan:
    text: str
    number_symbol: Extracted[str] | None = None
    place: Extracted[str] | None = None
    issued_on: Extracted[date] | None = None
    title: Extracted[str] | None = None
    school_name: Extracted[str] | None = None
    legal_bases: list[Extracted[str]] = field(default_factory=list)
    sections: list[ParsedSection] = field(default_factory=list)
    recipients: list[Extracted[str]] = field(default_factory=list)
    signer_title: Extracted[str] | None = None
    signer: Extracted[str] | None = None
    targets: list[ParsedTarget] = field(default_factory=list)

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


# ---------------------------------------------------------------------------- folding
def fold(text: str) -> str:
    """Lower-case, strip diacritics, đ→d; same length as ``text`` (NFC input)."""
    out = []
    for ch in text:
        if ch in "đĐ":
            out.append("d")
            continue
        base = unicodedata.normalize("NFD", ch)[0] if ch.isalpha() else ch
        low = base.lower()
        out.append(low if len(low) == 1 else base)
    return "".join(out)


class _Lines:
    """The text split into lines with their offsets, plus a folded copy."""

    def __init__(self, text: str):
        self.text = text
        self.folded = fold(text)
        self.items: list[tuple[int, int, str]] = []  # (line_no, start, line_text)
        pos = 0
        for no, line in enumerate(text.split("\n"), start=1):
            self.items.append((no, pos, line))
            pos += len(line) + 1

    def source(self, idx: int, start: int | None = None, end: int | None = None) -> Source:
        no, pos, line = self.items[idx]
        lead = len(line) - len(line.lstrip())
        s = pos + (start if start is not None else lead)
        e = pos + (end if end is not None else len(line.rstrip()))
        return Source(no, s, e)

    def line(self, idx: int) -> str:
        return self.items[idx][2]

    def fline(self, idx: int) -> str:
        no, pos, line = self.items[idx]
        return self.folded[pos:pos + len(line)]

    def nonblank(self, start: int = 0, stop: int | None = None):
        stop = len(self.items) if stop is None else stop
        for i in range(start, stop):
            if self.items[i][2].strip():
                yield i


# ---------------------------------------------------------------------------- header
_NUMBER_RE = re.compile(r"^\s*s[oố]\s*[:.]?\s*(\d+)\s*/\s*([A-Za-zĐđ0-9][\w\-–.&/ ]*?)\s*$", re.IGNORECASE)
_PLACE_DATE_RE = re.compile(
    r"^\s*(?P<place>[^,\d][^,]{0,80}?)\s*,\s*ngày\s+(?P<d>\d{1,2})\s*(?:tháng|/)\s*(?P<m>\d{1,2})\s*(?:năm|/)\s*(?P<y>\d{4})",
    re.IGNORECASE,
)
_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
_SECTION_RE = re.compile(r"^\s*(X|IX|VIII|VII|VI|V|IV|III|II|I)\s*[.)/-]\s*(\S.*)$")
_SECTION_KEYS = [
    ("muc dich", "muc_dich_yeu_cau"),
    ("yeu cau", "muc_dich_yeu_cau"),
    ("muc tieu", "muc_tieu"),
    ("nhiem vu", "nhiem_vu_giai_phap"),
    ("giai phap", "nhiem_vu_giai_phap"),
    ("noi dung", "nhiem_vu_giai_phap"),
    ("to chuc thuc hien", "to_chuc_thuc_hien"),
    ("kinh phi", "kinh_phi"),
    ("che do bao cao", "bao_cao"),
]
_LEGAL_RE = re.compile(
    r"^(?:[-+•*–]\s*)?(can cu|thuc hien (?:nghi quyet|chuong trinh|ke hoach|cong van|quyet dinh|chi thi|huong dan)"
    r"|(?:ke hoach|cong van|nghi quyet|chuong trinh|quyet dinh|thong tu|chi thi|huong dan|nghi dinh)\s+so\b)"
)
_SCHOOL_RE = re.compile(
    r"\bTrường\s+((?:Mầm\s+non|Tiểu\s+học|THCS|THPT|Trung\s+học\s+cơ\s+sở|Trung\s+học\s+phổ\s+thông|"
    r"TH\s*(?:&|và)\s*THCS|THCS\s*(?:&|và)\s*THPT|TH|MN|PTDTBT|PTDTNT|Phổ\s+thông|Liên\s+cấp)"
    r"(?:\s+(?:[A-ZĐÀ-Ỹ][\wÀ-ỹ]*|\d+))+)"
)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", fold(text)).strip("_")[:64] or "muc"


def parse_plan(text: str) -> ParsedPlan:
    """Extract every field we can from a plan's text."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    L = _Lines(text)
    sections = _sections(L)
    first_section_idx = sections[0][0] if sections else len(L.items)
    number = place = issued = title = None
    title_idx = None
    for i, off, line in _header_parts(L, first_section_idx):
        if number is None and (m := _NUMBER_RE.match(line)):
            value = m.group(1) + "/" + re.sub(r"\s+", "", m.group(2))
            number = Extracted(value, L.source(i, off, off + len(line.rstrip())), 0.95)
            continue
        if issued is None and (m := _PLACE_DATE_RE.match(line)):
            try:
                d = date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            except ValueError:
                d = None
            if d:
                issued = Extracted(d, L.source(i, off + m.start("d"), off + m.end("y")), 0.95)
                place = Extracted(m.group("place").strip(), L.source(i, off + m.start("place"), off + m.end("place")), 0.85)
                continue
        if title is None and re.fullmatch(r"\s*KẾ\s+HOẠCH\s*(.*)", line):
            rest = re.fullmatch(r"\s*KẾ\s+HOẠCH\s*(.*)", line).group(1).strip()
            nxt = next(L.nonblank(i + 1, first_section_idx), None)
            if rest:
                title = Extracted(f"KẾ HOẠCH {rest}", L.source(i), 0.9)
                title_idx = i
            elif nxt is not None:
                sub = L.line(nxt).strip()
                src = L.source(i)
                title = Extracted(f"KẾ HOẠCH {sub}", Source(src.line, src.start, L.source(nxt).end), 0.9)
                title_idx = nxt
            else:
                title = Extracted("KẾ HOẠCH", L.source(i), 0.5)
                title_idx = i
    legal: list[Extracted[str]] = []
    start = (title_idx + 1) if title_idx is not None else 0
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
    recipients, signer_title, signer, end_body = _closing(L)
    parsed_sections = []
    for n, (idx, numeral, heading, key, conf) in enumerate(sections):
        stop = sections[n + 1][0] if n + 1 < len(sections) else end_body
        body_lines = [L.line(j) for j in range(idx + 1, stop)]
        body = "\n".join(body_lines).strip()
        src_start = L.source(idx).start
        src_end = L.source(stop - 1).end if stop - 1 > idx else L.source(idx).end
        parsed_sections.append(ParsedSection(key, numeral, heading, body, Source(L.items[idx][0], src_start, max(src_start, src_end)), conf))
    targets = extract_targets(text, _lines=L, _sections=sections, _end=end_body)
    return ParsedPlan(
        text=text, number_symbol=number, place=place, issued_on=issued, title=title, school_name=school,
        legal_bases=legal, sections=parsed_sections, recipients=recipients, signer_title=signer_title,
        signer=signer, targets=targets,
    )


def _header_parts(L: _Lines, stop: int):
    """(line idx, offset in line, part) for header lines, split at tabs / wide gaps (two-column headers)."""
    for i in L.nonblank(0, stop):
        line = L.line(i)
        pos = 0
        for part in re.split(r"(\t+| {3,})", line):
            if part.strip() and not re.fullmatch(r"\t+| {3,}", part):
                yield i, pos, part
            pos += len(part)


def _sections(L: _Lines) -> list[tuple[int, str, str, str, float]]:
    found = []
    expected = 0
    used: set[str] = set()
    for i in L.nonblank():
        m = _SECTION_RE.match(L.line(i))
        if not m or expected >= len(_ROMAN) or m.group(1) != _ROMAN[expected]:
            continue
        heading = m.group(2).strip().rstrip(":").strip()
        if len(heading) > 160:
            continue
        letters = [c for c in heading if c.isalpha()]
        upper = sum(c.isupper() for c in letters) / max(len(letters), 1)
        fh = fold(heading)
        key = next((k for word, k in _SECTION_KEYS if word in fh), None)
        conf = 0.95 if key else 0.7
        if upper < 0.6:
            conf -= 0.2
        key = key or _slug(heading)
        while key in used:
            key += "_2"
        used.add(key)
        found.append((i, m.group(1), heading, key, conf))
        expected += 1
    return found


def _closing(L: _Lines):
    recipients: list[Extracted[str]] = []
    signer_title = signer = None
    end_body = len(L.items)
    for i in L.nonblank():
        f = L.fline(i).strip()
        if re.match(r"^noi nhan\s*:?", f):
            end_body = min(end_body, i)
            for j in L.nonblank(i + 1):
                line = L.line(j).strip()
                if not re.match(r"^[-+•*–]", line):
                    break
                recipients.append(Extracted(re.sub(r"^[-+•*–]\s*", "", line).rstrip(";.").strip(), L.source(j), 0.9))
        if re.fullmatch(r"(?:(?:kt|tl|tm)\.?\s*)?(?:pho\s+)?hieu truong", f) or re.fullmatch(
            r"(?:kt\.?\s*hieu truong\s*)?pho hieu truong", f
        ):
            end_body = min(end_body, i)
            signer_title = Extracted(L.line(i).strip(), L.source(i), 0.9)
            for j in L.nonblank(i + 1):
                name = L.line(j).strip()
                if re.fullmatch(r"\(.*\)", name) or fold(name).startswith(("da ky", "ky ten")):
                    continue
                if 1 < len(name.split()) <= 6 and name[:1].isupper():
                    signer = Extracted(name, L.source(j), 0.85)
                break
    return recipients, signer_title, signer, end_body


# ---------------------------------------------------------------------------- targets
# Rules on the folded clause text, in priority order (first match wins).
_INDICATOR_RULES: list[tuple[str, re.Pattern]] = [
    ("TRAINING_EFFICIENCY", re.compile(r"hieu suat dao tao")),
    ("PROGRESSION_THPT_VOC", re.compile(r"(theo hoc|vao hoc|tiep tuc hoc|chuyen cap|vao lop 10|tuyen sinh).*\b(thpt|trung hoc pho thong|nghe|gdnn|gdtx)\b|phan luong")),
    ("PROGRAMME_COMPLETED", re.compile(r"hoan thanh (chuong trinh|cap|bac)|tot nghiep (thcs|trung hoc co so|thpt)")),
    ("DROPOUT", re.compile(r"bo hoc")),
    ("REPETITION", re.compile(r"luu ban|o lai lop")),
    ("TEACHERS_QUALIFIED", re.compile(r"(giao vien|nha giao|gv)\b.*\b(dat|tren) chuan|dat chuan trinh do dao tao")),
    ("STAFF_USING_AI", re.compile(r"(tri tue nhan tao|\bai\b)")),
    ("RECORDS_DIGITAL", re.compile(r"(ho so|hoc ba|du lieu|van bang).*\b(so hoa|du lieu so|dang so|dien tu|hoc ba so|ho so so)\b")),
    ("ADMIN_PROCEDURES_ONLINE", re.compile(r"thu tuc hanh chinh|dich vu cong truc tuyen")),
    ("STAFF_DIGITAL_TRAINED", re.compile(r"(boi duong|dao tao|tap huan|lop)\b.*\b(chuyen doi so|ky nang so|nang luc so|cong nghe so|cntt)|(chuyen doi so|ky nang so|nang luc so).*(boi duong|dao tao|tap huan)")),
    ("STAFF_BRIEFED", re.compile(r"quan triet|pho bien nghi quyet")),
    ("SMART_CLASSROOMS", re.compile(r"(phong hoc|lop hoc|phong) thong minh")),
    ("ENROLMENT_AGE_GROUP", re.compile(r"(trong|dung) do tuoi.*(den truong|ra lop|di hoc|huy dong|nhap hoc)|huy dong.*(tre|hoc sinh)")),
    ("TWO_SESSIONS_PER_DAY", re.compile(r"2 buoi\s*/?\s*ngay|hai buoi")),
    ("SCHOOL_VIOLENCE_CASES", re.compile(r"bao luc hoc duong")),
]
_REPETITION_RE = dict(_INDICATOR_RULES)["REPETITION"]
_LEVEL_RULES: list[tuple[str, re.Pattern]] = [
    ("ACCREDITATION_LEVEL", re.compile(r"kiem dinh")),
    ("PCGD_LEVEL", re.compile(r"pho cap|pcgd|xmc|xoa mu chu")),
    ("NATIONAL_STANDARD_LEVEL", re.compile(r"chuan quoc gia|dat chuan qg|cqg")),
]
# (folded pattern right before the number, comparator, confidence)
_CMP_BEFORE: list[tuple[re.Pattern, str, float]] = [
    (re.compile(r"\b(khong vuot qua|khong qua|toi da|khong lon hon|khong cao hon)\s*:?\s*$"), "<=", 0.95),
    (re.compile(r"\b(khong duoi|khong it hon|khong thap hon|it nhat|toi thieu)\s*:?\s*$"), ">=", 0.95),
    (re.compile(r"\b(tren|hon|vuot|cao hon|lon hon|nhieu hon)\s*:?\s*$"), ">", 0.9),
    (re.compile(r"\b(duoi|thap hon|it hon|nho hon)\s*:?\s*$"), "<", 0.9),
    (re.compile(r"\b(dat|giu vung|duy tri)\s*(muc\s*)?:?\s*$"), ">=", 0.75),
]
_CMP_AFTER: list[tuple[re.Pattern, str]] = [
    (re.compile(r"^\s*(tro len|tro len tren)"), ">="),
    (re.compile(r"^\s*(tro xuong|tro lai)"), "<="),
]
_ROMAN_VALUES = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_QUANTITY_RE = re.compile(
    r"(?P<pct>(?<![\d/.,])\d{1,3}(?:[.,]\d+)?)\s*%"
    r"|\b(?:muc do|muc|md|cap do)\s*[:.]?\s*(?P<lvl>[1-5]|iv|iii|ii|i)\b"
    r"|(?<![\d/.,-])(?P<cnt>\d{1,3}(?:\.\d{3})+|\d+)\s*(?P<cu>hoc sinh|lop|phong hoc|phong|giao vien|tre)(?![a-z])"
)
_NO_DROPOUT_RE = re.compile(r"khong (?:de|co)\s+(?:hoc sinh|hs|em nao|tre)?\s*(?:nao\s+)?bo hoc")
_HORIZON_HEADING_RE = re.compile(r"\b20\d\d\s*[-–]\s*(20\d\d)\b|(?:(?:den|toi|trong)\s+(?:het\s+)?(?:nam\s+)?|(?<!thang \d\d )(?<!thang \d )nam\s+)(20\d\d)\b")
_HORIZON_SENTENCE_RE = re.compile(r"\b(?:den|toi)\s+(?:het\s+)?(?:nam\s+)?(20\d\d)\b|\b(?:vao|trong)\s+nam\s+(20\d\d)\b")
_HORIZON_LINE_RE = re.compile(
    r"^\s*(?:\d+(?:\.\d+)*\s*[.)]?|[a-z]\s*\)\.?)?\s*(?:muc tieu|chi tieu|giai doan|den|toi|nam|trong nam|tam nhin|dinh huong)\b"
)
_LIST_MARK_RE = re.compile(r"^\s*(?:\d+(?:\.\d+)*\s*[.)]|[a-zđ]\s*\)\.?|[-+•*–])\s*", re.IGNORECASE)


@dataclass
class _Q:
    start: int   # offsets within the line
    end: int
    kind: str    # pct | lvl | cnt
    value: float
    unit: str


def _quantities(fline: str, line: str) -> list[_Q]:
    out: list[_Q] = []
    for m in _QUANTITY_RE.finditer(fline):
        if m.group("lvl") and not line[m.start():m.end()].lower().startswith(("mức", "mđ", "cấp độ")):
            continue  # "mục I" (a heading reference) folds like "mức I"
        if m.group("pct"):
            out.append(_Q(m.start(), m.end(), "pct", float(m.group("pct").replace(",", ".")), "%"))
        elif m.group("lvl"):
            raw = m.group("lvl")
            value = _ROMAN_VALUES.get(raw) or int(raw)
            out.append(_Q(m.start(), m.end(), "lvl", float(value), "mức"))
        else:
            value = float(m.group("cnt").replace(".", ""))
            unit = {"hoc sinh": "học sinh", "lop": "lớp", "phong hoc": "phòng", "phong": "phòng",
                    "giao vien": "giáo viên", "tre": "trẻ"}[m.group("cu")]
            out.append(_Q(m.start(), m.end(), "cnt", value, unit))
    return out


def _comparator(before: str, after: str, q: _Q) -> tuple[str, float]:
    tail = before[-30:]
    for pat, cmp, conf in _CMP_BEFORE:
        if pat.search(tail):
            return cmp, conf
    for pat, cmp in _CMP_AFTER:
        if pat.search(after):
            return cmp, 0.9
    if q.kind == "lvl":
        return ">=", 0.7   # a level target is a floor ("đạt chuẩn … mức độ 2")
    if q.kind == "pct" and q.value == 100:
        return "=", 0.9
    if q.kind == "cnt":
        return "=", 0.8
    return "=", 0.65


def _indicator(q: _Q, before: str, after: str) -> tuple[list[str], float]:
    """Codes for a quantity; ``before``/``after`` are its clause's folded text."""
    if q.kind == "lvl":
        for code, pat in _LEVEL_RULES:
            if pat.search(before):
                return [code], 0.9
        for code, pat in _LEVEL_RULES:
            if pat.search(after):
                return [code], 0.7
        return [], 0.3
    if q.kind == "cnt":
        if q.unit == "lớp":
            return ["CLASSES"], 0.85
        if q.unit == "học sinh" and re.search(r"si so|moi lop|/\s*lop|mot lop", before + after[:12]):
            return ["MAX_CLASS_SIZE"], 0.85
        if q.unit == "phòng" and "thong minh" in after[:30]:
            return ["SMART_CLASSROOMS"], 0.9
    for window, conf in ((after, 0.85), (before, 0.75)):
        for code, pat in _INDICATOR_RULES:
            if pat.search(window):
                if code in ("DROPOUT", "REPETITION") and _REPETITION_RE.search(window) and "bo hoc" in window:
                    return ["DROPOUT", "REPETITION"], conf
                return [code], conf
    return [], 0.3


def _horizon_of(fline: str, heading: bool) -> int | None:
    pat = _HORIZON_HEADING_RE if heading else _HORIZON_SENTENCE_RE
    years = [int(y) for m in pat.finditer(fline) for y in m.groups() if y]
    return max(years) if years else None


def _clause_bounds(fline: str, line: str, qs: list[_Q], k: int) -> tuple[int, int]:
    """[start, end) of the clause around quantity k: bounded by ';', sentence ends and neighbours."""
    q = qs[k]
    lo = 0
    for m in re.finditer(r"[;.!?](?=\s|$)|\btrong do\b", fline[: q.start]):
        if m.group(0).startswith("trong") and line[m.start():m.end()].lower() != "trong đó":
            continue  # "trong độ tuổi" folds to the same letters
        lo = m.end()
    if k > 0:
        lo = max(lo, qs[k - 1].end)
        comma = fline.rfind(",", lo, q.start)
        if comma >= 0:
            lo = comma + 1
    hi = len(fline)
    m = re.search(r"[;.!?](?=\s|$)", fline[q.end:])
    if m:
        hi = q.end + m.start()
    if k + 1 < len(qs):
        nxt = qs[k + 1]
        # the next quantity's own comparator words belong to it, not to us
        cut = nxt.start
        pre = fline[q.end:nxt.start]
        for pat, _, _ in _CMP_BEFORE:
            if mm := pat.search(pre):
                cut = q.end + mm.start()
                break
        hi = min(hi, cut)
        joint = max(fline.rfind(",", q.end, hi), fline.rfind(" va ", q.end, hi))
        if joint >= q.end:
            hi = joint
    return lo, hi


def extract_targets(text: str, *, _lines: _Lines | None = None, _sections=None, _end: int | None = None) -> list[ParsedTarget]:
    """Quantitative targets of a plan text.

    Inside section II (Mục tiêu) every quantity is taken; elsewhere only quantities
    whose indicator is recognised (with lower confidence). With no section II the
    whole text is scanned as if it were one. The horizon comes from the nearest
    preceding grouping line (*Đến hết năm 2026*, *Mục tiêu đến năm 2030*) or the
    sentence itself (*đến năm 2030*); outside section II the latest horizon of
    section II is assumed.
    """
    L = _lines or _Lines(unicodedata.normalize("NFC", text))
    sections = _sections if _sections is not None else _sections_of(L)
    end = _end if _end is not None else len(L.items)
    goal = next(((n, s) for n, s in enumerate(sections) if s[3] == "muc_tieu"), None)
    if goal is None:
        goal_range = (0, end)
    else:
        n, s = goal
        goal_range = (s[0] + 1, sections[n + 1][0] if n + 1 < len(sections) else end)
    targets: list[ParsedTarget] = []
    horizon: tuple[int, int] | None = None   # (year, line idx)
    latest: int | None = None
    for i in L.nonblank(0, end):
        in_goal = goal_range[0] <= i < goal_range[1]
        if any(i == s[0] for s in sections):
            continue
        fline = L.fline(i)
        qs = _quantities(fline, L.line(i))
        no_drop = _NO_DROPOUT_RE.search(fline)
        if in_goal and not qs and not no_drop:
            year = _horizon_of(fline, heading=True)
            if year and len(fline.strip()) <= 120 and _HORIZON_LINE_RE.match(fline):
                horizon = (year, i)
                latest = max(latest or year, year)
            continue
        if not qs and not no_drop:
            continue
        line = L.line(i)
        sentence = _LIST_MARK_RE.sub("", line).strip()
        sentence_year = _horizon_of(fline, heading=False)
        if in_goal:
            hyear = sentence_year or (horizon[0] if horizon else None)
            hsrc = L.source(i) if sentence_year or not horizon else L.source(horizon[1])
            hconf = 0.9 if sentence_year or horizon else 0.0
        else:
            hyear = sentence_year or latest
            hsrc = L.source(i) if sentence_year or horizon is None else L.source(horizon[1])
            hconf = 0.9 if sentence_year else (0.5 if latest else 0.0)
        hdate = date(hyear, 12, 31) if hyear else None
        sent = Extracted(sentence, L.source(i), 1.0)
        hext = Extracted(hdate, hsrc, hconf)
        if no_drop:
            src = L.source(i, no_drop.start(), no_drop.end())
            targets.append(ParsedTarget(
                Extracted("DROPOUT", src, 0.9), Extracted("<=", src, 0.9), Extracted(0.0, src, 0.9),
                Extracted("%", src, 0.8), hext, sent, line[no_drop.start():no_drop.end()], src,
                min(0.8, hconf if hdate else 0.5),
            ))
        for k, q in enumerate(qs):
            lo, hi = _clause_bounds(fline, line, qs, k)
            before, after = fline[lo:q.start], fline[q.end:hi]
            codes, iconf = _indicator(q, before, after)
            if not in_goal and not codes:
                continue
            cmp, cconf = _comparator(fline[:q.start], fline[q.end:], q)
            unit = q.unit
            if "MAX_CLASS_SIZE" in codes:
                unit = "học sinh/lớp"
            src = L.source(i, q.start, q.end)
            label = re.sub(r"^[\s,:;–-]+|[\s,:;–-]+$", "", line[lo:hi]).strip()
            label = re.sub(r"^(?:và|hoặc)\s+", "", _LIST_MARK_RE.sub("", label)) or sentence
            for code in codes or [None]:
                conf = min(iconf, cconf, 0.95, hconf if hdate else 0.5)
                if not in_goal:
                    conf = min(conf, 0.6)
                targets.append(ParsedTarget(
                    Extracted(code, src, iconf), Extracted(cmp, src, cconf), Extracted(q.value, src, 0.95),
                    Extracted(unit, src, 0.9), hext, sent, label[:2000], src, round(conf, 2),
                ))
    return targets


def _sections_of(L: _Lines):
    return _sections(L)

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
from dataclasses import dataclass, field, replace
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


def _loose(pattern: str) -> str:
    """A pattern's accented letters also matching their bare letter ("Trường" matches "Truong", "ĐỀ ÁN" "DE AN"):
    plans typed without diacritics are plans still. Letters inside a character class are left as they are."""
    out, in_class, escaped = [], False, False
    for ch in pattern:
        if escaped:
            out.append(ch)
            escaped = False
        elif ch == "\\":
            out.append(ch)
            escaped = True
        elif in_class:
            out.append(ch)
            in_class = ch != "]"
        elif ch == "[":
            out.append(ch)
            in_class = True
        elif ch.isalpha() and (bare := fold(ch)) != ch.lower():
            out.append(f"[{ch}{bare.upper() if ch.isupper() else bare}]")
        else:
            out.append(ch)
    return "".join(out)


# Text read from a scan (OCR) takes a small "l" for the digit one: "l00%", "0l phòng", "Nghị quyết 7l-NQ/TW", and a
# letter "O" for the digit zero: "9O%", "O2 phòng", "ngày O8" (folded, both are small). A lone "l" is one too where
# only a figure can stand: before a thousands point or a decimal comma ("l.200 lượt"), before "%" ("dưới l%"), as a
# level ("mức độ l"), and after a zero before what it counts ("Ol phòng học").
_OCR_ONE_RE = re.compile(r"(?<![a-z])l(?=\d|[.,]\d|\s?%)|(?<=\d)l(?![a-z])|(?<=\b(?:muc|cap) do )l(?![a-z])"
                         r"|(?<=(?<![a-z])o)l(?=\s+(?:phong|lop|truong|giai|nguoi)\b)")
_OCR_ZERO_RE = re.compile(r"(?<![a-z])o(?=\d)|(?<=\d)o(?![a-z])")
_OCR_HINT_RE = re.compile(r"[lo]\d|\d[lo]|\bo?l(?![a-z])")   # a quick look first: most texts have none


def _scanned_figures(text: str) -> str:
    """``text`` with the letters a scan put in its figures read as the digits they stand for ("6O %" "60 %", "l2 phòng"
    "12 phòng"), as the folded copy of :class:`_Lines` reads them; one character for one."""
    folded = fold(text)
    if not _OCR_HINT_RE.search(folded):
        return text
    read = _OCR_ZERO_RE.sub("0", _OCR_ONE_RE.sub("1", folded))
    return "".join(r if r != f else t for t, f, r in zip(text, folded, read))


# A table cell holding a figure alone, a scan's letters in it: "l00", "9O", "≥ 7O", "O1", and "Ol" (a zero-led one, as
# counts are written in a column of figures); the cell is a figure whole, so its letters are digits.
_OCR_CELL_RE = re.compile(r"(?:[≥≤<>]=?\s*)?(?:(?=[lOo]*\d)[\dlOo]{2,3}|[Oo]l)(?:\s*%)?")


class _Lines:
    """The text split into lines with their offsets, plus a folded copy (where an "l" touching digits reads
    as the digit one and an "o" as zero, as in a scanned text; one character for one, so spans stay valid)."""

    def __init__(self, text: str):
        self.text = text
        folded = fold(text)
        self.folded = _OCR_ZERO_RE.sub("0", _OCR_ONE_RE.sub("1", folded)) if _OCR_HINT_RE.search(folded) else folded
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
# "Số: 28 /KH-THCSTT2": the symbol is capitals, digits and joiners, a kind's abbreviation ending in small letters
# before a joiner ("05/CTr-UBND", "12/TTr-UBND") or at the symbol's end (a place's "Th": "71/BC-THPTh"), a school's
# "Tr" (trường) before capitals ("45/KH-TrTH"); whatever
# follows it on the line (a header laid out side by side, or a PDF text layer that joined the two columns) is left for
# the place.
# (an abbreviation may keep a letter's hat or horn: "02/GƯTĐ-C4", giao ước thi đua)
_SYMBOL_PART = r"[A-ZĐ0-9](?:[a-z](?=[A-ZĐ]))?[A-ZĐƯƠÂĂÊÔ0-9&.]*(?:[a-z]{1,2}(?=\s*[-–/]|\s|$))?"
# a number left blank until the document is registered ("Số:      /KH-PTDTNT") is its symbol alone; a symbol's
# part is not the start of a word ("05/KH-ĐTĐ – Hạ Long, ngày …": the place follows)
_NUMBER_RE = re.compile(
    r"^\s*(?i:s[oố])\s*[:.]?\s*(\d*)\s*/\s*(" + _SYMBOL_PART + r"(?:\s*[-–/]\s*" + _SYMBOL_PART + r"(?![^\W\d_]))*)"
)
# A Party body's number puts the kind before the slash: "Số 12-KH/CB", "Số 05-KH/ĐU" (its own formatting rules), a
# kind's abbreviation ending in small letters as the State's do ("Số 14-CTr/TU": chương trình, "TTr": tờ trình)
_PARTY_NUMBER_RE = re.compile(r"^\s*(?i:s[oố])\s*[:.]?\s*(\d+\s*-\s*[A-ZĐ]+[a-z]{0,2}\s*/\s*[A-ZĐ0-9][A-ZĐ0-9&.]*(?:\s*[-–/]\s*[A-ZĐ0-9][A-ZĐ0-9&.]*)*)")
# A number written alone on its line, without "Số:" ("15/KH-MNTT"): a kind and an issuer's code after the slash
_BARE_NUMBER_RE = re.compile(r"\s*(\d+)\s*/\s*([A-ZĐ]+(?:\s*[-–]\s*" + _SYMBOL_PART + r")+)\s*")
# a PDF may join the number and the place with a dash: "Số: 05/KH-ĐTĐ – Hạ Long, ngày 10/01/2026", and a Party body's
# star (under its name) with the place: "* Ba Tơ, ngày 08 tháng 12 năm 2025"; a scan's text may read a zero as "O" and
# a one as "l" ("ngày O8 tháng 10")
_PLACE_DATE_RE = re.compile(
    r"^\s*(?:[-–*]\s+)?(?P<place>[^,\d][^,]{0,80}?)\s*,\s*ng[àa]y\s+(?P<d>[\dOl]{1,2})\s*(?:th[áa]ng|/)\s*(?P<m>[\dOl]{1,2})"
    r"\s*(?:n[ăa]m|/)\s*(?P<y>2[\dOl]{3})",
    re.IGNORECASE,
)
_OCR_DIGITS = str.maketrans("OoLl", "0011")
_BLANK_DAY_RE = re.compile(r"^\s*(?:[-–*]\s+)?(?P<place>[^,\d][^,]{0,80}?)\s*,\s*ng[àa]y(?:[\s.…_]*(?:th[áa]ng|/)|\s*$)",
                           re.IGNORECASE)
# Quốc hiệu and Tiêu ngữ (Decree 30/2020, art. 8.2) and the rules drawn under them: never a body's name.
# A Party body writes "ĐẢNG CỘNG SẢN VIỆT NAM" there and a star under its own name.
_NATIONAL_RE = re.compile(r"cong hoa xa hoi chu nghia viet nam|doc lap\s*[-–]\s*tu do\s*[-–]\s*hanh phuc|[-_=*~.]{3,}"
                          r"|dang cong san viet nam|^\s*\*\s*$")
# A header line that starts a body's name; any other capitals line continues the previous one
# ("ỦY BAN NHÂN DÂN" / "XÃ AN LÃO" is one body, "UBND PHƯỜNG LÊ CHÂN" / "TRƯỜNG MẦM NON HOA SEN" two).
_BODY_START_RE = re.compile(
    r"^(?:uy ban|ubnd|so\b|phong\b|truong\b|bo\b|dang uy|dang bo|chi bo|ban\b|trung tam|hoi dong|cong doan|doan (?:tncs|thanh nien)\b|"
    r"van phong|thanh uy|tinh uy|huyen uy|cong ty|tap doan|he thong (?:giao duc|truong)|"
    # a school's teachers' group under the school's name ("TRƯỜNG TIỂU HỌC …" / "TỔ CHUYÊN MÔN KHỐI 4")
    r"to (?:chuyen mon|bo mon)\b)"
)
# The kind of document over its subject: a plan (a strategic one: "KẾ HOẠCH CHIẾN LƯỢC"; a joint one, "KẾ HOẠCH PHỐI
# HỢP" / "KẾ HOẠCH LIÊN TỊCH" alone on its line over "Phối hợp …"), or a programme of action, a scheme (đề án), a report (báo cáo: a
# ward's year results with next year's targets), an appendix sent on its own (phụ lục), a notice (thông báo), a
# guidance (hướng dẫn) or a decision approving targets (quyết định; not "QUYẾT ĐỊNH:" over its articles); "KE HOACH": typed without diacritics
_TITLE_RE = re.compile(_loose(r"\s*(?:"
                              # a registration, commitment or cluster's compact named on the subject's line is one
                              # name ("BẢN ĐĂNG KÝ THI ĐUA NĂM HỌC …", "GIAO ƯỚC THI ĐUA …": "thi đua năm học …"
                              # alone names nothing), kept whole; alone on its line it is a kind as the others
                              r"(?=(?:BẢN\s+ĐĂNG\s+KÝ|PHIẾU\s+ĐĂNG\s+KÝ(?!\s+CHỈ\s+TIÊU\s*$)|BẢN\s+CAM\s+KẾT|GIAO\s+ƯỚC)\s+\S)"
                              r"|K[ẾE]\s+HO[ẠA]CH(?:\s+HÀNH\s+ĐỘNG|\s+CHIẾN\s+LƯỢC|\s+(?:PHỐI\s+HỢP|LIÊN\s+TỊCH)(?=\s*$))?|CHƯƠNG\s+TRÌNH(?:\s+HÀNH\s+ĐỘNG)?|ĐỀ\s+ÁN"
                              r"|B[ÁA]O\s+C[ÁA]O|PH[ỤU]\s+L[ỤU]C|TH[ÔO]NG\s+B[ÁA]O|QUY[ẾE]T\s+Đ[ỊI]NH(?!\s*:)"
                              # a form a body hands its schools to fill in: "PHIẾU ĐĂNG KÝ CHỈ TIÊU"
                              r"|PHIẾU\s+ĐĂNG\s+KÝ(?:\s+CHỈ\s+TIÊU)?"
                              # a school's registration of its year's targets ("BẢN ĐĂNG KÝ" chỉ tiêu thi đua) and a
                              # submission asking a superior to approve them (tờ trình)
                              r"|BẢN\s+ĐĂNG\s+KÝ|BẢN\s+CAM\s+KẾT|GIAO\s+ƯỚC|TỜ\s+TRÌNH"
                              # a meeting's minutes (biên bản) and the resolution it passes (nghị quyết; not
                              # "NGHỊ QUYẾT:" over its articles): the year's targets the meeting adopted
                              r"|BIÊN\s+BẢN|NGHỊ\s+QUYẾT(?!\s*:)"
                              # a department's guidance on the school year's tasks, with the year's targets
                              r"|HƯỚNG\s+DẪN"
                              # what a speaker brings to a meeting: a paper (tham luận), a presentation, a speech
                              r"|THAM\s+LUẬN|BÀI\s+TRÌNH\s+BÀY|(?:BÀI\s+)?PHÁT\s+BIỂU|DIỄN\s+VĂN"
                              # a school's open letter to its pupils' parents on its commitments
                              r"|THƯ\s+NGỎ)\b\s*(.*)"))
_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
_SECTION_RE = re.compile(r"^\s*(X|IX|VIII|VII|VI|V|IV|III|II|I)\s*[.)/-]\s*(\S.*)$")
_SECTION_KEYS = [
    ("muc dich", "muc_dich_yeu_cau"),
    ("yeu cau", "muc_dich_yeu_cau"),
    ("muc tieu", "muc_tieu"),
    ("chi tieu", "muc_tieu"),   # "II. CHỈ TIÊU", "II. CÁC CHỈ TIÊU CHỦ YẾU": the targets' section by another name
    ("noi dung dieu chinh", "muc_tieu"),   # a revised plan's "II. NỘI DUNG ĐIỀU CHỈNH, BỔ SUNG" sets its new targets
    ("noi dung sua doi", "muc_tieu"),   # as an amending one's "II. NỘI DUNG SỬA ĐỔI, BỔ SUNG" does
    ("danh hieu thi dua", "muc_tieu"),   # a registration's "II. DANH HIỆU THI ĐUA": the titles it aims at, counted
    ("dang ky", "muc_tieu"),   # and its "II. ĐĂNG KÝ CỦA CÁ NHÂN": each teacher's figures for the year
    ("cam ket", "muc_tieu"),   # "II. CAM KẾT CỦA GIÁO VIÊN …": what each one pledges, figures for the year
    ("nhiem vu", "nhiem_vu_giai_phap"),
    ("giai phap", "nhiem_vu_giai_phap"),
    ("noi dung", "nhiem_vu_giai_phap"),
    ("to chuc thuc hien", "to_chuc_thuc_hien"),
    ("kinh phi", "kinh_phi"),
    ("che do bao cao", "bao_cao"),
    ("phan dau", "muc_tieu"),   # a registration's "C. PHẤN ĐẤU ĐẾN NĂM 2030": what it aims at beyond the year (no other word of a part's name)
]
_LEGAL_RE = re.compile(
    r"^(?:[-+•*–]\s*)?(can cu|thuc hien (?:nghi quyet|chuong trinh|ke hoach|cong van|quyet dinh|chi thi|huong dan)"
    r"|(?:ke hoach|cong van|nghi quyet|chuong trinh|quyet dinh|thong tu|chi thi|huong dan|nghi dinh)\s+so\b)"
)
_SCHOOL_RE = re.compile(_loose(
    r"\bTrường\s+((?:Mầm\s+non|Tiểu\s+học|THCS|THPT|Trung\s+học\s+cơ\s+sở|Trung\s+học\s+phổ\s+thông|"
    r"TH\s*(?:&|và)\s*THCS|THCS\s*(?:&|và)\s*THPT|TH|MN|PTDTBT|PTDTNT|Phổ\s+thông|Liên\s+cấp)"
    r"(?:\s+(?:[A-ZĐÀ-Ỹ][\wÀ-ỹ]*|\d+))+)"
))
_LIST_START_RE = re.compile(r"^\s*(?:\d+(?:\.\d+)*\s*[.)]|[a-zđ]\s*\)|[-+•*–])\s*", re.IGNORECASE)
_SIGNED_RE = re.compile(r"^\(.*\)$|^(?:da ky|ky ten|ky,)")


# Words of a unit's name that say what it is, longest first, with what they say: its kind of body (a People's
# Committee, a school, a centre, a department) or the school level; what is left is the unit's proper name.
_UNIT_WORDS = [
    ("uy ban nhan dan", "ubnd"), ("ubnd", "ubnd"), ("so giao duc va dao tao", "so"), ("so gd dt", "so"),
    ("trung tam", "trung tam"), ("truong", "truong"),
    ("giao duc nghe nghiep", "gdnn"), ("giao duc thuong xuyen", "gdtx"), ("gdnn", "gdnn"), ("gdtx", "gdtx"),
    ("trung hoc pho thong", "thpt"), ("trung hoc co so", "thcs"), ("tieu hoc", "th"), ("mam non", "mn"),
    ("thpt", "thpt"), ("thcs", "thcs"), ("th", "th"), ("mn", "mn"), ("lien cap", ""), ("pho thong", ""),
    ("tu thuc", ""), ("va", ""), ("thanh pho", ""), ("tp", ""), ("phuong", ""), ("xa", ""), ("dac khu", ""),
]
_BODY_KINDS = {"ubnd", "so", "trung tam", "truong"}


def unit_key(name: str) -> tuple[str, frozenset[str], str]:
    """(kind of body, school levels, proper name) of a unit's name, folded: "TRƯỜNG TRUNG HỌC CƠ SỞ TÂN HƯNG"
    and "Trường THCS Tân Hưng" both give ("truong", {"thcs"}, "tan hung"); "ỦY BAN NHÂN DÂN XÃ AN LÃO" gives
    ("ubnd", {}, "an lao")."""
    text = " " + re.sub(r"[^a-z0-9]+", " ", fold(name)) + " "
    kind, levels = "", set()
    for word, says in _UNIT_WORDS:
        while f" {word} " in text:
            text = text.replace(f" {word} ", " ", 1)
            if says in _BODY_KINDS:
                kind = kind or says
            elif says:
                levels.add(says)
    return kind, frozenset(levels), re.sub(r"\s+", " ", text).strip()


def names_same_unit(named: str, own: str) -> bool:
    """Whether a document's named unit is the uploader's own: the same kind of body, the same levels where both
    say them (a primary and a lower-secondary school of one commune share its name) and the same proper name
    ("(cơ sở 2)" and the like after it allowed)."""
    (k1, l1, a), (k2, l2, b) = unit_key(named), unit_key(own)
    if (k1 and k2 and k1 != k2) or (l1 and l2 and l1 != l2):
        return False
    return bool(a) and bool(b) and (a == b or a.startswith(b + " ") or b.startswith(a + " "))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", fold(text)).strip("_")[:64] or "muc"


def _mostly_upper(text: str, share: float = 0.8) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) >= share


# Spaces a word processor or a web page puts between words besides the plain one: no-break, figure, thin, narrow
# no-break, ideographic; and the soft hyphen, which marks where a word may break and is no character of it.
_ODD_SPACES = str.maketrans({c: " " for c in "\u00a0\u2007\u2009\u200a\u202f\u3000\u2002\u2003"} | {"\u00ad": None})
# "chương-" / "trình": a phrase a PDF hyphenated at a line's end (a letter on each side, the next a small one)
_HYPHENATED_RE = re.compile(r"(?<=[^\W\d_])-[ \t]*\n[ \t]*(?=[^\W\d_])")
# a share a PDF cut at a line's end: "tiểu học 99" / ",8 %", "tiểu học 10" / "0 %" (a figure of one or two digits
# before the cut, not a level's, a grade's or a year's, and a whole of at most 100)
_CUT_SHARE_RE = re.compile(r"(?<![\d.,])(?<!độ )(?<!do )(?<!ớp )(?<!op )(?<!ối )(?<!oi )(\d{1,2})[ \t]*\n[ \t]*(,\d+|\d{1,2}(?:,\d+)?)(?=[ \t]*%)")

# a share a PDF cut right after its decimal comma: "không quá 0," / "2%" (a comma ending a line never lists a figure
# before a share on the next)
_CUT_DECIMAL_RE = re.compile(r"(?<![\d.,])(\d{1,2}),[ \t]*\n[ \t]*(\d{1,2})(?=[ \t]*%)")


# a word a PDF drawn at a fixed width cut at the line's end, with no hyphen: "bỏ học dướ" / "i 4%", "THCS đạ" / "t mức
# độ 2". What starts the next line can only end a syllable (a final consonant or the "i" of "ưới", "ai"), never be
# one on its own, so the break is inside the word.
_CUT_WORD_RE = re.compile(r"(?<=[^\W\d_][aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵ])\n"
                          r"(?=(?:ng|nh|ch|[itcpmn])(?:[ \t,.;:%]|$))", re.MULTILINE)


# a school year or a period a PDF cut at a line's end inside its second year: "năm học 2024 - 2" / "025", "giai đoạn
# 2026 - 20" / "30" (joined back only when the pieces make a year soon after the first, so a figure that merely ends
# a line stays apart)
_CUT_YEAR_SPAN_RE = re.compile(r"(?<!\d)(20\d\d)(\s*[-–]\s*)(\d{1,3})[ \t]*\n[ \t]*(\d{1,3})(?!\d)")
# or inside its first year: "vào năm học 20" / "27-2028"
_CUT_FIRST_YEAR_RE = re.compile(r"(?<![\d.,])(2\d{0,2})[ \t]*\n[ \t]*(\d{1,3})(\s*[-–]\s*)(20\d\d)(?!\d)")
# or a year alone after "năm": "80% vào năm 203" / "0." (joined back only when the pieces make a year of this century)
_CUT_LONE_YEAR_RE = re.compile(r"(?<=\bn[ăa]m )(2\d{0,2})[ \t]*\n[ \t]*(\d{1,3})(?![\d\s]*[-–])(?!\d)", re.IGNORECASE)


def _joined_year_span(m: re.Match) -> str:
    second = m.group(3) + m.group(4)
    return m.group(1) + m.group(2) + second if len(second) == 4 and 0 < int(second) - int(m.group(1)) <= 15 else m.group(0)


def _joined_first_year(m: re.Match) -> str:
    first = m.group(1) + m.group(2)
    return first + m.group(3) + m.group(4) if len(first) == 4 and 0 < int(m.group(4)) - int(first) <= 15 else m.group(0)


def _joined_lone_year(m: re.Match) -> str:
    year = m.group(1) + m.group(2)
    return year if len(year) == 4 and year.startswith("20") else m.group(0)


def _joined_share(m: re.Match) -> str:
    whole = m.group(1) + m.group(2)
    return whole if m.group(2).startswith(",") or float(whole.replace(",", ".")) <= 100 else m.group(0)


# a doubled space between two words (retyped text); three or more stay, as the gap between two columns
_DOUBLED_SPACE_RE = re.compile(r"(?<=\S)  (?=\S)")
# a line indented by tabs or spaces that starts with a small letter goes on with the sentence above (an indented
# column, a header's or a signature's, starts with a capital): its indent is no part of the sentence
_INDENTED_GOING_ON_RE = re.compile(r"(?<=\n)[ \t]+(?=[^\W\d_])")


def _unindented(m: re.Match) -> str:
    return "" if m.string[m.end()].islower() else m.group(0)


# a footnote that states a target ("¹ Trong đó ít nhất 30% học viên là người dân tộc thiểu số", "[3] Phấn đấu đạt 40% …"),
# pasted or printed away from its marker (after the signature, at a page's foot); one that names a source, quotes a norm
# or gives a past figure opens otherwise and stays where it is, a note
_TARGET_FOOTNOTE_RE = re.compile(r"(?:\[(\d{1,2})\]|(\d{1,2}))[ \t]+(?=(?:Trong đó|Phấn đấu)\b)")
_FOOTNOTE_LINE_RE = re.compile(r"\s*(?:\[\d{1,2}\]|\d{1,2})[ \t]+[^\W\d_]")
_CLOSED_LINE_RE = re.compile(r"[.;:!?]\s*$")


def _going_on(line: str) -> bool:
    """A line that goes on with the sentence the line before left open (a small letter or a figure opens it)."""
    return bool(line.strip()) and (line.lstrip()[0].islower() or line.lstrip()[0].isdigit()) \
        and not _FOOTNOTE_LINE_RE.match(line)


def _footnotes_in_place(text: str) -> str:
    """The text of a footnote that states a target set where its marker stands, after the sentence holding the marker
    (glued to the words it annotates: "… đạt 98%2;", "… với nghề2.", "… chương trình[3]."), so that it is read with
    that sentence's horizon, not with the signature or with the part that ran on after the page's foot."""
    lines = text.split("\n")
    k = 0
    while k < len(lines):
        m = _TARGET_FOOTNOTE_RE.match(lines[k])
        k += 1
        if not m:
            continue
        marker = re.compile(re.escape(f"[{m.group(1)}]") if m.group(1) else rf"(?<=[^\W\d_%]|%){m.group(2)}(?=[\s.,;:)]|$)")
        at = next((j for j in range(k - 2, -1, -1) if marker.search(lines[j]) and not _FOOTNOTE_LINE_RE.match(lines[j])), None)
        if at is None:
            continue
        end = k
        while end < len(lines) and not _CLOSED_LINE_RE.search(lines[end - 1]) and _going_on(lines[end]):
            end += 1
        note = " ".join([lines[k - 1][m.end():].strip()] + [line.strip() for line in lines[k:end]])
        del lines[k - 1:end]
        while at + 1 < k - 1 and not _CLOSED_LINE_RE.search(lines[at]) and _going_on(lines[at + 1]):
            at += 1
        lines.insert(at + 1, note)   # the line after the footnote is now at k
    return "\n".join(lines)


def tidy(text: str) -> str:
    """The text as the rules read it: NFC, one kind of line break and of space, words a PDF hyphenated at a line's end
    joined back (by a space: a Vietnamese syllable is a word), shares, years and syllables it cut joined, a doubled space
    between words made single, the indent of a line going on with a sentence dropped, a footnote stating a target set
    where its marker stands."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n").translate(_ODD_SPACES)
    text = _HYPHENATED_RE.sub(lambda m: " " if m.string[m.end()].islower() else m.group(0), text)
    text = _CUT_SHARE_RE.sub(_joined_share, text)
    text = _CUT_DECIMAL_RE.sub(r"\1,\2", text)
    text = _CUT_YEAR_SPAN_RE.sub(_joined_year_span, text)
    text = _CUT_FIRST_YEAR_RE.sub(_joined_first_year, text)
    text = _CUT_LONE_YEAR_RE.sub(_joined_lone_year, text)
    text = _CUT_WORD_RE.sub("", text)
    return _footnotes_in_place(_DOUBLED_SPACE_RE.sub(" ", _INDENTED_GOING_ON_RE.sub(_unindented, text)))


def parse_plan(text: str) -> ParsedPlan:
    """Extract every field we can from a plan's text (:func:`tidy` first; spans are in ``ParsedPlan.text``)."""
    text = tidy(text)
    L = _Lines(text)
    sections = _sections(L)
    first_section_idx = sections[0][0] if sections else len(L.items)
    head = _document_start(L, first_section_idx)
    number = place = issued = blank_year = None
    for i, off, part in _header_parts(L, first_section_idx, head):
        if number is None and (m := _NUMBER_RE.match(part) or _PARTY_NUMBER_RE.match(part) or _BARE_NUMBER_RE.fullmatch(part)):
            value = (m.group(1) + "/" + re.sub(r"\s+", "", m.group(2))) if m.re is not _PARTY_NUMBER_RE \
                else re.sub(r"\s+", "", m.group(1))
            number = Extracted(value, L.source(i, off + m.start(), off + m.end()), 0.95)
            off, part = off + m.end(), part[m.end():]   # a place and date may follow on the same line
        if issued is None and not _PLACE_DATE_RE.match(part) and re.search(
                r"(?i)ng[àa]y\s+\d{1,2}(?:\s+th[áa]ng(?:\s+\d{1,2}(?:\s+n[ăa]m)?)?)?\s*$", part) \
                and (nxt := next(L.nonblank(i + 1, first_section_idx), None)) is not None \
                and (year := re.match(r"(?i)\s*(?:(?:th[áa]ng\s+)?\d{1,2}\s+)?(?:n[ăa]m\s+)?20\d\d\b", L.line(nxt))):
            # "…, ngày 20 tháng 11" / "năm 2026", "… năm" / "2026", "…, ngày 18" / "tháng 11 năm 2025"
            part = part.rstrip() + " " + year.group(0).strip()
        if issued is None and (m := _PLACE_DATE_RE.match(part)):
            if d := _date_of(m):
                issued = Extracted(d, L.source(i, off + m.start("d"), off + m.end("y")), 0.95)
                place = Extracted(m.group("place").strip(), L.source(i, off + m.start("place"), off + m.end("place")), 0.85)
    if place is None:   # "Sìn Hồ, ngày      tháng 9 năm 2026": a day left blank until signing, the place is there
        for i, off, part in _header_parts(L, first_section_idx, head):
            if m := _BLANK_DAY_RE.match(part):
                place = Extracted(m.group("place").strip(), L.source(i, off + m.start("place"), off + m.end("place")), 0.8)
                # its month and year are written: the year still tells past school years from the plan's own
                blank_year = int(y.group(1)) if (y := re.match(r"(?i)[\s.…_]*(?:th[áa]ng\s*)?\d{1,2}\s*(?:n[ăa]m|/)\s*(20\d\d)\b",
                                                      L.line(i)[off + m.end():])) else None
                break
    title, title_idx, title_end = _title(L, first_section_idx, head)
    header_end = title_idx if title_idx is not None else first_section_idx
    joint = _joint(L, header_end, head, title_idx, title)
    superior, issuer = _bodies(L, header_end, head, joint)
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
    appendix, targets_appendix = _appendix(L)
    partnered = joint and issuer is not None and not _PARTNER_RE.match(fold(issuer.value))
    recipients, signer_title, signer, end_body = _closing(L, _mail_tail(L, sections, appendix), partnered=partnered)
    if signer is None and title_end is not None:
        # a deck's title slide or a speech's head names its speaker under the subject: "Người trình bày: …
        # - Hiệu trưởng"
        for i in list(L.nonblank(title_end + 1, len(L.items)))[:3]:
            if m := _SPEAKER_RE.match(L.fline(i)):
                signer_title = Extracted(L.line(i)[m.start("post"):m.end("post")].strip(), L.source(i, m.start("post"), m.end("post")), 0.7)
                signer = Extracted(L.line(i)[m.start("name"):m.end("name")].strip(), L.source(i, m.start("name"), m.end("name")), 0.7)
                break
    if issued is None:
        # a tham luận or a speech dates itself at its close, over the speaker's block
        for i in reversed(list(L.nonblank(0, len(L.items)))[-8:]):
            if (m := _PLACE_DATE_RE.match(L.line(i))) and (d := _date_of(m)):
                issued = Extracted(d, L.source(i, m.start("d"), m.end("y")), 0.8)
                place = Extracted(m.group("place").strip(), L.source(i, m.start("place"), m.end("place")), 0.8)
                break
    if sections and end_body <= sections[0][0]:
        # "QUYẾT ĐỊNH … Điều 1. Ban hành kèm theo Quyết định này Kế hoạch …": the decision's recipients and
        # signature close the decision; the plan attached after it runs to its own closing
        end_body = _closing(L, appendix, start=sections[0][0])[3]
    parsed_sections = []
    for n, (idx, numeral, heading, key, conf) in enumerate(sections):
        stop = sections[n + 1][0] if n + 1 < len(sections) else end_body
        body_lines = [L.line(j) for j in range(idx + 1, stop)]
        body = "\n".join(body_lines).strip()
        src_start = L.source(idx).start
        src_end = L.source(stop - 1).end if stop - 1 > idx else L.source(idx).end
        parsed_sections.append(ParsedSection(key, numeral, heading, body, Source(L.items[idx][0], src_start, max(src_start, src_end)), conf))
    if appendix is None:
        appendix = targets_appendix = _body_appendix(L, sections, end_body)
    plan_horizon = (_title_horizon(title.value) if title else None) or _year_in_course(L, issued)
    plan_due = _resolution_horizon(title.value) if title else None
    targets = extract_targets(text, _lines=L, _sections=sections, _end=end_body,
                              _appendix=targets_appendix,
                              plan_year=issued.value.year if issued else blank_year,
                              plan_month=issued.value.month if issued else None,
                              plan_horizon=plan_horizon,
                              plan_period=_title_period_end(title.value) if title else None, plan_due=plan_due,
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


def _date_of(m: re.Match) -> date | None:
    """The date a ``_PLACE_DATE_RE`` match writes, or None where it is no day of the calendar."""
    try:
        return date(*(int(m.group(g).translate(_OCR_DIGITS)) for g in ("y", "m", "d")))
    except ValueError:
        return None


def _title_horizon(title: str) -> int | None:
    """The year a plan as a whole is due by, when its subject names one school year ("Thực hiện nhiệm vụ năm học
    2025 - 2026": its end), one period ("giai đoạn 2026 - 2030, tầm nhìn đến năm 2035": its end; the vision
    beyond it carries no figure) or one calendar year ("Kế hoạch … năm 2026", "… đến năm 2030")."""
    # a report's results of the school year gone by ("Báo cáo kết quả thực hiện nhiệm vụ năm học 2025 - 2026 và
    # phương hướng, nhiệm vụ năm học 2026 - 2027") set no horizon: the year it looks ahead to does
    f = re.sub(r"\b(?:ket qua|tong ket)\b[^\d;]{0,60}?\bnam hoc\s+20\d\d\s*[-–—]\s*20\d\d\b(?=.*\bnam hoc\s+20\d\d)", " ",
               fold(title))
    # the vision beyond the plan's end ("… đến năm 2030, tầm nhìn đến năm 2045") is not the year its figures are due
    f = re.sub(r"\btam nhin\s+(?:(?:den|toi)\s+)?(?:(?:het\s+)?nam\s+)?20\d\d\b", " ", f)
    # one school year named twice is one ("… năm học 2026 - 2027" and a first body line a hard break joined to it)
    school = set(re.findall(r"\bnam hoc\s+20\d\d\s*[-–—]\s*(20\d\d)\b", f))
    if len(school) == 1:
        return int(school.pop())
    if school:
        return None
    # (a period typed with an em dash, "giai đoạn 2026 — 2030", as a word processor's autocorrect leaves it)
    periods = set(re.findall(r"\b20\d\d\s*[-–—]\s*(20\d\d)\b", f))
    if len(periods) == 1:
        return int(periods.pop())
    # (a month before the year dates a meeting, "Họp Hội đồng sư phạm tháng 9 năm 2026", it sets no due year)
    years = set(re.findall(r"(?<!thang \d )(?<!thang \d\d )\bnam\s+(20\d\d)\b(?!\s*[-–—])", f))
    return int(years.pop()) if len(years) == 1 and not periods else None


def _year_in_course(L: _Lines, issued: Extracted[date] | None) -> int | None:
    """The end of the school year a speech or a paper pledges its figures for when its subject names none: "năm học
    này", "năm học mới" is the school year in course on the day it is given (one starting in September)."""
    if issued is None or not any(_THIS_SCHOOL_YEAR_RE.search(L.fline(i)) for i in L.nonblank()):
        return None
    return issued.value.year + (issued.value.month >= 8)


def _title_period_end(title: str) -> int | None:
    """The last year of the period a plan's subject names ("… trong năm học 2026 - 2027 và giai đoạn đến năm 2030",
    "giai đoạn 2026 - 2030"), which a target due "trước khi kết thúc giai đoạn" is due by; None without one."""
    m = re.search(r"\bgiai doan\s+(?:20\d\d\s*[-–]\s*(20\d\d)|(?:den|toi)\s+(?:het\s+)?nam\s+(20\d\d))\b", fold(title))
    return int(m.group(1) or m.group(2)) if m else None


def _resolution_horizon(title: str) -> int | None:
    """2030 for a plan carrying out Resolution 71 ("Thực hiện Nghị quyết số 71-NQ/TW …") whose subject names no
    school year or period: a target the plan gives no year of its own is due by the Resolution's own horizon."""
    return 2030 if re.search(r"\bnghi quyet\s+(?:so\s+)?71\b|\b71\s*-\s*nq\s*/\s*tw\b", fold(title)) else None


# "trước khi kết thúc giai đoạn", "đến cuối giai đoạn", "hết giai đoạn": by the end of the plan's period
_PERIOD_END_RE = re.compile(r"\b(?:ket thuc|cuoi|het)\s+giai doan\b(?!\s+20\d\d)")


# What a web page, a browser or a mail program puts around a document copied from it, never a plan's own line: a
# breadcrumb or a menu ("Trang chủ > Văn bản > Kế hoạch", "Bạn đang ở: …"), an article's date and readership
# ("Ngày đăng: 21/03/2026 | Lượt xem: 96", "Cập nhật: 06/11/2026 09:14"), a portal's banner ("CỔNG THÔNG TIN ĐIỆN
# TỬ …"), a message's fields ("Từ:", "Tới:", "Cc:", "Chủ đề:", "From:", "Subject:") and a forwarded message's rule
_WEB_FURNITURE_RE = re.compile(
    r"\s*(?:trang chu\b(?=\s*(?:[>»/|›]|\t|gioi thieu\b))|ban dang o\s*:|.*\bluot (?:xem|truy cap)\s*:|(?:ngay dang|cap nhat|dang luc|ngay cap nhat)\s*:"
    r"|.*\bcong thong tin dien tu\b|(?:tu|toi|gui|cc|bcc|chu de|tieu de|from|subject)\s*:\s*\S"
    r"|-{3,}\s*(?:forwarded message|original message|thu chuyen tiep|thu goc)\b)")
# The header's own first lines a furniture line may stand above: the motto or the document's number
_HEADER_ANCHOR_RE = re.compile(r"cong hoa xa hoi chu nghia viet nam|(?:^|\s)so\s*:\s*\d+\s*/")


def _document_start(L: _Lines, stop: int) -> int:
    """Index of a plan's first line when it was copied from a web page or a message: the line after the last
    furniture line (``_WEB_FURNITURE_RE``) above the header's motto or number; the page's banner and the article's
    own headline over it ("KẾ HOẠCH THỰC HIỆN NGHỊ QUYẾT 71 …" above "Lượt xem") are the page's, not the plan's.
    0 when nothing of the kind stands above the header."""
    anchor = next((i for i in L.nonblank(0, stop) if _HEADER_ANCHOR_RE.search(L.fline(i))), None)
    if anchor is None:
        return 0
    return next((i + 1 for i in reversed(range(anchor)) if L.line(i).strip() and _WEB_FURNITURE_RE.match(L.fline(i))), 0)


# A message's text after the plan it carries: the signature's rule ("--", RFC 3676's "-- ") and a quoted reply
# ("Vào Th 4, 14 thg 10, 2026 … đã viết:", "On … wrote:")
_MAIL_TAIL_RE = re.compile(r"\s*(?:--\s*|(?:vao|on)\b.*\b(?:da viet|wrote)\s*:\s*|-{3,}\s*(?:original message|thu goc)\b.*)$")


def _mail_tail(L: _Lines, sections, appendix: int | None) -> int | None:
    """Where the document a message carries ends: the first mail-tail line (``_MAIL_TAIL_RE``) after the recipients
    (or the last section), or ``appendix`` where it comes first; a signature under that rule is the sender's, not the
    plan's."""
    recipients = next((i for i in L.nonblank() if re.match(r"^noi nhan\s*:?", L.fline(i).strip())), None)
    after = recipients if recipients is not None else (sections[-1][0] if sections else len(L.items))
    tail = next((i for i in L.nonblank(after + 1, appendix) if _MAIL_TAIL_RE.fullmatch(L.fline(i))), None)
    return tail if tail is not None else appendix


# Where a header line holds two cells: tabs, wide gaps, " | "; and, in a header whose cells were joined by single
# spaces ("ỦY BAN NHÂN DÂN XÃ AN HÀ Số: 15/KH-UBND", "… Hạnh phúc An Hà, ngày …"), before "Số:" and after the motto.
# A form's mark in its right-hand corner ("Biểu số 01", "Biểu mẫu số 2", "(Kèm theo Công văn số …)") joined the same way.
_HEADER_GAP_RE = re.compile(r"(\t+| {3,}|\s+\|\s+|(?<=\S)\s(?=[Ss][ốoỐO]\s*:\s*\d)|(?<=[Hh][ạa]nh [Pp]h[úu]c)\s"
                            r"|(?<=\S)\s(?=Bi[ểe]u(?: m[ẫa]u)? s[ốo] \d|\(K[èe]m theo\b))")
# … and a People's Committee's or a department's name followed by its school's, department's or centre's on one line
# ("UBND XÃ AN HÀ TRƯỜNG THCS AN HÀ", "UBND THÀNH PHỐ HẢI PHÒNG SỞ GIÁO DỤC VÀ ĐÀO TẠO"): two bodies ("CHI BỘ TRƯỜNG
# TIỂU HỌC AN HÀ" is one: a Party cell is named after its school)
_TWO_BODIES_RE = re.compile(_loose(r"((?:UBND|ỦY BAN NHÂN DÂN|SỞ|PHÒNG)\s.*?)(?:\s+[-–])?\s((?:TRƯỜNG\s+(?:MẦM NON|TIỂU HỌC|TRUNG HỌC|THCS|THPT"
                            r"|TH|MN|PTDT|PHỔ THÔNG|LIÊN CẤP)|(?:SỞ|PHÒNG) GIÁO DỤC|TRUNG TÂM (?:GIÁO DỤC|GDNN|GDTX))\b.*)"))


def _header_parts(L: _Lines, stop: int, start: int = 0):
    """(line idx, offset in line, part) for header lines, split at tabs / wide gaps (two-column headers)."""
    for i in L.nonblank(start, stop):
        line = L.line(i)
        pos = 0
        # "Số:    05/KH-UBND": the gap after "Số:" is the writer's spacing, not a column break
        line = re.sub(r"^(\s*[Ss][ốoỐO]\s*:)(\s{3,})", lambda m: m.group(1) + "\u00a0" * len(m.group(2)), line)
        for part in _HEADER_GAP_RE.split(line):
            if part.strip() not in ("", "|"):
                yield i, pos, part
            pos += len(part)


# a letter's subject under its number: "V/v đăng ký chỉ tiêu thi đua năm học 2026 - 2027"
_LETTER_SUBJECT_RE = re.compile(r"\s*[Vv]\s*/\s*[Vv]\s*[.:]?\s+(\S.*)")
# A form (biểu mẫu) sent down to be filled in has no kind word over its subject: its title row in capitals is the
# title whole ("ĐĂNG KÝ CHỈ TIÊU THỰC HIỆN NGHỊ QUYẾT …", "CHỈ TIÊU KẾ HOẠCH GIÁO DỤC THƯỜNG XUYÊN GIAI ĐOẠN …"); a
# sheet saved as text leaves the row's empty cells after it
_FORM_TITLE_RE = re.compile(_loose(r"\s*((?:BIỂU\s+|BẢNG\s+)?(?:ĐĂNG\s+KÝ\s+|TỔNG\s+HỢP\s+)?CHỈ\s+TIÊU\s+\S.*?)[\s|]*"))


def _title(L: _Lines, stop: int, start: int = 0) -> tuple[Extracted[str] | None, int | None, int | None]:
    """The subject (trích yếu) under "KẾ HOẠCH": the lines right under it, until a blank line, a legal basis,
    a list item or a section. Returns the title, the index of the "KẾ HOẠCH" line and of the last line.

    The title is the subject alone: a plan's kind is "KẾ HOẠCH" already, and the portal shows the title
    under it ("KẾ HOẠCH Thực hiện …" would read the word twice). A letter (công văn) has no kind word: its subject is
    the "V/v …" line under its number, read without the "V/v"."""
    # a letter's "V/v" above an appendix's "PHỤ LỤC: BIỂU ĐĂNG KÝ …" (the sheet it sends) makes it a letter still
    subject = next((i for i in L.nonblank(start, stop) if _LETTER_SUBJECT_RE.fullmatch(L.line(i))), stop)
    kind_word = any(_TITLE_RE.fullmatch(L.line(i)) and not (i > subject and re.match(r"\s*phu luc\b", L.fline(i)))
                    for i in L.nonblank(start, stop))
    for i in L.nonblank(start, stop):
        if not kind_word and re.match(r"\s*kinh gui\b", L.fline(i)):
            break   # a "V/v" below the salutation quotes another letter
        m = (_TITLE_RE if kind_word else _LETTER_SUBJECT_RE).fullmatch(L.line(i))
        if not m:
            continue
        rest = m.group(1).strip()
        if rest and _mostly_upper(rest) and re.match(r"\s*(?:bai\s+)?phat bieu|\s*dien van", L.fline(i)):
            rest = ""   # "BÀI PHÁT BIỂU CHỈ ĐẠO CỦA ĐỒNG CHÍ CHỦ TỊCH UBND XÃ": the speaker, the occasion is under it
        parts, last = ([rest] if rest else []), i
        j = i + 1 if rest else next(L.nonblank(i + 1, stop), None)
        while j is not None and j < stop and L.line(j).strip():
            f = L.fline(j).strip()
            # a wrapped subject may well start "Nghị quyết số …" or "thực hiện …" (small letter: the subject goes
            # on); a legal basis starts "Căn cứ" / "Thực hiện"
            if _NATIONAL_RE.fullmatch(f) or (parts and (
                    (re.match(r"(?:can cu|thuc hien|kinh gui)\b", f) and L.line(j).lstrip()[:1].isupper())
                    # a note in brackets under the subject ("(Theo Công văn số 1915/SGDĐT-GDTrH …)", "(Kèm theo …)",
                    # a form's "(Thực hiện Nghị quyết số 71-NQ/TW …)"), or the parties to a compact or registration
                    # ("(Khối thi đua …)", "(giữa các trường …)")
                    or re.match(r"\(\s*(?:theo|kem theo|ban hanh kem theo|thuc hien|ap dung|khoi thi dua|cum thi dua"
                                r"|giua)\b", f)
                    # the head row of a form's table right under its title ("STT | Chỉ tiêu | ĐVT | …")
                    or L.line(j).count(" | ") >= 2
                    # a form's fields under its name: "Đơn vị: Trường Tiểu học …", "Quy mô: 17 lớp"
                    or re.match(r"(?:don vi|quy mo)\s*:", f)
                    # a speech's occasion or its record under its subject ("(Trình bày tại Hội nghị …)", "(Văn
                    # phòng … ghi theo băng ghi âm …)"), the place and date, the speaker ("Người trình bày: …")
                    or re.match(r"\(\s*(?:trinh bay|phat bieu|tai|hoi nghi|hoi thao|dai hoi)\b|\(.*\bghi am\b", f)
                    or _PLACE_DATE_RE.match(L.line(j)) or _SPEAKER_RE.match(f)
                    # a sentence of the body right under the subject ("Toàn tỉnh hiện có 693 cơ sở …, 76,4% …."): a
                    # subject has no full stop and no share
                    or L.line(j).lstrip()[:1].isupper() and (re.search(r"[.;]\s*$", f) and len(f.split()) >= 12 or "%" in f)
                    or _LIST_START_RE.match(L.line(j)) and not cut_range(parts[-1], L.line(j))
                    or _SECTION_RE.match(L.line(j))
                    # a decision names its authority in capitals under its subject ("ỦY BAN NHÂN DÂN TỈNH LAI
                    # CHÂU", "CHỦ TỊCH ỦY BAN NHÂN DÂN …") before its legal bases
                    or not _mostly_upper(parts[-1]) and _mostly_upper(L.line(j)) and re.match(
                        # a resolution the meeting itself passes: "HỘI NGHỊ VIÊN CHỨC TRƯỜNG …"
                        r"(?:uy ban nhan dan|chu tich|giam doc|hoi dong|hoi nghi|hieu truong|bo truong)\b", f))):
                break
            parts.append(L.line(j).strip())
            last = j
            j += 1
        if not parts:
            return None, i, i
        first = i if rest else i + 1 + next(k for k, line in enumerate(L.items[i + 1:]) if line[2].strip())
        src = L.source(first, (L.line(i).index(rest) if rest else None))
        # a date a narrow column cut at its slash ("ngày 22" / "/8/2025") is one word again, and so is a school year
        # cut after its hyphen ("năm học 2026-" / "2027")
        joined = re.sub(r"(?<=\d) (?=/\d)|(?<=\d/) (?=\d)|(?<=\b20\d\d-) (?=20\d\d\b)", "", " ".join(parts))
        return Extracted(joined, Source(src.line, src.start, L.source(last).end), 0.9), i, last
    if kind_word:
        return None, None, None
    found = _form_title(L, stop, start)
    return found if found[0] is not None else _slide_title(L, stop, start)


def _form_title(L: _Lines, stop: int, start: int = 0) -> tuple[Extracted[str] | None, int | None, int | None]:
    """A returned form's title row (``_FORM_TITLE_RE``) and the capitals lines it wrapped onto; a note in brackets,
    a form's field ("Tỉnh/thành phố: …") or the table's head row under it is not the title's."""
    for i in L.nonblank(start, stop):
        if not ((m := _FORM_TITLE_RE.fullmatch(L.line(i))) and _mostly_upper(m.group(1))):
            continue
        last = i
        for j in range(i + 1, stop):
            line = L.line(j).strip(" \t|")
            if not line or " | " in line or "\t" in line or not _mostly_upper(line) and re.search(r"[^\W\d_]", line):
                break
            last = j
        joined = " ".join([m.group(1).strip()] + [L.line(j).strip(" \t|") for j in range(i + 1, last + 1)])
        return Extracted(joined, Source(L.source(i).line, L.source(i).start, L.source(last).end), 0.85), i, last
    return None, None, None


# A speaker under a speech's or a deck's subject: "Người trình bày: bà Nguyễn Thị Hà - Phó Giám đốc Sở", "Trình bày:
# Lê Văn An, Hiệu trưởng", or the name and post alone ("Ngô Thị Mai - Hiệu trưởng")
_SPEAKER_RE = re.compile(r"\s*(?:(?:nguoi\s+)?trinh bay\s*:\s*)?(?:(?:ong|ba)\s+)?(?P<name>[^\W\d_][^-–,:()]{3,40}?)\s*[-–,]\s*"
                         r"(?P<post>(?:pho\s+)?(?:hieu truong|giam doc|chu tich|truong phong|bi thu|truong ban|can bo)\b[^,;:]*)$")
# a meeting's name over a speech's or a deck's subject ("HỘI NGHỊ VIÊN CHỨC, NGƯỜI LAO ĐỘNG NĂM HỌC 2026 - 2027",
# "NHIỆM VỤ NĂM HỌC 2026 - 2027"): no body's name holds a year
_OCCASION_RE = re.compile(r"\s*(?:hoi nghi|hoi thao|dai hoi|le\s)\b|.*\b20\d\d\b")


def _slide_title(L: _Lines, stop: int, start: int = 0) -> tuple[Extracted[str] | None, int | None, int | None]:
    """The subject of a deck's title slide or of a speech with no kind word: the small-letter lines right above
    the place and date (a speaker's line or a note in brackets between them), under the bodies' capitals and a
    meeting's name. The index returned with it is the meeting's name (where the bodies end) or the subject's. A
    header with a number or the national motto is a letter's or a plan's, which say their subject otherwise."""
    at = next((i for i in L.nonblank(start, stop) if _PLACE_DATE_RE.match(L.line(i))), None)
    if at is None or any(_NUMBER_RE.match(part) or _NATIONAL_RE.search(fold(part)) for _, _, part in _header_parts(L, at, start)):
        return None, None, None   # a letter's or a plan's header (its number, the motto): no deck's, no speech's
    lines = [i for i in L.nonblank(start, at)]
    while lines and (_SPEAKER_RE.match(L.fline(lines[-1])) or L.fline(lines[-1]).strip().startswith("(")):
        lines.pop()
    subject: list[int] = []
    while lines and not _mostly_upper(L.line(lines[-1])) and (not subject or lines[-1] == subject[0] - 1):
        subject.insert(0, lines.pop())
    if not subject or any(re.search(r"\t|\s\|\s", L.line(i)) for i in subject):
        return None, None, None   # a table's rows above a form's date: no subject
    first = subject[0]
    while lines and _mostly_upper(L.line(lines[-1])) and _OCCASION_RE.match(L.fline(lines[-1])) \
            and not _starts_body(L.line(lines[-1])):
        first = lines.pop()
    text = re.sub(r"(?<=\b20\d\d-) (?=20\d\d\b)", "", " ".join(L.line(i).strip() for i in subject))
    src = L.source(subject[0], len(L.line(subject[0])) - len(L.line(subject[0]).lstrip()))
    return Extracted(text, Source(src.line, src.start, L.source(subject[-1]).end), 0.8), first, subject[-1]


_MOTTO = " cong hoa xa hoi chu nghia viet nam "
# the motto's first words at a header line's end, its last words (two at least) at the next line's end
_MOTTO_HEAD_RE = re.compile(r"(?:^|\s)cong hoa(?:\s+xa(?:\s+hoi(?:\s+chu(?:\s+nghia(?:\s+viet)?)?)?)?)?\s*$")
_MOTTO_TAIL_RE = re.compile(r"(?:^|\s)(?:(?:(?:(?:xa\s+)?hoi\s+)?chu\s+)?nghia\s+viet\s+nam|viet\s+nam)\s*$")


def _motto_piece(piece: str) -> bool:
    """A piece of "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" a narrow column wrapped ("CỘNG HÒA XÃ HỘI CHỦ" / "NGHĨA VIỆT
    NAM"): two words of it at least, never a body's name."""
    words = re.sub(r"[^a-z ]+", " ", fold(piece)).split()
    return len(words) >= 2 and f" {' '.join(words)} " in _MOTTO


# A body a school, a Sở or a People's Committee makes a joint plan with (kế hoạch phối hợp, liên tịch), its name and
# number beside theirs in the header, its own signature block beside theirs at the foot: a mass organisation (the
# Youth Union, a society, a trade union), a Party body, the parents' board, the police, a health body
_PARTNER_RE = re.compile(
    r"(?:doan tncs|doan thanh nien|(?:bch|ban chap hanh|ban thuong vu)\b|cong doan|hoi (?:khuyen hoc|lien hiep phu nu|phu nu"
    r"|cuu giao chuc|cuu chien binh|nong dan|chu thap do|cha me)|dang bo|dang uy|chi bo|ban dai dien|cong an"
    r"|(?:tram|trung tam|so) y te|benh vien|mat tran to quoc|lien doi)\b")


def _joint(L: _Lines, stop: int, start: int, title_idx: int | None, title: Extracted[str] | None) -> bool:
    """Whether a plan is one a school, a Sở or a People's Committee issues with another body: its kind or subject
    says so ("KẾ HOẠCH PHỐI HỢP", "KẾ HOẠCH LIÊN TỊCH", "Phối hợp giữa …"), its number's kind does ("18/KHPH-MNXP",
    "15/KHLT-THCSPN-ĐTN"), or its header holds the two bodies' two numbers."""
    said = " ".join(fold(x) for x in ((L.line(title_idx) if title_idx is not None else ""), title.value if title else ""))
    if re.search(r"^\s*(?:ke hoach\s+)?(?:phoi hop|lien tich)\b", said):
        return True
    numbers = [m for _, _, part in _header_parts(L, stop, start)
               if (m := _NUMBER_RE.match(part) or _PARTY_NUMBER_RE.match(part))]
    return len(numbers) >= 2 or bool(numbers and re.search(r"\bkh(?:ph|lt)\b", fold(numbers[0].group(0))))


def _bodies(L: _Lines, stop: int, start: int = 0, joint: bool = False
            ) -> tuple[Extracted[str] | None, Extracted[str] | None]:
    """(superior body, issuing body) from the capitals lines of the header's left column. In a ``joint`` plan the
    partner's names (``_PARTNER_RE``), beside the issuer's or under them, are the partner's: the education body's are
    read (the partners' alone when no other body is named)."""
    bodies: list[list[tuple[int, int, str]]] = []   # each: (line idx, offset, part) pieces of one name
    motto_open = False   # the motto's first words were last, its last words may come on a line of their own
    for i, off, part in _header_parts(L, stop, start):
        folded = fold(part)
        for m in reversed(list(_NATIONAL_RE.finditer(folded))):   # PDF layers join the two columns
            part = part[:m.start()] + " " * (m.end() - m.start()) + part[m.end():]
        # "UBND TỈNH VĨNH LONG CỘNG HOÀ XÃ HỘI CHỦ NGHĨA" / "VIỆT NAM": a PDF joined the body and the motto's start
        opened = False
        if head := _MOTTO_HEAD_RE.search(fold(part)):
            part, motto_open, opened = part[:head.start()], True, True
            if not part.strip():
                continue
        elif motto_open and (tail := _MOTTO_TAIL_RE.search(fold(part))) and part[:tail.start()].strip():
            # "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI" / "XÃ NAM HÀ CHỦ NGHĨA VIỆT NAM": the motto's end after the body's
            part, motto_open = part[:tail.start()], False
        lead = len(part) - len(part.lstrip())
        piece = part.strip()
        words = " ".join(re.sub(r"[^a-z ]+", " ", fold(piece)).split())
        if motto_open and words and _MOTTO.endswith(f" {words} "):
            motto_open = False
            continue   # "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT" / "NAM": the motto's last word a narrow column wrapped
        motto_open = opened or _motto_piece(piece) and not _MOTTO.endswith(f" {words} ")
        if _motto_piece(piece) or re.fullmatch(r"\(?\s*(?:ban\s+)?du thao(?:\s+(?:lan\s+)?\d+)?\s*\)?", fold(piece)):
            continue   # "(DỰ THẢO)" under a draft's header marks the draft, it names no body
        if re.match(r"(?:dt|dien thoai|tel|fax|e-?mail|website)\s*:", fold(piece)):
            continue   # "ĐT: 0229 3871 566" under the body's name: how to reach it, not its name
        if bodies and re.fullmatch(r"\d{1,2}", piece) and bodies[-1][-1][0] == i - 1:
            bodies[-1].append((i, off + lead, piece))   # "TRƯỜNG TIỂU HỌC HƯNG DŨNG" / "1": a narrow column cut the name
            continue
        if not piece or _NUMBER_RE.match(piece) or _PARTY_NUMBER_RE.match(piece) or _BARE_NUMBER_RE.fullmatch(piece) \
                or _PLACE_DATE_RE.match(piece) or not _mostly_upper(piece):
            continue
        piece = re.sub(r"\s{2,}", " ", piece)
        # "UBND XÃ ĐÀ BẮC CÔNG AN TỈNH PHÚ THỌ": a PDF joined the two bodies' columns by a space
        partner = re.search(r"(?<=\S)\s+(?=" + _PARTNER_RE.pattern + ")", fold(piece)) if joint else None
        if partner and _mostly_upper(piece[:partner.start()]):
            bodies += [[(i, off + lead, piece[:partner.start()])], [(i, off + lead + partner.end(), piece[partner.end():])]]
            continue
        if two := _TWO_BODIES_RE.fullmatch(piece):
            bodies += [[(i, off + lead, two.group(1))], [(i, off + lead + two.start(2), two.group(2))]]
            continue
        # "CÔNG TY CỔ PHẦN GIÁO DỤC HẠ LONG – TRƯỜNG TH, THCS VÀ THPT": two bodies on one line, a dash between
        dash = re.search(r"\s[-–]\s+(?=\S)", piece)
        if dash and _starts_body(piece[dash.end():]) and _starts_body(piece):
            bodies += [[(i, off + lead, piece[:dash.start()])], [(i, off + lead + dash.end(), piece[dash.end():])]]
            continue
        # (a word alone is no body's name but its end, cut by a narrow column: "TRUNG TÂM GDNN-GDTX TUY" / "PHONG")
        if (_starts_body(piece) or joint and _PARTNER_RE.match(fold(piece))) and " " in piece or not bodies:
            bodies.append([(i, off + lead, piece)])
        else:
            bodies[-1].append((i, off + lead, piece))
    if joint and (own := [b for b in bodies if not _PARTNER_RE.match(fold(b[0][2]))]):
        bodies = own

    def extracted(pieces) -> Extracted[str]:
        (i0, o0, p0), (i1, o1, p1) = pieces[0], pieces[-1]
        first, last = L.source(i0, o0, o0 + len(p0)), L.source(i1, o1, o1 + len(p1))
        return Extracted(" ".join(p for _, _, p in pieces), Source(first.line, first.start, last.end), 0.9)

    if not bodies:
        return None, None
    return (extracted(bodies[-2]) if len(bodies) > 1 else None), extracted(bodies[-1])


def _starts_body(piece: str) -> bool:
    """Whether a header line starts a body's name (``_BODY_START_RE``). "PHONG" unaccented in a line whose other words
    carry their diacritics is a place ("CHI BỘ TRƯỜNG MẦM NON SỐ 1" / "PHONG THỔ"), not a department (PHÒNG)."""
    folded = fold(piece)
    if not _BODY_START_RE.match(folded):
        return False
    return not (piece.split()[0].lower() == "phong" and folded != piece.lower())


_PART_RE = re.compile(r"^\s*phan\s+(thu\s+(?:nhat|hai|ba|tu|nam|sau|bay|tam|chin|muoi)|[ivx]+|\d+)\s*[.:)–-]\s*(\S.*)$")
# a part's number alone on its line, its title on the next ("Phần thứ nhất" / "BỐI CẢNH VÀ THỰC TRẠNG")
_PART_ALONE_RE = re.compile(r"^\s*phan\s+(?:thu\s+(?:nhat|hai|ba|tu|nam|sau|bay|tam|chin|muoi)|[ivx]+|\d+)\s*[.:)–-]?\s*$")


def _sections(L: _Lines) -> list[tuple[int, str, str, str, float]]:
    """The plan's Roman-numbered sections (I., II., … in order). A long plan in parts ("PHẦN THỨ NHẤT. BỐI CẢNH VÀ
    THỰC TRẠNG", "PHẦN THỨ BA. MỤC TIÊU", "PHẦN II – …") numbers its sections afresh in each part: each part heading
    is a section too, and the part on targets is one section whole ("I. Mục tiêu chung", "II. Mục tiêu cụ thể" are
    its pieces), so its targets are section II's."""
    found = []
    expected = 0
    used: set[str] = set()
    goal_part = False
    for i in L.nonblank():
        title = next(L.nonblank(i + 1), None) if _PART_ALONE_RE.match(L.fline(i)) else None
        if title is not None and _mostly_upper(L.line(title)) and len(L.line(title).strip()) <= 160:
            heading = L.line(title).strip().rstrip(":")
            key = next((k for word, k in _SECTION_KEYS if word in fold(heading)), None) or _slug(heading)
            goal_part = key == "muc_tieu"
            while key in used:
                key += "_2"
            used.add(key)
            found.append((i, L.line(i).strip().strip(" .:)–-"), heading, key, 0.9))
            expected = 0
            continue
        # (its title in capitals: "Phần III. MỤC TIÊU", "Phần V. KINH PHÍ (triệu đồng)", the word "Phần" and a
        # bracketed unit typed as words are)
        if (p := _PART_RE.match(L.fline(i))) and _mostly_upper(re.sub(r"\([^()]*\)", "", L.line(i)[p.start(2):])) \
                and len(p.group(2)) <= 160:
            heading = L.line(i).strip()[p.start(2) - (len(L.line(i)) - len(L.line(i).lstrip())):].strip().rstrip(":")
            key = next((k for word, k in _SECTION_KEYS if word in p.group(2)), None) or _slug(heading)
            goal_part = key == "muc_tieu"
            while key in used:
                key += "_2"
            used.add(key)
            found.append((i, L.line(i).strip()[:p.start(2)].strip(" .:)–-"), heading, key, 0.9))
            expected = 0
            continue
        m = _SECTION_RE.match(L.line(i))
        # a numeral typed twice ("III. MỤC TIÊU" … "III. NHIỆM VỤ, GIẢI PHÁP"): the next section still, when its
        # heading is one in capitals of another kind (checked below)
        again = bool(m) and 0 < expected <= len(_ROMAN) and m.group(1) == _ROMAN[expected - 1]
        # a numeral skipped ("II. TÌNH HÌNH …" then "IV. MỤC TIÊU", a section cut from the template it was written
        # on): the next section still, when its heading is one in capitals of a kind not met yet (checked below); not
        # before the first ("II. CHỈ TIÊU" opening an excerpt)
        skipped = bool(m) and not again and expected > 0 and m.group(1) in _ROMAN[expected + 1:expected + 3]
        if goal_part or not m or not (again or skipped) and (expected >= len(_ROMAN) or m.group(1) != _ROMAN[expected]):
            continue
        heading = m.group(2).strip().rstrip(":").strip()
        if len(heading) > 160:
            continue
        near = [L.line(j) for j in (max(L.nonblank(0, i), default=None), next(L.nonblank(i + 1), None)) if j is not None]
        if len(near) == 2 and " | " in near[0] and near[0].count("|") == near[1].count("|") \
                and not _year_cells(fold(near[1])) and not _label_row(fold(near[1])):
            continue   # a group row merged across a Word table ("I. GIÁO DỤC MẦM NON" between two of its rows)
        letters = [c for c in heading if c.isalpha()]
        upper = sum(c.isupper() for c in letters) / max(len(letters), 1)
        fh = fold(heading)
        key = next((k for word, k in _SECTION_KEYS if word in fh), None)
        if again and (not key or upper < 0.6 or key == found[-1][3]):
            continue
        if skipped and (not key or upper < 0.6 or key in used):
            continue
        if again and found[-1][1] == m.group(1) and found[-1][4] < 0.6:
            # "IV. Chuyển đổi số" (a table's group row, its cells flattened by the PDF) then "IV. NHIỆM VỤ, GIẢI PHÁP":
            # the numeral in capitals with a section's name is the section; the one in lower case with none was a
            # group inside the section before, which goes on through it
            used.discard(found.pop()[3])
        conf = 0.95 if key else 0.7
        if upper < 0.6:
            conf -= 0.2
        key = key or _slug(heading)
        while key in used:
            key += "_2"
        used.add(key)
        found.append((i, m.group(1), heading, key, conf))
        expected = _ROMAN.index(m.group(1)) + 1
    return found or _lettered_sections(L)


_LETTER_PART_RE = re.compile(r"^\s*([A-H])\s*[.)]\s*(\S.*)$")


def _lettered_sections(L: _Lines) -> list[tuple[int, str, str, str, float]]:
    """The parts of a text lettered "A.", "B.", … in capitals where others use Roman numerals (a report: "A. KẾT QUẢ
    THỰC HIỆN …", "B. PHƯƠNG HƯỚNG, NHIỆM VỤ …", "C. ĐỀ XUẤT, KIẾN NGHỊ"), read as its sections: two or more, in
    order, in capitals. A letter before a horizon ("A. ĐẾN HẾT NĂM 2026", "B. Đến năm 2030") groups targets by
    their year: such a text has no lettered parts."""
    found: list[tuple[int, str, str, str, float]] = []
    used: set[str] = set()
    for i in L.nonblank():
        m = _LETTER_PART_RE.match(L.line(i))
        if not m or "|" in L.line(i) or ord(m.group(1)) - ord("A") != len(found):
            continue
        heading = m.group(2).strip().rstrip(":").strip()
        fh = fold(heading)
        if re.match(r"(?:den|toi|giai doan|nam|lo trinh)\b", fh):
            return []
        if len(heading) > 160 or not _mostly_upper(heading):
            continue
        key = next((k for word, k in _SECTION_KEYS if word in fh), None) or _slug(heading)
        while key in used:
            key += "_2"
        used.add(key)
        found.append((i, m.group(1), heading, key, 0.9))
    return found if len(found) >= 2 else []


def _is_name(line: str) -> bool:
    """A person's name: 2 to 6 words, each a capital followed by small letters (Ngô Thị Thu Huyền); in the
    Central Highlands' names a capital may follow an apostrophe too (Rơ Châm H'Luyn), or end a word (K' Thị Hoa)."""
    words = line.split()
    return 1 < len(words) <= 6 and any(len(w) > 1 for w in words) and all(
        p[:1].isupper() and (len(p) == 1 or p[1:].islower()) and p.isalpha()
        for w in words for p in (w[:-1] if w.endswith("'") and len(w) > 1 else w).split("'"))


def _appendix(L: _Lines) -> tuple[int | None, int | None]:
    """Index of the heading of an appendix after the signature ("PHỤ LỤC" / "CÁC CHỈ TIÊU …" / "(Kèm theo Kế
    hoạch số …)"), the document's closing being the one above it, and that of the first appendix holding targets,
    if any: an appendix of targets says so in its heading, one of costs or of recipients holds none, and a project's
    appendices may put its list of works first ("Phụ lục 1. Danh mục công trình", "Phụ lục 2. Chỉ tiêu …")."""
    first, start = None, 0
    while (found := _appendix_from(L, start))[0] is not None:
        first = found[0] if first is None else first
        if found[1]:
            return first, found[0]
        start = found[0] + 1
    return first, None


def _appendix_from(L: _Lines, start: int) -> tuple[int | None, bool]:
    """The first appendix heading after the signature from line ``start`` on, and whether it holds targets."""
    recipients = next((i for i in L.nonblank() if re.match(r"^noi nhan\s*:?", L.fline(i).strip())), None)
    if recipients is None:
        return None, False
    for i in L.nonblank(max(recipients + 1, start)):
        f = L.fline(i).strip()
        # "PHỤ LỤC CHỈ TIÊU …" in capitals, or a heading of its own in any case ("Phụ lục", "Phụ lục 2:")
        # (or "Phụ lục: CÁC CHỈ TIÊU CHỦ YẾU": its name in capitals after the word)
        if re.match(r"(?:bang|bieu)\s+\d+\s*[.:]?\s*(?:cac\s+)?(?:chi tieu|muc tieu)\b", f):
            return i, True   # "Bảng 2. Chỉ tiêu đến năm 2030" after the signature: a table of targets of its own
        if re.fullmatch(r"bieu(?:\s+mau)?\s+(?:so\s+)?\d+[a-z]?(?:\s*[-–]\s*[a-z]+)?", f) and re.search(
                r"\b(?:chi tieu|muc tieu)\b", " ".join(L.fline(j) for j in list(L.nonblank(i, len(L.items)))[:4] if "|" not in L.fline(j))):
            return i, True   # a cover letter sending a form of targets ("Biểu số 02", its title a line or two below)
        named = re.match(r"phu luc(?:\s+(?:\d+|[ivx]+))?\s*[.:]\s*(?=\S)", f)
        if re.match(r"phu luc\b", f) and (_mostly_upper(L.line(i)) or re.fullmatch(r"phu luc(?:\s+(?:\d+|[ivx]+))?\s*[.:]?", f)
                                          or named and _mostly_upper(L.line(i).strip()[named.end():])):
            heading = " ".join(L.fline(j) for j in list(L.nonblank(i, len(L.items)))[:3])
            # (or the units' registrations it sums up: "PHỤ LỤC: TỔNG HỢP ĐĂNG KÝ CỦA CÁC TRƯỜNG …"; or a roadmap,
            # "LỘ TRÌNH XÂY DỰNG TRƯỜNG ĐẠT CHUẨN QUỐC GIA", which sets each year's targets as well)
            # (a disclosure's commitments by school: "Phụ lục" over "CAM KẾT CHẤT LƯỢNG GIÁO DỤC NĂM HỌC 2026-2027 CỦA …")
            # (or the schools expected to reach a standard, each in its year: "DANH MỤC TRƯỜNG DỰ KIẾN ĐẠT CHUẨN QUỐC GIA")
            return i, bool(re.search(r"\b(?:chi tieu|muc tieu|lo trinh|cam ket|(?:du kien|phan dau) (?:dat|duoc cong nhan))\b", heading)
                           or re.search(r"\bdang ky\b", f))
    return None, False


def _body_appendix(L: _Lines, sections, end: int) -> int | None:
    """Index of an appendix of targets put before the signature ("PHỤ LỤC. CÁC CHỈ TIÊU CHỦ YẾU ĐẾN NĂM 2030" after
    the last section, its table then "Nơi nhận"): read as section II is, like one after the signature. Its heading
    names the targets it holds, after a few words ("PHỤ LỤC: LỘ TRÌNH MỘT SỐ CHỈ TIÊU CHỦ YẾU") or none, or the
    roadmap that sets each year's targets ("PHỤ LỤC. LỘ TRÌNH ĐẠT CHUẨN CỦA CÁC TRƯỜNG"), as one after the signature."""
    after = sections[-1][0] + 1 if sections else end
    return next((i for i in L.nonblank(after, end) if _mostly_upper(L.line(i)) and re.match(
        r"phu luc(?:\s+(?:\d+|[ivx]+))?\s*[.:]?\s*(?:[^\W\d_]+\s+){0,4}?(?:chi tieu|muc tieu|lo trinh)\b", L.fline(i).strip())),
                None)


def _attached_tables(L: _Lines, sections, end: int) -> list[tuple[int, int]]:
    """The tables of targets set inside the body under a title of their own that says they come with the plan
    ("LỘ TRÌNH THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU …" / "(Kèm theo Kế hoạch số …)", a landscape page between two sections):
    an appendix, read as section II is, up to the next section; (title line, end) of each."""
    found = []
    for i in L.nonblank(0, end):
        nxt = next(L.nonblank(i + 1, end), None)
        if nxt is not None and _mostly_upper(L.line(i)) and re.match(
                r"(?:phu luc|lo trinh|bang|bieu|danh muc|he thong)\b.*\b(?:chi tieu|muc tieu)\b", L.fline(i).strip()) \
                and re.match(r"\(?\s*kem theo\b", L.fline(nxt).strip()):
            found.append((i, next((s[0] for s in sections if s[0] > i), end)))
    return found


def _closing(L: _Lines, stop: int | None = None, start: int = 0, partnered: bool = False):
    """Recipients (Nơi nhận), the signer's position and name.

    The signature block is the last name in the document under capitals lines: the position nearest the
    name ("CHỦ TỊCH", "PHÓ GIÁM ĐỐC", "HIỆU TRƯỞNG"), above it any authority ("TM. ỦY BAN NHÂN DÂN",
    "KT. HIỆU TRƯỞNG"); "(Đã ký)" and the like between them are skipped. A ``partnered`` plan (a joint one, see
    ``_joint``) carries the partner's block beside the issuer's: the issuer's is read, never the partner's.
    """
    recipients: list[Extracted[str]] = []
    signer_title = signer = None
    end_body = len(L.items)
    beside: list[tuple[int, int | None, str]] = []   # the signature block read beside the recipients
    for i in L.nonblank(start, stop):
        if m := re.match(r"^\s*noi nhan\s*:?\s*", L.fline(i)):
            end_body = min(end_body, i)
            if rest := L.line(i)[m.end():].strip():
                beside.append((i, L.line(i).index(rest, m.end()), rest))   # "Nơi nhận: HIỆU TRƯỞNG"
            for j in L.nonblank(i + 1, stop):
                line = L.line(j).strip()
                # "- Các sở, ban, ngành; UBND các xã," / "phường, đặc khu;": a recipient cut at the line's end goes on
                # with a small letter (the signature block starts each line with a capital), or after a comma with the
                # names it lists, closed as a recipient is ("- UBND các xã Tả Van, Bản Hồ," / "Sa Pả;")
                going_on = bool(recipients) and (line[:1].islower() or recipients[-1].value.endswith(",")
                                                 and line.endswith((";", ".")) and not _mostly_upper(line, 0.9))
                if not going_on and not re.match(r"^[-+•*–]", line):
                    # a PDF's text layer may interleave the two columns: "GIÁM ĐỐC" / "- Sở GD&ĐT;" / "Dương
                    # Văn Khởi" / "- Lưu: VT."; the recipients' lines among the block are recipients still, and may
                    # carry the block's next line after them ("- Lưu: VT, KGVX. Nguyễn Đăng Khoa")
                    for k in L.nonblank(j, stop):
                        more = L.line(k).strip()
                        if re.match(r"^[-+•*–]\s*\S", more):
                            if tail := _beside(more):
                                more = more[:len(more) - len(tail)].rstrip()
                                beside.append((k, L.line(k).rindex(tail), tail))
                            recipients.append(Extracted(re.sub(r"^[-+•*–]\s*", "", more).rstrip(";.").strip(),
                                                        L.source(k), 0.9))
                        else:
                            beside.append((k, None, more))
                    break
                mark = 0 if going_on else re.match(r"[-+•*–]\s*", line).end()   # "-\tSở GD&ĐT;": a tab after the mark is no column
                line = line[:mark] + re.split(r"\t| {3,}", line[mark:])[0]   # the signature block may sit beside
                if tail := _beside(line):
                    line = line[:len(line) - len(tail)].rstrip()
                    beside.append((j, L.line(j).rindex(tail), tail))
                name = re.sub(r"^[-+•*–]\s*", "", line).rstrip(";.").strip()
                if going_on:
                    above = recipients.pop()
                    recipients.append(Extracted(f"{above.value} {name}", above.source, above.confidence))
                else:
                    recipients.append(Extracted(name, L.source(j), 0.9))
            break
    lines = list(L.nonblank(start, stop))
    tail = lines[-12:]
    # A signature block typed beside the recipients (tabs or runs of spaces, as text copied from a Word
    # table): its right-hand column, or a line pushed far to the right, is the block to read.
    right = []
    # a compact several bodies sign side by side ("Khổng Văn Tuấn | Nguyễn Thị Hồng Vân | Trần Quang Minh"): the
    # first block is read, the first to sign (the cluster's head)
    several = any(len(cells := L.line(i).split(" | ")) >= 3 and all(_is_name(c.strip()) for c in cells) for i in tail)
    for i in tail:
        line = L.line(i)
        if several and " | " in line:
            first = line.split(" | ")[0]
            if first.strip():
                right.append((i, len(first) - len(first.lstrip()), first.strip()))
            continue
        if " | " in line:   # a text copy of the closing's table: "- Lưu: VT. | Nguyễn Thị Hoa"
            if line.count(" | ") > 2:   # a sheet's row ("| NGƯỜI LẬP BIỂU | | | THỦ TRƯỞNG ĐƠN VỊ | "): the last cell filled
                line = re.sub(r"[\s|]+$", "", line)
                if " | " not in line:
                    continue
            at = line.rindex(" | ") + 3
            if line[at:].strip():
                right.append((i, at + len(line[at:]) - len(line[at:].lstrip()), line[at:].strip()))
            continue
        if lead := re.match(r"\s*[-+•*–]\s+", line):   # "\t-\tLưu: VT.": a list mark and its tab are no column
            line = " " * lead.end() + line[lead.end():]
        parts = [(m.start(), m.group(0)) for m in re.finditer(r"[^\s]+(?: {1,2}[^\s]+)*", line)]
        if len(parts) > 1 or (parts and (parts[0][0] >= 10 or "\t" in line[:parts[0][0]])):
            right.append((i, parts[-1][0], parts[-1][1]))
    columns = [[(i, None, L.line(i).strip()) for i in lines], right, beside]
    if chair := _chair_beside_secretary(L, tail):
        columns.insert(0, chair)
    if head := _beside_clerk(L, tail):
        columns.insert(0, head)
    for column in (_two_blocks(L, tail) + columns) if partnered else columns:
        found = _signature(L, column, partnered)
        if found:
            signer_title, signer, top = found
            end_body = min(end_body, top)
            break
    return recipients, signer_title, signer, end_body


_SIGNED_TWICE_RE = re.compile(r"\s*(\([^()]*\))\s+(\([^()]*\))\s*")
_WHOLE_POSITION_RE = re.compile(r"(?:PHÓ\s+)?(?:HIỆU\s+TRƯỞNG|GIÁM\s+ĐỐC|CHỦ\s+TỊCH|BÍ\s+THƯ|TRƯỞNG\s+PHÒNG)(?=\s+\S)")
_SECOND_AUTHORITY_RE = re.compile(r"(?<=\S)\s+(?:KT|TM|T/M|TL|TUQ)\.?\s")


def _left_position(line: str) -> str:
    """The left one of two positions a PDF joined by a space: a whole position before the other ("HIỆU TRƯỞNG
    TRƯỞNG CÔNG AN XÃ", "HIỆU TRƯỞNG GIÁM ĐỐC"), or what stands before the other's authority mark ("TM. ỦY BAN NHÂN
    DÂN TM. BCH ĐOÀN PHƯỜNG"); the line when it holds one."""
    if m := _WHOLE_POSITION_RE.match(line):
        return m.group(0)
    return line[:m.start()] if (m := _SECOND_AUTHORITY_RE.search(line)) else line


def _two_blocks(L: _Lines, tail: list[int]) -> list[list[tuple[int, int | None, str]]]:
    """The two signature blocks at a joint plan's foot, left and right, each a column for ``_signature``: a text
    copy's two columns (a gap between); a Word table read cell after cell, its two columns' lines one after the
    other (the two names on the last two lines, the two "(đã ký)" right above); a PDF's lines joined by a space
    ("(đã ký) (đã ký)", the names and positions split where one ends: "Xa Thị Nhung Thiếu tá Bùi Văn Quyết")."""
    if not tail:
        return []
    left, right = [], []
    for i in tail:
        line = L.line(i)
        if line[:1].strip() and (parts := re.split(r"\t| {3,}| \| ", line.strip())) and len(parts) > 1:
            left.append((i, 0, parts[0]))
            right.append((i, line.rindex(parts[-1]), parts[-1]))
        elif line[:1].strip():
            left.append((i, None, line.strip()))
        else:
            right.append((i, len(line) - len(line.lstrip()), line.strip()))
    blocks = [left, right] if right and left else []
    raw = list(range(tail[0], tail[-1] + 1))
    texts = [L.line(i).strip() for i in raw]

    def named(text: str) -> bool:
        return _is_name(text[m.end():] if (m := _HONORIFIC_RE.match(text)) else text)

    for j in range(len(raw) - 1, 2, -1):
        if named(texts[j]) and named(texts[j - 1]) and _SIGNED_RE.match(fold(texts[j - 2])) \
                and _SIGNED_RE.match(fold(texts[j - 3])):
            r = j - 1
            while r >= 2 and all(not t or _SIGNED_RE.match(fold(t)) or _mostly_upper(t, 0.9) and len(t) <= 60
                                 for t in texts[r - 2:r]):
                r -= 2
            pairs = [(k, k + 1) for k in range(r, j, 2)]
            blocks += [[(raw[a], None, texts[a]) for a, _ in pairs if texts[a]],
                       [(raw[b], None, texts[b]) for _, b in pairs if texts[b]]]
            break
    for n, i in enumerate(tail):
        if not _SIGNED_TWICE_RE.fullmatch(L.line(i)) or n + 1 >= len(tail):
            continue
        words = L.line(tail[n + 1]).split()
        cuts = [k for k in range(2, len(words) - 1) if _is_name(" ".join(words[:k])) and named(" ".join(words[k:]))]
        if len(cuts) != 1:
            break
        first = [(tail[n + 1], None, " ".join(words[:cuts[0]]))]
        for above in reversed(tail[max(0, n - 3):n]):
            line = L.line(above).strip()
            if not _mostly_upper(line, 0.9):
                break
            first.insert(0, (above, None, _left_position(line)))
        blocks.append(first[:-1] + [(i, None, _SIGNED_TWICE_RE.fullmatch(L.line(i)).group(1))] + first[-1:])
        break
    return blocks


# Family names most Vietnamese carry: where a PDF joined two signers' names by a space (a secretary's and a chair's, a
# clerk's and a head's), the second starts with one (written with their marks: "Lê" is a family name, "Lệ" a given one)
_FAMILY_NAMES = frozenset(
    "nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý đinh đoàn trương lâm mai trịnh lương cao"
    " hà tạ đào chu kiều khuất lưu tô thái vương quách la lò hứa mạc ma nông triệu tống đàm lục kim thân phùng châu"
    " tôn giang tăng lại vi lộc".split())
# A minutes' secretary's position with the chair's beside it on one line, as a PDF joins two columns: "THƯ KÝ CHỦ TỌA",
# "THƯ KÝ TM. HỘI NGHỊ" (not "THƯ KÝ HỘI NGHỊ", the secretary's position alone)
_SECRETARY_BESIDE_RE = re.compile(r"\s*THƯ\s+KÝ(?:\s+(?:HỘI\s+NGHỊ|CUỘC\s+HỌP|KỲ\s+HỌP)(?=\s+\S))?\s+"
                                  r"(?!(?:HỘI\s+NGHỊ|CUỘC\s+HỌP|KỲ\s+HỌP)\s*$)(?=\S)")


def _chair_beside_secretary(L: _Lines, tail: list[int]) -> list[tuple[int, int | None, str]] | None:
    """The chair's block of minutes signed by the secretary on the left and the chair on the right, each line of the two
    columns joined by a space ("THƯ KÝ CHỦ TỌA" / "(đã ký) (đã ký)" / "Hoàng Văn Chiến Nông Thị Thúy"), as a column for
    ``_signature``; None for any other closing."""
    for n, i in enumerate(tail):
        line = L.line(i)
        if not (m := _SECRETARY_BESIDE_RE.match(line)) or not _mostly_upper(line, 0.9):
            continue
        block: list[tuple[int, int | None, str]] = [(i, m.end(), line[m.end():].rstrip())]
        for j in tail[n + 1:]:
            text = L.line(j).strip()
            if signed := _SIGNED_TWICE_RE.fullmatch(L.line(j)):
                block.append((j, L.line(j).rindex(signed.group(2)), signed.group(2)))
            elif _mostly_upper(text, 0.9) and len(text) <= 60 and not _is_name(text):
                block.append((j, None, text))   # the chair's position goes on under it ("TM. HỘI NGHỊ" / "CHỦ TỌA")
            elif name := _second_name(L, text):
                return block + [(j, L.line(j).rindex(name), name)]
            else:
                return None
    return None


def _second_name(L: _Lines, line: str) -> str | None:
    """The right one of two names a line holds side by side ("Bùi Thị Thu Trang Đinh Văn Thắng"): cut where a family
    name begins a name of two to four words after one of two to four; where more than one cut fits, the one whose name
    the text gives elsewhere; None when no cut tells them apart."""
    words = line.split()
    cuts = [k for k in range(2, min(len(words) - 1, 5)) if len(words) - k <= 4 and words[k].lower() in _FAMILY_NAMES
            and _is_name(" ".join(words[:k])) and _is_name(" ".join(words[k:]))]
    if len(cuts) > 1:
        cuts = [k for k in cuts if L.text.count(" ".join(words[k:])) > 1]
    return " ".join(words[cuts[0]:]) if len(cuts) == 1 else None


# The clerk who drew up a form ("NGƯỜI LẬP BIỂU") signs beside the unit's head, who signs for the unit
_CLERK_RE = re.compile(r"nguoi lap (?:bieu|bang|phieu)\b")


def _beside_clerk(L: _Lines, tail: list[int]) -> list[tuple[int, int | None, str]] | None:
    """The unit's head's signature block beside the clerk's on a returned form, a column for ``_signature``: the
    right-hand cell of each line from the clerk's ("NGƯỜI LẬP BIỂU | THỦ TRƯỞNG ĐƠN VỊ"; a PDF joined the two by a
    space: "NGƯỜI LẬP BIỂU KT. GIÁM ĐỐC", "(Ký, ghi rõ họ tên) (Ký tên, đóng dấu)", "Trịnh Văn Quý Lê Thị Hồng Vân"),
    the later of two names a Word table gave one under the other; None without a clerk's block."""
    at = next((n for n, i in enumerate(tail) if _CLERK_RE.match(fold(L.line(i).strip(" \t|")))), None)
    if at is None:
        return None
    column: list[tuple[int, int | None, str]] = []
    for i in tail[at:]:
        line = L.line(i).strip(" \t|")
        cells = [c for c in re.split(r"\t+| {3,}|\s*\|\s*", line) if c.strip()]
        text = cells[-1].strip() if cells else ""
        if len(cells) == 1 and (clerk := _CLERK_RE.match(fold(text))):
            text = text[clerk.end():].strip()
        elif len(cells) == 1 and (twice := _SIGNED_TWICE_RE.fullmatch(text)):
            text = twice.group(2)
        elif len(cells) == 1 and not _is_name(text) or len(text.split()) > 4:
            text = _second_name(L, text) or text
        if not text or _CLERK_RE.match(fold(text)):
            continue
        if column and _is_name(text) and _is_name(column[-1][2]):
            column.pop()   # the clerk's name, a cell above the head's
        column.append((i, L.line(i).rindex(text), text))
    return column


def _beside(recipient: str) -> str | None:
    """The signature block's part a PDF's text layer put on a recipient's line, after a single space: "- Bộ GD&ĐT;
    KT. CHỦ TỊCH", "- Lưu: VT. Lê Khắc Nam" (a position in capitals or a name after the recipient's "; " or ". ")."""
    m = re.match(r".*[;.:)]\s+([^;]+?)\s*$", recipient)
    if not m or re.search(r"[;.,:]$", m.group(1)):
        return None
    tail = m.group(1)
    return tail if (_mostly_upper(tail, 0.9) and len(tail) <= 60 and not re.search(r"\d|/|\(", tail)) or _is_name(tail) else None


# a degree, a physician's title ("Bs. CKII") or an officer's rank ("Thiếu tá") before a signer's name
_HONORIFIC_RE = re.compile(r"(?:(?:PGS|GS|TS|ThS|CN|BS|Bs|KS|NGƯT|NGND)\.\s*|CKI{1,2}\.?\s+"
                           r"|(?:Đại|Thượng|Trung|Thiếu)\s+(?:tướng|tá|úy|uý)\s+)+(?=\S)")
# a partner's own block: its name after "TM." or a position only a partner has
_PARTNER_POSITION_RE = re.compile(_PARTNER_RE.pattern + r"|\b(?:bi thu|truong ban)\b")


def _signature(L: _Lines, column: list[tuple[int, int | None, str]], partnered: bool = False):
    """(position, name, index of the block's first line) from the last name of ``column`` under capitals
    lines, or None. ``column`` holds (line index, offset or None for the whole line, text). In a ``partnered`` plan a
    partner's block (``_PARTNER_POSITION_RE``) is None: the issuer's is another."""
    def src(item):
        i, off, text = item
        return L.source(i) if off is None else L.source(i, off, off + len(text))

    def authority(text: str) -> bool:
        # a speaker's block is typed as a sentence ("Người trình bày" / "Hiệu trưởng" / the name)
        return _mostly_upper(text, 0.9) and not text.startswith(("-", "+")) and len(text) <= 60 \
            or bool(re.fullmatch(r"nguoi trinh bay|" + _POSITION_RE.pattern, fold(text).strip()))

    column = [(i, off, text) for i, off, text in column]
    for k in range(len(column) - 1, max(len(column) - 12, -1), -1):
        i, off, name = column[k]
        if title := _HONORIFIC_RE.match(name):   # "ThS. Võ Minh Triết": a degree before the name is no part of it
            name = name[title.end():]
            column[k] = (i, (off or len(L.line(i)) - len(L.line(i).lstrip())) + title.end(), name)
        if not _is_name(name):
            continue
        if re.search(r"\t| {3,}", name):
            return None   # "Vi Văn Hải      Lò Thị Mai": two signers side by side, the right-hand column tells them apart
        above = k - 1
        # a meeting's minutes signed by its secretary beside its chair, the columns stacked ("THƯ KÝ" / "CHỦ TỌA" /
        # "(đã ký)" / "(đã ký)" / the secretary's name / the chair's): the last name is the last position's
        if above >= 0 and _is_name(column[above][2]) and any(
                fold(text).startswith("thu ky") for _, _, text in column[max(0, k - 8):above]):
            above -= 1
        while above >= 0 and _SIGNED_RE.match(fold(column[above][2])):
            above -= 1
        if above < 0 or not authority(column[above][2]):
            return None
        top = above
        while top - 1 >= max(0, above - 2) and authority(column[top - 1][2]):
            top -= 1
        if partnered and any(_PARTNER_POSITION_RE.search(fold(column[j][2])) for j in range(top, above + 1)):
            return None
        # KT., TM., TL., TUQ. say on whose behalf (Decree 30/2020, art. 13); "Q. HIỆU TRƯỞNG" (acting) is the position
        position = re.sub(r"^(?:KT|TM|TL|TUQ)\.\s*", "", column[above][2])
        # a form's block for the body that confirms or approves it, left blank, joined before the signer's position
        # by a PDF ("XÁC NHẬN CỦA UBND XÃ HIỆU TRƯỞNG"): the signer's is the position at the end
        if (joined := _CONFIRMED_POSITION_RE.fullmatch(fold(position))) and column[above][1] is None:
            position = position[joined.start("own"):]
            column[above] = (column[above][0], L.line(column[above][0]).rindex(position), position)
        if not _POSITION_RE.fullmatch(fold(position)) and (stamped := _position_above_stamp(L, i)):
            return stamped, Extracted(name, src(column[k]), 0.85), column[top][0]
        return Extracted(position, src(column[above]), 0.9), Extracted(name, src(column[k]), 0.85), column[top][0]
    return None


# A signer's position (Decree 30/2020, art. 13), folded: what a signature block's title line names.
_POSITION_RE = re.compile(r"(?:(?:kt|tm|tl|tuq|q)\.\s*)?(?:pho\s+)?(?:chu tich|hieu truong|giam doc|bi thu|chanh van phong"
                          r"|(?:to|vien) truong|truong (?:phong|ban|khoa|tram))(?:\s+thuong truc)?")
_CONFIRMED_POSITION_RE = re.compile(r"(?:xac nhan|duyet|phe duyet) cua .+? (?P<own>" + _POSITION_RE.pattern + r")\s*")


def _position_above_stamp(L: _Lines, name_at: int) -> Extracted[str] | None:
    """The position nearest above a signer's name where a scan's text layer put the seal's ring text between them
    ("HIỆU TRƯỞNG" / "(Đã ký)" / "TRƯỜNG THCS * AN HÒA * TÂY NINH" / name) or beside them in the block's column
    ("Nơi nhận:      GIÁM ĐỐC" over "- Lưu: VT.   TRUNG TÂM GDNN"): the seal names the body, not the signer's post."""
    for i in range(name_at - 1, max(name_at - 8, -1), -1):
        line = L.line(i)
        for m in reversed(list(re.finditer(r"[^\t]+?(?=\t| {2,}|\s*$)", line))):
            piece = m.group(0).strip()
            if _mostly_upper(piece, 0.9) and _POSITION_RE.fullmatch(fold(piece)):
                at = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
                position = re.sub(r"^(?:KT|TM|TL|TUQ)\.\s*", "", piece)
                return Extracted(position, L.source(i, at + len(piece) - len(position), at + len(piece)), 0.8)
    return None


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
    # ("=<", "=>": the sign typed the other way round, as a plain-text editor's user may)
    # ("ko quá", "ko dưới": "không" as a hurried writer abbreviates it)
    (re.compile(r"(?:\b(?:(?:khong|ko) vuot qua|(?:khong|ko) qua|toi da|khong lon hon|khong cao hon)|≤|<=|=<)\s*:?\s*$"), "<=", 0.95),
    # "đạt và vượt 99,8%": reaching it is enough, so a floor, not "above"
    (re.compile(r"(?:\b(?:(?:khong|ko) duoi|(?:khong|ko) it hon|(?:khong|ko) thap hon|it nhat|toi thieu|dat va vuot)|≥|>=|=>)\s*:?\s*$"), ">=", 0.95),
    # ("không có lớp nào quá 35 học sinh": "quá" alone exceeds only after "nào", elsewhere it is "qua", through)
    (re.compile(r"(?:\b(?:tren|hon|vuot(?: qua)?|cao hon|lon hon|nhieu hon|(?<=nao )qua)|(?<![<>=-])>)\s*:?\s*$"), ">", 0.9),
    (re.compile(r"(?:\b(?:duoi|thap hon|it hon|nho hon)|<(?![=]))\s*:?\s*$"), "<", 0.9),
    # Verbs that give the figure to reach without bounding it: "đạt 95%", "giữ vững", "duy trì", "lên 60%" (where it
    # rises to), "(giảm) xuống còn 5%" (where it falls to) read "=" (see :func:`_comparator`); they are kept here because
    # they say the figure is a target. "(mức Khá) trở lên: 90%" qualifies the wording before the figure, not it;
    # "giảm 10%" alone is a change, not a level.
    (re.compile(r"\b(dat|giu vung|duy tri|tang len|nang len|(?<!tro )len|xuong|xuong con|giam con)\s*(muc\s*)?:?\s*$"),
     "=", 0.8),
]
_CMP_AFTER: list[tuple[re.Pattern, str]] = [
    # ("trởlên": a scan's text layer may join the two words)
    (re.compile(r"^\s*(tro ?len|tro len tren)"), ">="),
    (re.compile(r"^\s*(tro ?xuong|tro lai)"), "<="),
]
_CMP_SYMBOLS = {"≥": ">=", ">=": ">=", "≤": "<=", "<=": "<=", ">": ">", "<": "<"}
_ROMAN_VALUES = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_COUNT_UNITS = {"hoc sinh": "học sinh", "lop": "lớp", "phong hoc": "phòng", "phong": "phòng",
                "giao vien": "giáo viên", "tre": "trẻ", "truong": "trường", "hoc vien": "học viên",
                "nhom lop": "lớp", "nhom, lop": "lớp", "nhom tre": "lớp", "hs": "học sinh",
                "luot nguoi": "lượt", "luot hoc vien": "lượt", "ca nhan": "cá nhân", "co giao": "giáo viên"}
# what is only ever counted whole: a figure of them with a comma before three digits ("1,250 học sinh") is a thousands
# comma, in the English locale, never a decimal one
_WHOLE_UNITS = frozenset(_COUNT_UNITS.values()) | {"người", "lượt"}
# what a count counts: a preschool's size is counted in "nhóm, lớp" (nhóm trẻ and lớp mẫu giáo: its classes, the
# catalogue's "lớp"), a GDTX centre's in "học viên"; prizes, research projects, clubs, innovations (not "giải pháp",
# measures); "250 lượt người" (a centre's trainees, counted in turns); "Lao động tiên tiến: 26 cá nhân" (the people
# a registration puts forward for an emulation title; a preschool's "cô giáo", its teachers)
_COUNTED = (r"luot (?:nguoi|hoc vien)|hoc sinh|hs|hoc vien|lop|phong hoc|phong|giao vien|co giao|tre|truong|nhom,? lop|nhom tre"
            r"|giai(?! phap)|de tai|cau lac bo|sang kien|ca nhan")
_QUANTITY = (
    # a range "80 - 85%" is one target: its floor, or its ceiling for a rate that should fall
    r"(?:(?<![\d/.,])(?P<lo>\d{1,3}(?:,\d+)?)\s*%?\s*(?:-|–|den)\s*)?(?P<pct>(?<![\d/.,])(?:\d{1,3}(?:[.,]\d+)?PCT_OCR))\s*%"
    r"|\b(?:muc do|muc|md|cap do)\s*[:.]?\s*(?P<lvl>[1-5]|iv|iii|ii|i)\b"
    # "8/9 trường" counts its numerator
    # (not a grade: "vào học lớp 10 trường PTDTNT", "khối 9 trường THCS")
    r"|(?<![\d/.,-])(?<!lop )(?<!khoi )(?P<cnt>\d{1,3}(?:\.\d{3})+|\d+CNT_OCR)(?:\s*/\s*\d+)?\s*"
    # "02 (hai) phòng": the figure spelt out again in brackets, as deeds and plans do
    r"(?:\((?:mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi)(?: [a-z]+)?\)\s*)?"
    # communes counted as they reach a standard ("thêm 4 xã đạt phổ cập giáo dục THCS mức độ 3": the count is the target,
    # the level what they reach); a bare number of them elsewhere says where ("phối hợp với 12 xã")
    r"(?P<cu>" + _COUNTED + r"|diem truong|diem le|xa(?:\s*,\s*(?:phuong|thi tran))*(?=\s+(?:duoc\s+)?(?:cong nhan\s+)?dat\b))(?![a-z])"
)
# a school's sites are counted where the plan sets their number ("xây dựng thêm 2 điểm trường", "giảm … xuống còn 4
# điểm trường"); elsewhere a bare number of them says where ("ở cả 3 điểm trường", "kể cả 2 điểm lẻ"), what the school
# is, or by how many they fall ("giảm 120 điểm trường lẻ", a change)
_SITES_CHANGE_RE = re.compile(r"\b(?:them|con|xuong|xay dung|xay moi|kien co hoa)\s*$")
_QUANTITY_RE = re.compile(_QUANTITY.replace("PCT_OCR", "").replace("CNT_OCR", ""))
# A scanned text's stray space inside a figure ("9 8%", "9 7,5 %", "0, 5%", "không quá 4 0 học sinh"); read
# only on a line that has one, the other lines being many and the alternatives slow.
_QUANTITY_OCR_RE = re.compile(_QUANTITY.replace("PCT_OCR", r"|(?<!\d )(?<!lop )(?<!khoi )\d \d(?:,\d+)?|0, \d+")
                              .replace("CNT_OCR", r"|(?<!\d )\d \d(?= ?[a-z])"))
_SPLIT_FIGURE_RE = re.compile(r"\d \d|0, \d")
# What a figure counts per: "trẻ/nhóm" (a nhóm trẻ is a preschool's class), "học sinh/máy (tính)"
_PER = {"lop": "lớp", "nhom": "lớp", "phong": "phòng", "may": "máy"}
_PER_RE = re.compile(r"\s*/\s*(lop|nhom|phong|may)\b(?:\s+tinh\b)?")
# A ratio of two counts, as a decimal as often as not: "1,9 giáo viên/lớp", "2,5 học sinh/máy tính"
_NAMED_RATIO_RE = re.compile(r"\bt[yi] le (?P<who>giao vien|hoc sinh|tre)" + _PER_RE.pattern.replace("(lop|", "(?P<per>lop|", 1)
                             + r"[^;.%\d]{0,40}?(?<![\d/.,])(?P<n>\d{1,2}(?:,\d{1,2})?)(?![\d/%]|[.,]\d|\s*%)")
_RATIO_RE = re.compile(r"(?<![\d/.,])(?P<n>\d{1,2},\d{1,2})\s*(?P<who>giao vien|hoc sinh|tre)" + _PER_RE.pattern.replace(
    "(lop|", "(?P<per>lop|", 1))
# A bare count a comparator word gives a meaning to: "ít nhất 3 nghề", "không vượt quá 40.", "tối thiểu 5.000
# lượt cán bộ"; not a schedule, an age, a distance or money ("ít nhất 18 tiết/năm", "tối đa 2 giờ"). The words may
# be parted by a wrapped line's break ("THCS không\nquá 45", joined with two spaces).
_BARE_COUNT_RE = re.compile(
    r"\b(?:" + "|".join(w.replace(" ", r"\s+") for w in ("it nhat", "toi thieu", "toi da", "khong duoi", "khong qua",
                                                          "khong vuot qua", "khong it hon", "khong thap hon"))
    + r"|dat|tren|duoi|(?<=\d )len)\s+"
    r"(?P<n>\d{1,3}(?:\.\d{3})+|\d+)(?![\d,/%]|\.\d)(?:\s+(?P<w>[a-z0-9]+))?"
)
# A line that names a count and gives it: "- Số vụ bạo lực học đường nghiêm trọng: 0", "Số giải HSG quốc gia: 60.",
# "- Số lớp: 21 (không ghép thêm lớp)" (a note in brackets after it)
_COUNT_LINE_RE = re.compile(
    r"^\s*(?:[-+•*–]\s*)?(?P<label>(?:tong\s+)?so(?:\s+luong)?\s+[a-z][^:\d]{2,80}?)\s*:\s*"
    r"(?P<n>\d{1,3}(?:\.\d{3})+|\d+)(?!\.\d)\s*(?:\([^()]*\)\s*)?(?:[.;]|$)")   # (not the "1" of "1.150 em.")
# "01 trung tâm", "02 nhà đa năng": administrative writing gives counts below ten a leading zero; not a date
# ("tháng 01/2026"), a number ("số 05") or a rank
_ZERO_LED_RE = re.compile(r"(?<![\d/.,:-])(?<!thang )(?<!ngay )(?<!so )(?<!lan )(?<!lop )(?<!khoi )"
                          r"(?P<n>0[1-9])(?![\d/.,%])\s+(?P<w>[a-z]+(?:\s+[a-z]+){0,2})")
# "Điểm trung bình thi tốt nghiệp đạt 6,9 năm 2026, trên 7,2 điểm năm 2030": on a line about an average mark, a
# decimal or a figure followed by "điểm" is a mark (out of 10), the sentence's full stop after it too ("… không thấp hơn 7,5.")
# "Thời gian vận động thể lực … không dưới 1,5 giờ/tuần": a clause about the time spent on something gives it as its
# bounded figure (a routine's hours said of no such clause, "mỗi giáo viên dự ít nhất 18 tiết/năm học", are not read)
_TIME_SPENT_RE = re.compile(r"\bthoi (?:gian|luong)\b[^;.:]{0,80}?\b(?:khong duoi|khong it hon|it nhat|toi thieu|toi da|khong qua)\s+"
                            r"(?P<n>\d{1,3}(?:,\d{1,2})?)\s*(?P<u>gio|phut|tiet)\s*/\s*(?:ngay|tuan|thang|nam)\b")
# A form's blank for a count, filled in: "☒ Lao động tiên tiến (số lượng: 24 người)"
_FILLED_COUNT_RE = re.compile(r"\bso luong\s*:\s*(?P<n>\d{1,4})\s+(?P<w>[a-z]+(?:\s+[a-z]+){0,2})")
# (the words either way round: "Trung bình điểm thi tốt nghiệp đạt từ 6,0 trở lên")
# "xóa mù chữ mức độ 2 cho 45 người": the people made literate are the target, the level the kind of literacy they reach
_LITERACY_COUNT_RE = re.compile(r"\b(?:xoa mu chu|xmc)\b[^;.%\d]{0,30}?(?:\b(?:muc do|muc|cap do)\s*\d\s+)?cho\s+"
                                r"(?P<n>\d{1,3}(?:\.\d{3})+|\d+)\s+(?P<w>nguoi|hoc vien)\b")
_MARK_LINE_RE = re.compile(r"\bdiem (?:trung binh|binh quan|tb)\b|\b(?:trung binh|binh quan) diem\b")
_MARK_RE = re.compile(r"(?<![\d/.,])(?:(?P<d>\d{1,2},\d{1,2})(?:\s*diem\b)?|(?P<i>\d{1,2})\s*diem\b)(?![\d/,%]|[.,]\d|\s*%)")
# "1.200 người", "5.000 lượt/năm": a figure with a thousands dot counts what follows it, whatever it is (not money)
_THOUSANDS_RE = re.compile(r"(?<![\d/.,])(?P<n>\d{1,3}(?:\.\d{3})+)(?![\d,%]|\.\d)\s+(?P<w>[a-z]+(?:\s+[a-z]+){0,2})")
_NOT_A_COUNT = {"tiet", "buoi", "dot", "gio", "lan", "ngay", "tuan", "thang", "nam", "tuoi", "km", "m", "m2", "ha",
                "trieu", "ty", "dong", "phut", "diem", "cm", "kg", "nghin", "usd", "tan", "lit"}
# "ít nhất 02 buổi truyền thông", "tối thiểu 3 buổi ngoại khóa": a bounded count of sessions the plan holds, where
# "buổi" over a span of time is a schedule ("2 buổi/tuần", "3 buổi mỗi tháng", "2 buổi học") or a time of day
_SESSIONS_RE = re.compile(r"\s+(?!(?:moi|mot|trong|tren|hang|hoc|sang|chieu|toi|ngay|tuan|thang|nam)\b)[a-z]")
# Words that may follow a bare count but never name what it counts ("không quá 45 đến hết năm 2026", "tối đa 2 vào
# năm 2027", "không quá 45 đối với THPT"): the count has no noun of its own
_NOT_A_NOUN = {"den", "vao", "trong", "doi", "voi", "va", "hoac", "o", "tai", "cua", "cho", "theo", "tu", "tro"}
# "Sĩ số …": a sentence about class size, whose bare bounded figures are pupils per class ("Sĩ số học sinh/lớp cấp
# THCS không quá 45", "sĩ số tiểu học không quá 35 học sinh/lớp, THCS không quá 45")
# (or the pupils a class has: "giảm số học sinh bình quân/lớp xuống không vượt quá 40")
_CLASS_SIZE_RE = re.compile(r"(?<!duy tri )\bsi so\b|\bso (?:hoc sinh|tre|hoc vien)(?: binh quan| trung binh)?\s*(?:/|tren)\s*"
                            r"(?:1 |mot |moi )?lop\b")
# "35 học sinh/lớp đối với tiểu học, 45 đối với THPT": a figure listed after its like leaves out the unit they share
_ELIDED_UNIT_RE = re.compile(r"(?:,|\bva)\s*(?P<n>\d{1,3}(?:,\d+)?)\s+(?=doi voi\b)")
# "(tăng) từ 40% lên 60%", "(giảm) từ 8% xuống 5%": the first figure is the baseline
_BASELINE_RE = re.compile(r"\btu\s*$")
# "… lên 60%", "… năm 2025 lên 80%", "… (năm học 2024 - 2025) xuống 3%", "… năm học trước lên 78%"
_RISE_TO_RE = re.compile(r"\s*(?:\(?\s*(?:vao\s+|trong\s+|cua\s+)?nam(?:\s+hoc)?\s+(?:(?:20\d\d\s*[-–]\s*)?20\d\d|truoc|qua|vua qua)\s*\)?\s*)?"
                         r"(?:(?:nang|tang|giam|ha|dieu chinh)\s+)?(?:len|xuong)(?:\s+(?:con|muc|duoi|tren|khong qua|it nhat|toi thieu|khoang))*\s+\d")
_FALLING_RE = re.compile(r"bo hoc|luu ban|o lai lop|suy dinh duong|thap coi|thua can|beo phi|vi pham|bao luc|giam")
# "không có xã, phường nào (đạt) dưới 55%", "không để trường nào có tỷ lệ bỏ học trên 1%": a bound on every one,
# the other side of the figure
# "không có lớp trên 40 học sinh" (no class above 40: at most 40) says it without "nào", "không lớp nào vượt quá 35
# học sinh" without "có", "không còn lớp tiểu học có sĩ số trên 40 học sinh" with the classes named at some length
# ("không có xã, phường đạt dưới 70%": the bodies may be a list; "không có xã, phường nào có tỷ lệ người trong độ tuổi
# hoàn thành cấp THPT và tương đương dưới 60%": the measure named at length between them)
_NONE_BELOW_RE = re.compile(r"\bkhong (?:(?:co|de|con)\b(?:[^;.%]{0,60}\bnao\b[^;.%\d]{0,80}"
                            r"|(?:[^;.,%\d]|, (?=(?:xa|phuong|thi tran|truong|lop|nhom|co so)\b)){0,40})"
                            r"|(?:[a-z]+ ){1,3}nao\b[^;.%\d]{0,40})$")
_FLIPPED = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "=": "="}
# "… và ít nhất": a second count joined to the one before it with a bound of its own, its own target; so is one
# the first serves ("mở ít nhất 10 lớp … cho ít nhất 300 lượt người")
_AND_BOUND_RE = re.compile(r"\b(?:va|cho)\s+(?:it nhat|toi thieu|khong duoi|khong it hon|toi da|khong qua)\s*$")
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
_LEVEL_WORDS = r"nha tre|mau giao|mam non|tieu hoc|thcs|thpt|gdtx|trung hoc co so|trung hoc pho thong|giao duc thuong xuyen"
# "THCS, THPT", "tiểu học và THCS", "trường mầm non, phổ thông"
_LEVEL_LIST_RE = re.compile(r"\s*(?:,|\bva\b)\s*(?=(?:" + _LEVEL_WORDS + r"|pho thong)\b)")
_NONE_AT_LEVEL_RE = re.compile(r"[:;,]\s*(?P<level>" + _LEVEL_WORDS + r")\s+khong co(?=\s*(?:[,;.]|$))")
# "sáp nhập các điểm lẻ dưới 5 học sinh/lớp", "ưu tiên điểm trường lẻ có dưới 3 lớp", "(… thôn, buôn có dưới 10
# trẻ)": a bound right after sites or hamlets (their school levels may be named between) says which ones are meant,
# the object of a task or a condition, no target
_SITES_BOUND_RE = re.compile(r"\b(?:diem (?:truong )?le|diem truong|thon|buon|ap|xom|soc)"
                             r"(?:\s+(?:" + _LEVEL_WORDS + r")(?:\s*(?:,|\bva\b)\s*(?:" + _LEVEL_WORDS + r"))*)?"
                             r"\s+(?:co\s+)?(?:tren|duoi|it hon|nhieu hon)\s*$")
_DATED_DEADLINE = (r"\b(?:(?:den|toi|truoc)\s+(?:het\s+)?(?:ngay\s+)?\d{1,2}\s*/\s*\d{1,2}\s*/\s*|(?:den|toi|truoc|xong(?:\s+trong)?)\s+(?:het\s+)?thang"
                   r"\s+\d{1,2}\s*(?:/|nam)\s*|cham nhat(?:\s+la)?\s+(?:(?:vao\s+|trong\s+)?nam\s+|(?:trong\s+)?thang\s+\d{1,2}\s*(?:/|nam)\s*)?)"
                   r"(20\d\d)\b")
# "Tầm nhìn 2035", "Định hướng 2030": a vision's year, "năm" left out; a heading's time span ending on a date ("1. Mục
# tiêu (thời gian từ 01/9 đến 30/9/2026)", "Chỉ tiêu đến hết tháng 12/2026"): that date's year; a span after "năm"
# ("1. Năm 2027 - 2028", a school year written without "học") is due at its end, as "Năm học 2027 - 2028" is
_HORIZON_HEADING_RE = re.compile(r"\b20\d\d\s*[-–]\s*(20\d\d)\b|(?:(?:den|toi|trong)\s+(?:het\s+|cuoi\s+)?(?:nam\s+)?|(?<!thang \d\d )(?<!thang \d )nam\s+"
                                 r"|\b(?:tam nhin|dinh huong)\s+)(20\d\d)\b(?!\s*[-–]\s*20\d\d)|" + _DATED_DEADLINE)
# "đến (hết) năm 2030", "vào năm 2026", a sentence opening "Năm 2026, …", and "Giai đoạn 2026 - 2030, mỗi năm
# …" (what is due every year of a period is due by its end); a school year anywhere ("trong năm học 2026 - 2027",
# "Năm học 2025 - 2026, tỷ lệ …", "đến năm học 2027 - 2028") is due at its end; a year opening a clause after a
# comma, colon, semicolon, "và" or "phấn đấu" ("…; năm 2026 có tối thiểu 40% …, năm 2030 đạt 60%", "Phấn đấu năm
# 2027 có 80% và năm 2030 có 100% …", "suy dinh dưỡng: năm 2026 dưới 5%, …") or in brackets after a figure
# ("dưới 0,5% (năm 2026)")
_HORIZON_SENTENCE_RE = re.compile(
    # a deadline before a year is the end of the year before ("trước năm 2029": by 2028); before a school year, the
    # end of the calendar year it starts in ("đưa vào sử dụng trước năm học 2028 - 2029": by 2028)
    r"\btruoc\s+(?:nam\s+hoc\s+(20\d\d)\s*[-–]\s*20\d\d|(?:nam\s+)?(?P<before>20\d\d))\b(?!\s*[-–/])"
    # ("NH 2026-2027": the school year abbreviated, as a narrow column's heading has it; "hết NH 2026-2027" after the
    # word that makes it a deadline)
    r"|\b(?:nam hoc|nh)\s+20\d\d\s*[-–]\s*(20\d\d)\b"
    r"|\b(?:(?:den|toi)\s+)?het\s+nh\s+20\d\d\s*[-–]\s*(20\d\d)\b"
    r"|\b(?:den|toi)\s+(?:het\s+|cuoi\s+)?(?:nam\s+)?(20\d\d)\b|\b(?:vao|trong|tu)\s+nam\s+(20\d\d)\b|\bcuoi\s+nam\s+(20\d\d)\b"
    # ("… mức độ 1 vào năm 2027; … cấp độ 2 cùng năm 2027": the same year, named again)
    r"|\bcung\s+nam\s+(20\d\d)\b(?!\s*[-–/])"
    r"|(?:[;,:.!?]|\bva\b|\bphan dau\b)\s*nam\s+(20\d\d)\b(?!\s*[-–/])|\(\s*(?:nam\s+)?(20\d\d)\s*\)"
    # a year right after its share or level ("≥ 99,5% năm 2026 và đạt 100% năm 2030", "kiểm định cấp độ 3 năm
    # 2028"), a year set apart ("(riêng năm 2028: 92%)") and a vision's year ("Tầm nhìn 2035: …")
    r"|(?:(?<=%)|(?<=\d giai)|(?<=\d phong)|(?<=\d phong hoc)|(?<=\d lop)|(?<=\d truong)|(?<=\d de tai)|(?<=\d diem)|(?<=\d,\d)|(?<=cap do \d)|(?<=muc do \d))\s*nam\s+(20\d\d)\b(?!\s*[-–/])|\brieng\s+nam\s+(20\d\d)\b|\b(?:tam nhin|dinh huong)\s+(20\d\d)\b(?!\s*[-–])"
    # a year right before its figure: "tỷ lệ bỏ học năm 2026 dưới 0,3%", "năm 2028 đạt mức độ 2"
    # a year right after its figure: "… lên 80% năm 2030"
    r"|(?<=%)\s*nam\s+(20\d\d)\b(?!\s*[-–/])"
    # an exam named by its year is when its marks are measured: "điểm trung bình kỳ thi tốt nghiệp THPT năm 2027 …"
    # ("thi đua", "thi hành": no exam)
    r"|(?:\bky\s+)?(?<!thuc )\bthi\s+(?!dua\b|hanh\b)(?:(?!20\d\d|so voi)[^;:.!?]){0,40}?\bnam\s+(20\d\d)\b(?!\s*[-–/])"
    # (or the verb that brings it there: "tỷ lệ bỏ học năm 2027 giảm còn 0,8%", "năm 2028 tăng lên 90%")
    r"|\bnam\s+(20\d\d)(?=\s+(?:la|dat|co|duoi|tren|khong (?:qua|vuot qua|duoi|thap hon)|toi thieu|toi da|it nhat"
    r"|(?:giam|ha)\s+(?:xuong\s+)?con|(?:giam|ha)\s+xuong|(?:tang|nang)\s+len|con)\b"
    r"|\s*[<>≤≥]|\s+\d)"
    r"|^\s*(?:(?:[-+•*–]|\d+(?:\.\d+)*\s*[.)]|[a-z]\s*\))\s*)?nam\s+(20\d\d)\b(?!\s*[-–/])"
    r"|^\s*(?:(?:[-+•*–]|\d+(?:\.\d+)*\s*[.)]|[a-z]\s*\))\s*)?giai doan\s+20\d\d\s*[-–]\s*(20\d\d)\s*,"
    # "Trong giai đoạn 2026 - 2030 phấn đấu 100% …", "giảm 1,5% mỗi năm giai đoạn 2026 - 2030": due by the period's end
    r"|\b(?:trong (?:ca )?|(?:moi|hang) nam\s+)giai doan\s+20\d\d\s*[-–]\s*(20\d\d)\b"
    # a quarter ("ngay trong quý I năm 2026", "trong Quý II/2027", in the old spelling "Quí IV năm 2027"): due in that year
    r"|\bqu[yi]\s+(?:iv|i{1,3}|[1-4])\s*(?:/\s*|nam\s+)(20\d\d)\b"
    # a deadline as a date or a month ("Đến 31/12/2026", "đến hết tháng 6/2027", "(xong trong tháng 10/2026)": the work
    # done within it), or "chậm nhất (là) năm 2027",
    # "chậm nhất trong tháng 01/2026"
    r"|" + _DATED_DEADLINE)
# a stage's heading may open with its verb: "2. Phấn đấu đến hết năm học 2027 - 2028", a table's caption with its
# word: "2. Bảng chỉ tiêu năm học 2026 - 2027", a meeting's part with the draft read out: "2. Triển khai dự thảo chỉ
# tiêu năm học 2026 - 2027"; inside a part on targets its
# stages may be Roman-numbered ("PHẦN THỨ HAI: CHỈ TIÊU" / "II. Đến năm 2030")
# (a resolution's articles are its groups: "Điều 2. Thông qua các chỉ tiêu năm học 2026 - 2027", "Điều 4. Phấn đấu
# đến năm 2030"; so are a deck's numbered slides, whose title may turn to the horizon: "Slide 8: Hướng đến năm 2030";
# a disclosure's commitments: "II. Cam kết năm học 2026 - 2027"; a school-year plan's part on carrying out a
# resolution to its own horizon: "4. Thực hiện Nghị quyết 71-NQ/TW, phấn đấu đến năm 2030")
_HORIZON_LINE_RE = re.compile(
    r"^\s*(?:\d+(?:\.\d+)*\s*[.)]?|dieu\s+\d+\s*[.:]|slide\s+\d+\s*[.:]|[a-z]\s*\)\.?|[a-h]\s*\.(?=\s)|[ivx]{1,4}\s*[.)]|(?:bang|bieu|phu luc)\s+(?:so\s+)?(?:\d+|[ivx]+)\s*[.:]?|phu luc\s*[.:])?\s*(?:(?:mot so|cac|nhung)\s+)?"
    r"(?:(?:thuc hien|trien khai)\s+(?:nghi quyet|ket luan|chi thi|chuong trinh|de an)\b[^:;,]{0,30}?\s*,?\s+)?"
    r"(?:(?:bang|bieu)\s+)?(?:(?:phan dau|thong qua|trien khai|trinh bay|huong)\s+)?(?:(?:cac|nhung)\s+)?(?:du thao\s+(?=(?:cac\s+)?(?:muc|chi) tieu\b))?"
    r"(?:(?:cac|nhung)\s+)?(?:muc tieu|chi tieu|giai doan|den|toi|nam|trong|tu nay den|tam nhin|dinh huong|cam ket)\b"
)
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
# a figure of a past school year or of today is a baseline, not a target
_PAST_YEAR_RE = re.compile(r"\bnam hoc (20\d\d)\s*[-–]\s*(20\d\d)\b|\bnam (20\d\d)\b(?!\s*[-–])")
# ("hiện trường có 40 lớp", "hiện toàn xã có 3 trường": today's make-up, its subject between "hiện" and "có")
_STATUS_RE = re.compile(r"\b(?:hien nay|hien tai|hien co|hien (?:moi |chi )?dat|hien la|nam hoc truoc|ket qua nam hoc|da co|da dat"
                        r"|hien (?:nha truong|truong|trung tam|don vi|toan (?:truong|xa|phuong|tinh|thanh pho|nganh)) (?:moi |chi )?co)\b")
_THAT_IS_BOUND_RE = re.compile(r"\b(khong qua|toi da|khong duoi|khong it hon|it nhat|toi thieu|tren|duoi)\s+(?:[a-z]+\s+){0,3}[a-z]+"
                               r"\s*,?\s*(?:tuc|tuc la|nghia la)\s*$")
# a request to a body above ("đề nghị Sở …", "kính đề nghị UBND phường …")
_ASKED_OF = r"(?:de nghi|kien nghi|de xuat)\s+(?:ubnd|uy ban|so|phong(?!\s+hoc)|bo(?!\s+sung)|cap tren)"   # ("bổ sung")
# what is done already, its verb right before the figure ("Chúng tôi đã thành lập 3 câu lạc bộ"; read on the letters
# as written: "đã" folds as "đa", "tối đa" does)
# (not a figure assigned, set or registered, "chỉ tiêu đã giao không quá 40 học sinh/lớp", nor one a bound word leads)
_DONE_RE = re.compile(r"(?i:\bđã(?!\s+(?:được\s+)?(?:giao|đề ra|đặt ra|đăng ký)\b)(?:\s+(?!(?:không|tối|ít|trên|dưới|từ)\b)"
                      r"[^\W\d_]+){1,3}\s*)$")
# a speaker's today, right before its figure: "tỷ lệ … hiện mới 61,5%", "Hiện ta còn thiếu 3.800 giáo viên"
_TODAY_SAID_RE = re.compile(r"\bhien (?:(?:ta|chung ta|minh)\s+)?(?:moi|chi|con)(?:\s+[a-z]+){0,2}\s*$")
# "Năm học 2026 - 2027 nhà trường có 15 lớp …": the make-up a body has in the year, stated (a target says what it will
# reach, not what it has)
_MAKEUP_RE = re.compile(r"nam(?: hoc)? 20\d\d(?:\s*[-–]\s*20\d\d)?\s*,?\s*(?:nha truong|truong|trung tam|don vi"
                        r"|toan (?:truong|xa|phuong|tinh|thanh pho|nganh))\s+(?:hien\s+)?co\b")
# A situation stated before the targets drawn from it, in the same paragraph ("…; 82% giáo viên có trình độ đại học.
# Trên cơ sở đó, nhà trường đề ra các chỉ tiêu:"): its figures are the basis, not targets
_BASIS_AFTER_RE = re.compile(r"\b(?:tren co so (?:do|nay|tren)|tu (?:thuc te|thuc trang|ket qua|tinh hinh) (?:do|nay|tren))\b")
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
# What a school year gone by came to, as a meeting's report or a plan's part names it: "kết quả năm học 2025 - 2026",
# "kết quả thực hiện nhiệm vụ năm học 2025 - 2026", "Báo cáo tổng kết năm học 2025 - 2026"
_RESULTS_OF_RE = re.compile(r"\b(?:ket qua|tong ket) (?:thuc hien\s+)?(?:nhiem vu\s+)?nam hoc\s+20\d\d\s*[-–]\s*(20\d\d)\b")
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
_LIST_MARK_RE = re.compile(r"^\s*(?:\d+(?:\.\d+)*\s*[.)]|[a-zđ]\s*\)\.?|[-+•*–])\s*", re.IGNORECASE)
_GOAL_PART = r"^\s*(?:(?:\d+(?:\.\d+)*|[a-z]|[ivx]{1,4})\s*[.)]\s*)?(?:cac\s+)?"
_GENERAL_GOAL_RE = re.compile(_GOAL_PART + r"muc tieu (?:chung|tong quat)\b")
_SPECIFIC_GOALS_RE = re.compile(_GOAL_PART + r"(?:muc tieu|chi tieu)(?: va chi tieu)? cu the\b")
# "2. Chỉ tiêu năm học 2026 - 2027" / "3. Chỉ tiêu đến năm 2030": parts that set the figures stage by stage, as "Mục tiêu
# cụ thể" does
_STAGED_TARGETS_RE = re.compile(r"^\s*\d+(?:\.\d+)*\s*[.)]\s*(?:cac\s+)?chi tieu\b[^%\d]{0,40}\b20\d\d\b[^%]{0,20}$")
_NUMBERED_HEADING_RE = re.compile(r"^\s*\d+(?:\.\d+)*\s*[.)]?\s+\S")
# tables whose columns are horizons: "Năm 2026 | Năm 2030", "2026  2030", "Đến năm 2030"
# "Năm học 2025 - 2026" is due at the school year's end
# ("NH 2026-2027" abbreviates "năm học" as a narrow column's heading does)
_YEAR_CELL_RE = re.compile(r"(?:(?:den|toi)\s+(?:het\s+|cuoi\s+)?)?(?:nam\s+(?:hoc\s+)?|\bnh\s+)?(?:20\d\d\s*[-–]\s*)?(20\d\d)\b")
# ("S TT", "T T": a narrow column's "STT" broken over two lines of a PDF cell)
# (a horizon column may be a stage, "Giai đoạn 2026 - 2027", or a vision, "Định hướng đến 2035"; the rows may be
# school levels, "Cấp học"; a commitment's column is "Cam kết năm học 2026 - 2027", as a registration's "Đăng ký …")
_TABLE_LABEL_RE = re.compile(
    r"\b(?:s?\s?t\s?t|ten (?:chi tieu|tieu chi)|chi tieu|noi dung|tieu chi|linh vuc|muc tieu|lo trinh|ke hoach|phan dau|don vi(?: tinh)?|dvt|ghi chu"
    r"|giai doan|dinh huong|tam nhin|cap hoc|bac hoc"
    r"|(?:(?:nha truong|truong|don vi|trung tam|co so)\s+)?(?:dang ky|cam ket)|(?:xa|phuong|huyen|quan|tinh|thanh pho|so|phong)\s+giao)\b")
# A column of today's figures beside the horizons ("Hiện trạng 2025", "Thực hiện năm học 2024-2025", "Hiện có
# (9/2026)": what the unit has now): a baseline.
# "TH 2024-2025" abbreviates "thực hiện" only before a year or in brackets after one ("Năm 2025 (TH)", "(ƯTH)" for
# "ước thực hiện"); alone, "TH" is "tiểu học". "Kết quả học tập Tốt (%)", "Kết quả rèn luyện Tốt": the grade pupils are
# to reach in the two ratings a school gives (not last year's unless a year is named)
_STATUS_COL_RE = re.compile(r"\b(?:hien trang|thuc trang|thuc hien"
                            r"|ket qua(?!\s+(?:hoc tap|ren luyen)\s+(?:tot|kha|dat)\b(?![^|]*20\d\d))|uoc (?:thuc hien|dat)|hien (?:nay|co)|nam goc|ban dau"
                            r"|uoc(?=\s+(?:nam\s+)?20\d\d)"   # "Ước 2025": the year under way, its estimate
                            r"|kq(?=\s+(?:nam\s+(?:hoc\s+)?)?20\d\d)"   # "KQ 2025-2026": a hurried "kết quả"
                            r"|th(?=\s+(?:nam\s+(?:hoc\s+)?|nh\s+)?20\d\d)|(?:(?<=\d\s\()|(?<=\d\())(?:u?th|uoc)(?=\s*\)))\b")
# A last column that sums the years' figures: "Lũy kế đến 2030", "Tổng giai đoạn 2026 - 2030", "Cộng"
_TOTAL_COL_RE = re.compile(r"\s*(?:luy ke|cong don|tich luy|tong(?: cong| so)?|cong)(?:\s+(?:ca\s+)?giai doan)?"
                           r"(?:\s+(?:den\s+(?:het\s+)?(?:nam\s+)?|(?:20\d\d\s*[-–]\s*))?(20\d\d))?\s*")
_UNIT_COL_RE = re.compile(r"\s*(?:don vi(?: tinh)?|dvt)\s*")
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
# A table cell: "≥ 95%", "từ 99% trở lên", "không thấp hơn 90", "80 - 85", "1.000 phòng", "mức độ 2", "–".
_SLOT_RE = re.compile(_loose(
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
# A cell's words and the comparator they state; "đạt 95%" states none ("=", as in a sentence: :func:`_comparator`).
_SLOT_WORDS = {"tu": ">=", "khong thap hon": ">=", "khong duoi": ">=", "khong it hon": ">=", "toi thieu": ">=",
               "it nhat": ">=", "dat": "=", "tren": ">", "duoi": "<", "khong qua": "<=", "khong vuot qua": "<=",
               "toi da": "<="}
# A unit column ("Đơn vị tính"): the unit of the row's bare numbers.
_UNIT_CELLS = {"%": "%", "ty le": "%", "ty le %": "%", "phong": "phòng", "phong hoc": "phòng", "lop": "lớp",
               "hoc sinh": "học sinh", "hs": "học sinh", "hoc sinh/lop": "học sinh/lớp", "truong": "trường",
               "giao vien": "giáo viên", "gv": "giáo viên",
               "tre": "trẻ", "muc": "mức", "muc do": "mức", "cap do": "mức",
               "nhom/lop": "lớp", "nhom, lop": "lớp", "nhom lop": "lớp"}   # a preschool counts its classes in "nhóm, lớp"
# The comparator of a row's bare cells written in its label: "Sĩ số tối đa mỗi lớp"
# (not one that qualifies a figure of the label itself: "Trường có ít nhất 01 phòng học thông minh | 10 trường")
_LABEL_CMP_RE = re.compile(r"\b(?:(?P<le>toi da|khong qua|khong vuot qua)|(?P<ge>toi thieu|it nhat|khong duoi|khong thap hon"
                           r"|khong it hon))\b(?!\s*\d)")
_YEAR_ROW_RE = re.compile(r"(?:(?:den|toi|trong)\s+(?:het\s+)?)?(?:nam\s+(?:hoc\s+)?)?(?:20\d\d\s*[-–]\s*)?(20\d\d)")


@dataclass
class _Q:
    start: int   # offsets within the line
    end: int
    kind: str    # pct | lvl | cnt
    value: float
    unit: str
    high: float | None = None   # the upper end of a range
    bare: bool = False          # a count found by its comparator word alone ("ít nhất 3 nghề")
    led: bool = False           # … or by its leading zero ("và 01 trung tâm học liệu số")


def _quantities(fline: str, line: str) -> list[_Q]:
    out: list[_Q] = []
    for m in (_QUANTITY_OCR_RE if _SPLIT_FIGURE_RE.search(fline) else _QUANTITY_RE).finditer(fline):
        if m.group("lvl") and (not fold(line[m.start():m.end()]).startswith(("muc", "md", "cap do"))
                               or line[m.start():m.start() + 3].lower() == "mục" or re.search(r"\b(?:tai|xem)\s*$", fline[:m.start()])):
            continue  # "tại Mục III" (a part of the document) folds like "mức III"; "muc do 2" is a level typed bare
        if m.group("pct"):
            value = float(m.group("pct").replace(" ", "").replace(",", "."))
            if m.group("lo"):
                low = float(m.group("lo").replace(",", "."))
                if low < value:
                    out.append(_Q(m.start(), m.end(), "pct", low, "%", value))
                    continue
            out.append(_Q(m.start("pct"), m.end(), "pct", value, "%"))
        elif m.group("lvl"):
            raw = m.group("lvl")
            value = _ROMAN_VALUES.get(raw) or int(raw)
            out.append(_Q(m.start(), m.end(), "lvl", float(value), "mức"))
        else:
            if re.search(r"\b(?:nhom|top|top dau|thu|hang|(?:nam|nam hoc)(?:\s+20\d\d\s*[-–])?)\s*$", fline[:m.start()]):
                continue   # a rank ("nhóm 10 trường dẫn đầu") or a year ("năm học 2025 - 2026 trường có"), not a count
            if re.search(r"\b(?:tren|moi)\s*$", fline[:m.start()]) and m.group("cnt") == "1" and m.group("cu") == "lop":
                continue   # "số học sinh trên 1 lớp": per class, not a count of one
            if "/" in fline[m.start("cnt"):m.start("cu")] and re.match(r"\s*\(\s*\d{1,3}(?:,\d+)?\s*%\s*\)", fline[m.end():]):
                continue   # "7/7 trường (100%)": the fraction and its share in brackets are one figure, the share
            if (part := re.match(r"\s*(\d+)\s*/\s*(\d+)", fline[m.start("cnt"):])) and int(part.group(2)) and (
                    share := re.match(r"[^;.()]{0,60}\(\s*(\d{1,3}(?:,\d+)?)\s*%\s*\)", fline[m.end():])) and abs(
                    float(share.group(1).replace(",", ".")) - 100 * int(part.group(1)) / int(part.group(2))) < 0.5:
                continue   # "12/12 trường đạt chuẩn quốc gia (100%)": the share in brackets restates the fraction
            if m.group("cu") in ("diem truong", "diem le") and not _SITES_CHANGE_RE.search(fline, 0, m.start()) \
                    and "/" not in fline[m.start("cnt"):m.start("cu")]:
                continue   # (a share of the sites as a fraction, "bán trú tại 4/4 điểm trường", is set as a count is)
            start, raw = m.start(), m.group("cnt")
            if " " in raw and not any(pat.search(fline[:start][-30:]) for pat, _, _ in _CMP_BEFORE):
                # a scanned "không quá 4 0 học sinh" is one figure; two bare cells of a row ("2 5 phòng") are not
                start, raw = m.start("cnt") + 2, raw[2:]
            value = float(raw.replace(".", "").replace(" ", ""))
            counted = "xa" if m.group("cu").startswith("xa") else re.sub(r"\s+", " ", m.group("cu"))   # "xã, phường": communes
            unit, end = {**_COUNT_UNITS, **_LABEL_NOUNS, "xa": "xã"}[counted], m.end()
            if unit == "lớp" and (re.match(r"\s+hoc\s+thong minh\b", fline[end:]) or re.search(
                    r"\blop hoc thong minh\b[^;.]*\b(?:la|len|dat)\s*$", fline[:start])
                    and re.match(r"\s*(?:[;.,)]|$)", fline[end:])):
                # "04 lớp học thông minh" is a smart classroom, a room as "phòng học thông minh" is; "… và đến năm
                # 2030 là 12 lớp" after it gives the same count's later figure, the noun said once
                unit = "phòng"
            if per := _PER_RE.match(fline, end):
                # "30 trẻ/lớp", "35 học sinh/lớp", "20 trẻ/nhóm" (a nhóm trẻ is a preschool's class): a class size;
                # "8 học sinh/phòng" (ở bán trú, nội trú): a room's; "20 học sinh/máy": a computer's
                unit, end = f"{unit}/{_PER[per.group(1)]}", per.end()
            # "Giữ ổn định 33 - 35 lớp", "từ 2 đến 3 giải": a range of counts is one target, as a range of shares is
            low = re.search(r"(?<![\d/.,])(\d{1,3}(?:\.\d{3})*)\s*(?:-|–|den)\s*$", fline[:start])
            if low and float(low.group(1).replace(".", "")) < value:
                out.append(_Q(low.start(1), end, "cnt", float(low.group(1).replace(".", "")), unit, value))
                continue
            out.append(_Q(start, end, "cnt", value, unit))
    for m in _RATIO_RE.finditer(fline):
        # (a class of 38,5 pupils is an average, a situation: a class size to keep is a whole number)
        if not any(q.start < m.end() and m.start() < q.end for q in out) \
                and not (m.group("who") != "giao vien" and _PER[m.group("per")] == "lớp"):
            out.append(_Q(m.start(), m.end(), "cnt", float(m.group("n").replace(",", ".")),
                          f"{_COUNT_UNITS[m.group('who')]}/{_PER[m.group('per')]}"))
    for m in _POINTS_RE.finditer(fline):   # "giảm ít nhất 2 điểm phần trăm": a change of a share, in points
        if not any(q.start < m.end() and m.start() < q.end for q in out):
            out.append(_Q(m.start(), m.end(), "cnt", float(m.group("n").replace(",", ".")), "điểm phần trăm"))
    for m in _RANK_RE.finditer(fline):
        out.append(_Q(m.start("n"), m.end("n"), "cnt", float(m.group("n")), "hạng"))
    for m in _INDEX_RE.finditer(fline):
        if not any(q.start < m.end("n") and m.start("n") < q.end for q in out):
            out.append(_Q(m.start("n"), m.end("n"), "cnt", float(m.group("n").replace(",", ".")), ""))
    said: tuple[int, int] | None = None   # (end, value) of the share in words just read
    for m in _WORD_PCT_RE.finditer(fline):   # "chín mươi tám phần trăm": a share written out in words
        value = _word_number(m.group("n").split())
        if value is not None and 0 < value <= 100 and not (said and said[1] == value
                                                           and re.fullmatch(r"\s*,\s*", fline[said[0]:m.start("n")])):
            # ("… đạt chín mươi chín phần trăm, chín mươi chín phần trăm, các đồng chí nhớ cho": said again for weight)
            out.append(_Q(m.start("n"), m.end(), "pct", float(value), "%"))
        said = (m.end(), value)
    for m in _WORD_COUNT_RE.finditer(fline):
        # spelt as the number is, in small letters: "Hải Phòng" (the city) folds like "hai phòng"
        # (typed without marks, number and noun alike, it may be other words: "xam hai tre" is "xâm hại trẻ", harming
        # children, not two of them)
        if line[m.start():m.start() + 4].split()[0] in _COUNT_WORDS \
                and line[m.start():m.end()] != fold(line[m.start():m.end()]) \
                and not any(q.start < m.end() and m.start() < q.end for q in out):
            unit = {**_COUNT_UNITS, **_LABEL_NOUNS}[re.sub(r"\s+", " ", m.group("cu"))]
            out.append(_Q(m.start(), m.end(), "cnt", float(_word_number([m.group("n") or "mot", *(m.group("k") or "").split()])), unit))
    if m := _COUNT_LINE_RE.match(fline):   # "- Số vụ bạo lực học đường nghiêm trọng: 0."
        unit = _label_unit(line[m.start("label"):m.end("label")]) or ""
        out.append(_Q(m.start("n"), m.end("n"), "cnt", float(m.group("n").replace(".", "")), unit))
    for m in _BARE_COUNT_RE.finditer(fline):
        words = re.sub(r"[^\w\s].*", "", fline[m.end("n"):]).split()[:3]   # "ít nhất 2 sáng kiến kinh nghiệm": what it counts
        named = _counted_noun(words) or _sites_restated(fline, m.start("n"), words) or (
            "buổi" if m.group("w") == "buoi" and _SESSIONS_RE.match(fline, m.end("w")) else None)
        # (a noun of two words may start with one that is no count's: "ít nhất 60 điểm trường" is schools' sites, not
        # marks)
        if m.group("w") in _NOT_A_COUNT and not named or any(q.start < m.end("n") and m.start("n") < q.end for q in out):
            continue
        noun = named or _agent_noun(fline, line, m.end("n")) or (
            line[m.start("w"):m.end("w")] if m.group("w") and m.group("w") not in _NOT_A_NOUN else "")
        if m.group("n") == "1" and words[:1] == ["lop"] and fline[m.start():].startswith("tren"):
            continue   # "số học sinh trên 1 lớp": per class, not a count of one
        out.append(_Q(m.start("n"), m.end("n"), "cnt", float(m.group("n").replace(".", "")), noun, bare=True))
    for m in _ZERO_LED_RE.finditer(fline):
        words = m.group("w").split()
        named = _counted_noun(words) or ""
        # ("02 ngày hội thể thao", "09 điểm trường lẻ": a noun of two words whose first alone would be a span of time
        # or a mark)
        if words[0] in _NOT_A_COUNT and not named or any(q.start < m.end("n") and m.start("n") < q.end for q in out):
            continue
        noun = named or _agent_noun(fline, line, m.end("n"))
        out.append(_Q(m.start("n"), m.end("n"), "cnt", float(m.group("n")), noun, bare=True, led=True))
    for m in _FILLED_COUNT_RE.finditer(fline):
        named = _counted_noun(m.group("w").split())
        if named and not any(q.start < m.end("n") and m.start("n") < q.end for q in out):
            out.append(_Q(m.start("n"), m.end("n"), "cnt", float(m.group("n")), named))
    for m in _TIME_SPENT_RE.finditer(fline):
        if not any(q.start < m.end() and m.start("n") < q.end for q in out):
            unit = re.sub(r"\s+", "", line[m.start("u"):m.end()])
            out.append(_Q(m.start("n"), m.end(), "cnt", float(m.group("n").replace(",", ".")), unit))
    for m in _MARK_RE.finditer(fline) if _MARK_LINE_RE.search(fline) else ():
        value = float((m.group("d") or m.group("i")).replace(",", "."))
        if value <= 10 and not any(q.start < m.end() and m.start() < q.end for q in out):
            out.append(_Q(m.start(), m.end(), "cnt", value, "điểm"))
    for m in _THOUSANDS_RE.finditer(fline):
        words = m.group("w").split()
        if words[0] in _NOT_A_COUNT or any(q.start < m.end("n") and m.start("n") < q.end for q in out):
            continue
        nouns = {**_COUNT_UNITS, **_LABEL_NOUNS}
        noun = next((nouns[" ".join(words[:n])] for n in (3, 2, 1) if " ".join(words[:n]) in nouns), "")
        out.append(_Q(m.start("n"), m.end("n"), "cnt", float(m.group("n").replace(".", "")), noun, bare=True))
    for m in _ELIDED_UNIT_RE.finditer(fline):
        like = max((q for q in out if q.end <= m.start()), key=lambda q: q.end, default=None)
        if like and like.kind != "lvl" and like.unit and re.match(r"\s*doi voi\b", fline[like.end:]) \
                and not any(q.start < m.end("n") and m.start("n") < q.end for q in out):
            out.append(_Q(m.start("n"), m.end("n"), like.kind, float(m.group("n").replace(",", ".")), like.unit))
    for m in _NAMED_RATIO_RE.finditer(fline):
        # "Tỷ lệ giáo viên/lớp đạt 1,5", "tỷ lệ học sinh/máy tính không quá 15": the ratio the clause names is the
        # figure's unit, no share
        unit = f"{_COUNT_UNITS[m.group('who')]}/{_PER[m.group('per')]}"
        same = [q for q in out if q.start < m.end("n") and m.start("n") < q.end]
        if not same:
            out.append(_Q(m.start("n"), m.end("n"), "cnt", float(m.group("n").replace(",", ".")), unit, bare=True))
        elif same[0].kind == "cnt" and not same[0].unit:
            out[out.index(same[0])] = replace(same[0], unit=unit)
    for m in _LITERACY_COUNT_RE.finditer(fline):
        out = [q for q in out if not (q.kind == "lvl" and m.start() <= q.start and q.end <= m.start("n"))]
        if not any(q.start < m.end("w") and m.start("n") < q.end for q in out):
            out.append(_Q(m.start("n"), m.end("w"), "cnt", float(m.group("n").replace(".", "")), _LABEL_NOUNS[m.group("w")]))
    out.sort(key=lambda q: q.start)
    return [_class_size(fline, q, out) for q in out]


# A bare figure closing a clause after an item's colon or a bound: "- Học sinh bỏ học: ≤ 0,8", "- Lưu ban dưới 0,5",
# "- Chuyên cần: từ 95 trở lên", "- Vào lớp 10: 80 - 85" (not a grade, "vào lớp 1: 100", nor a figure with its noun)
_HEADED_FIGURE_RE = re.compile(
    r"(?:[:≤≥<>]|\b(?:dat|tu|duoi|tren|toi da|toi thieu|it nhat|khong (?:qua|vuot qua|duoi|thap hon|it hon)))\s*"
    r"(?:(?P<lo>\d{1,3}(?:,\d+)?)\s*[-–]\s*)?(?P<n>\d{1,3}(?:,\d+)?)(?![\d%]|[.,]\d)"
    r"(?=\s*(?:tro (?:len|xuong)\s*)?(?:[;,.()]|$))")


def _headed_shares(fline: str, qs: list[_Q]) -> list[_Q]:
    """The figures of an item under a heading that gives their unit as "%" ("2. Chất lượng (%)", "Đơn vị tính: %"):
    its bare figures (see :data:`_HEADED_FIGURE_RE`) are shares, as if each had its sign; they replace the unitless
    counts a bound alone found there."""
    found = []
    for m in _HEADED_FIGURE_RE.finditer(fline):
        value = float(m.group("n").replace(",", "."))
        low = float(m.group("lo").replace(",", ".")) if m.group("lo") else None
        if value > 100 or any(q.unit and q.start < m.end() and m.start("n") < q.end for q in qs):
            continue
        found.append(_Q(m.start("lo") if low is not None and low < value else m.start("n"), m.end(), "pct",
                        low if low is not None and low < value else value, "%",
                        value if low is not None and low < value else None))
    return sorted([q for q in qs if not any(p.start < q.end and q.start < p.end for p in found)] + found,
                  key=lambda q: q.start)


def _sites_restated(fline: str, at: int, words: list[str]) -> str | None:
    """The sites a bare "điểm" after a count stands for when the sentence has named them before ("giảm số điểm lẻ
    xuống dưới 250 điểm": sites, not marks), none on a line about marks."""
    if words[:1] != ["diem"] or words[1:2] in (["le"], ["truong"]) or _MARK_LINE_RE.search(fline):
        return None
    sites = re.findall(r"\bdiem (?:truong\b|le\b)", fline[:at])
    return ("điểm lẻ" if sites[-1] == "diem le" else "điểm trường") if sites else None


# A person named by role with the Sino-Vietnamese suffix "viên" ("vận động viên", "huấn luyện viên", "sinh viên",
# "đoàn viên", "hướng dẫn viên"): a noun of two or three syllables that counts people
_AGENT_NOUN_RE = re.compile(r"\s+((?:[a-z]+\s+){1,2}vien)\b")


def _agent_noun(fline: str, line: str, at: int) -> str:
    """The noun of people a count at ``at`` counts when it is one of role ("ít nhất 10 vận động viên"), else ""."""
    m = _AGENT_NOUN_RE.match(fline, at)
    return re.sub(r"\s+", " ", line[m.start(1):m.end(1)]) if m and not set(m.group(1).split()[:-1]) & _NOT_A_NOUN else ""


def _class_size(fline: str, q: _Q, qs: list[_Q]) -> _Q:
    """A bare bounded figure with no noun in a sentence about class size counts per class: the unit of the sentence's
    other class sizes, else of whom it names ("trẻ", "học viên"), else pupils."""
    seg = max(fline.rfind(";", 0, q.start), fline.rfind(". ", 0, q.start)) + 1
    if not (q.bare and not q.unit and _CLASS_SIZE_RE.search(fline[seg:q.start]) and said_before(fline, q)):
        return q
    unit = next((p.unit for p in reversed(qs) if seg <= p.start < q.start and p.unit.endswith("/lớp")), None)
    unit = unit or _per_class_named(fline[seg:q.start])
    return _Q(q.start, q.end, q.kind, q.value, unit, q.high)


def _per_class(unit: str) -> str:
    """A class size's unit: children per class in a preschool ("trẻ", "trẻ/lớp"), learners per class in a GDTX centre
    ("học viên/lớp"), else pupils per class ("HS/lớp", "em", "học sinh"); teachers per class ("1,9 giáo viên/lớp")
    are a school's staffing, no class size."""
    return next((f"{who}/lớp" for who in ("trẻ", "học viên", "giáo viên") if unit.startswith(who)), "học sinh/lớp")


def _per_class_named(ftext: str) -> str:
    """A class size's unit from whom a folded text names ("trẻ", "học viên"), else pupils per class."""
    who = re.search(r"\b(tre|hoc vien)\b", ftext)
    return _per_class({"tre": "trẻ", "hoc vien": "học viên"}[who.group(1)] if who else "")


def said_before(fline: str, q: _Q) -> bool:
    """Whether a comparator word or symbol stands right before a figure ("không quá 30 trẻ", "≥ 35 học sinh")."""
    tail = re.sub(r"\s+", " ", fline[max(0, q.start - 40):q.start])[-30:]
    return any(pat.search(tail) for pat, _, conf in _CMP_BEFORE if conf >= 0.9)


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
_LEVEL_CLAUSE_RE = re.compile(r"[^;]*?[a-z]+\s+[a-z]+[^,;\d]*?(?:,|\bva\b)\s*(?!(?:" + _LEVEL_WORDS + r"|pho thong)\b)"
                              r"(?:(?:[a-z]+|20\d\d)\s+){0,5}?"
                              r"(?:duoc\s+)?(?:cong nhan(?:\s+lai)?\s+)?dat\s+(?:chuan quoc gia|(?:chuan\s+)?pho cap(?:\s+[a-z]+){0,4}"
                              r"|kiem dinh(?:\s+[a-z]+){0,3})\s*$")
_SUB_ITEM_RE = re.compile(r"^\s*(?:[-+•*–]|[a-zđ]\s*\))\s")
_ITEM_MARKS = ("", "-", "–", "•", "*", "+")   # list marks from the outermost to the innermost, as plans nest them


def _item_depth(line: str) -> tuple[int, int]:
    """How deep a line sits in a list: its indent, then its mark ("+" under "-", a letter's "a)" under both)."""
    s = line.lstrip()
    mark = s[:1] if s[:1] in _ITEM_MARKS else ("a)" if re.match(r"[a-zđ]\s*\)", s) else "")
    return len(line) - len(s), _ITEM_MARKS.index(mark) if mark in _ITEM_MARKS else len(_ITEM_MARKS)
_POINTS_RE = re.compile(r"(?<![\d/.,])(?P<n>\d{1,2}(?:,\d+)?)\s*diem phan tram\b")
# A rank among the province's schools: "xếp trong tốp 10 của tỉnh", "đứng vào nhóm top 5", "xếp hạng thi vào lớp 10
# trong tốp 10", "thuộc tốp 5", "xếp tốp 10" (the tenth place or better), whatever verb comes before it; "thuộc nhóm 10 tỉnh, thành
# phố dẫn đầu cả nước", "trong nhóm 5 trường đứng đầu" say the same of a group named for leading
_RANK_RE = re.compile(r"\b(?:trong|vao|thuoc|(?:xep|dung|lot|duy tri|giu vung)(?=\s+top\b))\s+(?:(?:nhom\s+)?top\s+|nhom\s+(?=\d{1,2}\s+[^;.\d%]{0,40}?\b(?:dan dau|dung dau)\b))"
                      r"(?P<n>\d{1,2})(?![\d.,]|\s*%)")
# An index measured between 0 and 1, which the clause names: "Chỉ số giáo dục (HDI) của tỉnh đạt trên 0,8", "chỉ số
# hạnh phúc của học sinh đạt 0,75"; a figure without a unit (a share of it would carry "%")
_INDEX_RE = re.compile(r"\bchi so\b[^;.%\d]{0,120}?\b(?:dat|len|la)\s+(?:(?:tren|tu|it nhat|toi thieu|khong duoi|khong thap hon)\s+)?"
                       r"(?P<n>0,\d{1,3})(?![\d,]|\s*%)")
_DIGIT_WORDS = {"mot": 1, "hai": 2, "ba": 3, "bon": 4, "tu": 4, "nam": 5, "lam": 5, "sau": 6, "bay": 7, "tam": 8, "chin": 9}
_WORD_PCT_RE = re.compile(r"(?<![a-z])(?P<n>(?:(?:mot|hai|ba|bon|tu|nam|lam|sau|bay|tam|chin|muoi|tram|linh|le)\s+)+)"
                          r"phan tram\b")
# "ba phòng học mới", "hai phòng học thông minh": a count up to ten written in words counts as its figure would ("một"
# only after a floor, "tối thiểu một câu lạc bộ": alone it is the article; "năm" and "tư" are the year and the
# fourth), but not a grade ("sau lớp 9", after) nor words a bracket then gives as a figure ("ba phòng (03 phòng)")
_COUNT_WORDS = {"một", "hai", "ba", "bốn", "sáu", "bảy", "tám", "chín", "mười", "mot", "bon", "sau", "bay", "tam", "chin", "muoi"}
_WORD_COUNT_RE = re.compile(r"(?<![a-z(])(?:(?P<n>hai|ba|bon|sau|bay|tam|chin|muoi)|(?:(?<=toi thieu )|(?<=it nhat ))mot)"
                            r"(?P<k>\s+(?:tram|nghin|ngan))?\s+"   # "xây thêm hai nghìn phòng học", as a speech says it
                            r"(?P<cu>" + _COUNTED + r")(?![a-z])(?!\s*\d)(?![^()]{0,40}\(\s*\d)")


def _word_number(words: list[str]) -> int | None:
    """A number up to the thousands written in words, folded: "chin muoi tam" 98, "mot tram" 100, "muoi lam" 15,
    "hai nghin" 2000."""
    total = current = 0
    for w in words:
        if w in ("nghin", "ngan"):
            total, current = (total + (current or 1)) * 1000, 0
        elif w == "tram":
            total, current = total + (current or 1) * 100, 0
        elif w == "muoi":
            current = (current or 1) * 10
        elif w in _DIGIT_WORDS:
            current += _DIGIT_WORDS[w]
        elif w not in ("linh", "le"):
            return None
    return total + current


def _at_least(cmp: str, value: float, unit: str) -> str:
    """"≥ 100%", "tối thiểu 100%": no share exceeds the whole, so at least 100% is exactly 100%."""
    return "=" if cmp == ">=" and unit == "%" and value == 100 else cmp


def _comparator(before: str, after: str, q: _Q) -> tuple[str, float, bool]:
    """(comparator, confidence, whether words or a symbol said it: a bound, or a verb such as "đạt" that gives the
    figure to reach).

    A comparator comes only from words or signs that state a bound ("tối thiểu", "ít nhất", "không dưới", "từ … trở
    lên", "trên", "không quá", "tối đa", "dưới", "≥", "<" …); any other figure reads "=". So "đạt 95%", "giữ vững",
    "duy trì", "nâng lên 60%", "xuống còn 5%", a level ("đạt chuẩn quốc gia mức độ 2") and a bare figure are "=":
    no word of theirs bounds the figure, and the platform judges "=" by the indicator's direction
    (``reports.domain.targets.effective_comparator``: a share reached or passed meets "= 95", a drop-out rate at or
    under it meets "= 1"), so reading a bound into them adds nothing for a user and disagrees with the literal
    reading every independent writer of our evaluation sets gave them. "≥ 100%" is "= 100" because no share exceeds
    the whole (:func:`_at_least`)."""
    # the words as one line: a wrapped line's break leaves two spaces ("không \nquá 45", "ít" / "nhất")
    tail, after = re.sub(r"\s+", " ", before[-40:])[-30:], re.sub(r"\s+", " ", after)
    # "Chúng tôi xin nhận cao hơn: 95%": higher than the figure said before, the colon giving the one taken on
    tail = re.sub(r"\b(?:cao |nhieu |lon )?hon\s*:\s*$", "", tail)
    if q.unit == "hạng":
        return "<=", 0.85, True   # "trong tốp 10" bounds the rank: the tenth place or better
    verb = None
    for pat, cmp, conf in _CMP_BEFORE:
        if pat.search(tail):
            if cmp != "=":
                return _at_least(cmp, q.value, q.unit), conf, True
            verb = conf
            break
    for pat, cmp in _CMP_AFTER:
        if pat.search(after):
            return cmp, 0.9, True   # "đạt 95% trở lên": the words after the figure bound it, the verb before does not
    if verb:
        return "=", verb, True
    if re.search(r"\btu\s*$", tail) and re.match(r"[^;.]{0,60}?\btro len\b", after):
        return ">=", 0.85, True   # "có từ 30 học sinh giỏi cấp thành phố trở lên"
    if q.kind in ("lvl", "cnt"):
        return "=", 0.8, False   # "chuẩn quốc gia mức độ 2", "04 phòng học thông minh": the level or count to reach
    if q.kind == "pct" and q.value == 100:
        return "=", 0.9, False
    return "=", 0.65, False


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
    if q.unit == "điểm":
        return [], 0.3   # a mark: no indicator of the catalogue counts marks
    if q.kind == "cnt":
        if q.unit == "lớp" and not re.match(r"\s*(?:tap huan|boi duong|dao tao|hoc tap|chuyen de|nghe)\b", after):
            return ["CLASSES"], 0.85   # "1 lớp tập huấn" is a course, not a class
        if q.unit.endswith("/lớp") and q.unit not in ("phòng/lớp", "giáo viên/lớp") or q.unit in ("học sinh", "trẻ") and re.search(r"si so|moi lop|/\s*lop|mot lop|tren 1 lop|\blop (?:nao )?(?:co )?(?:tren|qua|vuot qua)\s*$", before + after[:12]) \
                or q.unit == "trẻ" and re.match(r"\s*chau (?:mot|moi) lop\b", after):
            # ("không quá 30 cháu một lớp": a preschool's children per class, named as its teachers call them)
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
    years = [int(y) for m in _HORIZON_HEADING_RE.finditer(fline) for y in m.groups() if y] if heading \
        else [_year_of(m) for m in _HORIZON_SENTENCE_RE.finditer(fline)]
    return max(years) if years else None


def _horizon_phrases(fline: str) -> list[tuple[int, int]]:
    """(position, year) of every "đến (hết) năm 2030", "vào năm 2026", "trong năm 2026" of a line; not a start
    ("từ năm học 2027 - 2028") after a deadline on the line that falls inside it ("Đến năm 2027, hoàn thành … 30
    phòng học, đưa vào sử dụng từ năm học 2027 - 2028": what is done by 2027 is in force from then on), as
    :func:`_started_by` has it."""
    out = []
    for m in _HORIZON_SENTENCE_RE.finditer(fline):
        start = fline[max(0, m.start() - 3):m.start() + 3]
        if re.search(r"\btu\s", start) and any(p < m.start() and _started_by(fline, m.start(), y)
                                               for p, y in _deadlines(fline)):
            continue
        if re.search(r"\bso voi\s*$", fline[max(0, m.start() - 8):m.start()]):
            continue   # "giảm 2 điểm phần trăm so với năm học 2025 - 2026": the base of a change, no horizon
        if (b := fline.rfind("(", 0, m.end())) >= 0 and (y := _YEAR_BRACKET_RE.match(fline, b)) and m.start() < y.end() and (
                not y.group("verb") or re.search(r"\d", _clause_before(fline, b))):
            # "(năm học 2025 - 2026: 95,6%)", "đạt 98% (năm 2025 đạt 96,1%)": the year labels the bracket's figure
            # (:func:`_year_label`); one that tells a school's make-up ("Trường … (năm học 2026 - 2027 có 22 lớp)")
            # may be the year of the whole line
            continue
        if re.search(r"\btu\s+\d[\d.,]*\s*%?\s*(?:\(\s*)?$", fline[max(0, m.start() - 20):m.start()]) \
                and re.match(r"\s*\)?\s*,?\s*(?:len|xuong)\b", fline[m.end():]):
            continue   # "từ 88,6% năm 2025 lên 95%": the year of the figure the change starts from, no horizon
        if re.search(r"\btu\s+nam\s+20\d\d\s*$", fline[:m.end()]) and re.match(r"\s*(?:sang|ve)\s+(?:nam\s+)?20\d\d\b", fline[m.end():]):
            continue   # "(lùi thời hạn từ năm 2028 sang năm 2030)", "(điều chỉnh từ năm 2030 về năm 2028)": the deadline moved from
        if re.search(r"\bda\s+(?:dat|duoc|co|hoan thanh)\b(?:\s+\S+){0,2}\s*$", fline[max(0, m.start() - 30):m.start()]):
            continue   # "(đã đạt từ năm 2021, duy trì)", "đã được công nhận năm 2020": a past result, no horizon
        if re.match(r"[;,:.\s]*truoc\s+(?:ngay\s+)?\d", m.group(0)) and re.search(
                r"(?:^|[,;:(])\s*(?:dang ky|nop|gui|bao cao)\b[^,;:()]*$", fline[:m.start()]):
            continue   # "…, đăng ký với Phó Hiệu trưởng trước ngày 20/10/2026": the day the paperwork is due, not the aim's
        # "…; năm 2027 đạt 97%": the year opens the clause after the semicolon, it stands where its words begin
        out.append((m.start() + len(m.group(0)) - len(m.group(0).lstrip(";,:.!? ")), _year_of(m)))
    return out


# the school year a speech is given in, unnamed: "năm học này", "trong năm học mới"
_THIS_SCHOOL_YEAR_RE = re.compile(r"\bnam hoc (?:nay|moi)\b")
_MONTH_NO_YEAR_RE = re.compile(r"\b(?:ngay\s+)?(?:trong|truoc|den het)\s+thang\s+(\d{1,2})\b(?!\s*(?:/|nam\b|[-–]))")
# "… quán triệt Nghị quyết trong tháng 10/2026", "(hoàn thành trong tháng 10 năm 2026)": a month of a year to do it in
_MONTH_OF_YEAR_RE = re.compile(r"\b(?:trong|truoc|den het|cuoi)\s+thang\s+(?:0?[1-9]|1[0-2])\s*(?:/|nam\s+)(20\d\d)\b")
# a year that closes a clause opened by its share: "100% giáo viên đạt chuẩn trình độ đào tạo năm 2027." (its deadline;
# not the base of a change, "so với năm 2025", nor the year a document or a start is named by)
_CLOSING_YEAR_RE = re.compile(r"\d\s*%(?:(?!\b(?:so voi|tu|nam hoc|chuong trinh|luat|thong tu|nghi dinh|nghi quyet|quyet dinh"
                              r"|ke hoach|de an|chi thi)\b)[^;:.!?()\d%|]){3,60}?\s(nam\s+(20\d\d))\s*(?=[.;]|$)")
_FROM_SCHOOL_YEAR_RE = re.compile(r"\btu\s+(nam hoc\s+20\d\d\s*[-–]\s*(20\d\d))\b")


def _started_by(fline: str, at: int, horizon: int) -> bool:
    """Whether a commitment that starts at ``at`` ("từ năm 2027", "từ năm học 2026 - 2027") is due by an earlier
    ``horizon`` in force: a year's start always; a school year's when the horizon falls inside it ("Đến hết năm
    2026: … từ năm học 2026 - 2027, 100% học sinh được cấp sách giáo khoa": in force by the end of 2026), not under a
    later one ("Đến năm 2030: … từ năm học 2027 - 2028": due at the school year's end, 2028)."""
    m = re.match(r"nam hoc\s+(20\d\d)\s*[-–]\s*(20\d\d)\b", fline[at:])
    return m is None or int(m.group(1)) <= horizon < int(m.group(2))


_DEADLINE_RE = re.compile(r"\b(?:den|toi)\s+(?:het\s+|cuoi\s+)?nam\s+(20\d\d)\b|" + _DATED_DEADLINE)


_BY_YEAR_RE = re.compile(r"\bvao (?:cuoi )?nam (20\d\d)\b(?!\s*[-–])")
_PERIOD_RE = re.compile(r"\bgiai doan\s+20\d\d\s*[-–]\s*(20\d\d)\b")
# "trong năm học 2026 - 2027", "trong năm 2027": the year a figure is to be reached within (its end in group 1)
_WITHIN_YEAR_RE = re.compile(r"\btrong\s+nam(?:\s+hoc)?\s+(?:20\d\d\s*[-–]\s*)?(20\d\d)\b(?!\s*[-–])")
# a school year that opens a clause and a comma after it: "…: năm học 2026 - 2027, 100% trẻ 5 tuổi …", the figure due
# within it, as "trong năm học" says
_SCHOOL_YEAR_CLAUSE_RE = re.compile(r"(?:^|(?<=[:;])\s*)nam hoc\s+20\d\d\s*[-–]\s*(20\d\d)\s*,")
# a task's short name before its colon: "4. Chuyển đổi số: …"
_TASK_NAME_RE = re.compile(r"[^\W\d_][^\d:;.,()]{0,40}:\s*")


def _deadlines(fline: str) -> list[tuple[int, int]]:
    """(position, year) of every "đến (hết) năm 2030" / "tới năm 2030" of a line: a deadline, not a date."""
    return [(m.start(), int(next(y for y in m.groups() if y))) for m in _DEADLINE_RE.finditer(fline)]


def _year_of(m: re.Match) -> int:
    """The year of a :data:`_HORIZON_SENTENCE_RE` match, whichever of its forms matched."""
    if m.re is _HORIZON_SENTENCE_RE and m.group("before"):
        return int(m.group("before")) - 1
    return int(next(y for y in m.groups() if y))


def _quantity_horizon(phrases: list[tuple[int, int]], q: _Q, lo: int, hi: int, fline: str | None = None,
                      others: list[_Q] = ()) -> int | None:
    """The year of the quantity's own clause: one written after it in the clause ("10% vào năm 2026"), else
    one before it in the clause, else the nearest one before it on the line, else the first after it; given
    ``fline``, not one after a semicolon or a sentence's end ("Duy trì kiểm định cấp độ 3; đạt chuẩn mức độ 2 vào
    năm 2028": the year is the second clause's, the first keeps its heading's), nor one in a bracket opened after
    it and still open ("không dưới 95% (riêng năm 2028: 92%)": the bracket's figure's), nor one after a comma or "và" that
    opens a clause with a figure of its own ("đạt 95%, phấn đấu đến năm 2030 đạt 100%", "không thấp hơn 92% và đến năm
    2030 đạt 95%"), nor one that closes another of
    ``others`` a comma and an aim beyond the first set apart ("duy trì chuẩn quốc gia mức độ 1, phấn đấu mức độ 2 vào
    năm 2030": the year is the second figure's, the first keeps its heading's; "mức độ 3, THCS mức độ 2 đến hết năm
    2026" is one list, one deadline)."""
    if fline is not None:
        # the year is the second figure's, the first keeps its heading's
        # (and a year after a comma that opens an aim beyond it, with its own figure further on: "duy trì chuẩn quốc gia
        # mức độ 1, phấn đấu đến năm 2030 đạt kiểm định chất lượng giáo dục cấp độ 3")
        # (or its figure in words, none: "dưới 0,5%, đến 2030 không còn học sinh bỏ học")
        phrases = [(p, y) for p, y in phrases if not (p >= q.end and re.search(r",|\bva\b", fline[q.end:p]) and (re.match(
            r"[^,;]*?\b20\d\d\b(?:(?:\s+(?!va\b|hoac\b)[^\W\d_]+){0,3}\s*\d(?!\d{3}\b)|\s*,?\s*khong (?:con|co|de)\b)",
            fline[p:]) or any(
                o.start > p and re.search(r",\s*(?:phan dau|tien toi|huong toi)\b[^,;]*$", fline[q.end:p])
                and not re.search(r"[;,]|\.\s", fline[p:o.start]) for o in others)
            # (nor the year of a new level reached after a comma beside one kept: "Duy trì trường đạt chuẩn quốc gia mức
            # độ 1, đạt kiểm định chất lượng cấp độ 3 vào năm 2029", what is kept keeps its heading's)
            or re.search(r"\b(?:duy tri|giu vung)\b[^,;]*$", fline[:q.start]) and any(
                q.end <= o.start and o.end <= p and re.fullmatch(r"[^,;]*,\s*dat\b[^,;]*", fline[q.end:o.start]) for o in others)))]
    inside = [(p, y) for p, y in phrases if lo <= p < hi]
    # (given ``fline``, not the year of a bracket after it that gives a figure of its own: "đạt từ 92% trở lên (năm 2026
    # đạt 89,7%)", the bracket's result)
    after = [(p, y) for p, y in inside if p >= q.end and not (
        fline is not None and fline.rfind("(", q.end, p) > fline.rfind(")", q.end, p)
        and re.match(r"[^()]*?\b20\d\d\b(?!\s*[-–/])[^()\d]*\d[^()]*\)", fline[p:]))]
    if after:
        return after[0][1]
    # (given ``fline``, not a year that closed an earlier figure's clause: "mức độ 2 vào năm 2028, kiểm định cấp
    # độ 3" or "…; kiểm định cấp độ 3": the second keeps its heading's; "100% vào năm học 2027 - 2028; …" alike)
    # (nor a year in a bracket that closes an earlier clause: "≥ 40 giải (năm 2026 đạt 38 giải); 100% học sinh …", the
    # bracket's result is no deadline of the next clause; nor the point in time that ends a clause with a figure
    # before it: "có 02 phòng học thông minh vào năm 2027; giữ vững …", "… trước năm 2029; xóa …", "… được số hóa trong
    # năm 2027; …", "… quán triệt trong tháng 10/2026; …", where "ngay trong năm học 2026 - 2027; duy trì …" may frame
    # what follows)
    before = [(p, y) for p, y in phrases if p < q.start and not (
        fline is not None and re.search(r"[,;]", fline[p:q.start])
        and (re.search(r"\d\s*(?:%|[a-z]+)?\s*(?:(?:vao|trong)\s+)?$", fline[:p])
             or re.search(r"\d\s*(?:%|[a-z])[^,;:]*$", fline[:p]) and re.match(r"\s*(?:vao|truoc|trong)\s[^,;:]*?\b20\d\d\s*[,;]", fline[p:])
             # (or the start of a figure in force from a year on: "100% học sinh học 2 buổi/ngày từ năm học 2027 - 2028; …")
             or re.search(r"\d\s*(?:%|[a-z])[^,;:]*\btu\s+$", fline[:p]) and re.match(r"[^,;:]*?\b20\d\d\s*[,;]", fline[p:])
             or re.match(_MONTH_OF_YEAR_RE.pattern + r"\s*[,;]", fline[p:]))) and not (
        # (nor a later step of a road set before a semicolon: "biết bơi năm 2027 đạt 70%, đến năm 2028 đạt 90%; không để
        # xảy ra đuối nước": the steps' years are theirs)
        fline is not None and ";" in fline[p:q.start] and re.search(r"\d\s*%", fline[p:fline.find(";", p)]) and sum(
            max(fline.rfind(";", 0, p), fline.rfind(". ", 0, p)) < r < fline.find(";", p) for r, _ in phrases) > 1) and not (
        fline is not None and fline.rfind("(", 0, p) > fline.rfind(")", 0, p)
        and re.search(r"\)[^(]*;", fline[p:q.start])) and not (
        # (nor a year that gave a figure of its own in an earlier sentence that set figures for two horizons: "… năm học
        # 2026 - 2027 dưới 1%, đến năm 2030 dưới 0,5%. Tỷ lệ lưu ban không quá 1,5%": the next sentence keeps its
        # heading's; one horizon may go on over its paragraph)
        fline is not None and (stop := re.search(r"\.\s", fline[p:q.start]))
        and any(p < o.start and o.end <= p + stop.start() for o in others)
        and len({y for r, y in phrases if fline.rfind(". ", 0, p) < r < p + stop.start()}) > 1)]
    if before:
        return before[-1][1]
    # (a bracket closed before the year only describes the figure: "01 trường (quy mô 900 học sinh) trước năm 2029")
    later = [(p, y) for p, y in phrases if p >= q.end
             and (fline is None or not re.search(r"[;!?]|\.(?=\s)", fline[q.end:p])
                  and fline.count("(", q.end, p) <= fline.count(")", q.end, p)
                  and not any(q.end <= o.start and o.end <= p and re.search(r",\s*(?:phan dau|tien toi|huong toi)\b",
                                                                              fline[q.end:o.start]) for o in others))]
    return later[0][1] if later else None


# "2026: dưới 1,5% 2028: dưới 1%": a year and a colon right before a figure (its comparator between) label it; one
# cell may hold a target's whole road this way
_YEAR_LABEL_RE = re.compile(r"(?:^|(?<=[|\s(]))(20\d\d)\s*:\s*(?:(?:dat|duoi|tren|khong (?:qua|duoi|vuot qua|thap hon)"
                            r"|it nhat|toi thieu|toi da|[<>≤≥=])\s*)*$")


# a line labelled as targets: "Mục tiêu: …", "- Chỉ tiêu đến năm 2030: …"
_AIM_LABEL_RE = re.compile(r"\s*(?:[-+•*–]\s*)?(?:muc tieu|chi tieu)(?:\s+(?:den|toi)\s+(?:het\s+)?nam\s+20\d\d)?\s*:\s*\S")
# a chart's target line labels each share with its year by a dash: "Mục tiêu: 2027 - 70% | 2030 - 85%"
_YEAR_DASH_LABEL_RE = re.compile(r"(?:^|(?<=[|\s:]))(20\d\d)\s*[-–]\s*$")


def _year_label(fline: str, q: _Q) -> int | None:
    if (b := fline.rfind("(", 0, q.start)) > fline.rfind(")", 0, q.start) and (y := _YEAR_BRACKET_RE.match(fline, b)):
        return int(y.group("year"))   # "(năm 2028 đạt 75%)": a bracket labelled with a year gives it to its figures
    m = _YEAR_LABEL_RE.search(fline, max(0, q.start - 40), q.start) \
        or q.kind == "pct" and _YEAR_DASH_LABEL_RE.search(fline, max(0, q.start - 12), q.start)
    return int(m.group(1)) if m else None


# a table row's cell that is only a date: "Năm 2027", "Tháng 5/2026", "Năm học 2027 - 2028", "2030", "Giai đoạn 2026 -
# 2030" (due by the period's end), "Đến năm 2030"
_DATE_CELL_RE = re.compile(r"\s*(?:(?:den|toi)\s+(?:het\s+|cuoi\s+)?)?(?:nam(?:\s+hoc)?\s+|nh\s+|giai doan\s+)?(?:thang\s+\d{1,2}\s*/\s*)?(?:20\d\d\s*[-–]\s*)?(20\d\d)\s*")
# the heading of a column of each row's own deadline: "Thời gian hoàn thành", "Thời hạn", "Năm hoàn thành", "Mốc thời gian",
# "Thời điểm đạt được" (a revision table's too), "Năm dự kiến (đạt chuẩn)"
_DUE_COL_RE = re.compile(r"\s*(?:(?:thoi gian|thoi han|thoi diem|nam|moc)\s+(?:hoan thanh|dat(?: duoc)?|thuc hien"
                         r"|du kien(?:\s+(?:hoan thanh|dat(?: chuan)?|cong nhan))?)|thoi han"
                         r"|han hoan thanh|thoi gian|moc(?: thoi gian)?)\s*")


def _due_column(fline: str) -> int | None:
    """The column of a heading row that holds each row's own deadline ("TT | Nội dung | Chỉ tiêu | Thời gian hoàn
    thành | Bộ phận chủ trì"), if it has one."""
    cells = fline.split("|")
    return next((c for c, cell in enumerate(cells) if _DUE_COL_RE.fullmatch(cell)), None) if len(cells) > 2 else None


def _due_year(fline: str, column: int | None, cells: int) -> int | None:
    """A row's own deadline, read in the heading's deadline column (its cells as many as the heading's)."""
    row = fline.split("|")
    return int(m.group(1)) if column is not None and len(row) == cells and (m := _DATE_CELL_RE.fullmatch(row[column])) else None


def _row_deadline(fline: str, q: _Q) -> int | None:
    """The year of a table row's own deadline column ("… | ≥ 90% | Năm 2027 | Phó Hiệu trưởng"): the one cell
    after the figure that holds only a date."""
    if "|" not in fline:
        return None
    cells = fline[q.end:].split("|")[1:]
    years = [int(m.group(1)) for c in cells if (m := _DATE_CELL_RE.fullmatch(c))]
    return years[0] if len(years) == 1 else None


# A revised plan's note on the figure it replaces, in a bracket after the new one: "85% (sửa đổi; Kế hoạch số 14 ghi
# 80%)", "(trước đây 75%)", "(chỉ tiêu cũ: 90%)", "(thay cho 70%)": the old figure is superseded, no target
_SUPERSEDED_RE = re.compile(r"\((?:[^()]*[\s;,:])?(?:truoc day|ghi|cu|thay cho|dieu chinh tu)\s*(?:la\s*)?:?\s*$")


_NAMED_UNIT_BEFORE_RE = re.compile(r"\b(?:truong|trung tam)\s+(?:mam non|mn|tieu hoc|th|thcs|thpt|trung hoc|pho thong|pt\w*|lien cap"
                                   r"|gdtx|gdnn)(?:\s+[^\W\d_]+){1,4}\s*$")
# ("Trường Tiểu học Trần Quốc Toản (năm học 2025 - 2026 có 25 lớp, 846 học sinh)": the year of that make-up named)
_MAKE_UP_RE = re.compile(r"\(\s*(?:(?:nam hoc|nh)\s+20\d\d\s*[-–]\s*20\d\d\s*,?\s*(?:co\s+)?)?"
                         r"\d{1,3}(?:\.\d{3})*\s+(?:lop|nhom|hoc sinh|tre|hoc vien|can bo|giao vien)\b")
# the counts a school's size is told in
_SIZE_UNITS = ("lớp", "học sinh", "trẻ", "học viên")
# A bracket that opens on the figures a revision replaced: "(Nội dung cũ: "Quy mô 19 lớp, …")", "(KH cũ: dưới 0,5%)",
# "(Kế hoạch số 968: 96%)", "(Kế hoạch 22 giao 98%)", "(nâng từ 85%)": every figure inside it is superseded, whatever
# words come between (not "(tăng từ 5 lên 7 phòng)", whose "lên" names the figure now in force)
_OLD_BRACKET_RE = re.compile(r"\(\s*(?:(?:noi dung|chi tieu|muc tieu|ke hoach|kh)\s+cu\b|truoc day\b|thay cho\b"
                             r"|(?:nang|ha|dieu chinh)\s+tu\b(?![^()]*\b(?:len|xuong)\b)"
                             r"|(?:ke hoach|kh)\s+(?:so\s+)?\d+[^():;%]{0,30}?(?::|\bgiao\b|\bghi\b))")
# A line that sets the figure it replaces before the new one: "Số lớp: chỉ tiêu đã giao 20 lớp - chỉ tiêu điều chỉnh: 32
# lớp", "(chỉ tiêu đã giao cấp độ 3, điều chỉnh xuống cấp độ 2)": the assigned figure is replaced when the same sentence
# goes on to adjust it; one kept ("chỉ tiêu đã giao không quá 45 học sinh/lớp - giữ nguyên") stays in force
_ASSIGNED_LEAD_RE = re.compile(r"\b(?:(?:chi tieu|muc tieu)\s+(?:da giao|cu)|(?:ke hoach|kh)\s+cu)\b")
_ADJUSTED_RE = re.compile(r"\bdieu chinh\b")
_SENTENCE_END_RE = re.compile(r";|\.(?:\s|$)")
# ("(hiện 94,1%)": "hiện" straight before the figure says today's as well)
_TODAY_BRACKET_RE = re.compile(r"\(\s*(?:hien (?:nay|tai|co|con|moi|chi|dat|la|(?=\d))|nam (?:hoc )?truoc)\b")
# a bracket that labels its figures with a year, "(năm học 2025 - 2026: 95,6%)", "(năm 2025: 27 giải)", "(năm 2028 đạt
# 75%)": that year is its figures' (:func:`_year_label`) and no horizon of the clause around it; a baseline when it is
# gone by (:func:`_gone_by_bracket`), a step of the way when it is still ahead
_YEAR_BRACKET_RE = re.compile(r"\(\s*nam\s+(?P<school>(?:hoc\s+)?20\d\d\s*[-–]\s*)?(?P<year>20\d\d)\s*"
                              r"(?::|(?P<verb>dat|co|la)\b|(?=\d))")


def _clause_before(fline: str, at: int) -> str:
    """The words of ``at``'s clause before it (from the last semicolon or sentence end)."""
    return fline[max(fline.rfind(";", 0, at), fline.rfind(". ", 0, at)) + 1:at]


# a count of people that opens a bracket: "(02 giáo viên đang học đại học, …)", "(02 học sinh khuyết tật học hòa nhập)"
_PEOPLE_BRACKET_RE = re.compile(r"\(\s*\d{1,3}\s+(?:giao vien|can bo(?: quan ly)?|nhan vien|hoc sinh|tre|hoc vien)\b")


def _note_on_a_share(fline: str, bracket: int) -> bool:
    """Whether the bracket opening at ``bracket`` is a note on a share set before it in its clause: "100% giáo viên đạt
    chuẩn trình độ đào tạo (02 giáo viên đang học đại học)" counts the people who make up the
    share or are still short of it; the share is the target, the count in its note is none of its own."""
    if not _PEOPLE_BRACKET_RE.match(fline, bracket):
        return False
    return bool(re.search(r"\d\s*%", _clause_before(fline, bracket)))


# what a unit has, said right after a school year: "…, nhà trường có 36 lớp, 1.602 học sinh", "…, Trung tâm có 9 lớp
# GDTX cấp THPT với 326 học viên", "…, phường có 9 trường (3 mầm non, …) với 8.214 học sinh", "…, nhà trường đón
# 437 học sinh ở 15 lớp" (nothing aimed at)
_HAS_SIZE_RE = re.compile(r"\s*,?\s*(?:(?:nha truong|truong|trung tam|toan (?:truong|xa|phuong)|phuong|xa|don vi)(?:\s+(?!(?:phan|dat|tang|giam|se|duoc|can|phai)\b)[^\W\d_]+){0,4}\s+)?"
                          r"(?:(?:hien\s+)?co|don)\s+(?:\d{1,3}(?:\.\d{3})*\s+[^\W\d_]+(?:,?\s+[^\W\d_]+){0,3}\s*(?:\([^()]*\)\s*)?"
                          r"(?:,|\bva\b|\bvoi\b|\bo\b)\s*(?:trong do\s+)?)*")


# a figure a slide's comparison line leads on from, by an arrow, to the figure of a later year: "Trẻ ra lớp: 2025: 96%
# → 2030: 99%", "Năm học 2025 - 2026: 71,4% → Năm học 2026 - 2027: 75%"
_ARROW_ON_RE = re.compile(r"\s*(?:→|->|=>|⇒|➔|➜)\s*(?:(?:nam\s+(?:hoc\s+)?)?20\d\d(?:\s*[-–]\s*20\d\d)?\s*:?\s*)?\d")


# an item that opens on a school's classes and its pupils, no verb before them, states its size: "- 24 lớp, 812 học
# sinh", "• 11 nhóm, lớp - 312 trẻ" (a target says what is done: "tuyển sinh 9 lớp với 360 học sinh")
_SIZE_ITEM_RE = re.compile(r"\s*(?:[-+•*–]\s*)?\d{1,3}\s+(?:nhom,?\s*)?lop\b\s*(?:,|[-–]|voi)\s*\d{1,3}(?:\.\d{3})*\s+"
                           r"(?:hoc sinh|tre|chau|hoc vien)\b")


def _gone_by_bracket(fline: str, bracket: int, plan_year: int | None, plan_month: int | None) -> bool:
    """Whether the bracket opening at ``bracket`` gives the figures of a year gone by, the baseline set beside a target
    whatever horizon its clause has: "(năm học 2025 - 2026: 95,6%)", "(năm 2025 đạt 27 giải)" in a plan of 2026.

    The plan's own year is gone by for a school year ending in it, for a plan issued after the school year ended
    ("tốt nghiệp đạt 92% vào năm 2028 (năm 2026 đạt 89,7%)" in October 2026), and for a bracket after the plan's figure
    in its clause, which it sets beside it ("đạt từ 92% trở lên (năm 2026: 89,4%)")."""
    m = _YEAR_BRACKET_RE.match(fline, bracket)
    if not (m and plan_year):
        return False
    year = int(m.group("year"))
    return year < plan_year or year == plan_year and bool(
        m.group("school") or plan_month is not None and plan_month >= 6
        or re.search(r"\d", _clause_before(fline, bracket)))


def _is_status(fline: str, q: _Q, plan_year: int | None, plan_month: int | None = None) -> bool:
    """A figure of a past school year ("năm học 2024-2025 đạt 92%") or of today ("hiện có 18 lớp"), or one a revision
    replaced; ``plan_month``, the month the plan was issued, tells whether the school year ending in its year is over
    (:func:`_school_year_over`)."""
    if _SUPERSEDED_RE.search(fline, 0, q.start) or _ARROW_ON_RE.match(fline, q.end):
        return True
    if (size := _SIZE_ITEM_RE.match(fline)) and (q.start < size.end() or re.match(r"\s*\([^()]*$", fline[size.end():q.start])
                                                 or q.kind == "cnt" and q.unit in ("lớp", "học sinh", "trẻ", "học viên")):
        # (and the bracket after it breaks it down: "32 lớp, 1.126 học sinh (học sinh dân tộc chiếm 61%)", and its
        # classes and pupils after it are more of its size: "30 lớp - 1.348 học sinh; khối 6 tuyển mới 9 lớp")
        return True
    # a bracket that opens on today's word, or last year's, gives that figure whatever horizon its sentence has: "… đến
    # hết năm 2026 đạt 98% (hiện nay 91,4%, 412/451 trẻ)", "… trong năm học 2026 - 2027 (hiện còn 01 giáo viên đang
    # học)", "… đạt 100% (năm trước 97%)"
    if (b := fline.rfind("(", 0, q.start)) > fline.rfind(")", 0, q.start) and (
            _TODAY_BRACKET_RE.match(fline, b) or _OLD_BRACKET_RE.match(fline, b) or _note_on_a_share(fline, b) or _gone_by_bracket(fline, b, plan_year, plan_month)
            or _NAMED_UNIT_BEFORE_RE.search(fline, 0, b) and (_MAKE_UP_RE.match(fline, b) or q.kind == "cnt" and q.unit in _SIZE_UNITS)):
        # (and a bracket right after a school's name gives its make-up: "Trường THCS Lê Lợi (26 lớp, 1.047 học sinh)",
        # "Trường Mầm non … (điểm trường chính và 3 điểm lẻ; 3 nhóm trẻ, 9 lớp mẫu giáo với 312 trẻ)")
        return True
    # (a semicolon inside a bracket closed before the figure parts the bracket's own figures, not the clause: "hiện có
    # 412 trẻ (trẻ 24 - 36 tháng: 58 trẻ; trẻ 3 - 5 tuổi: 354 trẻ), 31 giáo viên")
    outside = re.sub(r"\([^()]*\)", lambda b: " " * len(b.group(0)), fline[:q.start])
    seg = max(outside.rfind(";"), outside.rfind(". ")) + 1
    text = fline[seg:q.start]
    stop = _SENTENCE_END_RE.search(fline, q.end)
    if (lead := list(_ASSIGNED_LEAD_RE.finditer(text))) and not _ADJUSTED_RE.search(text, lead[-1].end()) \
            and _ADJUSTED_RE.search(fline, q.end, stop.start() if stop else len(fline)):
        return True
    if re.search(r"\b(?:gan|khoang|xap xi|chung)\s*$", text) and re.match(r"\s*la\b", fline[q.end:]):
        return True   # "… 1.105 học sinh, trong đó gần 40% là con em gia đình làm thuê": who they are, about so many
    if q.kind == "pct" and re.match(r"\s*(?:(?:hoc sinh|tre|hoc vien|giao vien)\s+)?la\s+(?:nguoi|con em|dan toc|(?:hoc sinh|tre)"
                                    r"\s+(?:nguoi\s+)?dan toc)\b", fline[q.end:]) and not re.search(
            r"\b(?:it nhat|toi thieu|khong duoi|khong it hon|tren|tu|dat|phan dau)\s*$", text):
        # "93% học sinh là người Tày, Dao, Mông", "87% là học sinh dân tộc thiểu số": who they are (not "ít nhất 30% giáo
        # viên là người dân tộc thiểu số", a share to reach)
        return True
    if re.search(r"\b(?:len|xuong)(?:\s+(?:con|muc))?\s*$", text):
        return False   # "tăng từ 60% năm 2025 lên 80% …": where it rises to, the past year is the start's
    for m in _HORIZON_SENTENCE_RE.finditer(text):
        # a horizon makes it a target, unless its year is before the plan's ("Năm 2024, toàn phường có …") or it
        # is a school year ended by the plan's year ("Năm học 2024 - 2025, tỷ lệ … đạt 95,2%")
        school_year = m.group(0).startswith(("nam hoc", "nh "))
        if school_year and _year_of(m) == plan_year and re.search(r"\bphan dau\b", text[m.end():]) \
                and not (plan_month is not None and plan_month >= 6):
            # "Riêng năm học 2025 - 2026, nhà trường phấn đấu 100% …": the school year under way, aimed at (in a plan
            # issued after its lessons ended, in May, an aim copied from last year's plan)
            return False
        if school_year and plan_year is not None and _year_of(m) == plan_year + 1 and plan_month is not None \
                and plan_month >= 9 and q.kind == "cnt" and _HAS_SIZE_RE.fullmatch(text, m.end()):
            # "Năm học 2026 - 2027 trường có 32 lớp với 1.415 học sinh" in a plan of October 2026: the school year
            # under way since September, its classes formed; what the school has is its size, not an aim
            return True
        if plan_year is None or _year_of(m) > plan_year or (_year_of(m) == plan_year and not school_year):
            return False
    if re.search(r"\bso voi\b[^,;()]*\(\s*$", text):
        return True   # "… tăng so với năm học 2025 - 2026 (78,4%)": the base's own figure
    # the results of a school year over, reported on their line ("1. Bà … báo cáo kết quả năm học 2025 - 2026: tỷ lệ …
    # đạt 96,4%; 4/9 trường …", "Điều 1. Tán thành Báo cáo tổng kết năm học 2025 - 2026. Năm học 2025 - 2026 trường có
    # …"): every figure after it describes, unless the last year named before it is a later one ("… và phương hướng năm
    # học 2026 - 2027. Phấn đấu …")
    if (reported := _RESULTS_OF_RE.search(fline, 0, q.start)) and _school_year_over(reported, plan_year, plan_month) \
            and all(_year_of(h) <= int(reported.group(1))
                    for h in list(_HORIZON_SENTENCE_RE.finditer(fline, reported.end(), q.start))[-1:]):
        return True
    # a sentence that opens on a year gone by describes it through its clauses: "Năm 2025 tỷ lệ tốt nghiệp đạt 97,8%;
    # trường có 36 lớp với 1.512 học sinh" in a plan of 2026 (the clause after the semicolon has no year of its own;
    # the school year ending in the plan's year may be under way: :func:`_school_year_over`)
    sent = fline.rfind(". ", 0, q.start) + 1
    if plan_year and sent < seg and (m := _PAST_YEAR_RE.match(_LIST_MARK_RE.sub("", fline[sent:q.start]).lstrip())) \
            and not _HORIZON_SENTENCE_RE.search(text) and (int(m.group(2) or m.group(3)) < plan_year or m.group(2) and int(
                m.group(2)) == plan_year and plan_month is not None and plan_month >= 6
                and not re.search(r"\b(?:phan dau|chi tieu|muc tieu|ke hoach|cam ket)\b", fline[sent:q.start])):
        return True
    # … and so does one that opens on the year gone by unnamed: "Năm học vừa qua, nhà trường có 9 lớp …, tỷ lệ … đạt
    # 96,5%", as a speech says it
    if re.match(r"(?:trong\s+)?nam(?: hoc)? (?:vua qua|truoc|qua)\b", _LIST_MARK_RE.sub("", fline[sent:q.start]).lstrip()) \
            and not _HORIZON_SENTENCE_RE.search(text):
        return True
    # … and one that opens on today or on what a territory has ("Hiện nay xã có 6 trường …; 1.142 học sinh ở bán trú",
    # "Trên địa bàn phường có 11 trường … với 7.380 học sinh"), up to a clause that aims
    if re.match(r"hien (?:nay|tai)\b|tren dia ban\s+(?:[^\W\d_]+\s+){1,3}?(?:hien\s+)?co\b",
                _LIST_MARK_RE.sub("", fline[sent:q.start]).lstrip()) \
            and not _HORIZON_SENTENCE_RE.search(text) and not re.search(r"\b(?:phan dau|chi tieu|muc tieu)\b", text):
        return True
    # the base of a change stated before ("giảm 1 điểm phần trăm so với năm học trước, tỷ lệ bỏ học dưới 0,8%") is no
    # past result of this figure
    text = re.sub(r"\bso voi\b[^,;()]*", lambda m: " " * len(m.group(0)), text)
    if _STATUS_RE.search(text) or _BASIS_AFTER_RE.search(fline, q.end) or _TODAY_SAID_RE.search(text):
        return True
    # a list of results after its colon, its items parted by semicolons: "… những kết quả đã đạt được: tỷ lệ … 97,8%;
    # 5/11 trường đạt chuẩn quốc gia; 23 học sinh đạt giải cấp tỉnh"
    if (colon := fline.rfind(":", sent, seg)) >= 0 and _STATUS_RE.search(fline, sent, colon):
        return True
    if plan_year is None:
        return False
    # (not a bracket labelled with a year, which gives it to its own figures: "đạt ít nhất 30 giải (năm 2025: 27 giải)")
    if (m := re.match(r"\s*\(?\s*nam\s+(20\d\d)\b(?!\s*[-–])", fline[q.end:])) \
            and not _YEAR_BRACKET_RE.match(fline, q.end + len(fline[q.end:]) - len(fline[q.end:].lstrip())):
        return int(m.group(1)) < plan_year   # "từ 61% năm 2025 lên 70% năm 2028": each figure's own year says
    # a past year inside a bracket closed before the figure gives the bracket's own figure ("đạt ít nhất 30 giải (năm
    # 2025: 27 giải), trong đó có từ 05 giải Nhất trở lên"), not this one
    for m in _PAST_YEAR_RE.finditer(re.sub(r"\([^()]*\)", lambda b: " " * len(b.group(0)), text)):
        year = int(m.group(2) or m.group(3))
        if year <= plan_year and (m.group(2) or year < plan_year):
            return True
    return False


def _clause_bounds(fline: str, line: str, qs: list[_Q], k: int) -> tuple[int, int]:
    """[start, end) of the clause around quantity k: bounded by ';', sentence ends and neighbours."""
    q = qs[k]
    lo = 0
    for m in re.finditer(r"[;.!?](?=\s|$)|\btrong do\b", fline[: q.start]):
        if m.group(0).startswith("trong") and line[m.start():m.end()].lower() not in ("trong đó", "trong do"):
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
    after = k + 1
    if after < len(qs) and q.kind == "cnt" and qs[after].kind == "lvl" and not re.search(r"[,;(]", fline[q.end:qs[after].start]):
        after += 1   # "03 trường đạt chuẩn mức độ 2 trước năm 2029": the level is the bar the count's units clear, its words
    if after < len(qs):
        nxt = qs[after]
        # the next quantity's own comparator words belong to it, not to us
        cut = nxt.start
        pre = fline[q.end:nxt.start]
        for pat, _, _ in _CMP_BEFORE:
            if mm := pat.search(pre):
                cut = q.end + mm.start()
                break
        hi = min(hi, cut)
        # "… không dưới 95% (riêng năm 2028: 92%)": a bracket holding the next figure is its clause
        joint = max(fline.rfind(",", q.end, hi), fline.rfind(" va ", q.end, hi), fline.rfind("(", q.end, hi))
        if joint >= q.end:
            hi = joint
    return lo, hi


# ---------------------------------------------------------------------------- logical lines
@dataclass
class _Unit:
    idx: int       # index of its first physical line
    start: int     # offset in the text
    line: str      # the text, line breaks of wrapped lines turned into spaces (same length)
    fline: str


def _units(L: _Lines, lo: int, hi: int, own_kind: str | None = None) -> list[_Unit]:
    """Lines as written, with the lines a PDF wrapped joined back: a line continues the one before when that
    one does not end a sentence or a heading and it starts with a small letter or a percentage. ``own_kind`` is the
    kind of body that issued the plan (:func:`unit_key`), which tells its own column of a table from another's."""
    units: list[_Unit] = []
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
            units.append(_Unit(i, pos, line, f))
        prev_end = i
    _set_apart_other_body(units)
    _set_apart_others_column(units, own_kind)
    _set_apart_draft_column(units)
    return units


# a figure set large alone on a slide's line ("35", "99,5%", "3/3", "01"), the caption under it in small letters naming
# what it counts and its bound ("học sinh/lớp - sĩ số tối đa", "học sinh/lớp là sĩ số tối đa"): one statement, the
# figure first
_BIG_FIGURE_RE = re.compile(r"\s*\d{1,3}(?:[.,]\d+)?(?:\s*/\s*\d{1,3}(?:\.\d{3})*)?\s*%?\s*")


_CAPTION_BOUND_RE = re.compile(r"(?:\s[-–]|\sla)\s+(?:si so\s+)?(khong qua|khong vuot qua|toi da|toi thieu|it nhat|khong duoi|duoi|tren)\b"
                               r"(?=[^\d;.]{0,40}$)")


def _caption(line: str) -> bool:
    return line.lstrip()[:1].islower() and len(line.split()) >= 3 and not _LIST_START_RE.match(line)


# a column of the targets another body set, beside the plan's own: "Tỉnh giao (toàn tỉnh)", "Chỉ tiêu thành phố"
_OTHER_BODY_COL_RE = re.compile(r"\s*(?:(?:tinh|thanh pho|huyen|so|bo)\s+giao|chi tieu (?:cua\s+)?(?:tinh|thanh pho|huyen|toan quoc)"
                                r"|(?:muc tieu|chi tieu)?\s*(?:chung\s+)?toan (?:tinh|thanh pho|quoc))\b.*")


def _set_apart_other_body(units: list[_Unit]) -> None:
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


def _set_apart_others_column(units: list[_Unit], own_kind: str | None) -> None:
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


def _blank_column(units: list[_Unit], k: int, c: int, width: int) -> int:
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


def _set_apart_draft_column(units: list[_Unit]) -> None:
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


# a school year or a period a line break cut at its dash: "… năm học 2026 -" / "2027.", "giai đoạn 2026" / "- 2030"
_CUT_RANGE_RE = re.compile(r"\b20\d\d\s*[-–]\s*$")
_CUT_RANGE_END_RE = re.compile(r"[-–]\s*20\d\d\b")


def cut_range(before: str, line: str) -> bool:
    """Whether ``line`` goes on with a year range ``before`` was cut in ("2026 -" / "2027", "2026" / "- 2027")."""
    s = line.lstrip()
    # (not a table's headings whose school years a PDF wrapped: "Năm học 2026 - Năm học 2028 -" / "2027 2029")
    return bool(_CUT_RANGE_RE.search(before) and re.match(r"20\d\d\b(?!\s*[-–]?\s*20\d\d)", s)
                or re.search(r"\b20\d\d\s*$", before) and _CUT_RANGE_END_RE.match(s))


def _capitalised(word: str) -> bool:
    """A word of a name: a capital, then small letters ("Khánh", "Đức"; not "THCS", not "(B1)")."""
    return len(word) > 1 and word[0].isupper() and word[1:].isalpha() and word[1:].islower()


# a line that ends on a document's number ("4. Chuyển đổi số, Nghị quyết 71" over "- 100% cán bộ …"): no figure a
# line break cut from its range
# a note under the targets, or a footnote: "Ghi chú: …", "(*) Theo Thông tư …", "[2] …"
# (and a bracketed note under a table on where its figures come from: "(Số liệu năm học 2025 - 2026 theo báo cáo …)")
_NOTE_RE = re.compile(r"\s*(?:(?:ghi chu|luu y|chu thich)\s*:|\(\s*\*+\s*\)|\[\d{1,2}\]\s|\(\s*(?:so lieu|nguon)\b)")
_DOCUMENT_NUMBER_END_RE = re.compile(r"\b(?:nghi quyet|quyet dinh|chi thi|thong tu|nghi dinh|ke hoach|cong van|so)\s+\d+\s*$")


def _continues(before: str, line: str, fline: str) -> bool:
    s = line.lstrip()
    if cut_range(before, line):
        return True
    if re.match(r"[a-zđ]\s*\|", s):
        return False   # "a | Nhà trẻ | % | 34", "a | Học lực Tốt | ≥ 80%": a table's row numbered by a small letter
    if _NOTE_RE.match(fline):
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
    if re.search(r"\btop\s*$", fold(before)) and re.match(r"\d{1,2}(?![\d.,)])", s) and not _LIST_START_RE.match(line):
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
        return bool(s) and not _LIST_START_RE.match(line) and (
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
    if _LIST_START_RE.match(line) or _SECTION_RE.match(line):
        return False
    if before.count("(") > before.count(")") and re.match(r"[^()]{1,30}\)", s):
        return True   # "… văn hóa và nghề (chương trình" / "9+); năm 2028: …": the bracket left open closes here
    if len(before.strip()) <= 40 and _HORIZON_LINE_RE.match(fold(before)) and _horizon_of(fold(before), heading=True) \
            and not re.search(r"%|\d\s+[^\W\d_]", _HORIZON_HEADING_RE.sub(" ", fold(before))):
        return False   # "3. Tầm nhìn 2035" / "100% học sinh …": a heading of its own, then its first target
    word = re.sub(r"\s+", " ", fline.strip())
    if _SLOT_RE.fullmatch(s.rstrip()) and (len(before.strip()) <= 20 or len(before.strip()) <= 60 and not any(
            pat.search(fold(before)[-30:]) for pat, _, _ in _CMP_BEFORE)) or word in _UNIT_CELLS or word in _LABEL_NOUNS:
        # a table laid one cell a line: "%" / "từ 99% trở lên", "≥ 40" / "không quá 45" are two cells, a row's label
        # and its first cell ("Học sinh trúng tuyển đại học" / "trên 70%") too, unless the label waits for its figure
        # ("… đạt" / "trên 70%"); and a row's label is followed by its unit ("Sĩ số tối đa mỗi lớp" / "học sinh/lớp")
        return False
    # "… không quá" / "3%.", "… không dưới" / "95% (riêng năm 2028: 92%)": a figure the line before was waiting for (a bare "45", a table cell, is not)
    if re.match(r"\d[\d.,]*\s*(?:%?\s*(?:[^\W\d_]|[.;,(])|%\s*$)", s) and any(
            pat.search(fold(before)[-30:]) for pat, _, _ in _CMP_BEFORE):
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
    if len(words) >= 6 and not _mostly_upper(before) and "|" not in before and (
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


# ---------------------------------------------------------------------------- tables
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


def _year_cells(fline: str) -> list[int] | None:
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


# What a "Số …" row counts, besides the units of _COUNT_UNITS; any other is a count without a unit ("").
_LABEL_NOUNS = {"vu": "vụ", "giai": "giải", "nguoi": "người", "luot": "lượt", "hoc vien": "học viên",
                "cau lac bo": "câu lạc bộ", "trung tam": "trung tâm", "diem truong": "điểm trường", "de tai": "đề tài", "sang kien": "sáng kiến",
                "em": "học sinh", "chau": "trẻ", "huy chuong": "huy chương", "tien si": "tiến sĩ", "thac si": "thạc sĩ",
                "nghe": "nghề", "co so": "cơ sở", "nhan vien": "nhân viên", "chuyen de": "chuyên đề", "chu de": "chủ đề",
                "doanh nghiep": "doanh nghiệp", "du an": "dự án", "xuong": "xưởng", "nganh": "ngành", "lao dong": "người",
                "bai hoc": "bài học", "bai giang": "bài giảng", "nha": "nhà", "san pham": "sản phẩm", "mo hinh": "mô hình",
                "bai viet": "bài viết", "nganh nghe": "ngành nghề", "diem le": "điểm lẻ", "mon hoc": "môn",
                "dang vien": "đảng viên", "quan chung": "quần chúng", "gv": "giáo viên", "hv": "học viên"}
# ("không vượt quá 35 em": pupils; "không quá 30 cháu": a preschool's children, as its teachers call them; "có 05 tiến sĩ": teachers counted by their degree; "mở thêm 02 nghề": a GDTX
# centre's trades; "ít nhất 10 doanh nghiệp", "ít nhất 4 bài học STEM", "ít nhất 01 sản phẩm dự thi": a word of two
# syllables, not its first;
# "02 ngành nghề đào tạo": a centre's trades, named in two words; "ít nhất 60 điểm lẻ": a school's satellite
# sites (as "điểm trường" are);
# "01 xưởng thực hành": a centre's or a vocational school's workshops; "đào tạo 1.200 lao động nông thôn": workers,
# people; "01 nhà đa năng", "02 nhà vệ sinh": buildings; a Party cell's "kết nạp 02 đảng viên", "ít nhất 01 quần chúng
# ưu tú" (whom it admits, counted as the text counts them); "ít nhất 01 GV", "60 HV/năm": teachers and learners as
# a busy writer abbreviates them)
#: What a count in a sentence counts, besides those: "01 sân chơi", "01 bể bơi", "02 ngày hội thể thao", "01 hoạt động
#: tập thể", "01 Hội khỏe Phù Đổng", "02 hội thi", the Youth Union's "05 đội hình" (volunteer teams), nouns of two words whose first alone says another thing; not a table row's label ("Hoạt động trải nghiệm |
#: Ít nhất 3" names an activity, not what its figures count)
_PROSE_NOUNS = {"san choi": "sân chơi", "san": "sân", "be boi": "bể bơi", "ngay hoi": "ngày hội",
                "hoat dong": "hoạt động", "hoi thi": "hội thi", "hoi khoe": "hội khỏe", "hoi trai": "hội trại",
                "hoi dien": "hội diễn", "cuoc thi": "cuộc thi", "doi hinh": "đội hình"}
_COUNTED_NOUNS = {**_COUNT_UNITS, **_LABEL_NOUNS, **_PROSE_NOUNS}


def _counted_noun(words: list[str]) -> str | None:
    """What a count in prose names: the longest of its next three (folded) words that is a known noun."""
    return next((_COUNTED_NOUNS[" ".join(words[:k])] for k in (3, 2, 1) if " ".join(words[:k]) in _COUNTED_NOUNS), None)


# A bracket after a row's label that is no unit: how far the count reaches ("Số phòng học thông minh (toàn xã)", "(cả
# trường)", "(trên địa bàn)", "(mỗi trường)": each school's), how its figures are tallied ("(tổng số)", "(lũy kế)") or the bound they keep ("Số
# học sinh/lớp (không quá)": the comparator, which _LABEL_CMP_RE reads); "(cấp tỉnh)" is a reach too, "(cấp độ)" a unit.
_NOT_A_UNIT_RE = re.compile(r"\s*(?:(?:toan|ca|tat ca|tren dia ban|cap(?!\s+do\b))\b.*|(?:tong(?: so)?|luy ke|cong don|tich luy|moi nam"
                            r"|moi (?:truong|co so|don vi|diem truong)"
                            r"|toi da|toi thieu|khong qua|khong vuot qua|khong duoi|it nhat)\s*)")


def _label_unit(label: str) -> str | None:
    """The unit a row's label gives its bare numbers: "Tỷ lệ …" a share, "Sĩ số …" pupils per class, "Số giải …"
    / "Số phòng học …" what it counts, a unit in brackets at its end ("Giải học sinh giỏi quốc gia (giải)")."""
    lead = re.match(r"\s*(?:\d+(?:\.\d+)*\s*[.)]?\s+)*", label).end()
    text, f = label[lead:], fold(label[lead:])
    # (the bracket may be followed by the bound of the row's figures: "Trẻ suy dinh dưỡng (%), không quá"; a share may
    # name what it counts: "Học 2 buổi/ngày (% lớp)")
    if (m := re.search(r"\(\s*(%|[a-zà-ỹđ][a-zà-ỹđ/ ]{0,18})(?:(?<=%)\s*(?:lớp|trường|học sinh|trẻ|giáo viên))?\s*\)(?=\s*$|\s*,?\s*(?i:tối thiểu|tối đa|ít nhất|không quá"
                       r"|không vượt quá|không dưới)\s*$)", text)) \
            and not _NOT_A_UNIT_RE.fullmatch(fold(m.group(1))) and not (
                (r := _RATIO_LABEL_RE.match(f[:m.start()])) and r.group(1) in _COUNT_UNITS and r.group(2) in _COUNT_UNITS):
        # ("Tỷ lệ giáo viên/lớp (người)": a ratio of two counts, whatever its bracket says it counts in)
        if (counted := re.fullmatch(r"so\s+(.+?)\s*", fold(m.group(1)))) and counted.group(1) in _COUNTED_NOUNS:
            return _COUNTED_NOUNS[counted.group(1)]   # "Trường đạt chuẩn quốc gia (số trường)": schools, counted
        return _UNIT_CELLS.get(fold(m.group(1)).strip(), m.group(1).strip())
    f = f[:m.start()] if m else f
    if (m := _RATIO_LABEL_RE.match(f)) and m.group(1) in _COUNT_UNITS \
            and m.group(2) in _COUNT_UNITS:
        # "Tỷ lệ phòng học/lớp", "Tỷ lệ giáo viên/lớp": a ratio of two counts ("1,0", "1,5"), no share
        return f"{_COUNT_UNITS[m.group(1)]}/{_COUNT_UNITS[m.group(2)]}"
    if m := re.match(r"t[yi] le (giao vien|hoc sinh|tre)" + _PER_RE.pattern, f):
        return f"{_COUNT_UNITS[m.group(1)]}/{_PER[m.group(2)]}"   # "Tỷ lệ học sinh/máy tính | ≤ 18": a ratio, no share
    if re.match(r"t[yi] le\b", f):
        return "%"
    if re.match(r"phong hoc\b", f):
        return "phòng"   # "Phòng học thông minh | 0 | 01 | 04": rooms, counted
    if re.match(r"(?:muc do|cap do|muc (?:dat )?chuan (?:quoc gia|qg))\b", f) or re.search(r"\b(?:muc do|cap do)$", f.rstrip()):
        # "Mức độ phổ cập giáo dục THCS | 3 | 3", "Cấp độ kiểm định chất lượng | 2": the level to reach; a column of a
        # table by school names it either way round ("Mức chuẩn quốc gia", "KĐCL cấp độ" over "2")
        return "mức"
    if f.startswith("si so"):
        # of whom it counts, as in a sentence ("Sĩ số trẻ/lớp mẫu giáo (tối đa)": children per class)
        return _per_class_named(f)
    # (or "Số trẻ tối đa/nhóm, lớp": a preschool's nhóm trẻ is its class)
    if m := re.match(r"so\s+(hoc sinh|hs|tre|hoc vien)(?:\s+toi (?:da|thieu))?\s*/\s*(?:nhom\s*,?\s*)?lop\b", f):
        return _COUNT_UNITS[m.group(1)] + "/lớp"   # "Số trẻ/lớp mẫu giáo": a class size, as "Sĩ số" is
    if m := re.match(r"(?:(hoc sinh|hoc vien|tre)\b[^()]*\btuyen (?:moi|sinh)|tuyen (?:moi|sinh) (hoc sinh|hoc vien|tre))\b", f):
        return _COUNT_UNITS[m.group(1) or m.group(2)]   # "Học viên GDTX tuyển mới | 180": the learners admitted, counted
    if re.match(r"diem (?:trung binh|binh quan|tb)\b", f):
        return "điểm"   # "Điểm trung bình thi tốt nghiệp THPT | 6,9 | trên 7,2": an average mark
    if re.match(r"(?:vu|truong hop)\b", f):
        return "vụ"   # "Vụ bạo lực học đường | 0 | 0": incidents, counted
    if re.match(r"giai (?:hsg|hoc sinh gioi|olympic|quoc gia|quoc te|cap)\b", f):
        return "giải"   # "Giải HSG quốc gia | ≥ 3": prizes, counted
    if (m := re.match(r"(?:tong\s+)?so(?:\s+luong)?\s+([a-z]+(?:,?\s+[a-z]+){0,2})", f)) \
            and not re.match(r"(?i:sơ)\b", text.lstrip()):
        # ("Số nhóm, lớp": a preschool's groups and classes, counted as one: its classes; "Số xã, phường đạt chuẩn":
        # communes, a ward being a commune of a town; not "Sơ cấp nghề", a trade course, which folds alike)
        words = m.group(1).split()
        nouns = {**_COUNT_UNITS, **_LABEL_NOUNS, "xa": "xã"}
        return next((nouns[key] for n in (3, 2, 1) if (key := " ".join(words[:n]).rstrip(",")) in nouns), "")
    return None


_RATIO_LABEL_RE = re.compile(r"t[yi] le\s+(" + _COUNTED + r")\s*/\s*(" + _COUNTED + r")\b")
# What a row may count that a bare figure may also be a share of
_PEOPLE = {"học sinh", "trẻ", "giáo viên", "học viên", "nhân viên", "người"}


# A cell that bounds a bare count in words ("Ít nhất 25", "Tối thiểu 04", "Không quá 3"): a count of something
_BOUND_COUNT_CELL_RE = re.compile(r"\s*(?:it nhat|toi thieu|khong duoi|khong it hon|toi da|khong qua|khong vuot qua)\s+\d+\s*")
# A bare figure no share can be: a thousands point ("3.150"), or above a hundred and no year ("240", "1250")
_BEYOND_SHARE_CELL_RE = re.compile(r"\s*(?:\d{1,3}(?:\.\d{3})+|(?!100\b)[1-9]\d{2}|(?!19\d\d|20\d\d)[1-9]\d{3})\s*")


def _label_head(label: str) -> str | None:
    """What a row counts when its label opens with the noun ("Học sinh giỏi cấp tỉnh", "Trường mầm non đạt chuẩn",
    "Huy chương vàng quốc gia"): the unit of a cell that bounds a count ("Ít nhất 25", "Tối thiểu 04")."""
    words = re.sub(r"^[\d.\s)]*", "", fold(label)).split()
    nouns = {**_COUNT_UNITS, **_LABEL_NOUNS}
    return next((nouns[key] for n in (3, 2, 1) if (key := " ".join(words[:n])) in nouns), None)


_ROW_UNIT_RE = re.compile(r"\s(" + "|".join(sorted((re.escape(u) for u in {**_UNIT_CELLS, **_LABEL_NOUNS}), key=len, reverse=True))
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
    """The unit of a row's bare figures: its label's (:func:`_label_unit`), else the one the labels' heading gives every
    row (``of_all``); under such a heading a bracket that names no unit qualifies the row ("Trẻ suy dinh dưỡng (thể
    nhẹ cân)" under "Chỉ tiêu (%)")."""
    own = _label_unit(label)
    if of_all and own and _canonical_unit(own) not in {*_UNIT_CELLS.values(), *_COUNTED_NOUNS.values()}:
        own = None
    return of_all if own is None else own


# A cell that names whom its figure counts before it: "Mẫu giáo ≥ 98", "Trẻ 3 - 5 tuổi: 99", "Học sinh lớp 9: ≥ 95"
# (a colon or a bound parts them); the figure is the target
_WHOM_CELL_RE = re.compile(r"\s*(?:tre(?: em)?|mau giao|nha tre|hoc sinh|hs|lop|khoi)(?:\s+[a-z]+){0,3}"
                           r"(?:\s+\d{1,2}(?:\s*[-–]\s*\d{1,2})?(?:\s+tuoi)?)?(?:\s*:\s*|\s+(?=[≥≤<>]))")


# a sum of money as a row's unit: "Triệu đồng", "Tỷ đồng", "Nghìn đồng", "đồng", "VNĐ", "nghìn đồng/tháng" (not
# "đồng bào", people)
_MONEY_RE = re.compile(r"(?:(?:trieu|ty|nghin|ngan)\s*)?(?:dong|vnd)\b(?!\s*bao)|tr\.?\s*d\b|trd\b")


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
        row_unit = _UNIT_CELLS.get(re.sub(r"\s+", " ", fold(labels[-1]))) if len(labels) > 1 else None
        if not row_unit and unit_col and len(labels) > 1 and len(labels[-1]) <= 20 and re.search(r"[^\W\d_]", labels[-1]):
            row_unit = labels[-1]
        if row_unit:
            labels = labels[:-1]
        # (with the rest of a label a PDF wrapped under the row: "Học sinh bỏ học | 1,4 | ≤ 1,2" / "(%)")
        row_unit = row_unit or _own_or_headings_unit(" ".join(labels + [more]).strip(), group_unit or of_all)
        if row_unit is None and any(_BOUND_COUNT_CELL_RE.fullmatch(fold(c)) for _, c in cells[-k:]):
            row_unit = _label_head(" ".join(labels))   # "Học sinh giỏi cấp tỉnh | Ít nhất 25": pupils, counted
        elif row_unit is None and all(re.fullmatch(r"\s*(?:\d{1,4}|\d{1,3}(?:\.\d{3})+|[-–—x]?)\s*", c) for _, c in cells[-k:]) and (
                head := _label_head(" ".join(labels))) and (head not in _PEOPLE or all(
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
                m = _SLOT_RE.fullmatch(text.translate(_OCR_DIGITS))
            if text and not m and (whom := _WHOM_CELL_RE.match(fold(text))):
                m = _SLOT_RE.fullmatch(text[whom.end():])
            if fold(text) == "khong co" or fold(text) == "khong" and not row_unit and _FALLING_RE.search(
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
    rest = _scanned_figures(line).rstrip()   # "… 6O %   8O %": a scan's row, its figures as the folded text reads them
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
        row_unit = {**_UNIT_CELLS, **_LABEL_NOUNS}[re.sub(r"\s+", " ", unit.group(1))]
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


def _values_under_label(units: list[_Unit], m: int, k: int, unit_col: bool, of_all: str | None, counted: str | None,
                        group_unit: str | None):
    """A PDF row whose label wrapped and whose values stand on the line under its last words ("Học sinh tham" / "gia
    STEM" / "60% 80%": the values centred down a row two lines high), as :func:`_peel_slots` gives it; None when the
    line under the label holds anything but the row's values."""
    if m + 1 >= len(units) or "|" in units[m].line + units[m + 1].line or not re.search(r"[^\W\d_]", units[m].line) \
            or _SECTION_RE.match(units[m].line) or _year_cells(units[m].fline) or len(units[m].line.strip()) > 120:
        return None
    values = _peel_slots(units[m + 1].line, k, unit_col, of_all=of_all, counted=counted, group_unit=group_unit)
    if values is None or values[0].strip() or not all(slot for *_, slot in values[1]):
        return None
    label = re.sub(r"\s+", " ", units[m].line).strip()
    return label, values[1][-k:], values[2] or _label_unit(label)


def _peel_wrapped(L: _Lines, unit: _Unit, k: int, unit_col: bool, noted: bool = False):
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
    return label, row[1], row[2] or _label_unit(label)


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
    unit = _label_unit(base)
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
    nouns = {**_UNIT_CELLS, **_COUNT_UNITS, **_LABEL_NOUNS}
    f = re.sub(r"\s+", " ", fold(unit)).strip()
    if f in nouns:
        return nouns[f]
    # (a preschool's "Trẻ/nhóm, lớp": its nursery groups are its classes)
    if m := re.fullmatch(r"(.+?)\s*/\s*(?:nhom\s*[,/]?\s*)?lop", f):
        counted = nouns.get(m.group(1), unit.split("/")[0].strip())
        # rooms or teachers per class are a ratio of the school's means, no class size
        return f"{counted}/lớp" if counted in ("phòng", "giáo viên") else _per_class(counted)
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


def _cell_target(L: _Lines, label: str, slot: re.Match, year: int, cell: Source, row: _Unit, head: _Unit,
                 row_unit: str | None) -> list[ParsedTarget]:
    """The target(s) of one table cell: its value under the row's label and the column's (or row's) year."""
    flabel = fold(label)
    if _FORECAST_ROW_RE.match(flabel):
        return []
    if _SIZE_ROW_RE.fullmatch(flabel) and sum(bool(_GRADE_HEAD_RE.fullmatch(c)) for c in fold(head.line).split("|")) >= 2:
        return []
    if slot.group("lvl"):
        raw = slot.group("lv").lower()
        value, unit, kind = float(_ROMAN_VALUES.get(raw) or int(raw)), "mức", "lvl"
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
        unit = ("%" if written == "%" else {**_COUNT_UNITS, **_LABEL_NOUNS}.get(fold(written), written)) if written else row_unit or ""
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
        falling = bool(_FALLING_RE.search(flabel))
        cmp, value = ("<=", value) if falling else (">=", min(low, value))
    elif (lm := _LABEL_CMP_RE.search(flabel)) and kind != "lvl":
        cmp = "<=" if lm.group("le") else ">="
    else:
        if _MONEY_RE.match(fold(unit or "").strip()):
            # "Tổng vốn đầu tư … | Triệu đồng | 5.200", "Mức thu tiền ăn (nghìn đồng/tháng) | 25": money planned is a
            # means or a fee, a target only where bounded
            return []
        cmp = "="   # "Phổ cập giáo dục THCS | Mức độ 3", "Tỷ lệ … | 95%": no word bounds it
    cmp = _at_least(cmp, value, unit)
    unit = _canonical_unit(unit)
    if unit and slot.group("per"):
        unit = f"{unit}/trường"   # "Ít nhất 01 phòng/trường": in each school, not in all
    if unit in ("trẻ", "học sinh") and _PER_CLASS_RE.search(flabel):
        unit = f"{unit}/lớp"   # "Sĩ số trẻ mẫu giáo/lớp | Không quá 30 trẻ": children per class
    q = _Q(cell.start, cell.end, kind, value, unit)
    codes, iconf = _indicator(q, flabel, flabel)
    whole = Source(L.items[row.idx][0], row.start, row.start + len(row.line.rstrip()))
    hext = Extracted(date(year, 12, 31), Source(L.items[head.idx][0], head.start, head.start + len(head.line.rstrip())), 0.9)
    if "MAX_CLASS_SIZE" in codes:
        unit = _per_class(unit)
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


def _label_row(fline: str) -> bool:
    """A table row of column headings only, none of them a year: "STT | Nội dung | Đơn vị tính | Chỉ tiêu", or
    the same joined by spaces in a PDF's text layer (two headings at least: one alone is a cell of its own); a
    heading may name the unit of the rows' figures ("Nội dung (%)", see :func:`_heading_unit`)."""
    fline = _HEADING_UNIT_RE.sub(lambda m: m.group("label") if m.group("unit").strip() in _UNIT_CELLS else m.group(0),
                                 fline)
    if re.search(r"[a-z0-9%]", _TABLE_LABEL_RE.sub(" ", fline.replace("|", " "))):
        return False
    return "|" in fline or len(_TABLE_LABEL_RE.findall(fline)) >= 2


# A column heading that is a school level ("Tiểu học | THCS | THPT" under "Cấp học"), bare or after the word plans head
# a level's column with ("Cấp THCS", "Bậc tiểu học", "Khối THPT", "Khối lớp THCS"), written out or abbreviated with
# or without dots ("MN | TH | THCS", "T.H.C.S")
_LEVEL_ABBREVIATIONS = r"mn|th|t\.\s*h\.?|t\.\s*h\.\s*c\.\s*s\.?|t\.\s*h\.\s*p\.\s*t\.?|gd\s*mn|gd\s*th"
_LEVEL_CELL_RE = re.compile(r"\s*(?:(?:cap|bac|khoi)\s+(?:(?:hoc|lop)\s+)?)?(?:" + _LEVEL_WORDS + "|" + _LEVEL_ABBREVIATIONS
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
    r"|(?:tre|hoc sinh|hoc vien)\s+(?:" + _LEVEL_WORDS + r")|nhom tre|(?:lop\s+)?mau giao\s+(?:be|nho|lon)|lop\s+(?:mam|choi|la))\s*")
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


def _unit_line(fline: str) -> str | None:
    """The unit a line of its own names for the figures under it (see :data:`_UNIT_LINE_RE`), or None."""
    if _MARKS_CAPTION_RE.fullmatch(fline):
        return "điểm"
    return _UNIT_CELLS.get((m.group("unit") or m.group("named")).strip()) if (m := _UNIT_LINE_RE.fullmatch(fline)) else None


# a caption that calls the figures under it average marks: "Điểm trung bình thi tốt nghiệp THPT một số môn:"
_MARKS_CAPTION_RE = re.compile(r"\s*(?:[-+•*–]\s*)?diem (?:trung binh|binh quan)\b[^|%\d:;.]{0,80}:\s*")


def _heading_unit(fline: str) -> str | None:
    """The unit a table's heading row gives the bare figures of all its rows, in brackets after the labels' heading
    ("Chỉ tiêu (%) | Nhà trẻ | Mẫu giáo", "Chỉ tiêu đến năm 2030 (%) | Tiểu học | THCS"), or None; a row's own unit
    comes first."""
    for cell in fline.split("|")[:2]:
        if (m := _HEADING_UNIT_RE.fullmatch(cell)) and (_TABLE_LABEL_RE.fullmatch(m.group("label").strip())
                                                         or _HORIZON_LABEL_RE.fullmatch(m.group("label"))) \
                and (unit := _UNIT_CELLS.get(m.group("unit").strip())):
            return unit
    return None


# the unit a line above a table gives its bare figures: "2. Chỉ tiêu cụ thể (Đơn vị: %)", "Đơn vị tính: %"
_UNIT_NOTE_RE = re.compile(r"(?:^|[\s(])(?:don vi(?: tinh)?|dvt)\s*:\s*(?P<unit>[^()|:;,.]{1,12}?)\s*(?:\)|$)")


def _unit_above(L: _Lines, at: int) -> str | None:
    """The unit of a table's bare figures stated above it, on its caption or the numbered part it stands under
    (a paragraph on the targets may come between them), or None."""
    for i in list(L.nonblank(max(0, at - 6), at))[::-1]:
        if (m := _UNIT_NOTE_RE.search(L.fline(i))) and (unit := _UNIT_CELLS.get(m.group("unit").strip())):
            return unit
        if _NUMBERED_HEADING_RE.match(L.line(i)) or _SECTION_RE.match(L.line(i)):
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
        or _LAST_YEAR_COL_RE.fullmatch(c) or horizon and (y := _DATE_CELL_RE.fullmatch(c)) and int(y.group(1)) < horizon
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


def _table_targets(L: _Lines, units: list[_Unit], n: int, year_in_force: int | None = None,
                   plan_year: int | None = None, plan_month: int | None = None) -> tuple[list[ParsedTarget], int] | None:
    """Targets of a table whose columns are horizons, starting at ``units[n]``; (targets, units used).

    A table with one column of values and no year in its headings ("STT | Nội dung | Đơn vị tính | Chỉ tiêu")
    takes its year from a title row above its headings ("Chỉ tiêu phấn đấu năm 2026 | | |") or, failing
    that, from the heading in force (``year_in_force``: "2. Chỉ tiêu đến năm 2030" above the table)."""
    head = units[n]
    baseline = None
    years = _year_cells(head.fline) if ("|" in head.line or len(_YEAR_CELL_RE.findall(head.fline)) > 1) else None
    if years is None and "|" in head.line:
        years = _flattened_years(head.fline)
    used = 1
    headings = head
    wrapped = _wrapped_heading(units, n)
    if wrapped is not None:
        years, skip_wrapped, used = wrapped
    cell_unit, cell_trail, cell_skip = False, 0, 0   # unit, notes and baseline columns of a table laid one cell a line
    spread_past = None
    if years is not None and len(years) == 1 and n + 1 < len(units) and _label_row(units[n + 1].fline):
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
    elif years is None and year_in_force and _label_row(head.fline) and n + 1 < len(units) and (
            levels := _level_columns(units[n + 1].fline)):
        years, headings, used = [year_in_force] * levels, units[n + 1], 2   # "Cấp học" merged over the levels
    elif years is None and year_in_force and _label_row(head.fline):
        years = [year_in_force]
    elif years is None and (due := _due_column(head.fline)) is not None and any(
            re.fullmatch(r"\s*(?:chi tieu|muc tieu)\s*", c) for c in head.fline.split("|")) and (
            dues := [y for u in units[n + 1:n + 40] if "|" in u.line
                     if (y := _due_year(u.fline, due, head.fline.count("|") + 1))]):
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
            cell = _year_cells(u.fline)
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
                _heading_cell(u.fline) or _HEADING_BITS_RE.fullmatch(u.fline) or _year_cells(u.fline) is not None
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
    of_all = (_heading_unit(headings.fline) or (_unit_line(units[n - 1].fline) if n else None)
              or _unit_above(L, head.idx))
    # a PDF heading row joined by spaces that ends with a notes column: "TT Chỉ tiêu Năm 2026 Năm 2030 Ghi chú"
    noted = "|" not in headings.fline and bool(re.search(r"20\d\d\s+" + _TRAIL_COL_RE.pattern + "$", headings.fline))
    targets: list[ParsedTarget] = []
    m = n + used
    grouped_at = None
    due = _due_column(headings.fline) if k == 1 else None
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
        if "|" in units[m].line and _year_cells(units[m].fline):
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
                         and len(units[j].line.strip()) <= 100 and not _year_cells(units[j].fline)]
                # (not a part of the document numbered with its own horizon, "5. Tầm nhìn đến năm 2035", over a sentence
                # a PDF wrapped after its figure: the table has ended)
                # (a group heading that names its rows' unit, "Tỷ lệ trường đạt chuẩn quốc gia (%)", gives it to them)
                merged_unit = _group_unit(units[m].fline, units[m].line) if short[:1] == [m] else None
                merged_unit = merged_unit if merged_unit and row_at(m + 1, merged_unit) else None
                if short[:1] == [m] and (merged_unit or row_at(m + 1)) and not (
                        re.match(r"\s*\d+\s*[.)]\s", units[m].line) and _HORIZON_LINE_RE.match(units[m].fline)
                        and _horizon_of(units[m].fline, heading=True)):
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
                    and not _year_cells(units[m + step].fline) and "|" not in units[m + step].line \
                    and not _SECTION_RE.match(units[m + step].line) and _cells_row(units, m + step + 1, k, cell_unit, cell_skip):
                step += 1   # the row's note ("Năm 2025: 68%"), before the next row
        label = re.sub(r"^\d+\s*[.)]?\s+", "", row[0]).strip()
        if _BOUND_NOTE_RE.fullmatch(fold(note)):
            label = f"{label} ({note.strip()})"   # "… | 1 | 2 | Tối thiểu mỗi trường": the note bounds the row's figures
        own = _due_year(units[m].fline, due, headings.fline.count("|") + 1)
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
        counted = _label_unit(caption)
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


def _table_caption(units: list[_Unit], n: int) -> str | None:
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
_ROW_SUBJECTS = _PEOPLE | {"trường", "lớp", "trung tâm", "cơ sở", "điểm trường", "điểm lẻ", "doanh nghiệp"}


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
    if re.search(r"\d|%", re.sub(r"\b20\d\d\b", "", text)) or not _HORIZON_LINE_RE.match(text):
        return None
    return _horizon_of(text, heading=True)


def _group_unit(fline: str, line: str) -> str | None:
    """The unit a table's group row names in brackets at the end of its label, for the rows under it that name none
    ("II. Chất lượng giáo dục (%) | | |" over "Học sinh bỏ học | 0,6 | ≤ 0,5"); None for a group row without one,
    whose rows go back to naming their own."""
    cells = [c.strip() for c in line.split("|") if c.strip()]
    label = re.sub(r"^(?:[IVX]{1,4}|[A-Z]|\d{1,2})\s*[.)]?\s+", "", cells[-1]) if cells else ""
    return _label_unit(label) if label.endswith(")") and not re.search(r"\d", label) else None


def _group_row(fline: str) -> bool:
    """A group heading inside a Word table, in cells of its own ("A | QUY MÔ", "II | Chất lượng giáo dục | |"):
    no figure past its mark, so the rows go on under it."""
    cells = [c.strip() for c in fline.split("|")]
    return len(cells) > 1 and any(re.search(r"[^\W\d_]{2}", c) for c in cells[1:]) \
        and not any(re.search(r"\d", c) for c in cells[1:])


_HEADING_BITS_RE = re.compile(r"\s*(?:(?:nam|hoc|muc tieu|chi tieu|ke hoach|phan dau|[-–]|20\d\d)\s*)+")


def _wrapped_heading(units: list[_Unit], n: int) -> tuple[list[int], int, int] | None:
    """The years of a PDF heading row joined by spaces whose cells wrapped, the rest of them on the lines under it
    ("TT Nội dung ĐVT Năm học 2025 - Năm học 2027 -" over "2026 2028", "… Thực hiện 2025 Mục tiêu Mục tiêu 2030"
    over "2026", "… Năm học 2025 Năm" over "- 2026 học" and "2029"): every year of the heading and of those lines,
    in order (a school year's start and end paired, its end the horizon), the first ones the baseline columns the
    heading names ("Thực hiện", "Hiện trạng"); as (years, baseline columns, lines used)."""
    if "|" in units[n].line or not _TABLE_LABEL_RE.search(units[n].fline) or _TOP_PART_RE.match(units[n].fline):
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


def _cells_compound(L: _Lines, units: list[_Unit], m: int, k: int, years: list[int], head: _Unit):
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


def _cells_row(units: list[_Unit], m: int, k: int, unit_cell: bool, skip: int = 0):
    """A row of a table laid one cell a line, from ``units[m]``: an optional serial number ("1"), the label, the
    unit when the table has a unit column, ``skip`` baseline figures, then k values ("≥ 95%", "35", "Mức độ 2",
    "–"); as (index of the label, (label, slots, row unit), the units of the values), or None."""
    at = m
    if at < len(units) and re.fullmatch(r"\s*\d{1,2}\s*[.)]?\s*", units[at].line):
        at += 1
    if at >= len(units) or "|" in units[at].line or not re.search(r"[^\W\d_]", units[at].line) \
            or _SECTION_RE.match(units[at].line) or len(units[at].line.strip()) > 200:
        return None
    label = units[at].line.strip()
    first = at + 1
    row_unit = _label_unit(label)
    if unit_cell:
        if first >= len(units) or len(units[first].line.strip()) > 20:
            return None
        row_unit = _UNIT_CELLS.get(re.sub(r"\s+", " ", fold(units[first].line.strip())), units[first].line.strip())
        first += 1
    values = units[first:first + skip + k]
    if len(values) < skip + k:
        return None
    if row_unit is None:
        # "Trẻ em 5 tuổi hoàn thành chương" / "99,5" / "100" / "trình GDMN (%)": the label's end, under the row's
        # values (after a note, maybe), says their unit
        after = [u.line.strip() for u in units[first + skip + k:first + skip + k + 2]]
        after = after[:next((j for j, t in enumerate(after) if "|" in t or _SECTION_RE.match(t) or len(t) > 60
                             or re.fullmatch(r"\d{1,2}\s*[.)]?", t) or _SLOT_RE.fullmatch(t)), len(after))]
        row_unit = next((unit for j in range(len(after), 0, -1)
                         if (unit := _label_unit(f"{label} {after[j - 1]}"))), None)
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


def _transposed_targets(L: _Lines, units: list[_Unit], n: int, year_in_force: int | None = None,
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
            or any(_SLOT_RE.fullmatch(c) or _DATE_CELL_RE.fullmatch(fold(c)) for c in labels[1:]):
        return None   # a row of values under its serial number ("8 | Kiểm định … | Cấp độ 4 | Năm 2030"), no headings
    k = len(labels) - 1
    # (a heading that opens on what its column counts counts it: "Huy chương quốc gia (tối thiểu)" over "12")
    col_units = [u if (u := _label_unit(c)) is not None else _label_head(c) for c in labels[1:]]
    # (a column of named rows may name its own year: "Huy động ra lớp năm 2027 (%) | Huy động ra lớp năm 2030 (%)")
    col_years = [_horizon_of(fold(c), heading=True) for c in labels[1:]]
    # (or each named row its own year, in a column of its own: "Trường | Mức độ | Năm dự kiến" over "THPT A | 2 | 2028")
    due_col = _due_column("|".join(fold(c) for c in labels))
    planned = bool(_PLANNED_CAPTION_RE.match(fold(_table_caption(units, n) or "")))
    dated_cols = [c for c, label in enumerate(labels[1:], 1) if _YEAR_CELL_RE.search(fold(label))]
    past_cols = set(dated_cols[:_past_columns("|".join(fold(labels[c]) for c in dated_cols), [
        int(_YEAR_CELL_RE.search(fold(labels[c])).group(1)) for c in dated_cols], plan_year, plan_month)])
    # (and one among the horizons: "Lên lớp 2025-2026 | Lên lớp 2026-2027 | Tốt nghiệp 2025-2026 | Tốt nghiệp 2026-2027")
    past_cols |= {c for c in dated_cols if (span := re.search(r"20\d\d\s*[-–]\s*(20\d\d)", fold(labels[c])))
                  and _school_year_over(span, plan_year, plan_month)}
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
            col_units = [_UNIT_CELLS.get(fold(c).strip(), c.strip() or None) for _, c in cells[1:]]
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
            group = (label, _label_unit(label))
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
        own = _DATE_CELL_RE.fullmatch(fold(cells[due_col][1])) if whom and due_col else None
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


def _revision_targets(L: _Lines, units: list[_Unit], n: int, year_in_force: int | None = None
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
    due = next((k for k, c in enumerate(cells) if k > new and _DUE_COL_RE.fullmatch(c)), None)
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
            group_year = _horizon_of(u.fline, heading=True) or group_year
            m += 1
            continue
        col = new
        if _KEPT_CELL_RE.fullmatch(fold(row[new])):
            col = next((k for k in range(new - 1, label_at, -1) if row[k].strip()), new)
        text = row[col].strip()
        slot = _SLOT_RE.fullmatch(text) if text else None
        cell_year = _DATE_CELL_RE.fullmatch(fold(row[due])) if due is not None else None
        year = int(cell_year.group(1)) if cell_year else group_year or year_in_force
        if slot is not None and not slot.group("none") and year is not None:
            start = sum(len(c) + 1 for c in row[:col]) + len(row[col]) - len(row[col].lstrip())
            src = Source(L.items[u.idx][0], u.start + start, u.start + start + len(text))
            label = row[label_at].strip()
            targets += _cell_target(L, label, slot, year, src, u, head, _label_unit(fold(label)))
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


def _cells_year_rows(L: _Lines, units: list[_Unit], n: int) -> tuple[list[ParsedTarget], int] | None:
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
            unit = _label_unit(label)
            if _holds_nothing(slot, unit) or not _valid_slot(slot, unit or ""):
                continue
            lead = len(u.line) - len(u.line.lstrip())
            src = Source(L.items[u.idx][0], u.start + lead, u.start + len(u.line.rstrip()))
            targets += _cell_target(L, label, slot, year, src, u, units[n - k], unit or "")
    return targets, m - n


def _spaced_year_rows(L: _Lines, units: list[_Unit], n: int, plan_year: int | None = None,
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
                     _school_year_over(year, plan_year, plan_month)))
        m += 1
    if len(rows) < 2 or len({y for _, y, _, _ in rows}) != len(rows) or [y for _, y, _, _ in rows] != sorted(y for _, y, _, _ in rows) \
            or base_slots and len(base_slots) != len(rows[0][2]):
        return None
    heading = []
    for j in range(n - 1, max(n - 5, -1), -1):
        t = units[j].line.strip()
        if (base := _BASELINE_ROW_RE.match(units[j].fline)) and not heading and _row_slots(units[j].line[base.end():]):
            continue   # "Thực hiện 2025 99,8 99,6": the baseline row between the headings and the horizons
        if _SECTION_RE.match(t) or _LIST_START_RE.match(t) and not re.match(r"\d{1,2}\s", t) or t.endswith((":", ".")):
            break
        heading.insert(0, t)
    if not heading:
        return None
    label = " ".join(heading)
    label = re.sub(_loose(r"^(?:năm học|năm|lộ trình|thời gian)\s+"), "", label, flags=re.IGNORECASE)
    k = len(rows[0][2])
    # the headings' units in brackets, one a column: in order on a heading of one line; on wrapped headings (their
    # pieces no longer in column order) only when they are all the same
    brackets = [_UNIT_CELLS.get(fold(b).strip(), b.strip()) for b in re.findall(r"\(\s*(%|[^\W\d_][^()\d]{0,18})\s*\)", label)]
    units_of = [_label_unit(label) if k == 1 else None] * k
    if len(brackets) == k and (len(heading) == 1 or len(set(brackets)) == 1):
        units_of = brackets
    labels = [label] * k
    if len(heading) == 1 and len(tabbed := [c.strip() for c in re.split(r"\t+", heading[0])]) == k + 1:
        labels = tabbed[1:]   # text copied from a Word table: its cells separated by tabs, each column named
        units_of = [_label_unit(c) for c in labels]
    targets: list[ParsedTarget] = []
    for u, year, slots in ((u, year, slots) for u, year, slots, over in rows if not over):
        for (start, end, slot), unit, name in zip(slots, units_of, labels):
            if _holds_nothing(slot, unit) or not _valid_slot(slot, unit):
                continue   # a bare number whose column cannot be told: no unit, no target
            src = Source(L.items[u.idx][0], u.start + start, u.start + end)
            targets += _cell_target(L, name, slot, year, src, u, rows[0][0], unit or "")
    return targets, m - n


# ---------------------------------------------------------------------------- targets of a text
# A school-year plan's section on carrying out the Resolution ("III. THỰC HIỆN NGHỊ QUYẾT 71-NQ/TW", "PHẦN III. TRIỂN
# KHAI NGHỊ QUYẾT SỐ 71-NQ/TW ĐẾN NĂM 2030"): the figures the school sets itself under it, as section II does (not its
# results: "KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT" describes)
_RESOLUTION_PART_RE = re.compile(r"\s*(?:(?:trien khai\s+)?thuc hien|trien khai) nghi quyet\b")
# a plan's key tasks ("II. CÁC NHIỆM VỤ TRỌNG TÂM", "II. NHIỆM VỤ CHỦ YẾU NĂM HỌC 2026 - 2027")
_KEY_TASKS_RE = re.compile(r"\s*(?:cac\s+)?nhiem vu\s+(?:trong tam|chu yeu)\b")


# a clause that opens on its share, under the item's mark, its bound the only word before it
_SHARE_LED_RE = re.compile(r"\s*(?:(?:\d{1,2}|[a-zđ])\s*[.)]\s*|[-+•*–]\s*)?(?:(?:it nhat|toi thieu|tren|hon|khong duoi)\s+)?")


def extract_targets(text: str, *, _lines: _Lines | None = None, _sections=None, _end: int | None = None,
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
    L = _lines or _Lines(tidy(text))
    sections = _sections if _sections is not None else _sections_of(L)
    end = _end if _end is not None else len(L.items)
    goal = next(((n, s) for n, s in enumerate(sections) if s[3] == "muc_tieu"), None) or next(
        # a section on the way ahead whose first part names the targets ("B. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM HỌC 2026 - 2027"
        # / "1. Các chỉ tiêu chủ yếu năm học 2026 - 2027"): the targets' section, as "II. MỤC TIÊU" is
        ((n, s) for n, s in enumerate(sections) if s[3] == "nhiem_vu_giai_phap" and not _STATUS_SECTION_RE.search(fold(s[2]))
         and (first := next(L.nonblank(s[0] + 1), None)) is not None
         and (part := _TOP_PART_RE.match(L.fline(first))) and _GOAL_PART_RE.match(part.group(2))), None)
    later_goals: list[tuple[int, int]] = []   # sections of targets after a section of another kind
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
        # tiêu": the targets begin again there)
        resume = cut is not None and next((k for k in L.nonblank(cut + 1, goal_range[1])
                                           if (part := _TOP_PART_RE.match(L.fline(k))) and _GOAL_PART_RE.match(part.group(2))
                                           and len(part.group(2)) <= 60), None)
        goal_end = goal_range[1]
        goal_range = (goal_range[0], cut if cut is not None else goal_end)
        # a plan may state its aim first and its figures after its tasks ("II. MỤC TIÊU CHUNG", "III. NHIỆM VỤ
        # TRỌNG TÂM", "IV. CÁC CHỈ TIÊU CỤ THỂ"): a later section named for targets sets them as section II does
        later_goals = [(t[0], sections[k + 1][0] if k + 1 < len(sections) else end)
                       for k, t in enumerate(sections) if k > last and (t[3].startswith("muc_tieu")
                       or _RESOLUTION_PART_RE.match(fold(t[2]))) and not _STATUS_SECTION_RE.search(fold(t[2]))]
        if resume:
            later_goals.append((resume, goal_end))
        # a later section on tasks may give the figures a part of its own ("III. NHIỆM VỤ THỰC HIỆN NGHỊ QUYẾT 71" / "1.
        # Chỉ tiêu cụ thể", its table, then "2. Giải pháp"): that part sets targets as section II does
        for k, t in enumerate(sections):
            if k > last and t[3] == "nhiem_vu_giai_phap" and not _STATUS_SECTION_RE.search(fold(t[2])):
                stop = sections[k + 1][0] if k + 1 < len(sections) else end
                parts = [j for j in L.nonblank(t[0] + 1, stop) if _TOP_PART_RE.match(L.fline(j))]
                later_goals += [(a, b) for a, b in zip(parts, parts[1:] + [stop])
                                if _GOAL_PART_RE.match(name := _TOP_PART_RE.match(L.fline(a)).group(2)) and len(name) <= 60]
    later_goals += _attached_tables(L, sections, end)
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
    task_parts = [(s[0], sections[k + 1][0] if k + 1 < len(sections) else end)
                  for k, s in enumerate(sections) if s[3] == "nhiem_vu_giai_phap"]
    body_start = opening[0] if opening else end
    if not sections and (part := _numbered_goal(L, end) or _goal_line(L, end)):
        goal, goal_range, body_start = part, part, part[0]
    units = _units(L, 0, end, own_kind)
    if _appendix is not None:   # an appendix after the signature is read as section II is, its heading's year too
        units = [u for u in units if u.idx < _appendix] + _units(L, _appendix, len(L.items) if _appendix >= end else end,
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
                    and (year := _horizon_of(fline, heading=True)):
                # "I. MỤC TIÊU ĐẾN NĂM 2030": the section's own horizon, and that of a section that goes on with the
                # targets ("III. ĐỊNH HƯỚNG ĐẾN NĂM 2030")
                horizon = (year, i)
                latest = max(latest or year, year)
            continue
        if in_goal and (table := _revision_targets(L, units, n - 1, horizon[0] if horizon else None)
                        or _table_targets(L, units, n - 1, horizon[0] if horizon else plan_horizon, plan_year, plan_month)
                        or _spaced_year_rows(L, units, n - 1, plan_year, plan_month) or _cells_year_rows(L, units, n - 1)):
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
        if i in heading_idx or _NUMBERED_HEADING_RE.match(line) and len(fline.strip()) <= 80:
            debate = bool(_VIEWS_PART_RE.match(_LIST_MARK_RE.sub("", fline)))
            if debate:
                continue
        if debate and not _AGREED_RE.search(fline):
            continue   # what the members said of the draft, what they asked and what they were told, is no target yet
        if sections and i < sections[0][0] and re.match(r"\s*can cu\b", fline):
            continue   # the legal basis before the first section ("Căn cứ kết quả năm học 2025 - 2026: …") sets no targets
        if _NOTE_RE.match(fline):
            # a note explains the targets ("chỉ tiêu 3 tính trên 21 trường"), a footnote under them what a mark points
            # at ("(*) Theo Thông tư số 32/2020/TT-BGDĐT, mỗi lớp có không quá 45 học sinh"): they set none
            continue
        if (part := _STATUS_PART_RE.match(fline)) and (":" in fline[part.end():part.end() + 60] or (
                _NUMBERED_HEADING_RE.match(line) or _ARTICLE_RE.match(fline) or _mostly_upper(line))
                and len(fline.strip()) <= 80):
            # "1. Đặc điểm: …" describes, on its line; "1. Thực trạng" heads lines that describe, up to the next part,
            # as "THỰC TRẠNG" does in capitals, its number lost (a list pasted out of Word)
            situation = ":" not in fline[part.end():part.end() + 60] or not fline[part.end():].split(":", 1)[1].strip()
            continue
        if plan_year and _past_title(line, fline, plan_year, plan_month):
            situation = True   # "Bức tranh giáo dục phường năm 2025": a slide on a year gone by describes it
            continue
        if _NUMBERED_HEADING_RE.match(line) and len(fline.strip()) <= 160 and _QUOTED_PART_RE.match(_LIST_MARK_RE.sub("", fline)):
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
            past = _PAST_YEAR_RE.match(_LIST_MARK_RE.sub("", fline))
            # ("… với 525 học sinh thuộc" / "9 dân tộc …": a figure with no mark after it, opening the line after one
            # that ends no sentence, is the sentence wrapped, not a numbered part)
            wrapped = i > 0 and L.line(i - 1).strip() and re.match(r"\s*\d+\s+[^\W\d]", fline) \
                and not re.search(r"[.:;]\s*$", L.line(i - 1))
            if _NUMBERED_HEADING_RE.match(line) and not wrapped or _ARTICLE_RE.match(fline) or _SPECIFIC_GOALS_RE.match(fline) \
                    or _mostly_upper(line) and len(fline.strip()) <= 80 \
                    or _HORIZON_LINE_RE.match(fline) and not (
                    past and plan_year and int(past.group(2) or past.group(3)) <= plan_year - (0 if past.group(2) else 1)
                    or _MAKEUP_RE.match(_LIST_MARK_RE.sub("", fline))
                    or aim and len(fline.strip()) > 60):   # the aim's own sentence, not a stage's heading
                situation = aim = False
            else:
                continue
        qs = _quantities(fline, line)
        if "☐" in line:
            # a form's tick boxes: what an item left unticked offers ("☐ Đăng ký … kiểm định cấp độ 3") is not taken on
            # (the box an item is in is the last one before its figure)
            qs = [q for q in qs if max((line.rfind(box, 0, q.start), box) for box in "☐☑☒")[1] != "☐"]
        if in_goal and _unit_line(fline) == "%":
            shares_under = True
            continue
        shares_under = shares_under and bool(_SUB_ITEM_RE.match(line))
        if shares_under:
            qs = _headed_shares(fline, qs)
        # outside section II, a line that opens on a pledge or a period ("Ngoài các chỉ tiêu tại bảng trên, nhà
        # trường phấn đấu: …", "2. Giai đoạn 2026 - 2030: …") lists targets, not tasks
        pledge = None if in_goal else _PLEDGE_LINE_RE.match(fline)
        if pledge and pledge.group(1) and _school_year_over(pledge, plan_year, plan_month):
            pledge = None   # "Năm học 2025 - 2026: đạt 96%": a school year over, its results
        pledged = pledged if _SUB_ITEM_RE.match(line) else None
        if not in_goal and (head := _PLEDGE_HEAD_RE.match(fline)) and not _school_year_over(head, plan_year, plan_month):
            pledged = int(head.group(1))
        zeros = _zeros(fline, line, in_goal)
        prefix = _HORIZON_PREFIX_RE.match(fline)
        if in_goal and labelled and not prefix and _item_depth(line) <= labelled[1] and (
                _LIST_MARK_RE.match(line) or line.lstrip()[:1].isupper() and horizon
                and not _LIST_MARK_RE.match(L.line(horizon[1])) and re.search(r"[.!?]\s*$", units[n - 2].line)):
            # the next item beside a year-labelled one is back under the group's own year, and so is the next sentence
            # after a line of prose that a year labels ("Năm học 2026 - 2027: … 96%." / "Duy trì phổ cập …")
            horizon = labelled[0]
        group = labelled[0] if labelled and prefix else horizon   # a labelled item after another: the group's year
        before = labelled
        if prefix or not _LIST_MARK_RE.match(line) or labelled and _item_depth(line) <= labelled[1]:
            labelled = None
        if in_goal and prefix and fline[prefix.end():].strip() and _school_year_over(prefix, plan_year, plan_month) \
                and not re.search(r"\b(?:phan dau|chi tieu|muc tieu|ke hoach)\b", fline):
            # "Năm học 2025 - 2026: 30 lớp, 1.046 học sinh; đạt 38 giải …" in a plan of September 2026: the school year
            # was over when the plan was issued, every figure of the line is its result, a baseline; "Năm học 2025 -
            # 2026: kết quả" heads the results of that year, the lines under it describe
            situation = bool(re.fullmatch(r"\s*(?:ket qua|thanh tich)(?:\s+(?:dat duoc|noi bat))?\s*", fline[prefix.end():]))
            continue
        if in_goal and prefix:
            if fline[prefix.end():].strip() and _LIST_MARK_RE.match(line):
                # "- Năm 2027: 100% hồ sơ …" is one item labelled with its year, among items under "2. Giai đoạn 2026 -
                # 2030": the items after it beside it are the group's; a bare "Năm 2027:" heads the items under it
                labelled = (group, _item_depth(line))
            elif fline[prefix.end():].strip() and (before or _opens_items(units, n - 2)):
                # "- Lộ trình chuyển đổi số:" / "Năm 2027: 100% hồ sơ …" / "Năm 2028: …": unmarked year-labelled lines
                # are the steps of the item they follow; the next item beside that one is back under the group's year
                labelled = before or (group, _item_depth(units[n - 2].line))
            elif fline[prefix.end():].strip() and not fline.rstrip().endswith(":"):
                # "Năm 2028: xây xong 04 phòng học." holds its own targets on its line: the items after it ("- Tỷ lệ
                # trẻ ra lớp đạt 92% …") are the group's, not that year's, as beside a labelled item (any depth)
                labelled = (group, (len(line), len(_ITEM_MARKS)))
            horizon = (int(prefix.group(1)), i)
            latest = max(latest or 0, horizon[0])
        if not qs and not zeros:
            lead_cmp = None
            if in_goal and (lead := _LEAD_CMP_RE.search(fline)):
                # "Tỷ lệ học sinh đạt mức Hoàn thành tốt ít nhất:" / "+ lớp 1, 2, 3: 45%": the items' comparator
                lead_cmp = (next(cmp for pat, cmp, _ in _CMP_BEFORE if pat.search(lead.group(1))), _item_depth(line))
        elif lead_cmp and not (_SUB_ITEM_RE.match(line) and _item_depth(line) > lead_cmp[1]):
            lead_cmp = None   # the items under it are set deeper (indented, or another mark): "- … ít nhất:" / "+ …"
        if in_goal and not qs and not zeros:
            year = _horizon_of(fline, heading=True)
            short = len(fline.strip()) <= 120
            if year and short and (_HORIZON_LINE_RE.match(fline) or _AMENDING_LINE_RE.match(fline)):
                horizon = (year, i)
                if re.search(r"\b(?:chi tieu|muc tieu)\b", fline):
                    aimed = horizon
                latest = max(latest or year, year)
                # "b) Đến năm 2030" after "- Năm học 2026 - 2027: …" under "a) Đến hết năm 2026": a new group, whose
                # items are under its year, not back under the year the labelled item's group had
                labelled = None
            elif fline.rstrip().endswith(":") and (year := _horizon_of(fline, heading=False)):
                horizon = (year, i)   # "Ngoài các chỉ tiêu trên, đến năm 2030 nhà trường phấn đấu:"
                latest = max(latest or year, year)
            elif short and _NUMBERED_HEADING_RE.match(line) and not year and not re.search(r"\d", _LIST_MARK_RE.sub("", fline)) \
                    and not (horizon and fline.rstrip().endswith(":") and _number_depth(line) > _number_depth(L.line(horizon[1]))) \
                    and not _DEBATE_PART_RE.match(_LIST_MARK_RE.sub("", fline)):
                # "3. Các chỉ tiêu khác": a new group, its own years (a figure not read is no group); not "1.3. Tỷ lệ học
                # sinh tốt nghiệp:" under "1. Đến hết năm 2026", a point of that group opening its items; nor a meeting's
                # "3. Thảo luận" / "4. Kết luận của chủ tọa", which debate and settle the draft's targets, in its year
                horizon = tabled = None
            continue
        if not qs and not zeros:
            continue
        sentence = _LIST_MARK_RE.sub("", line).strip()
        phrases = _horizon_phrases(fline)
        if closing := [(m.start(1), int(m.group(2))) for m in _CLOSING_YEAR_RE.finditer(fline)
                       if not (plan_year and int(m.group(2)) < plan_year) and not any(abs(p - m.start(1)) <= 6 for p, _ in phrases)]:
            phrases = sorted(phrases + closing)
        if plan_year and plan_month and (this := [(m.start(), plan_year + (plan_month >= 8))
                                   for m in _THIS_SCHOOL_YEAR_RE.finditer(fline)]):
            phrases = sorted(phrases + this)   # "Năm học này 100% …" after "đến 2030 …": the school year in course
        if plan_year and plan_month and (month := [(m.start(), plan_year + (int(m.group(1)) < plan_month))
                                                   for m in _MONTH_NO_YEAR_RE.finditer(fline) if 1 <= int(m.group(1)) <= 12]):
            # "… ngay trong tháng 9" said in September 2026: this month, in the plan's year (a month gone by, next year's)
            phrases = sorted(phrases + month)
        if dated := [(m.start(), int(m.group(1))) for m in _MONTH_OF_YEAR_RE.finditer(fline)]:
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
            hext = horizon_for(own[0] if own else _quantity_horizon(phrases, _Q(start, stop, "cnt", 0, unit), lo, stop, fline))
            targets.append(ParsedTarget(
                # "không có học sinh bỏ học" is the count to keep, none: "= 0", as any figure no word bounds
                Extracted(code, src, 0.9 if code else 0.3), Extracted("=", src, 0.9), Extracted(0.0, src, 0.9),
                Extracted(unit, src, 0.8), hext, sent, line[start:stop], src,
                min(0.8, hext.confidence if hext.value else 0.5),
            ))
        prev: tuple[_Q, str, bool] | None = None
        for k, q in enumerate(qs):
            if not in_goal and _TIME_SPENT_RE.search(fline, 0, q.end) and q.unit.endswith(("/ngày", "/tuần", "/tháng", "/năm")):
                continue   # "(giải pháp:) tăng thời gian vận động lên ít nhất 60 phút/ngày": a means, not a result
            lo, hi = _clause_bounds(fline, line, qs, k)
            before, after = fline[lo:q.start], fline[q.end:hi]
            seg = max(fline.rfind(";", 0, q.start), fline.rfind(". ", 0, q.start)) + 1
            if _VOTE_BEFORE_RE.search(fline, seg, q.start) or _VOTE_AFTER_RE.match(fline, q.end):
                continue   # a meeting's attendance and vote ("có mặt 44/46, vắng 02", "43/44 tán thành, đạt 97,7%")
            if q.kind == "cnt" and q.unit in _PEOPLE and re.search(r"\bcu\s+$", fline[seg:q.start]):
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
            if q.kind == "cnt" and (said_before(fline, q) or any(pat.match(fline[q.end:]) for pat, _ in _CMP_AFTER)) and any(
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
            if _is_status(fline, q, plan_year, plan_month) or _BASELINE_RE.search(fline[:q.start]) and \
                    _RISE_TO_RE.match(fline[q.end:]) or _DONE_RE.search(line, seg, q.start):
                continue   # "tăng từ 40% lên 60%": 40% is where it starts; "đã thành lập 3 câu lạc bộ": done
            # "Tỷ lệ học sinh lưu ban: chỉ tiêu đã giao dưới 1,5% - chỉ tiêu điều chỉnh: dưới 1%": the adjusted figure's
            # clause names no indicator, the item's label before the figure it replaces does
            revised = re.match(r"[\s,:;()–-]*(?:chi tieu\s+|muc tieu\s+)?(?:dieu chinh|giu nguyen)\b", before)
            codes, iconf = _indicator(q, fline[seg:q.start] if revised else before, after)
            cmp, cconf, said = _comparator(fline[:q.start], fline[q.end:], q)
            if not said and (rule := re.search(r"\b(khong vuot qua|khong qua|khong duoi|it nhat|toi thieu)\s+(?:muc\s+)?"
                                               r"(?:quy dinh|dinh muc)\b[^();.]*\([^()\d]*$", fline[seg:q.start])):
                # "không vượt quá quy định tối đa của Điều lệ (mẫu giáo 35 trẻ/lớp)": the bound is on the rule, which
                # the bracket spells out
                cmp, cconf, said = _comparator(rule.group(1), "", q)
            if not said and (bound := _THAT_IS_BOUND_RE.search(fline, seg, q.start)):
                # "ít nhất một nửa, tức 50% giáo viên …": the figure spells out the words the bound was said on
                cmp, cconf, said = _comparator(bound.group(1), "", q)
            if not said and not fline[:q.start].strip() and (bound := _CAPTION_BOUND_RE.search(fline, q.end)):
                # a slide's figure over its caption, the bound last: "35" / "học sinh/lớp - sĩ số tối đa", "0,5%" /
                # "học sinh bỏ học - dưới"
                cmp, cconf, said = _comparator(bound.group(1), "", q)
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
                cmp, cconf, said = _at_least(prev[1], q.value, q.unit), 0.7, True
            if relative:
                cmp, cconf, said = "=", 0.7, True   # "tăng 10% so với năm 2025": the change to make, as written
            if not said and lead_cmp:
                cmp, cconf, said = _at_least(lead_cmp[0], q.value, q.unit), 0.7, True
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
            opening = (mark.end() if (mark := _LIST_MARK_RE.match(fline)) else len(fline) - len(fline.lstrip()))
            # ("4. Chuyển đổi số: đến năm 2030, …": a task's short name and its colon before the deadline)
            if named := _TASK_NAME_RE.match(fline, opening):
                opening = named.end()
            own = not in_goal and (q.kind == "pct" or said or codes) and any(
                (seg <= p or p == opening and not re.search(r"\.\s", fline[p:q.start])) and p < hi
                and (plan_year is None or y >= plan_year) for p, y in _deadlines(fline)
                + [(m.start(), int(m.group(1))) for m in _BY_YEAR_RE.finditer(fline, q.end)]
                # "trong năm học 2026 - 2027 100% giáo viên …": the school year ahead, not one over when it was written;
                # "Giai đoạn 2026 - 2030, tuyển dụng ít nhất 3.000 giáo viên": by the period's end (for a share, a level
                # or a bound only: "đầu tư 04 phòng học trong năm 2027" is work to do, "đạt chuẩn quốc gia mức độ 2
                # trong năm học 2026 - 2027" a result)
                + [(m.start(), int(m.group(1))) for m in [*_WITHIN_YEAR_RE.finditer(fline), *_SCHOOL_YEAR_CLAUSE_RE.finditer(fline)]
                   if (q.kind in ("pct", "lvl") or cmp != "=") and not _school_year_over(m, plan_year, plan_month)]
                + [(m.start(), int(m.group(1))) for m in _PERIOD_RE.finditer(fline) if q.kind == "pct" or cmp != "="])
            # ("Phấn đấu hằng năm có ít nhất 03 giáo viên đạt giáo viên dạy giỏi cấp tỉnh": what the plan strives for,
            # with its bound written, is a target among the tasks too)
            own = own or not in_goal and said and cmp != "=" and re.search(r"\bphan dau\b[^;]*$", fline[seg:q.start])
            # ("3. 100% giáo viên được bồi dưỡng kỹ năng chuyển đổi số; ít nhất 60% học sinh lớp 9 đạt …": an item of
            # the tasks section whose clause opens on the share states a result, not a means; "Tổ chức cho 100% học
            # sinh …" is the work)
            own = own or not in_goal and q.kind == "pct" and any(a < i < b for a, b in task_parts) \
                and bool(_LIST_MARK_RE.match(fline)) and bool(_SHARE_LED_RE.fullmatch(fline, seg, q.start))
            if not in_goal and not (codes and said) and not own and not pledge and not pledged:
                continue
            if not in_goal and q.kind == "cnt" and re.search(
                    r"\bmoi\s+(?:doan vien\s+)?(?:giao vien|doan vien|dang vien|can bo|nhan vien|to(?:\s+chuyen mon)?|khoi(?:\s+lop)?"
                    r"|chi doan|phong ban)\b[^;.]*$", fline[seg:q.start]):
                continue   # "mỗi đoàn viên giáo viên nhận giúp đỡ ít nhất 01 học sinh": a quota of work among the tasks
            value, unit = q.value, q.unit
            if q.high is not None and (not said or cmp == "="):   # "80 - 85%", "đạt 80 - 85%"
                falling = _FALLING_RE.search(fline[lo:hi])
                cmp, cconf = ("<=", 0.8) if falling else (">=", 0.8)
                value = q.high if falling else q.value
            elif q.high is not None and cmp in ("<", "<="):
                value = q.high   # "giảm còn 3 - 5 học sinh", "không quá 1 - 2%": a ceiling is the range's top
            if "MAX_CLASS_SIZE" in codes:
                unit = _per_class(unit)
            elif unit in ("học sinh", "trẻ") and (each := re.search(r"\bmoi\s+(lop|nhom|phong)\b[^;.]*$", fline[seg:q.start])):
                unit = f"{unit}/{'phòng' if each.group(1) == 'phong' else 'lớp'}"   # "mỗi phòng ở bán trú không quá 8 học sinh"
            elif unit in ("học sinh", "trẻ") and cmp in ("<", "<=") and re.match(
                    r"\s*(?:[-+•*–]\s*)?(?:cac\s+)?lop\b(?!\s*\d)", fline[seg:q.start]):
                unit = f"{unit}/lớp"   # "lớp ghép ở điểm lẻ không quá 25 trẻ": a clause about a class bounds its size
            # under a heading's year, or the plan's own, a year later on the line past a semicolon is another clause's
            # ("trẻ 5 tuổi ra lớp duy trì 100%; trẻ mẫu giáo đạt 96% vào năm 2027")
            own_year = (_year_label(fline, q) or _quantity_horizon(phrases, q, lo, hi, fline if in_goal and (horizon or plan_horizon or aimed or plan_due) else None, qs)
                        or _row_deadline(fline, q)
                        or (plan_period if plan_period and _PERIOD_END_RE.search(fline[lo:hi]) else None))
            if own_year and in_goal and horizon and any(
                    int(m.group(2)) == own_year and _started_by(fline, m.start(1), horizon[0])
                    for m in _FROM_SCHOOL_YEAR_RE.finditer(fline, lo, hi)):
                own_year = horizon[0]   # "Đến hết năm 2026" / "- Từ năm học 2026 - 2027, 100% …": due by the heading's year
            hext = horizon_for(own_year or (int(prefix.group(1)) if prefix else None)
                               or (int(pledge.group(1)) if pledge and pledge.group(1) else None) or pledged)
            src = Source(L.items[i][0], u.start + q.start, u.start + q.end)
            label = re.sub(r"^[\s,:;–-]+|[\s,:;–-]+$", "", line[lo:hi]).strip()
            label = re.sub(r"^(?:và|hoặc)\s+", "", _LIST_MARK_RE.sub("", label)) or sentence
            for code in codes or [None]:
                conf = min(iconf, cconf, 0.95, hext.confidence if hext.value else 0.5)
                if not in_goal:
                    conf = min(conf, 0.6)
                targets.append(ParsedTarget(
                    Extracted(code, src, iconf), Extracted(cmp, src, cconf), Extracted(value, src, 0.95),
                    Extracted(unit, src, 0.9), hext, sent, label[:2000], src, round(conf, 2),
                ))
        if in_goal and fline.rstrip().endswith(":") and (year := _horizon_of(re.split(r"[.;]\s", fline)[-1], heading=False)):
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


def _as_the_meeting_changed(L: _Lines, targets: list[ParsedTarget]) -> list[ParsedTarget]:
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
    if len(s) > 60 or not line.lstrip()[:1].isupper() or _LIST_MARK_RE.match(line) or re.search(
            r"[:;.,%()|]|\b(?:muc tieu|chi tieu|phan dau|ke hoach|nhiem vu|phuong huong|giai phap|den|toi|du kien|du bao"
            r"|dinh huong|tam nhin|lo trinh|can dat)\b", s):
        return False
    years = list(_PAST_YEAR_RE.finditer(s))
    if not years or re.search(r"\d", re.sub(r"\b(?:lop|khoi)\s+\d{1,2}\b", " ", _PAST_YEAR_RE.sub(" ", s))):
        return False   # (a grade is no figure: "… thi vào lớp 10 năm 2026")
    results = s.startswith("ket qua")
    return all(int(m.group(3)) < plan_year + results if m.group(3) else
               int(m.group(2)) < plan_year or int(m.group(2)) == plan_year and (plan_month or 0) >= 6 for m in years)


def _school_year_over(prefix: re.Match, plan_year: int | None, plan_month: int | None) -> bool:
    """Whether a line's school-year label ("Năm học 2025 - 2026:") names a school year over when the plan was issued:
    one ending before the plan's year, or in it when the plan was issued from June on (a school year's lessons end
    in May)."""
    if plan_year is None or not re.search(r"\bnam hoc\b|20\d\d\s*[-–]\s*20\d\d", prefix.group(0)):
        return False
    end = int(prefix.group(1))
    return end < plan_year or end == plan_year and plan_month is not None and plan_month >= 6


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
                                       and not _FALLING_RE.search(fold(t.text)) and rises(t))]


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
_TASKS_PART_RE = re.compile(r"^\s*(?:\d+|[a-h])\s*[.)]\s*(?:(?:cac|nhung)\s+)?(?:nhiem vu|giai phap|to chuc thuc hien)\b[^\d%:]{0,60}$")
_TOP_PART_RE = re.compile(r"^\s*(\d{1,2})\s*[.)]\s+(\S.*)$")
_GOAL_PART_RE = re.compile(r"(?:cac\s+)?(?:muc tieu|chi tieu)\b")


def _numbered_goal(L: _Lines, end: int) -> tuple[int, int] | None:
    """[heading, next part) of the targets' part of a plan whose parts are numbered "1.", "2.", … instead of Roman
    numerals ("1. Quy mô và điều kiện", "2. Mục tiêu đến năm 2030", "3. Giải pháp"): a heading of its own (short,
    no figure but years) naming targets, up to the next part's heading; the parts before it describe, those after
    it are read as outside section II is. None when there is no such part. A heading written again further on was
    listed in an agenda the first time ("NỘI DUNG TRÌNH BÀY" / "1. …" / "2. …" on a deck's second slide): the part
    is where it is written again."""
    heads = []
    for i in L.nonblank(0, end):
        m = _TOP_PART_RE.match(L.fline(i))
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


def _without_agenda(L: _Lines, heads: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
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


def _goal_line(L: _Lines, end: int) -> tuple[int, int] | None:
    """[line, end) of the targets of a short plan without parts, opened by a line of its own naming them ("Chỉ tiêu
    năm học:", "Các chỉ tiêu cụ thể như sau:"): what comes before it (the school's classes, pupils and staff this
    year) describes. None when no such line opens a list."""
    for i in L.nonblank(0, end):
        f = _LIST_MARK_RE.sub("", L.fline(i)).strip()
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
        code = next((c for c, pat in _INDICATOR_RULES if pat.search(clause)), None)
        named = "noun" if m.group("noun") else "cleared"
        unit = "vụ" if m.group("event") or m.group("harm") else _COUNT_UNITS.get(m.group(named)) or line[m.start(named):m.end(named)].lower()
        found.append(((m.start(), stop), code, unit))
    if not in_goal:
        return found
    # "0 - học sinh bỏ học": a slide's zero set before its caption, none at all
    if (m := _ZERO_CAPTION_RE.match(fline)) and not any(a < m.end() and m.start() < b for (a, b), _, _ in found):
        stop = next((x.start() for x in re.finditer(r"[,;.]|\bva\b", fline) if x.start() > m.end()), len(fline.rstrip()))
        code = next((c for c, pat in _INDICATOR_RULES if pat.search(fline[m.start():stop])), None)
        found.append(((m.start(), stop), code, _COUNT_UNITS.get(m.group("noun"), m.group("noun"))))
    # "Học sinh bỏ học: tiểu học không có, THCS dưới 0,5%": a school level's value, none, in a line that names what
    # should fall to none
    if (colon := fline.find(":")) > 0 and _FALLING_RE.search(label := fline[:colon]):
        code = next((c for c, pat in _INDICATOR_RULES if pat.search(label)), None)
        for m in _NONE_AT_LEVEL_RE.finditer(fline, colon):
            if not any(a < m.end() and m.start() < b for (a, b), _, _ in found):
                found.append(((m.start("level"), m.end()), code, "vụ" if "bao luc" in label else "%"))
        # "HS bỏ học: 0": the label's value a bare zero, the whole item (a count's zero, "Số vụ …: 0", is read as a count)
        if not found and re.fullmatch(r"\s*0\s*[.;]?\s*", fline[colon + 1:]) and not re.search(r"\bso\s+vu\b", label):
            mark = _LIST_MARK_RE.match(fline)
            found.append(((mark.end() if mark else 0, len(fline.rstrip(" .;"))), code, "vụ" if "bao luc" in label else "%"))
    return found


def _opens_items(units: list[_Unit], k: int) -> bool:
    """Is unit ``k`` a list item that ends on a colon with no figure of its own ("- Lộ trình chuyển đổi số:")?"""
    return k >= 0 and bool(_LIST_MARK_RE.match(units[k].line)) and units[k].fline.rstrip().endswith(":") \
        and not re.search(r"\d", units[k].fline)


def _sections_of(L: _Lines):
    return _sections(L)

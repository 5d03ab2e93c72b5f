"""The line model and text helpers every reader stands on: fold, the accent-folded, lower-cased copy of the *same
length* (one character → one character, so spans found in the folded copy are valid in the original, and typos in
diacritics such as *chuyên đổi số* do not defeat keyword rules); Lines, a text's lines with their folded copies;
tidy, which undoes the breaks and spaces extraction leaves; and the OCR figure repairs. Its own module because it
needs none of the readers and all of them need it.
"""
from __future__ import annotations

import re
import unicodedata

from plans.domain.importer.model import Source


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


def loose(pattern: str) -> str:
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


def scanned_figures(text: str) -> str:
    """``text`` with the letters a scan put in its figures read as the digits they stand for ("6O %" "60 %", "l2 phòng"
    "12 phòng"), as the folded copy of :class:`Lines` reads them; one character for one."""
    folded = fold(text)
    if not _OCR_HINT_RE.search(folded):
        return text
    read = _OCR_ZERO_RE.sub("0", _OCR_ONE_RE.sub("1", folded))
    return "".join(r if r != f else t for t, f, r in zip(text, folded, read))


class Lines:
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


def mostly_upper(text: str, share: float = 0.8) -> bool:
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


# a school year or a period a line break cut at its dash: "… năm học 2026 -" / "2027.", "giai đoạn 2026" / "- 2030"
_CUT_RANGE_RE = re.compile(r"\b20\d\d\s*[-–]\s*$")
_CUT_RANGE_END_RE = re.compile(r"[-–]\s*20\d\d\b")


def cut_range(before: str, line: str) -> bool:
    """Whether ``line`` goes on with a year range ``before`` was cut in ("2026 -" / "2027", "2026" / "- 2027")."""
    s = line.lstrip()
    # (not a table's headings whose school years a PDF wrapped: "Năm học 2026 - Năm học 2028 -" / "2027 2029")
    return bool(_CUT_RANGE_RE.search(before) and re.match(r"20\d\d\b(?!\s*[-–]?\s*20\d\d)", s)
                or re.search(r"\b20\d\d\s*$", before) and _CUT_RANGE_END_RE.match(s))

"""A PDF page's tables read from where their text stands (pure: positioned pieces of text in, text out).

A PDF's text layer keeps no table: a row becomes a line of words joined by spaces, and a heading cell that wraps
inside its narrow column spreads its words over the lines under the row, where nothing tells which column a word
belongs to ("Tỷ Tỷ lệ Số" / "lệ học phòng" / "trẻ sinh học"). Where each piece of text stands does: the pieces of
a line fall into columns with empty space between them, the same columns line after line. A block of such lines
is rewritten as a Word table is read (one line per row, its cells joined by " | ", a wrapped cell's lines joined
back into it), so the parser reads a PDF's table as it reads a Word table's.

A line continues the row above it (a cell that wrapped) only when every piece of it stands in a column whose cell
is not empty yet and is the next word of that cell: the cell's last line and that word would not have fitted in the
column (a word processor wraps a cell's text only then); values under values, or under headings, start a new row.
Table styles that stand short cells halfway down their row are allowed for: the headings' lines above the widest
one, and a label's first line alone above its values. A line of one piece that starts no row is a group heading
across the table when a row follows it, else (a paragraph after the table) the table's end. Anything this cannot
place leaves the page's text as the reader gave it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

#: Empty space wider than this many spaces between two pieces of a line separates two cells.
CELL_GAP_SPACES = 1.2
#: The widest space between a cell's text and the next column's that a word processor leaves, in spaces.
CELL_MARGIN_SPACES = 3.5


@dataclass(frozen=True)
class Fragment:
    """A piece of text as the page draws it: its left and right edges, its baseline, its text, the width of a
    space in its font and the height of its font (page units)."""

    x0: float
    x1: float
    y: float
    text: str
    space: float
    height: float


@dataclass
class _Span:
    x0: float
    x1: float
    text: str
    space: float
    pieces: list[int] = field(default_factory=list)   # indices of its fragments in drawing order


@dataclass
class _Line:
    y: float
    spans: list[_Span]
    height: float = 0.0   # of its tallest font


@dataclass
class _Block:
    first: int                   # index of its first line
    end: int                     # index after its last line
    rows: list[list[str]]        # the cells of each row
    cols: list[list[float]] = field(default_factory=list)   # each column's left and right edges


def _lines(fragments: list[Fragment]) -> list[_Line]:
    """The page's visual lines, top down, each its pieces left to right, pieces closer than a cell gap joined."""
    order = sorted(range(len(fragments)), key=lambda k: (-fragments[k].y, fragments[k].x0))
    groups: list[list[int]] = []
    for k in order:
        f = fragments[k]
        if groups and abs(fragments[groups[-1][0]].y - f.y) < max(f.height, 1.0) * 0.5:
            groups[-1].append(k)
        else:
            groups.append([k])
    lines = []
    for group in groups:
        group.sort(key=lambda k: fragments[k].x0)
        spans: list[_Span] = []
        for k in group:
            f = fragments[k]
            if not f.text.strip():
                continue
            if spans and f.x0 - spans[-1].x1 < CELL_GAP_SPACES * max(f.space, spans[-1].space, 0.1):
                s = spans[-1]
                glue = " " if f.x0 - s.x1 > 0.15 * f.space and not s.text.endswith(" ") and not f.text.startswith(" ") else ""
                s.text += glue + f.text
                s.x1 = max(s.x1, f.x1)
                s.pieces.append(k)
            else:
                spans.append(_Span(f.x0, f.x1, f.text, f.space, [k]))
        for s in spans:
            s.text = re.sub(r"\s+", " ", s.text).strip()
        if spans:
            lines.append(_Line(fragments[group[0]].y, spans, max(fragments[k].height for k in group)))
    return lines


def _place(spans: list[_Span], cols: list[list[float]], new_columns: bool) -> list[int] | None:
    """The column of each span, or None when one stands across two columns (or, unless ``new_columns``, outside
    every column); with ``new_columns`` a span in the empty space between columns opens a column of its own."""
    out = []
    for s in spans:
        hits = [c for c, (a, b) in enumerate(cols) if s.x0 < b and a < s.x1]
        if len(hits) == 1:
            out.append(hits[0])
        elif not hits and new_columns:
            out.append(-1)
        else:
            return None
    taken = [c for c in out if c >= 0]
    return out if len(taken) == len(set(taken)) else None   # two pieces of a line in one cell: other columns


def _widen(cols: list[list[float]], spans: list[_Span], placed: list[int]) -> list[list[float]] | None:
    """The columns widened to hold the spans (a new one where placed is -1), or None when two would touch."""
    cols = [list(c) for c in cols]
    for s, c in zip(spans, placed):
        if c < 0:
            cols.append([s.x0, s.x1])
        else:
            cols[c] = [min(cols[c][0], s.x0), max(cols[c][1], s.x1)]
    cols.sort()
    if any(b[0] <= a[1] for a, b in zip(cols, cols[1:])):
        return None
    return cols


# A cell that is one value ("≥ 99,7", "100", "35 phòng", "Mức độ 2", "–"): a value under it is the next row's (a
# word processor may carry a value's unit onto the next line, "4" / "phòng", never a second value).
_VALUE_RE = re.compile(r"(?:(?:[≥≤<>=]|(?i:từ|trên|dưới|đạt|tối thiểu|tối đa|ít nhất|không (?:quá|vượt quá|dưới|thấp hơn|ít hơn)))\s*)?\d[\d.,/]*\s*(?:%|[^\W\d_]+(?:/[^\W\d_]+)?)?|(?i:mức|mức độ|cấp độ)\s*(?:\d|[IV]+)|[–—-]|x")

# A year or the rest of a period a heading wrapped ("Giai đoạn 2026" / "- 2027"): no value.
_PERIOD_RE = re.compile(r"(?:[-–]\s*)?20\d\d")
# What a cell may begin a value with, the value itself on the line under it.
_PREFIX_RE = re.compile(r"[≥≤<>=]|(?i:từ|trên|dưới|đạt|tối thiểu|tối đa|ít nhất|không (?:quá|vượt quá|dưới|thấp hơn|ít hơn)"
                        r"|mức|mức độ|cấp độ)")

# A table's caption ("Bảng 3. Lộ trình …", "Biểu 2: …", "Phụ lục I"), centred above it: none of its headings.
_CAPTION_RE = re.compile(r"(?i:bảng|biểu|phụ lục)\s+(?:số\s+)?(?:\d+|[IVX]+)\b")

_ITEM_RE = re.compile(r"(?:\d+(?:\.\d+)*\.|[IVX]+\.|[A-ZĐ]\.|[a-zđ]\)|[-+•])\s")   # ("A. Chuyển đổi số": a group row)


def _item(spans: list[_Span], placed: list[int] | None, row: dict[int, list[_Span]]) -> bool:
    """Whether a line of one piece starts a numbered or bulleted item ("2. Chỉ tiêu khác", "- Tỷ lệ …") rather than
    end a cell of the row above: a period's end under the cell that began it ("Năm học 2025" / "- 2026") is no item."""
    if len(spans) != 1 or not _ITEM_RE.match(spans[0].text):
        return False
    above = row.get(placed[0]) if placed and placed[0] >= 0 else None
    return not (above and _PERIOD_RE.fullmatch(spans[0].text) and re.search(r"20\d\d$", above[-1].text))


def _full(last: _Span, span: _Span, width: float) -> bool:
    """Whether a cell's line ``last`` and the first word of ``span`` would have overrun the column's width: the
    word was wrapped onto the next line, so ``span`` goes on with the same cell."""
    word = span.text.split(" ", 1)[0]
    blanks = span.text.count(" ")
    word_w = (span.x1 - span.x0 - blanks * span.space) * len(word) / max(len(span.text) - blanks, 1)
    return (last.x1 - last.x0) + last.space + word_w > width - 1.5 * last.space


def _valued(span: _Span) -> bool:
    return bool(_VALUE_RE.fullmatch(span.text)) and not _PERIOD_RE.fullmatch(span.text)


def _ends_on_bound(cell: list[_Span]) -> bool:
    """Whether a cell's lines so far end on a bound or a level's word, its figure still to come ("≤", "Mức độ",
    "không" / "quá" on lines of their own)."""
    return bool(re.search(r"(?:^|\s)(?:" + _PREFIX_RE.pattern + r")$", " ".join(x.text for x in cell)))


def _goes_on(spans: list[_Span], placed: list[int], row: dict[int, list[_Span]], cols: list[list[float]],
             heading: bool = False) -> bool:
    """Whether a line's spans go on with the cells of ``row`` (the row above, its spans by column) rather than start
    a row of their own (``placed`` and ``row`` number the columns known before the line, ``cols`` holds the line's
    own too: the room a cell had is up to the next column, even one that only this line shows). Under ``heading`` (the table's first row, above its first row of values) a line without
    values may also start cells still empty: a table style that centres its headings halfway down the row starts a
    short heading on a later line than a long one."""
    if _item(spans, placed, row):
        return False   # "2. Chỉ tiêu khác" under the table: a numbered item starts a paragraph, it goes on no cell
    heading = heading and sum(_valued(s) for s in spans) < 2   # ("IELTS" / "5.0 trở lên": a heading's words)
    # values under headings ("Năm 2026 | 100% | ≥ 50%" under "Lộ trình | Học bạ số | …") are a row of their own,
    # unless they end what the cell above began ("≤" / "0,3%", "Mức độ" / "2", "Giai đoạn 2026" / "-")
    values = sum(_valued(s) and not (c >= 0 and row.get(c) and _ends_on_bound(row[c]))
                 and not (c >= 0 and row.get(c) and re.search(r"20\d\d$", row[c][-1].text) and s.text[0] in "-–")
                 for s, c in zip(spans, placed))
    if values >= 2:
        return False
    gaps = [b[0] - a[1] for a, b in zip(cols, cols[1:])]
    # the cells' margins: the narrowest gap between two columns (one filled to its edge), no wider than a word
    # processor's (Word's are 0.19 cm a side)
    pad = min(gaps + [CELL_MARGIN_SPACES * spans[0].space])
    for s, c in zip(spans, placed):
        if heading and (c < 0 or not row.get(c)):
            continue   # a centred heading's first line
        if c < 0 or not row.get(c):
            return False   # a cell that was empty on the row's first line does not wrap
        if _VALUE_RE.fullmatch(" ".join(x.text for x in row[c])) and _VALUE_RE.match(s.text):
            return False
        if _ends_on_bound(row[c]) and _valued(s):
            continue   # "không quá" / "45": a bound's figure, whatever room the cell had left
        w = next(k for k, (a, b) in enumerate(cols) if s.x0 < b and a < s.x1)
        room = (cols[w + 1][0] - pad if w + 1 < len(cols) else cols[w][1]) - cols[w][0]
        if not _full(row[c][-1], s, room):
            return False
    return True


def _label_goes_on(spans: list[_Span], placed: list[int], row: dict[int, list[_Span]], cols: list[list[float]]) -> bool:
    """Whether a line goes on with a row whose first lines hold its label alone: the label's next word, and the
    row's values beside it (a table style that stands short cells halfway down their row)."""
    filled = [c for c, cell in row.items() if cell]
    if len(filled) != 1 or len(placed) != len(spans) or placed.count(filled[0]) != 1 or len(spans) < 2:
        return False
    label = filled[0]
    s = spans[placed.index(label)]
    if any(c != label and c >= 0 and row.get(c) for c in placed):
        return False
    gaps = [b[0] - a[1] for a, b in zip(cols, cols[1:])]
    pad = min(gaps + [CELL_MARGIN_SPACES * s.space])
    w = next(k for k, (a, b) in enumerate(cols) if s.x0 < b and a < s.x1)
    room = (cols[w + 1][0] - pad if w + 1 < len(cols) else cols[w][1]) - cols[w][0]
    return _full(row[label][-1], s, room)


def _grow(lines: list[_Line], i: int, margin: float, floor: int,
          carried: list[list[float]] | None = None) -> _Block | None:
    """The table whose first line of three cells or more is ``lines[i]``, or None. The lines above it down to
    ``floor`` that hold pieces of its headings (centred halfway down their row: none of them at the page's left
    ``margin``, none a value, each inside a column) are its first lines. A table the page before ran on to its foot
    goes on under the ``carried`` columns from the page's first line (see ``page_tables``)."""
    cols = [list(c) for c in carried] if carried else sorted([s.x0, s.x1] for s in lines[i].spans)
    top = i
    while not carried and top - 1 >= floor and i - top < 4:
        spans = lines[top - 1].spans
        placed = _place(spans, cols, new_columns=False)
        if placed is None or any(abs(s.x0 - margin) < 1.0 or _valued(s) for s in spans) \
                or _CAPTION_RE.match(spans[0].text):
            break
        top -= 1
    # (row number, spans) of each line taken; the cells are told once the columns stop widening
    # (a line of two values or more under heading lines is the table's first row, not more of its headings)
    first = int(top < i and sum(_valued(s) for s in lines[i].spans) >= 2)
    members: list[tuple[int, list[_Span]]] = [(0, lines[k].spans) for k in range(top, i)] + [(first, lines[i].spans)]
    # the headings go on down to the first line of two values or more
    values_at = next((k for k in range(i, min(len(lines), i + 16)) if sum(_valued(s) for s in lines[k].spans) >= 2),
                     i)
    j = i + 1
    tight = _tight_pitch(lines, i)
    multi = 1   # lines with two cells or more
    merged: set[int] = set()   # rows of one cell across the table ("I. HỌC SINH" between two groups of rows)
    while j < len(lines):
        spans = lines[j].spans
        years = [s for s in spans if YEAR_HEAD_CELL_RE.fullmatch(s.text) or _SCHOOL_YEAR_START_RE.fullmatch(s.text)
                 or _YEAR_WORD_RE.fullmatch(s.text) or _LEVEL_HEAD_RE.fullmatch(s.text)]   # (or levels under "Năm 2030")
        if members[-1][0] == 0 and j < values_at and len(years) >= 2 and not any(
                _valued(s) for s in spans if s not in years):   # (beside a heading's last word: "Đơn vị" / "tính")
            cols = _split_over(cols, years)
        placed = _place(spans, cols, new_columns=len(spans) >= 3)
        widened = _widen(cols, spans, placed) if placed is not None else None
        if carried and members[-1][0] == 0 and placed and 0 in placed and _cut_label(lines[i].spans[0].text) \
                and (spans[placed.index(0)].text[:1].isupper() or re.fullmatch(r"\d{1,3}\.?", spans[placed.index(0)].text)) \
                and widened:
            # the rest of a label the break cut (the page's first line) ends where the next row's label opens, on a
            # capital, or its number
            cols = widened
            members.append((1, spans))
            j += 1
            continue
        row = _row_cells(members, cols, members[-1][0]) if members[-1][0] not in merged else {}
        cont = widened is not None and members[-1][0] not in merged and (_goes_on(
            spans, placed, row, widened, heading=members[-1][0] == 0 and j < values_at)
            or _label_goes_on(spans, placed, row, widened)
            or _wraps_tight(lines[j - 1], lines[j], tight, placed, row) and not _row_under_heading(spans, placed, members)
            or _unnumbered(spans, placed, row, members, cols, lines[j + 1] if j + 1 < len(lines) else None))
        # a line in a larger font than any of the table's is the text under it ("Các mốc theo năm:" under a table
        # set smaller than the body), whatever room the cell above had left
        cont = cont and lines[j].height <= 1.2 * max(lines[k].height for k in range(top, j))
        if not cont and len(spans) == 1:
            # a line of one piece that starts no row: a group heading across the table ("I. HỌC SINH") when a row of
            # the table follows, else the end of the table; unless it is the first line of a label the next line
            # goes on with, its values beside it (a row whose short cells stand halfway down it)
            # (a group heading wrapped in a narrow first column: "A. Chuyển" / "đổi số", its lines one under the other;
            # a line numbered anew is the next item, "III. MỤC TIÊU" / "1. Sĩ số lớp học" over the next table)
            wrapped = 0
            while j + wrapped + 1 < len(lines) and wrapped < 2 and len(lines[j + wrapped + 1].spans) == 1 \
                    and abs(lines[j + wrapped + 1].spans[0].x0 - spans[0].x0) < 1.0 and _ITEM_RE.match(spans[0].text) \
                    and not _ITEM_RE.match(lines[j + wrapped + 1].spans[0].text):
                wrapped += 1
            nxt = lines[j + wrapped + 1].spans if j + wrapped + 1 < len(lines) else []
            nplaced = _place(nxt, cols, new_columns=False) if len(nxt) >= 2 else None
            if nplaced is None:
                break
            if wrapped:
                merged.add(members[-1][0] + 1)
                members += [(members[-1][0] + 1, lines[k].spans) for k in range(j, j + wrapped + 1)]
                j += wrapped + 1
                continue
            starts = widened is not None and not _GROUP_MARK_RE.match(spans[0].text) and _label_goes_on(nxt, _place(nxt, widened, new_columns=False) or [],
                                                            {placed[0]: spans}, widened)
            if starts:
                cols = widened
                members.append((members[-1][0] + 1, spans))
                j += 1
                continue
            merged.add(members[-1][0] + 1)
            members.append((members[-1][0] + 1, spans))
            j += 1
            continue
        if widened is None:
            break
        cols = widened
        members.append((members[-1][0] + (0 if cont else 1), spans))
        multi += len(spans) >= 2
        j += 1
    if multi < 2 and not carried or len(cols) < 2:
        return None   # (one row under the columns of a table carried over is that table's)
    rows_out = []
    for r in range(members[-1][0] + 1):
        if r in merged:   # read as a Word table's merged row: its text alone
            text = " ".join(s.text for row, spans in members if row == r for s in spans)
            # a group row numbered as the plan's parts are ("II. Chất lượng giáo dục") keeps its columns, or it would
            # read as the plan's next part
            rows_out.append([text] + [""] * (len(cols) - 1) if _GROUP_MARK_RE.match(text) else [text])
            continue
        cells = _row_cells(members, cols, r)
        rows_out.append([_cell_text([s.text for s in cells.get(c, [])]) for c in range(len(cols))])
    if len(cols) < 3 and not target_heading(rows_out[0]):
        return None   # two columns are a table only under a heading of targets ("Nội dung | Chỉ tiêu năm 2026")
    return _Block(top, j, rows_out, cols)


# a narrow cell's syllable cut before its last letter ("Trườn" / "g", "Hàn" / "h"): no Vietnamese word is that letter
_LAST_LETTER_RE = re.compile(r"[gh](?=\s|$)")


def _cell_text(pieces: list[str]) -> str:
    """A cell's lines as one text, a syllable the column's width cut before its last letter joined back."""
    text = ""
    for piece in pieces:
        glued = text[-1:] in ("n", "c") and _LAST_LETTER_RE.match(piece)
        text = text + piece if glued or not text else f"{text} {piece}"
    return text


def _cut_row_rest(lines: list[_Line], block: _Block) -> tuple[list[str], int] | None:
    """The rest of a row a page break cut, as the page's first lines above its first numbered row stand ("nghiệp" /
    "99,4%" under the label's and the note's columns, the row's number left on the page before): one row, its first
    cell empty, so the row above on the page before takes it back (``text._rejoin_cut_rows``), and how many of the
    table's rows it stands for (those lines read as headings); None when a line holds anything else (a page number,
    a paragraph, a piece under the rows' numbers or outside every column)."""
    numbered = next((k for k in range(block.first, block.end) if (placed := _place(lines[k].spans, block.cols, False))
                     and placed[0] == 0 and re.fullmatch(r"\d{1,3}\.?", lines[k].spans[0].text.strip())), None)
    lead = next((r for r, row in enumerate(block.rows) if row[0].strip()), None)
    if not numbered or numbered > 4 or len(block.cols) < 3 or lead is None \
            or not re.fullmatch(r"\d{1,3}\.?", block.rows[lead][0].strip()):
        return None
    cells: dict[int, list[str]] = {}
    for line in lines[:numbered]:
        placed = _place(line.spans, block.cols, new_columns=False)
        if placed is None or 0 in placed:
            return None
        for s, c in zip(line.spans, placed):
            cells.setdefault(c, []).append(s.text)
    return [" ".join(cells.get(c, [])) for c in range(len(block.cols))], lead


# (or a school's grades: "Năm học 2026-2027 (cam kết)" over "Lớp 10  Lớp 11  Lớp 12")
_LEVEL_HEAD_RE = re.compile(r"(?i:nhà trẻ|mẫu giáo|mầm non|tiểu học|thcs|thpt|gdtx|trung học cơ sở|trung học phổ thông"
                            r"|nha tre|mau giao|mam non|tieu hoc|trung hoc co so|trung hoc pho thong"
                            r"|(?:lớp|khối|lop|khoi)\s+(?:1[0-2]|[1-9]))")
_YEAR_WORD_RE = re.compile(r"(?i:năm|nam)(?:\s+(?i:học|hoc))?")   # "Năm" / "2027" in a narrow column
_SCHOOL_YEAR_START_RE = re.compile(r"(?i:(?:năm|nam)(?:\s+(?:học|hoc))?\s+)?20\d\d\s*[-–]")   # "2026 -" / "2027"


def _split_over(cols: list[list[float]], years: list[_Span]) -> list[list[float]]:
    """The columns with one merged over several years ("Chỉ tiêu phấn đấu" over "2027  2031") cut into one a year:
    the heading above stays in the first of them."""
    out = []
    for a, b in cols:
        under = [s for s in years if s.x0 < b and a < s.x1]
        if len(under) < 2:
            out.append([a, b])
            continue
        out += [[min(a, s.x0) if k == 0 else s.x0, s.x1] for k, s in enumerate(under)]
    return out


def _unnumbered(spans: list[_Span], placed: list[int] | None, row: dict[int, list[_Span]], members, cols,
                after: _Line | None) -> bool:
    """Whether a line goes on with the row above because the table numbers its rows ("TT" heads its first column) and
    the line has no number: a label broken by a hard line break ("Số sáng" / "kiến kinh nghiệm …") goes on its row
    even where neither its width nor its distance tells; a group row ("II. …") does not, nor a label alone whose
    number is on the next line (the next row's, its cells centred down it)."""
    if placed is None or -1 in placed or 0 in placed or members[-1][0] == 0 or not row.get(0):
        return False
    if len(spans) == 1 and after is not None and any(s.x0 < cols[0][1] and cols[0][0] < s.x1 for s in after.spans):
        return False
    first = _row_cells(members, cols, 0).get(0)
    if not first or not re.fullmatch(r"(?i:s?\s?tt)", " ".join(s.text for s in first)):
        return False
    if len(spans) == 1 and _ITEM_RE.match(spans[0].text):
        return False
    return all(row.get(c) and not (_valued(s) and _valued(row[c][-1])) for s, c in zip(spans, placed))


def _tight_pitch(lines: list[_Line], i: int) -> float | None:
    """The distance under which a line of the table starting at ``lines[i]`` is the next line of the same cells, when
    the table tells: a word processor pads every cell, so a row's first line stands further under the row above
    than a wrapped cell's next line under its first (LibreOffice: 16 against 21 points). The rows' distance is read
    above lines of two values or more (each starts a row); None when the table's lines are all as far apart (a
    table drawn line by line, or cells without padding): the words' widths decide then."""
    near = lines[i:i + 40]
    gaps = [a.y - b.y for a, b in zip(near, near[1:])]
    # (a value under a cell that began it, "Tối thiểu" / "89%", goes on that cell: it starts no row)
    rows = [g for g, a, b in zip(gaps, near, near[1:]) if sum(_valued(s) and not any(
        _PREFIX_RE.fullmatch(t.text) and t.x0 < s.x1 and s.x0 < t.x1 for t in a.spans) for s in b.spans) >= 2]
    if not rows or not gaps:
        return None
    line, row = min(gaps), min(rows)
    height = max(b.height for b in near)
    return (line + row) / 2 if row - line > 0.2 * height else None


def _wraps_tight(above: _Line, line: _Line, tight: float | None, placed: list[int] | None,
                 row: dict[int, list[_Span]]) -> bool:
    """Whether ``line`` is the next line of cells of the row above by its distance alone (see ``_tight_pitch``):
    closer than rows stand, every piece under a cell of the row that holds words already, none a value of its own."""
    if tight is None or placed is None or above.y - line.y >= tight:
        return False
    if _item(line.spans, placed, row):
        return False
    return all(c >= 0 and row.get(c) and not (_valued(s) and _valued(row[c][-1]))
               for s, c in zip(line.spans, placed))


def _row_under_heading(spans: list[_Span], placed: list[int] | None, members) -> bool:
    """Whether a line under the table's first line of headings starts the first row rather than go on with them,
    however close it stands: its label opens on a capital under the first heading, its last cell under the last
    ("Tiểu học … Phòng" under "Cấp học | Chỉ tiêu chính | Chủ trì", a table drawn in the cell between them)."""
    return bool(placed) and len(members) == 1 and members[0][0] == 0 and len(spans) >= 2 and placed[0] == 0 \
        and placed[-1] == len(members[0][1]) - 1 and spans[0].text[:1].isupper() and not _valued(spans[-1])


def _row_cells(members, cols, row: int) -> dict[int, list[_Span]]:
    """The spans of each column of one row."""
    cells: dict[int, list[_Span]] = {}
    for r, spans in members:
        if r != row:
            continue
        for s in spans:
            c = next(c for c, (a, b) in enumerate(cols) if s.x0 < b and a < s.x1)
            cells.setdefault(c, []).append(s)
    return cells


# A column's number under its heading ("(1)", "2", "(c)"): a row that numbers the columns holds no value.
_COLUMN_NUMBER_RE = re.compile(r"\(?(?:\d{1,2}|[a-zA-Z])\)?")
_YEAR_RE = re.compile(r"\b20\d\d\b")
# A heading cell that only names a horizon: "2026", "Năm 2026", "2025 - 2026", "Năm học 2025-2026", "Đến năm 2030"
YEAR_HEAD_CELL_RE = re.compile(r"\s*(?:(?:đến|den|tới|toi)\s+)?(?:(?:năm|nam)(?:\s+(?:học|hoc))?\s+)?(?:20\d\d\s*[-–]\s*)?20\d\d\s*",
                               re.IGNORECASE)


def numbering_row(cells: list[str]) -> bool:
    """Whether a table's row only numbers its columns ("(1) | (2) | (3)" under the headings; a Word table repeats the
    headings merged down into it, "TT | Chỉ tiêu | (1) | (2)"): two numbers at least, one after the other."""
    marks = [c.strip() for c in cells if c.strip() and _COLUMN_NUMBER_RE.fullmatch(c.strip())]
    rest = [c for c in cells if c.strip() and not _COLUMN_NUMBER_RE.fullmatch(c.strip())]
    numbers = [m.strip("()") for m in marks]
    if len(numbers) < 2 or any(re.search(r"\d", c) for c in rest):
        return False
    # counted from the first column or the first numbered one, never from further on (95 | 96 | 97 are values)
    if all(n.isdigit() for n in numbers):
        # (no column is numbered 0: "Phòng học thông minh | phòng | 0 | 1 | 2" is a row of values; nor does a
        # count start at a column other than its own: "Phổ cập giáo dục THCS | mức | 2 | 3" is one too)
        first_column = 1 + next(k for k, c in enumerate(cells) if c.strip() == marks[0])
        return int(numbers[0]) in (1, first_column) and [int(n) for n in numbers] == list(
            range(int(numbers[0]), int(numbers[0]) + len(numbers)))
    if not all(n.isalpha() for n in numbers):
        # a form's columns lettered where they hold words and numbered where they hold figures ("A | B | C | 1 | 2 |
        # 3 | D"), each run in order from its start, nothing else in the row; "10 | a" numbers no columns together
        letters = [ord(n.lower()) for n in numbers if n.isalpha()]
        figures = [int(n) for n in numbers if n.isdigit()]
        return not rest and len(letters) >= 2 and len(figures) >= 2 and len(letters) + len(figures) == len(numbers) \
            and letters == list(range(ord("a"), ord("a") + len(letters))) and figures == list(range(1, len(figures) + 1))
    first = ord(numbers[0].lower())
    return first - ord("a") < len(cells) and [ord(n.lower()) for n in numbers] == list(range(first, first + len(numbers)))


def stacked_heading(upper: list[str], lower: list[str]) -> list[str] | None:
    """Two heading rows as one when the lower names the years a heading of the upper is merged over ("Chỉ tiêu |
    Thực hiện 2025 | Lộ trình | | | Ghi chú" over " | | 2026 | 2028 | 2030 | "): each column its lower cell, or its upper
    where the lower is empty; None for any other pair of rows."""
    if len(upper) != len(lower) or len(upper) < 3:
        return None
    years = [k for k, c in enumerate(lower) if c.strip()]
    if len(years) < 2 or not all(YEAR_HEAD_CELL_RE.fullmatch(lower[k]) for k in years) or any(_YEAR_RE.search(upper[k]) for k in years):
        return None
    if any(not upper[k].strip() for k in range(len(upper)) if k not in years):
        return None   # a column named neither above nor below: not two rows of one heading
    return [lower[k] if k in years else upper[k] for k in range(len(upper))]


# The heading of a table of two columns, its rows' names and their targets for a year: "Nội dung | Chỉ tiêu năm 2026"
_TARGET_HEADING_RE = re.compile(r"(?i:nội dung|tên chỉ tiêu|chỉ tiêu|tiêu chí|noi dung|ten chi tieu|chi tieu|tieu chi)"
                                r"\s*\|\s*(?i:chỉ tiêu|mục tiêu|kế hoạch|chi tieu|muc tieu|ke hoach)\D{0,30}20\d\d\s*")


_TARGET_HEADING_START_RE = re.compile(_TARGET_HEADING_RE.pattern.split(r"\D")[0])   # its year on a later line


def target_heading(cells: list[str]) -> bool:
    """Whether two cells head a table of targets (see ``_TARGET_HEADING_RE``): a header's two columns side by side
    ("PHÒNG GD&ĐT …    CỘNG HÒA …") do not."""
    filled = [c.strip() for c in cells if c.strip()]
    return len(filled) == 2 and bool(_TARGET_HEADING_RE.fullmatch(" | ".join(filled)))


_GROUP_MARK_RE = re.compile(r"(?:[IVX]+|[A-ZĐ])\.\s")
_TRAILING_NUMBER_RE = re.compile(r"(?:^|\s)(\(\d{1,2}\))\s*$")


def _valued_row(cells: list[str]) -> bool:
    """Whether a row holds two values or more (years, which head columns, are none)."""
    return sum(bool(_VALUE_RE.fullmatch(c.strip())) and not _PERIOD_RE.fullmatch(c.strip()) for c in cells) >= 2


def headed(rows: list[list[str]]) -> list[list[str]]:
    """A table's rows with its two heading rows made one (see ``stacked_heading``) and a row numbering its columns
    left out."""
    kept: list[list[str]] = []
    for r in rows:
        # the columns are numbered under their headings, never under a row of values ("Giáo viên ứng dụng AI | 70 |
        # 90 | 90" over "Phòng học thông minh | 1 | 2 | 3": a row of its own)
        if not (kept and numbering_row(r)) or any(_valued_row(k) for k in kept):
            kept.append(list(r))
            continue
        for c, text in enumerate(r):   # a heading's last word on the numbers' line ("Nội dung chỉ" / "tiêu  (1)")
            if text.strip() and not _COLUMN_NUMBER_RE.fullmatch(text.strip()) and c < len(kept[-1]):
                kept[-1][c] = f"{kept[-1][c]} {text.strip()}".strip()
    rows = kept
    if rows and (numbers := [_TRAILING_NUMBER_RE.search(c) for c in rows[0]]) and all(numbers) and numbering_row(
            [m.group(1) for m in numbers]):
        # the column numbers' row drawn so close under the headings that it was read as their last line
        rows[0] = [c[:m.start()].rstrip() for c, m in zip(rows[0], numbers)]
    if len(rows) >= 2 and (one := stacked_heading(rows[0], rows[1])):
        rows = [one] + rows[2:]
    return rows


# A page's number at its foot, alone or closing a running title ("Trang 3/6", "- 3 -"): below a table, not after it.
_FOOT_RE = re.compile(r"(?:.*\s)?(?i:trang)\s+\d{1,3}(?:\s*/\s*\d{1,3})?|[-–]?\s*\d{1,3}\s*[-–]?")


_CELL_FOOT_RE = re.compile(r"\s+(?i:trang)\s+\d{1,3}\s*/\s*\d{1,3}\s*$")


def table_lines(fragments: list[Fragment], carried: list[list[float]] | None = None
                ) -> list[tuple[list[int], list[str]]]:
    """Every table of a page: (the indices of its fragments, its rows as lines "cell | cell | cell")."""
    return _tables(fragments, carried)[0]


def _tables(fragments: list[Fragment], carried: list[list[float]] | None
            ) -> tuple[list[tuple[list[int], list[str]]], list[list[float]] | None]:
    """The page's tables (see ``table_lines``) and the columns of the last one when it runs on to the page's foot
    (nothing under it but the page's number) and numbers its rows: the next page may go on with it."""
    lines = _lines(fragments)
    margin = min((line.spans[0].x0 for line in lines), default=0.0)
    out = []
    i = floor = 0
    foot = None
    # a table the page before ran on to its foot goes on at the top of this one, its headings not repeated: this
    # page's first line stands in its columns, two cells of it at least (a short paragraph's line stands in one)
    at = _carried_columns(lines[0].spans, carried) if carried and lines else None
    while i < len(lines):
        block = _grow(lines, i, margin, floor, at) if at else None
        at = None
        if block is None and (len(lines[i].spans) >= 3 or len(lines[i].spans) == 2 and _TARGET_HEADING_START_RE.match(
                " | ".join(s.text for s in lines[i].spans))):
            block = _grow(lines, i, margin, floor)
        if block is None:
            i += 1
            continue
        # the page's number set at the height of the table's last row falls into the cell above it ("1,65 Trang 5/5")
        rows = headed([[_CELL_FOOT_RE.sub("", cell) for cell in row] for row in block.rows])
        if not out and (cut := _cut_row_rest(lines, block)):
            rows, block.first = [cut[0]] + headed(block.rows[cut[1]:]), 0
        pieces = sorted(k for line in lines[block.first:block.end] for s in line.spans for k in s.pieces)
        out.append((pieces, [" | ".join(cell.strip() for cell in row) for row in rows]))
        # (which lines of the next page go on with it: see ``_carried_columns``)
        foot = block.cols if all(_FOOT_RE.fullmatch(" ".join(s.text for s in line.spans)) for line in lines[block.end:]) \
            else None
        i = floor = block.end
    # a table's headings alone at the page's foot, its rows on the next page ("Chỉ tiêu  ĐVT  NH 2025-  Khối 10 …"):
    # a row of cells, so that the rest of a cell the next page opens with ("2026") goes back into its cell
    # (``text._rejoin_cut_rows``)
    last = next((k for k in range(len(lines) - 1, -1, -1)
                 if not _FOOT_RE.fullmatch(" ".join(s.text for s in lines[k].spans))), None)
    if last is not None and last >= floor and len(lines[last].spans) >= 3 \
            and _ROWS_HEAD_RE.fullmatch(lines[last].spans[0].text) and not any(_valued(s) for s in lines[last].spans):
        out.append((sorted(k for s in lines[last].spans for k in s.pieces), [" | ".join(s.text for s in lines[last].spans)]))
    return out, foot


# What heads a table's first column, naming its rows ("STT", "Chỉ tiêu", "Nội dung"; a commune's or a district's
# table by level or by unit, "Cấp học", "Đơn vị")
_ROWS_HEAD_RE = re.compile(r"(?i:s?tt|nội dung(?: chỉ tiêu)?|tên chỉ tiêu|chỉ tiêu|tiêu chí|cấp học|bậc học|(?:tên )?đơn vị)")


def _carried_columns(spans: list[_Span], carried: list[list[float]]) -> list[list[float]] | None:
    """The columns of a table carried over from the page before, widened to a page's first line, when that line
    stands in them and goes on with the table: its first column holds the next row's number, or nothing (the rest of
    a numbered row the break cut, its number left on the page before), or a row's label beside values in two columns
    or more, or the rest of a label the break cut (``_cut_label``). That line holds two pieces or more, each inside one column (a short paragraph's line stands in
    one), or such a rest of a label alone."""
    placed = _place(spans, carried, new_columns=False)
    if placed is None:
        return None
    first = spans[placed.index(0)].text if 0 in placed else ""
    # (a row named in words, "Toàn phường | ≥ 98,5 | 18", holds values under two columns or more: no paragraph does)
    valued = sum(_valued(s) for s, c in zip(spans, placed) if c != 0) >= 2
    # (the rest of a label stands in the label's column, beside an empty first one where the rows are numbered)
    if not (len(spans) >= 2 and (not first or re.fullmatch(r"\d{1,3}\.?", first) or valued)
            or _cut_label(first if 0 in placed else spans[0].text)):
        return None
    return _widen(carried, spans, placed)


def _cut_label(text: str) -> bool:
    """Whether a first column's text at a page's top is the rest of a label the break cut: it opens on a small
    letter, where a row's label, like a paragraph, opens on a capital, a figure or a mark."""
    return text[:1].islower()


def with_tables(text: str, fragments: list[Fragment], carried: list[list[float]] | None = None) -> str:
    """``text`` (the page's text as the PDF reader gives it, in drawing order) with every table's lines replaced by
    its rows read from where its pieces stand (``carried``: see ``page_tables``)."""
    return page_tables(text, fragments, carried)[0]


def page_tables(text: str, fragments: list[Fragment], carried: list[list[float]] | None = None
                ) -> tuple[str, list[list[float]] | None]:
    """``text`` with its tables rewritten (see ``with_tables``), and the columns of a table that runs on to the
    page's foot, for the next page: given back there as ``carried``, the rows at the top of the next page, their
    headings left on this one, go on in this table's columns (an empty cell keeps its place). A table whose pieces
    are not drawn one after the other, or whose lines hold other text too, is left as it is."""
    tables, foot = _tables(fragments, carried)
    if not tables:
        return text, foot
    where = _where(text, fragments)
    if where is None:
        return text, foot   # the reader's text is not the fragments' in order: leave it
    pieces_out: list[tuple[int, int, str]] = []
    for pieces, rows in tables:
        drawn = [k for k in range(pieces[0], pieces[-1] + 1) if where[k] is not None]
        if drawn != [k for k in pieces if where[k] is not None] or not drawn:
            continue   # other text drawn in between
        a, b = where[drawn[0]][0], where[drawn[-1]][1]
        nl = text.find("\n", b)
        start, stop = text.rfind("\n", 0, a) + 1, len(text) if nl < 0 else nl
        if text[start:a].strip() or text[b:stop].strip():
            continue   # its first or last line holds other text too
        a, b = start, stop
        pieces_out.append((a, b, "\n".join(rows)))
    for a, b, rows in sorted(pieces_out, reverse=True):
        text = text[:a] + rows + text[b:]
    return text, foot


def _where(text: str, fragments: list[Fragment]) -> list[tuple[int, int] | None] | None:
    """The position in ``text`` of every fragment's first and last character that is not a space (None for a
    fragment of spaces), or None when ``text`` is not the fragments' text in their order."""
    where: list[tuple[int, int] | None] = []
    pos = 0
    for f in fragments:
        chars = re.sub(r"\s+", "", f.text)
        if not chars:
            where.append(None)
            continue
        start = None
        for ch in chars:
            while pos < len(text) and text[pos].isspace():
                pos += 1
            if pos >= len(text) or text[pos] != ch:
                return None
            start = pos if start is None else start
            pos += 1
        where.append((start, pos))
    return where


_BOXES = "☐☑☒"


def boxes_in_place(text: str, fragments: list[Fragment]) -> tuple[str, list[Fragment]]:
    """A form's tick boxes put back where they stand. A word processor may draw a box glyph (from a font of its own)
    after the text of its line, so the reader gives every box of a line at the line's end ("Tiên tiến  Xuất sắc☒ ☐");
    each goes before the first word right of it on its line, and a box nothing stands right of, at the end of a line
    (its item wrapped whole onto the next line), before that next line's first word. ``text`` and ``fragments`` both
    keep the order of each other."""
    boxes = [k for k, f in enumerate(fragments) if f.text.strip() in tuple(_BOXES)]
    where = _where(text, fragments) if boxes else None
    if not where:
        return text, fragments
    words = [k for k, f in enumerate(fragments) if where[k] is not None and k not in boxes]
    moves: dict[int, int] = {}   # box → the fragment it goes before
    for b in boxes:
        box = fragments[b]
        line = [k for k in words if abs(fragments[k].y - box.y) < max(box.height, 1.0) * 0.5]
        right = [k for k in line if fragments[k].x0 >= box.x1 - 0.5]
        if right:
            k = min(right, key=lambda k: fragments[k].x0)
            if where[k][0] < where[b][0]:
                moves[b] = k   # (a box drawn in its place stays)
        elif line and all(fragments[k].x1 <= box.x0 + 0.5 for k in line):
            below = [k for k in words if 0.5 * max(box.height, 1.0) <= box.y - fragments[k].y < 2.5 * max(box.height, 1.0)]
            top = max((fragments[k].y for k in below), default=None)
            if below:
                moves[b] = min((k for k in below if fragments[k].y == top), key=lambda k: fragments[k].x0)
    if not moves:
        return text, fragments
    cut = sorted([(where[b][0], where[b][1], "") for b in moves]
                 + [(where[k][0], where[k][0], "".join(fragments[b].text.strip() + " " for b in sorted(moves) if moves[b] == k))
                    for k in set(moves.values())], reverse=True)
    for a, z, put in cut:
        text = text[:a] + put + text[z:]
    order = [k for k in range(len(fragments)) if k not in moves]
    for b in sorted(moves):
        order.insert(order.index(moves[b]), b)
    return text, [fragments[k] for k in order]

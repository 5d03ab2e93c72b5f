"""Years: the horizon a figure is due by (deadlines, school years, periods, year labels, due columns), and whether a
figure is a past result or a status rather than a target (status words, year brackets gone by). Its own module
because the running-text pass and the table readers both ask it which year a figure belongs to.
"""
from __future__ import annotations

import re

from plans.domain.importer.figures import CMP_BEFORE, Q


_DATED_DEADLINE = (r"\b(?:(?:den|toi|truoc)\s+(?:het\s+)?(?:ngay\s+)?\d{1,2}\s*/\s*\d{1,2}\s*/\s*|(?:den|toi|truoc|xong(?:\s+trong)?)\s+(?:het\s+)?thang"
                   r"\s+\d{1,2}\s*(?:/|nam)\s*|cham nhat(?:\s+la)?\s+(?:(?:vao\s+|trong\s+)?nam\s+|(?:trong\s+)?thang\s+\d{1,2}\s*(?:/|nam)\s*)?)"
                   r"(20\d\d)\b")

# "Tầm nhìn 2035", "Định hướng 2030": a vision's year, "năm" left out; a heading's time span ending on a date ("1. Mục
# tiêu (thời gian từ 01/9 đến 30/9/2026)", "Chỉ tiêu đến hết tháng 12/2026"): that date's year; a span after "năm"
# ("1. Năm 2027 - 2028", a school year written without "học") is due at its end, as "Năm học 2027 - 2028" is
HORIZON_HEADING_RE = re.compile(r"\b20\d\d\s*[-–]\s*(20\d\d)\b|(?:(?:den|toi|trong)\s+(?:het\s+|cuoi\s+)?(?:nam\s+)?|(?<!thang \d\d )(?<!thang \d )nam\s+"
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


def horizon_of(fline: str, heading: bool) -> int | None:
    years = [int(y) for m in HORIZON_HEADING_RE.finditer(fline) for y in m.groups() if y] if heading \
        else [_year_of(m) for m in _HORIZON_SENTENCE_RE.finditer(fline)]
    return max(years) if years else None


def horizon_phrases(fline: str) -> list[tuple[int, int]]:
    """(position, year) of every "đến (hết) năm 2030", "vào năm 2026", "trong năm 2026" of a line; not a start
    ("từ năm học 2027 - 2028") after a deadline on the line that falls inside it ("Đến năm 2027, hoàn thành … 30
    phòng học, đưa vào sử dụng từ năm học 2027 - 2028": what is done by 2027 is in force from then on), as
    :func:`started_by` has it."""
    out = []
    for m in _HORIZON_SENTENCE_RE.finditer(fline):
        start = fline[max(0, m.start() - 3):m.start() + 3]
        if re.search(r"\btu\s", start) and any(p < m.start() and started_by(fline, m.start(), y)
                                               for p, y in deadlines(fline)):
            continue
        if re.search(r"\bso voi\s*$", fline[max(0, m.start() - 8):m.start()]):
            continue   # "giảm 2 điểm phần trăm so với năm học 2025 - 2026": the base of a change, no horizon
        if (b := fline.rfind("(", 0, m.end())) >= 0 and (y := _YEAR_BRACKET_RE.match(fline, b)) and m.start() < y.end() and (
                not y.group("verb") or re.search(r"\d", _clause_before(fline, b))):
            # "(năm học 2025 - 2026: 95,6%)", "đạt 98% (năm 2025 đạt 96,1%)": the year labels the bracket's figure
            # (:func:`year_label`); one that tells a school's make-up ("Trường … (năm học 2026 - 2027 có 22 lớp)")
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
    # "… mức độ 1 vào năm 2029; đạt kiểm định chất lượng giáo dục cấp độ 2 cùng năm": the same year, not named again
    for m in _SAME_YEAR_RE.finditer(fline):
        if earlier := [y for p, y in out if p < m.start()]:
            out.append((m.start(), earlier[-1]))
    return sorted(out)


_SAME_YEAR_RE = re.compile(r"\b(?:trong\s+)?cung\s+(?:nam|thoi diem)\b(?!\s*(?:hoc\s+)?20\d\d)")


# "… quán triệt Nghị quyết trong tháng 10/2026", "(hoàn thành trong tháng 10 năm 2026)": a month of a year to do it in
MONTH_OF_YEAR_RE = re.compile(r"\b(?:trong|truoc|den het|cuoi)\s+thang\s+(?:0?[1-9]|1[0-2])\s*(?:/|nam\s+)(20\d\d)\b")


def started_by(fline: str, at: int, horizon: int) -> bool:
    """Whether a commitment that starts at ``at`` ("từ năm 2027", "từ năm học 2026 - 2027") is due by an earlier
    ``horizon`` in force: a year's start always; a school year's when the horizon falls inside it ("Đến hết năm
    2026: … từ năm học 2026 - 2027, 100% học sinh được cấp sách giáo khoa": in force by the end of 2026), not under a
    later one ("Đến năm 2030: … từ năm học 2027 - 2028": due at the school year's end, 2028)."""
    m = re.match(r"nam hoc\s+(20\d\d)\s*[-–]\s*(20\d\d)\b", fline[at:])
    return m is None or int(m.group(1)) <= horizon < int(m.group(2))


_DEADLINE_RE = re.compile(r"\b(?:den|toi)\s+(?:het\s+|cuoi\s+)?nam\s+(20\d\d)\b|" + _DATED_DEADLINE)


def deadlines(fline: str) -> list[tuple[int, int]]:
    """(position, year) of every "đến (hết) năm 2030" / "tới năm 2030" of a line: a deadline, not a date."""
    return [(m.start(), int(next(y for y in m.groups() if y))) for m in _DEADLINE_RE.finditer(fline)]


def _year_of(m: re.Match) -> int:
    """The year of a :data:`_HORIZON_SENTENCE_RE` match, whichever of its forms matched."""
    if m.re is _HORIZON_SENTENCE_RE and m.group("before"):
        return int(m.group("before")) - 1
    return int(next(y for y in m.groups() if y))


def quantity_horizon(phrases: list[tuple[int, int]], q: Q, lo: int, hi: int, fline: str | None = None,
                      others: list[Q] = ()) -> int | None:
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
        # (or a level reached, named at length: "Trường đạt chuẩn quốc gia mức độ 2, ngay trong năm 2028 đạt kiểm định
        # chất lượng giáo dục cấp độ 3")
        phrases = [(p, y) for p, y in phrases if not (p >= q.end and re.search(r",|\bva\b", fline[q.end:p]) and (re.match(
            r"[^,;]*?\b20\d\d\b(?:(?:\s+(?!va\b|hoac\b)[^\W\d_]+){0,3}\s*\d(?!\d{3}\b)|\s*,?\s*khong (?:con|co|de)\b"
            r"|\s+dat\b[^,;\d]{0,60}?\b(?:muc do|cap do)\s*\d)",
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
             # (the figure's clause may list whom it counts, the semicolon closing it: "100% cán bộ, giáo viên … trước
             # ngày 30/10/2026; số hóa …")
             or re.search(r"\d\s*(?:%|[a-z])[^;:.]*$", fline[:p]) and re.match(r"\s*(?:vao|truoc|trong)\s[^,;:]*?\b20\d\d\s*;", fline[p:])
             # (or the start of a figure in force from a year on: "100% học sinh học 2 buổi/ngày từ năm học 2027 - 2028; …")
             or re.search(r"\d\s*(?:%|[a-z])[^,;:]*\btu\s+$", fline[:p]) and re.match(r"[^,;:]*?\b20\d\d\s*[,;]", fline[p:])
             or re.match(MONTH_OF_YEAR_RE.pattern + r"\s*[,;]", fline[p:]))) and not (
        # (nor a later step of a road set before a semicolon: "biết bơi năm 2027 đạt 70%, đến năm 2028 đạt 90%; không để
        # xảy ra đuối nước": the steps' years are theirs)
        # (a deadline that closes the figure's clause is no step: "Riêng năm học 2026-2027: 100% … trước ngày
        # 30/10/2026; số hóa 80% …", the school year is the line's)
        fline is not None and ";" in fline[p:q.start] and re.search(r"\d\s*%", fline[p:fline.find(";", p)]) and sum(
            max(fline.rfind(";", 0, p), fline.rfind(". ", 0, p)) < r < fline.find(";", p) and bool(re.match(r"[^,;]*?\d\s*%", fline[r:]))
            for r, _ in phrases) > 1) and not (
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
# cell may hold a target's whole road this way; so does a bare year opening a clause on "đạt" ("Học sinh biết bơi: 2027
# đạt 50%, 2030 đạt 80%")
_YEAR_LABEL_RE = re.compile(r"(?:^|(?<=[|\s(]))(20\d\d)\s*:\s*(?:(?:dat|duoi|tren|khong (?:qua|duoi|vuot qua|thap hon)"
                            r"|it nhat|toi thieu|toi da|[<>≤≥=])\s*)*$|(?:^|(?<=[|,;:(]))\s*(20\d\d)\s+dat\s*$")

# a chart's target line labels each share with its year by a dash: "Mục tiêu: 2027 - 70% | 2030 - 85%"
_YEAR_DASH_LABEL_RE = re.compile(r"(?:^|(?<=[|\s:]))(20\d\d)\s*[-–]\s*$")


def year_label(fline: str, q: Q) -> int | None:
    if (b := fline.rfind("(", 0, q.start)) > fline.rfind(")", 0, q.start) and (y := _YEAR_BRACKET_RE.match(fline, b)):
        return int(y.group("year"))   # "(năm 2028 đạt 75%)": a bracket labelled with a year gives it to its figures
    m = _YEAR_LABEL_RE.search(fline, max(0, q.start - 40), q.start) \
        or q.kind == "pct" and _YEAR_DASH_LABEL_RE.search(fline, max(0, q.start - 12), q.start)
    return int(next(y for y in m.groups() if y)) if m else None


# a table row's cell that is only a date: "Năm 2027", "Tháng 5/2026", "Năm học 2027 - 2028", "2030", "Giai đoạn 2026 -
# 2030" (due by the period's end), "Đến năm 2030"
DATE_CELL_RE = re.compile(r"\s*(?:(?:den|toi)\s+(?:het\s+|cuoi\s+)?)?(?:nam(?:\s+hoc)?\s+|nh\s+|giai doan\s+)?(?:thang\s+\d{1,2}\s*/\s*)?(?:20\d\d\s*[-–]\s*)?(20\d\d)\s*")

# the heading of a column of each row's own deadline: "Thời gian hoàn thành", "Thời hạn", "Năm hoàn thành", "Mốc thời gian",
# "Thời điểm đạt được" (a revision table's too), "Năm dự kiến (đạt chuẩn)"
DUE_COL_RE = re.compile(r"\s*(?:(?:thoi gian|thoi han|thoi diem|nam|moc)\s+(?:hoan thanh|dat(?: duoc)?|thuc hien"
                         r"|du kien(?:\s+(?:hoan thanh|dat(?: chuan)?|cong nhan))?)|thoi han"
                         r"|han hoan thanh|thoi gian|moc(?: thoi gian)?)\s*")


def due_column(fline: str) -> int | None:
    """The column of a heading row that holds each row's own deadline ("TT | Nội dung | Chỉ tiêu | Thời gian hoàn
    thành | Bộ phận chủ trì"), if it has one."""
    cells = fline.split("|")
    return next((c for c, cell in enumerate(cells) if DUE_COL_RE.fullmatch(cell)), None) if len(cells) > 2 else None


def due_year(fline: str, column: int | None, cells: int) -> int | None:
    """A row's own deadline, read in the heading's deadline column (its cells as many as the heading's)."""
    row = fline.split("|")
    return int(m.group(1)) if column is not None and len(row) == cells and (m := DATE_CELL_RE.fullmatch(row[column])) else None


def row_deadline(fline: str, q: Q) -> int | None:
    """The year of a table row's own deadline column ("… | ≥ 90% | Năm 2027 | Phó Hiệu trưởng"): the one cell
    after the figure that holds only a date."""
    if "|" not in fline:
        return None
    cells = fline[q.end:].split("|")[1:]
    years = [int(m.group(1)) for c in cells if (m := DATE_CELL_RE.fullmatch(c))]
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
# 75%)": that year is its figures' (:func:`year_label`) and no horizon of the clause around it; a baseline when it is
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


# a figure of a past school year or of today is a baseline, not a target
PAST_YEAR_RE = re.compile(r"\bnam hoc (20\d\d)\s*[-–]\s*(20\d\d)\b|\bnam (20\d\d)\b(?!\s*[-–])")

# ("hiện trường có 40 lớp", "hiện toàn xã có 3 trường": today's make-up, its subject between "hiện" and "có")
_STATUS_RE = re.compile(r"\b(?:hien nay|hien tai|hien co|hien (?:moi |chi )?dat|hien la|nam hoc truoc|ket qua nam hoc|da co|da dat"
                        r"|hien (?:nha truong|truong|trung tam|don vi|toan (?:truong|xa|phuong|tinh|thanh pho|nganh)) (?:moi |chi )?co)\b")

# a speaker's today, right before its figure: "tỷ lệ … hiện mới 61,5%", "Hiện ta còn thiếu 3.800 giáo viên"
_TODAY_SAID_RE = re.compile(r"\bhien (?:(?:ta|chung ta|minh)\s+)?(?:moi|chi|con)(?:\s+[a-z]+){0,2}\s*$")

# A situation stated before the targets drawn from it, in the same paragraph ("…; 82% giáo viên có trình độ đại học.
# Trên cơ sở đó, nhà trường đề ra các chỉ tiêu:"): its figures are the basis, not targets
_BASIS_AFTER_RE = re.compile(r"\b(?:tren co so (?:do|nay|tren)|tu (?:thuc te|thuc trang|ket qua|tinh hinh) (?:do|nay|tren))\b")

# What a school year gone by came to, as a meeting's report or a plan's part names it: "kết quả năm học 2025 - 2026",
# "kết quả thực hiện nhiệm vụ năm học 2025 - 2026", "Báo cáo tổng kết năm học 2025 - 2026"
_RESULTS_OF_RE = re.compile(r"\b(?:ket qua|tong ket) (?:thuc hien\s+)?(?:nhiem vu\s+)?nam hoc\s+20\d\d\s*[-–]\s*(20\d\d)\b")
LIST_MARK_RE = re.compile(r"^\s*(?:\d+(?:\.\d+)*\s*[.)]|[a-zđ]\s*\)\.?|[-+•*–])\s*", re.IGNORECASE)


def is_status(fline: str, q: Q, plan_year: int | None, plan_month: int | None = None) -> bool:
    """A figure of a past school year ("năm học 2024-2025 đạt 92%") or of today ("hiện có 18 lớp"), or one a revision
    replaced; ``plan_month``, the month the plan was issued, tells whether the school year ending in its year is over
    (:func:`school_year_over`)."""
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
    if (reported := _RESULTS_OF_RE.search(fline, 0, q.start)) and school_year_over(reported, plan_year, plan_month) \
            and all(_year_of(h) <= int(reported.group(1))
                    for h in list(_HORIZON_SENTENCE_RE.finditer(fline, reported.end(), q.start))[-1:]):
        return True
    # a sentence that opens on a year gone by describes it through its clauses: "Năm 2025 tỷ lệ tốt nghiệp đạt 97,8%;
    # trường có 36 lớp với 1.512 học sinh" in a plan of 2026 (the clause after the semicolon has no year of its own;
    # the school year ending in the plan's year may be under way: :func:`school_year_over`)
    sent = fline.rfind(". ", 0, q.start) + 1
    if plan_year and sent < seg and (m := PAST_YEAR_RE.match(LIST_MARK_RE.sub("", fline[sent:q.start]).lstrip())) \
            and not _HORIZON_SENTENCE_RE.search(text) and (int(m.group(2) or m.group(3)) < plan_year or m.group(2) and int(
                m.group(2)) == plan_year and plan_month is not None and plan_month >= 6
                and not re.search(r"\b(?:phan dau|chi tieu|muc tieu|ke hoach|cam ket)\b", fline[sent:q.start])):
        return True
    # … and so does one that opens on the year gone by unnamed: "Năm học vừa qua, nhà trường có 9 lớp …, tỷ lệ … đạt
    # 96,5%", as a speech says it
    if re.match(r"(?:trong\s+)?nam(?: hoc)? (?:vua qua|truoc|qua)\b", LIST_MARK_RE.sub("", fline[sent:q.start]).lstrip()) \
            and not _HORIZON_SENTENCE_RE.search(text):
        return True
    # … and one that opens on today or on what a territory has ("Hiện nay xã có 6 trường …; 1.142 học sinh ở bán trú",
    # "Trên địa bàn phường có 11 trường … với 7.380 học sinh"), up to a clause that aims
    if re.match(r"hien (?:nay|tai)\b|tren dia ban\s+(?:[^\W\d_]+\s+){1,3}?(?:hien\s+)?co\b",
                LIST_MARK_RE.sub("", fline[sent:q.start]).lstrip()) \
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
    for m in PAST_YEAR_RE.finditer(re.sub(r"\([^()]*\)", lambda b: " " * len(b.group(0)), text)):
        year = int(m.group(2) or m.group(3))
        if year <= plan_year and (m.group(2) or year < plan_year):
            return True
    return False


def clause_bounds(fline: str, line: str, qs: list[Q], k: int) -> tuple[int, int]:
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
        for pat, _, _ in CMP_BEFORE:
            if mm := pat.search(pre):
                cut = q.end + mm.start()
                break
        hi = min(hi, cut)
        # "… không dưới 95% (riêng năm 2028: 92%)": a bracket holding the next figure is its clause
        joint = max(fline.rfind(",", q.end, hi), fline.rfind(" va ", q.end, hi), fline.rfind("(", q.end, hi))
        if joint >= q.end:
            hi = joint
    return lo, hi


def school_year_over(prefix: re.Match, plan_year: int | None, plan_month: int | None) -> bool:
    """Whether a line's school-year label ("Năm học 2025 - 2026:") names a school year over when the plan was issued:
    one ending before the plan's year, or in it when the plan was issued from June on (a school year's lessons end
    in May)."""
    if plan_year is None or not re.search(r"\bnam hoc\b|20\d\d\s*[-–]\s*20\d\d", prefix.group(0)):
        return False
    end = int(prefix.group(1))
    return end < plan_year or end == plan_year and plan_month is not None and plan_month >= 6

"""The document's frame: issuing bodies, number and symbol, place and date, title, parts and sections, appendices,
closing and signature, and the unit names a plan is about (unit_key, names_same_unit). Its own module because the
frame is read apart from the targets; it asks tables.py only to tell a table's rows from section headings.
"""
from __future__ import annotations

import re
from datetime import date

from plans.domain.importer.lines import Lines, cut_range, fold, loose, mostly_upper
from plans.domain.importer.model import Extracted, Source
from plans.domain.importer.tables import LIST_START_RE, OCR_DIGITS, SECTION_RE, label_row, year_cells


# "Số: 28 /KH-THCSTT2": the symbol is capitals, digits and joiners, a kind's abbreviation ending in small letters
# before a joiner ("05/CTr-UBND", "12/TTr-UBND") or at the symbol's end (a place's "Th": "71/BC-THPTh"), a school's
# "Tr" (trường) before capitals ("45/KH-TrTH"); whatever
# follows it on the line (a header laid out side by side, or a PDF text layer that joined the two columns) is left for
# the place.
# (an abbreviation may keep a letter's hat or horn: "02/GƯTĐ-C4", giao ước thi đua)
_SYMBOL_PART = r"[A-ZĐ0-9](?:[a-z](?=[A-ZĐ]))?[A-ZĐƯƠÂĂÊÔ0-9&.]*(?:[a-z]{1,2}(?=\s*[-–/]|\s|$))?"

# a number left blank until the document is registered ("Số:      /KH-PTDTNT") is its symbol alone; a symbol's
# part is not the start of a word ("05/KH-ĐTĐ – Hạ Long, ngày …": the place follows)
NUMBER_RE = re.compile(
    r"^\s*(?i:s[oố])\s*[:.]?\s*(\d*)\s*/\s*(" + _SYMBOL_PART + r"(?:\s*[-–/]\s*" + _SYMBOL_PART + r"(?![^\W\d_]))*)"
)

# A Party body's number puts the kind before the slash: "Số 12-KH/CB", "Số 05-KH/ĐU" (its own formatting rules), a
# kind's abbreviation ending in small letters as the State's do ("Số 14-CTr/TU": chương trình, "TTr": tờ trình)
PARTY_NUMBER_RE = re.compile(r"^\s*(?i:s[oố])\s*[:.]?\s*(\d+\s*-\s*[A-ZĐ]+[a-z]{0,2}\s*/\s*[A-ZĐ0-9][A-ZĐ0-9&.]*(?:\s*[-–/]\s*[A-ZĐ0-9][A-ZĐ0-9&.]*)*)")

# A number written alone on its line, without "Số:" ("15/KH-MNTT"): a kind and an issuer's code after the slash
BARE_NUMBER_RE = re.compile(r"\s*(\d+)\s*/\s*([A-ZĐ]+(?:\s*[-–]\s*" + _SYMBOL_PART + r")+)\s*")

# a PDF may join the number and the place with a dash: "Số: 05/KH-ĐTĐ – Hạ Long, ngày 10/01/2026", and a Party body's
# star (under its name) with the place: "* Ba Tơ, ngày 08 tháng 12 năm 2025"; a scan's text may read a zero as "O" and
# a one as "l" ("ngày O8 tháng 10")
PLACE_DATE_RE = re.compile(
    r"^\s*(?:[-–*]\s+)?(?P<place>[^,\d][^,]{0,80}?)\s*,\s*ng[àa]y\s+(?P<d>[\dOl]{1,2})\s*(?:th[áa]ng|/)\s*(?P<m>[\dOl]{1,2})"
    r"\s*(?:n[ăa]m|/)\s*(?P<y>2[\dOl]{3})",
    re.IGNORECASE,
)

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
_TITLE_RE = re.compile(loose(r"\s*(?:"
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


def date_of(m: re.Match) -> date | None:
    """The date a ``PLACE_DATE_RE`` match writes, or None where it is no day of the calendar."""
    try:
        return date(*(int(m.group(g).translate(OCR_DIGITS)) for g in ("y", "m", "d")))
    except ValueError:
        return None


def title_horizon(title: str) -> int | None:
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


# the school year a speech is given in, unnamed: "năm học này", "trong năm học mới"
THIS_SCHOOL_YEAR_RE = re.compile(r"\bnam hoc (?:nay|moi)\b")


def year_in_course(L: Lines, issued: Extracted[date] | None) -> int | None:
    """The end of the school year a speech or a paper pledges its figures for when its subject names none: "năm học
    này", "năm học mới" is the school year in course on the day it is given (one starting in September)."""
    if issued is None or not any(THIS_SCHOOL_YEAR_RE.search(L.fline(i)) for i in L.nonblank()):
        return None
    return issued.value.year + (issued.value.month >= 8)


def title_period_end(title: str) -> int | None:
    """The last year of the period a plan's subject names ("… trong năm học 2026 - 2027 và giai đoạn đến năm 2030",
    "giai đoạn 2026 - 2030"), which a target due "trước khi kết thúc giai đoạn" is due by; None without one."""
    m = re.search(r"\bgiai doan\s+(?:20\d\d\s*[-–]\s*(20\d\d)|(?:den|toi)\s+(?:het\s+)?nam\s+(20\d\d))\b", fold(title))
    return int(m.group(1) or m.group(2)) if m else None


def resolution_horizon(title: str) -> int | None:
    """2030 for a plan carrying out Resolution 71 ("Thực hiện Nghị quyết số 71-NQ/TW …") whose subject names no
    school year or period: a target the plan gives no year of its own is due by the Resolution's own horizon."""
    return 2030 if re.search(r"\bnghi quyet\s+(?:so\s+)?71\b|\b71\s*-\s*nq\s*/\s*tw\b", fold(title)) else None


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


def document_start(L: Lines, stop: int) -> int:
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


def mail_tail(L: Lines, sections, appendix: int | None) -> int | None:
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
_TWO_BODIES_RE = re.compile(loose(r"((?:UBND|ỦY BAN NHÂN DÂN|SỞ|PHÒNG)\s.*?)(?:\s+[-–])?\s((?:TRƯỜNG\s+(?:MẦM NON|TIỂU HỌC|TRUNG HỌC|THCS|THPT"
                            r"|TH|MN|PTDT|PHỔ THÔNG|LIÊN CẤP)|(?:SỞ|PHÒNG) GIÁO DỤC|TRUNG TÂM (?:GIÁO DỤC|GDNN|GDTX))\b.*)"))


def header_parts(L: Lines, stop: int, start: int = 0):
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
_FORM_TITLE_RE = re.compile(loose(r"\s*((?:BIỂU\s+|BẢNG\s+)?(?:ĐĂNG\s+KÝ\s+|TỔNG\s+HỢP\s+)?CHỈ\s+TIÊU\s+\S.*?)[\s|]*"))


def title(L: Lines, stop: int, start: int = 0) -> tuple[Extracted[str] | None, int | None, int | None]:
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
        if rest and mostly_upper(rest) and re.match(r"\s*(?:bai\s+)?phat bieu|\s*dien van", L.fline(i)):
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
                    or PLACE_DATE_RE.match(L.line(j)) or SPEAKER_RE.match(f)
                    # a sentence of the body right under the subject ("Toàn tỉnh hiện có 693 cơ sở …, 76,4% …."): a
                    # subject has no full stop and no share
                    or L.line(j).lstrip()[:1].isupper() and (re.search(r"[.;]\s*$", f) and len(f.split()) >= 12 or "%" in f)
                    or LIST_START_RE.match(L.line(j)) and not cut_range(parts[-1], L.line(j))
                    or SECTION_RE.match(L.line(j))
                    # a decision names its authority in capitals under its subject ("ỦY BAN NHÂN DÂN TỈNH LAI
                    # CHÂU", "CHỦ TỊCH ỦY BAN NHÂN DÂN …") before its legal bases
                    or not mostly_upper(parts[-1]) and mostly_upper(L.line(j)) and re.match(
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
        # cut after its hyphen ("năm học 2026-" / "2027"), and so is a document's symbol ("Nghị quyết 71-" / "NQ/TW")
        joined = re.sub(r"(?<=\d) (?=/\d)|(?<=\d/) (?=\d)|(?<=\b20\d\d-) (?=20\d\d\b)|(?<=[\dA-ZĐ]-) (?=[A-ZĐ]{2,}\b)",
                        "", " ".join(parts))
        return Extracted(joined, Source(src.line, src.start, L.source(last).end), 0.9), i, last
    if kind_word:
        return None, None, None
    found = _form_title(L, stop, start)
    return found if found[0] is not None else _slide_title(L, stop, start)


def _form_title(L: Lines, stop: int, start: int = 0) -> tuple[Extracted[str] | None, int | None, int | None]:
    """A returned form's title row (``_FORM_TITLE_RE``) and the capitals lines it wrapped onto; a note in brackets,
    a form's field ("Tỉnh/thành phố: …") or the table's head row under it is not the title's."""
    for i in L.nonblank(start, stop):
        if not ((m := _FORM_TITLE_RE.fullmatch(L.line(i))) and mostly_upper(m.group(1))):
            continue
        last = i
        for j in range(i + 1, stop):
            line = L.line(j).strip(" \t|")
            if not line or " | " in line or "\t" in line or not mostly_upper(line) and re.search(r"[^\W\d_]", line):
                break
            last = j
        joined = " ".join([m.group(1).strip()] + [L.line(j).strip(" \t|") for j in range(i + 1, last + 1)])
        return Extracted(joined, Source(L.source(i).line, L.source(i).start, L.source(last).end), 0.85), i, last
    return None, None, None


# A speaker under a speech's or a deck's subject: "Người trình bày: bà Nguyễn Thị Hà - Phó Giám đốc Sở", "Trình bày:
# Lê Văn An, Hiệu trưởng", or the name and post alone ("Ngô Thị Mai - Hiệu trưởng")
SPEAKER_RE = re.compile(r"\s*(?:(?:nguoi\s+)?trinh bay\s*:\s*)?(?:(?:ong|ba)\s+)?(?P<name>[^\W\d_][^-–,:()]{3,40}?)\s*[-–,]\s*"
                         r"(?P<post>(?:pho\s+)?(?:hieu truong|giam doc|chu tich|truong phong|bi thu|truong ban|can bo)\b[^,;:]*)$")

# a meeting's name over a speech's or a deck's subject ("HỘI NGHỊ VIÊN CHỨC, NGƯỜI LAO ĐỘNG NĂM HỌC 2026 - 2027",
# "NHIỆM VỤ NĂM HỌC 2026 - 2027"): no body's name holds a year
_OCCASION_RE = re.compile(r"\s*(?:hoi nghi|hoi thao|dai hoi|le\s)\b|.*\b20\d\d\b")


def _slide_title(L: Lines, stop: int, start: int = 0) -> tuple[Extracted[str] | None, int | None, int | None]:
    """The subject of a deck's title slide or of a speech with no kind word: the small-letter lines right above
    the place and date (a speaker's line or a note in brackets between them), under the bodies' capitals and a
    meeting's name. The index returned with it is the meeting's name (where the bodies end) or the subject's. A
    header with a number or the national motto is a letter's or a plan's, which say their subject otherwise."""
    at = next((i for i in L.nonblank(start, stop) if PLACE_DATE_RE.match(L.line(i))), None)
    if at is None or any(NUMBER_RE.match(part) or _NATIONAL_RE.search(fold(part)) for _, _, part in header_parts(L, at, start)):
        return None, None, None   # a letter's or a plan's header (its number, the motto): no deck's, no speech's
    lines = [i for i in L.nonblank(start, at)]
    while lines and (SPEAKER_RE.match(L.fline(lines[-1])) or L.fline(lines[-1]).strip().startswith("(")):
        lines.pop()
    subject: list[int] = []
    while lines and not mostly_upper(L.line(lines[-1])) and (not subject or lines[-1] == subject[0] - 1):
        subject.insert(0, lines.pop())
    if not subject or any(re.search(r"\t|\s\|\s", L.line(i)) for i in subject):
        return None, None, None   # a table's rows above a form's date: no subject
    first = subject[0]
    while lines and mostly_upper(L.line(lines[-1])) and _OCCASION_RE.match(L.fline(lines[-1])) \
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
PARTNER_RE = re.compile(
    r"(?:doan tncs|doan thanh nien|(?:bch|ban chap hanh|ban thuong vu)\b|cong doan|hoi (?:khuyen hoc|lien hiep phu nu|phu nu"
    r"|cuu giao chuc|cuu chien binh|nong dan|chu thap do|cha me)|dang bo|dang uy|chi bo|ban dai dien|cong an"
    r"|(?:tram|trung tam|so) y te|benh vien|mat tran to quoc|lien doi)\b")


def joint(L: Lines, stop: int, start: int, title_idx: int | None, title: Extracted[str] | None) -> bool:
    """Whether a plan is one a school, a Sở or a People's Committee issues with another body: its kind or subject
    says so ("KẾ HOẠCH PHỐI HỢP", "KẾ HOẠCH LIÊN TỊCH", "Phối hợp giữa …"), its number's kind does ("18/KHPH-MNXP",
    "15/KHLT-THCSPN-ĐTN"), or its header holds the two bodies' two numbers."""
    said = " ".join(fold(x) for x in ((L.line(title_idx) if title_idx is not None else ""), title.value if title else ""))
    if re.search(r"^\s*(?:ke hoach\s+)?(?:phoi hop|lien tich)\b", said):
        return True
    numbers = [m for _, _, part in header_parts(L, stop, start)
               if (m := NUMBER_RE.match(part) or PARTY_NUMBER_RE.match(part))]
    return len(numbers) >= 2 or bool(numbers and re.search(r"\bkh(?:ph|lt)\b", fold(numbers[0].group(0))))


def bodies(L: Lines, stop: int, start: int = 0, joint: bool = False
            ) -> tuple[Extracted[str] | None, Extracted[str] | None]:
    """(superior body, issuing body) from the capitals lines of the header's left column. In a ``joint`` plan the
    partner's names (``PARTNER_RE``), beside the issuer's or under them, are the partner's: the education body's are
    read (the partners' alone when no other body is named)."""
    bodies: list[list[tuple[int, int, str]]] = []   # each: (line idx, offset, part) pieces of one name
    motto_open = False   # the motto's first words were last, its last words may come on a line of their own
    for i, off, part in header_parts(L, stop, start):
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
        if not piece or NUMBER_RE.match(piece) or PARTY_NUMBER_RE.match(piece) or BARE_NUMBER_RE.fullmatch(piece) \
                or PLACE_DATE_RE.match(piece) or not mostly_upper(piece):
            continue
        piece = re.sub(r"\s{2,}", " ", piece)
        # "UBND XÃ ĐÀ BẮC CÔNG AN TỈNH PHÚ THỌ": a PDF joined the two bodies' columns by a space
        partner = re.search(r"(?<=\S)\s+(?=" + PARTNER_RE.pattern + ")", fold(piece)) if joint else None
        if partner and mostly_upper(piece[:partner.start()]):
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
        if (_starts_body(piece) or joint and PARTNER_RE.match(fold(piece))) and " " in piece or not bodies:
            bodies.append([(i, off + lead, piece)])
        else:
            bodies[-1].append((i, off + lead, piece))
    if joint and (own := [b for b in bodies if not PARTNER_RE.match(fold(b[0][2]))]):
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


def sections(L: Lines) -> list[tuple[int, str, str, str, float]]:
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
        if title is not None and mostly_upper(L.line(title)) and len(L.line(title).strip()) <= 160:
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
        if (p := _PART_RE.match(L.fline(i))) and mostly_upper(re.sub(r"\([^()]*\)", "", L.line(i)[p.start(2):])) \
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
        m = SECTION_RE.match(L.line(i))
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
                and not year_cells(fold(near[1])) and not label_row(fold(near[1])):
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


def _lettered_sections(L: Lines) -> list[tuple[int, str, str, str, float]]:
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
        if len(heading) > 160 or not mostly_upper(heading):
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


def appendix(L: Lines) -> tuple[int | None, int | None]:
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


def _appendix_from(L: Lines, start: int) -> tuple[int | None, bool]:
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
        if re.match(r"phu luc\b", f) and (mostly_upper(L.line(i)) or re.fullmatch(r"phu luc(?:\s+(?:\d+|[ivx]+))?\s*[.:]?", f)
                                          or named and (mostly_upper(L.line(i).strip()[named.end():]) or _over_table(L, i))):
            heading = " ".join(L.fline(j) for j in list(L.nonblank(i, len(L.items)))[:3])
            # (or the units' registrations it sums up: "PHỤ LỤC: TỔNG HỢP ĐĂNG KÝ CỦA CÁC TRƯỜNG …"; or a roadmap,
            # "LỘ TRÌNH XÂY DỰNG TRƯỜNG ĐẠT CHUẨN QUỐC GIA", which sets each year's targets as well)
            # (a disclosure's commitments by school: "Phụ lục" over "CAM KẾT CHẤT LƯỢNG GIÁO DỤC NĂM HỌC 2026-2027 CỦA …")
            # (or the schools expected to reach a standard, each in its year: "DANH MỤC TRƯỜNG DỰ KIẾN ĐẠT CHUẨN QUỐC GIA")
            return i, bool(re.search(r"\b(?:chi tieu|muc tieu|lo trinh|cam ket|(?:du kien|phan dau) (?:dat|duoc cong nhan))\b", heading)
                           or re.search(r"\bdang ky\b", f))
    return None, False


def _over_table(L: Lines, i: int, end: int | None = None) -> bool:
    """Whether line ``i`` stands right above a table's row (cells marked, or a plain text's set apart by tabs)."""
    nxt = next(L.nonblank(i + 1, len(L.items) if end is None else end), None)
    return nxt is not None and bool(re.search(r"[|\t]", L.line(nxt)))


def body_appendix(L: Lines, sections, end: int) -> int | None:
    """Index of an appendix of targets put before the signature ("PHỤ LỤC. CÁC CHỈ TIÊU CHỦ YẾU ĐẾN NĂM 2030" after
    the last section, its table then "Nơi nhận"): read as section II is, like one after the signature. Its heading
    names the targets it holds, after a few words ("PHỤ LỤC: LỘ TRÌNH MỘT SỐ CHỈ TIÊU CHỦ YẾU") or none, or the
    roadmap that sets each year's targets ("PHỤ LỤC. LỘ TRÌNH ĐẠT CHUẨN CỦA CÁC TRƯỜNG"), as one after the signature.
    A heading in sentence case is one too when its table follows it at once ("Phụ lục: Chỉ tiêu của các trường đến
    năm 2030" over "Trường | Chuẩn quốc gia | …"): a sentence of the last section that names an appendix has none."""
    after = sections[-1][0] + 1 if sections else end
    return next((i for i in L.nonblank(after, end) if (mostly_upper(L.line(i)) or _over_table(L, i, end)) and re.match(
        r"phu luc(?:\s+(?:\d+|[ivx]+))?\s*[.:]?\s*(?:[^\W\d_]+\s+){0,4}?(?:chi tieu|muc tieu|lo trinh)\b", L.fline(i).strip())),
                None)


def attached_tables(L: Lines, sections, end: int) -> list[tuple[int, int]]:
    """The tables of targets set inside the body under a title of their own that says they come with the plan
    ("LỘ TRÌNH THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU …" / "(Kèm theo Kế hoạch số …)", a landscape page between two sections):
    an appendix, read as section II is, up to the next section; (title line, end) of each."""
    found = []
    for i in L.nonblank(0, end):
        nxt = next(L.nonblank(i + 1, end), None)
        if nxt is not None and mostly_upper(L.line(i)) and re.match(
                r"(?:phu luc|lo trinh|bang|bieu|danh muc|he thong)\b.*\b(?:chi tieu|muc tieu)\b", L.fline(i).strip()) \
                and re.match(r"\(?\s*kem theo\b", L.fline(nxt).strip()):
            found.append((i, next((s[0] for s in sections if s[0] > i), end)))
    return found


def closing(L: Lines, stop: int | None = None, start: int = 0, partnered: bool = False):
    """Recipients (Nơi nhận), the signer's position and name.

    The signature block is the last name in the document under capitals lines: the position nearest the
    name ("CHỦ TỊCH", "PHÓ GIÁM ĐỐC", "HIỆU TRƯỞNG"), above it any authority ("TM. ỦY BAN NHÂN DÂN",
    "KT. HIỆU TRƯỞNG"); "(Đã ký)" and the like between them are skipped. A ``partnered`` plan (a joint one, see
    ``joint``) carries the partner's block beside the issuer's: the issuer's is read, never the partner's.
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
                                                 and line.endswith((";", ".")) and not mostly_upper(line, 0.9))
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


def _two_blocks(L: Lines, tail: list[int]) -> list[list[tuple[int, int | None, str]]]:
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
            while r >= 2 and all(not t or _SIGNED_RE.match(fold(t)) or mostly_upper(t, 0.9) and len(t) <= 60
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
            if not mostly_upper(line, 0.9):
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


def _chair_beside_secretary(L: Lines, tail: list[int]) -> list[tuple[int, int | None, str]] | None:
    """The chair's block of minutes signed by the secretary on the left and the chair on the right, each line of the two
    columns joined by a space ("THƯ KÝ CHỦ TỌA" / "(đã ký) (đã ký)" / "Hoàng Văn Chiến Nông Thị Thúy"), as a column for
    ``_signature``; None for any other closing."""
    for n, i in enumerate(tail):
        line = L.line(i)
        if not (m := _SECRETARY_BESIDE_RE.match(line)) or not mostly_upper(line, 0.9):
            continue
        block: list[tuple[int, int | None, str]] = [(i, m.end(), line[m.end():].rstrip())]
        for j in tail[n + 1:]:
            text = L.line(j).strip()
            if signed := _SIGNED_TWICE_RE.fullmatch(L.line(j)):
                block.append((j, L.line(j).rindex(signed.group(2)), signed.group(2)))
            elif mostly_upper(text, 0.9) and len(text) <= 60 and not _is_name(text):
                block.append((j, None, text))   # the chair's position goes on under it ("TM. HỘI NGHỊ" / "CHỦ TỌA")
            elif name := _second_name(L, text):
                return block + [(j, L.line(j).rindex(name), name)]
            else:
                return None
    return None


def _second_name(L: Lines, line: str) -> str | None:
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


def _beside_clerk(L: Lines, tail: list[int]) -> list[tuple[int, int | None, str]] | None:
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
    return tail if (mostly_upper(tail, 0.9) and len(tail) <= 60 and not re.search(r"\d|/|\(", tail)) or _is_name(tail) else None


# a degree, a physician's title ("Bs. CKII") or an officer's rank ("Thiếu tá") before a signer's name
_HONORIFIC_RE = re.compile(r"(?:(?:PGS|GS|TS|ThS|CN|BS|Bs|KS|NGƯT|NGND)\.\s*|CKI{1,2}\.?\s+"
                           r"|(?:Đại|Thượng|Trung|Thiếu)\s+(?:tướng|tá|úy|uý)\s+)+(?=\S)")

# a partner's own block: its name after "TM." or a position only a partner has
_PARTNER_POSITION_RE = re.compile(PARTNER_RE.pattern + r"|\b(?:bi thu|truong ban)\b")


def _signature(L: Lines, column: list[tuple[int, int | None, str]], partnered: bool = False):
    """(position, name, index of the block's first line) from the last name of ``column`` under capitals
    lines, or None. ``column`` holds (line index, offset or None for the whole line, text). In a ``partnered`` plan a
    partner's block (``_PARTNER_POSITION_RE``) is None: the issuer's is another."""
    def src(item):
        i, off, text = item
        return L.source(i) if off is None else L.source(i, off, off + len(text))

    def authority(text: str) -> bool:
        # a speaker's block is typed as a sentence ("Người trình bày" / "Hiệu trưởng" / the name)
        return mostly_upper(text, 0.9) and not text.startswith(("-", "+")) and len(text) <= 60 \
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


def _position_above_stamp(L: Lines, name_at: int) -> Extracted[str] | None:
    """The position nearest above a signer's name where a scan's text layer put the seal's ring text between them
    ("HIỆU TRƯỞNG" / "(Đã ký)" / "TRƯỜNG THCS * AN HÒA * TÂY NINH" / name) or beside them in the block's column
    ("Nơi nhận:      GIÁM ĐỐC" over "- Lưu: VT.   TRUNG TÂM GDNN"): the seal names the body, not the signer's post."""
    for i in range(name_at - 1, max(name_at - 8, -1), -1):
        line = L.line(i)
        for m in reversed(list(re.finditer(r"[^\t]+?(?=\t| {2,}|\s*$)", line))):
            piece = m.group(0).strip()
            if mostly_upper(piece, 0.9) and _POSITION_RE.fullmatch(fold(piece)):
                at = m.start() + len(m.group(0)) - len(m.group(0).lstrip())
                position = re.sub(r"^(?:KT|TM|TL|TUQ)\.\s*", "", piece)
                return Extracted(position, L.source(i, at + len(piece) - len(position), at + len(piece)), 0.8)
    return None

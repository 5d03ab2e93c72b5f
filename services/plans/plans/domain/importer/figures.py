"""Figures in a sentence: the quantities (shares, counts, class sizes, levels, ranks, marks), their comparators,
units and catalogue indicators. Its own module because running text and tables read a figure the same way;
horizons.py and tables.py build on it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from plans.domain.importer.lines import fold


# Rules on the folded clause text, in priority order (first match wins).
INDICATOR_RULES: list[tuple[str, re.Pattern]] = [
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
_REPETITION_RE = dict(INDICATOR_RULES)["REPETITION"]
_LEVEL_RULES: list[tuple[str, re.Pattern]] = [
    ("ACCREDITATION_LEVEL", re.compile(r"kiem dinh")),
    ("PCGD_LEVEL", re.compile(r"pho cap|pcgd|xmc|xoa mu chu")),
    ("NATIONAL_STANDARD_LEVEL", re.compile(r"chuan quoc gia|dat chuan qg|cqg")),
]

# (folded pattern right before the number, comparator, confidence)
CMP_BEFORE: list[tuple[re.Pattern, str, float]] = [
    # ("=<", "=>": the sign typed the other way round, as a plain-text editor's user may)
    # ("ko quá", "ko dưới": "không" as a hurried writer abbreviates it)
    (re.compile(r"(?:\b(?:(?:khong|ko) vuot qua|(?:khong|ko) qua|toi da|khong lon hon|khong cao hon)|≤|<=|=<)\s*:?\s*$"), "<=", 0.95),
    # "đạt và vượt 99,8%": reaching it is enough, so a floor, not "above"
    (re.compile(r"(?:\b(?:(?:khong|ko) duoi|(?:khong|ko) it hon|(?:khong|ko) thap hon|it nhat|toi thieu|dat va vuot)|≥|>=|=>)\s*:?\s*$"), ">=", 0.95),
    # ("không có lớp nào quá 35 học sinh": "quá" alone exceeds only after "nào", elsewhere it is "qua", through)
    (re.compile(r"(?:\b(?:tren|hon|vuot(?: qua)?|cao hon|lon hon|nhieu hon|(?<=nao )qua)|(?<![<>=-])>)\s*:?\s*$"), ">", 0.9),
    (re.compile(r"(?:\b(?:duoi|thap hon|it hon|nho hon)|<(?![=]))\s*:?\s*$"), "<", 0.9),
    # Verbs that give the figure to reach without bounding it: "đạt 95%", "giữ vững", "duy trì", "lên 60%" (where it
    # rises to), "(giảm) xuống còn 5%" (where it falls to) read "=" (see :func:`comparator`); they are kept here because
    # they say the figure is a target. "(mức Khá) trở lên: 90%" qualifies the wording before the figure, not it;
    # "giảm 10%" alone is a change, not a level.
    (re.compile(r"\b(dat|giu vung|duy tri|tang len|nang len|(?<!tro )len|xuong|xuong con|giam con)\s*(muc\s*)?:?\s*$"),
     "=", 0.8),
]
CMP_AFTER: list[tuple[re.Pattern, str]] = [
    # ("trởlên": a scan's text layer may join the two words)
    (re.compile(r"^\s*(tro ?len|tro len tren)"), ">="),
    (re.compile(r"^\s*(tro ?xuong|tro lai)"), "<="),
]
ROMAN_VALUES = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
COUNT_UNITS = {"hoc sinh": "học sinh", "lop": "lớp", "phong hoc": "phòng", "phong": "phòng",
                "giao vien": "giáo viên", "tre": "trẻ", "truong": "trường", "hoc vien": "học viên",
                "nhom lop": "lớp", "nhom, lop": "lớp", "nhom tre": "lớp", "hs": "học sinh",
                "luot nguoi": "lượt", "luot hoc vien": "lượt", "ca nhan": "cá nhân", "co giao": "giáo viên"}

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
TIME_SPENT_RE = re.compile(r"\bthoi (?:gian|luong)\b[^;.:]{0,80}?\b(?:khong duoi|khong it hon|it nhat|toi thieu|toi da|khong qua)\s+"
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

# A unit column ("Đơn vị tính"): the unit of the row's bare numbers.
UNIT_CELLS = {"%": "%", "ty le": "%", "ty le %": "%", "phong": "phòng", "phong hoc": "phòng", "lop": "lớp",
               "hoc sinh": "học sinh", "hs": "học sinh", "hoc sinh/lop": "học sinh/lớp", "truong": "trường",
               "giao vien": "giáo viên", "gv": "giáo viên",
               "tre": "trẻ", "muc": "mức", "muc do": "mức", "cap do": "mức",
               "nhom/lop": "lớp", "nhom, lop": "lớp", "nhom lop": "lớp"}   # a preschool counts its classes in "nhóm, lớp"
_YEAR_ROW_RE = re.compile(r"(?:(?:den|toi|trong)\s+(?:het\s+)?)?(?:nam\s+(?:hoc\s+)?)?(?:20\d\d\s*[-–]\s*)?(20\d\d)")


@dataclass
class Q:
    start: int   # offsets within the line
    end: int
    kind: str    # pct | lvl | cnt
    value: float
    unit: str
    high: float | None = None   # the upper end of a range
    bare: bool = False          # a count found by its comparator word alone ("ít nhất 3 nghề")
    led: bool = False           # … or by its leading zero ("và 01 trung tâm học liệu số")


# What a "Số …" row counts, besides the units of COUNT_UNITS; any other is a count without a unit ("").
LABEL_NOUNS = {"vu": "vụ", "giai": "giải", "nguoi": "người", "luot": "lượt", "hoc vien": "học viên",
                "cau lac bo": "câu lạc bộ", "trung tam": "trung tâm", "diem truong": "điểm trường", "de tai": "đề tài", "sang kien": "sáng kiến",
                "em": "học sinh", "chau": "trẻ", "huy chuong": "huy chương", "tien si": "tiến sĩ", "thac si": "thạc sĩ",
                "nghe": "nghề", "co so": "cơ sở", "nhan vien": "nhân viên", "chuyen de": "chuyên đề", "chu de": "chủ đề",
                "doanh nghiep": "doanh nghiệp", "du an": "dự án", "xuong": "xưởng", "nganh": "ngành", "lao dong": "người",
                "bai hoc": "bài học", "bai giang": "bài giảng", "nha": "nhà", "san pham": "sản phẩm", "mo hinh": "mô hình",
                "bai viet": "bài viết", "nganh nghe": "ngành nghề", "diem le": "điểm lẻ", "mon hoc": "môn",
                "dang vien": "đảng viên", "quan chung": "quần chúng", "gv": "giáo viên", "hv": "học viên"}


def quantities(fline: str, line: str) -> list[Q]:
    out: list[Q] = []
    for m in (_QUANTITY_OCR_RE if _SPLIT_FIGURE_RE.search(fline) else _QUANTITY_RE).finditer(fline):
        if m.group("lvl") and (not fold(line[m.start():m.end()]).startswith(("muc", "md", "cap do"))
                               or line[m.start():m.start() + 3].lower() == "mục" or re.search(r"\b(?:tai|xem)\s*$", fline[:m.start()])):
            continue  # "tại Mục III" (a part of the document) folds like "mức III"; "muc do 2" is a level typed bare
        if m.group("pct"):
            value = float(m.group("pct").replace(" ", "").replace(",", "."))
            if m.group("lo"):
                low = float(m.group("lo").replace(",", "."))
                if low < value:
                    out.append(Q(m.start(), m.end(), "pct", low, "%", value))
                    continue
            out.append(Q(m.start("pct"), m.end(), "pct", value, "%"))
        elif m.group("lvl"):
            raw = m.group("lvl")
            value = ROMAN_VALUES.get(raw) or int(raw)
            out.append(Q(m.start(), m.end(), "lvl", float(value), "mức"))
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
            if " " in raw and not any(pat.search(fline[:start][-30:]) for pat, _, _ in CMP_BEFORE):
                # a scanned "không quá 4 0 học sinh" is one figure; two bare cells of a row ("2 5 phòng") are not
                start, raw = m.start("cnt") + 2, raw[2:]
            value = float(raw.replace(".", "").replace(" ", ""))
            counted = "xa" if m.group("cu").startswith("xa") else re.sub(r"\s+", " ", m.group("cu"))   # "xã, phường": communes
            unit, end = {**COUNT_UNITS, **LABEL_NOUNS, "xa": "xã"}[counted], m.end()
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
                out.append(Q(low.start(1), end, "cnt", float(low.group(1).replace(".", "")), unit, value))
                continue
            out.append(Q(start, end, "cnt", value, unit))
    for m in _RATIO_RE.finditer(fline):
        # (a class of 38,5 pupils is an average, a situation: a class size to keep is a whole number)
        if not any(q.start < m.end() and m.start() < q.end for q in out) \
                and not (m.group("who") != "giao vien" and _PER[m.group("per")] == "lớp"):
            out.append(Q(m.start(), m.end(), "cnt", float(m.group("n").replace(",", ".")),
                          f"{COUNT_UNITS[m.group('who')]}/{_PER[m.group('per')]}"))
    for m in _POINTS_RE.finditer(fline):   # "giảm ít nhất 2 điểm phần trăm": a change of a share, in points
        if not any(q.start < m.end() and m.start() < q.end for q in out):
            out.append(Q(m.start(), m.end(), "cnt", float(m.group("n").replace(",", ".")), "điểm phần trăm"))
    for m in _RANK_RE.finditer(fline):
        out.append(Q(m.start("n"), m.end("n"), "cnt", float(m.group("n")), "hạng"))
    for m in _INDEX_RE.finditer(fline):
        if not any(q.start < m.end("n") and m.start("n") < q.end for q in out):
            out.append(Q(m.start("n"), m.end("n"), "cnt", float(m.group("n").replace(",", ".")), ""))
    said: tuple[int, int] | None = None   # (end, value) of the share in words just read
    for m in _WORD_PCT_RE.finditer(fline):   # "chín mươi tám phần trăm": a share written out in words
        value = _word_number(m.group("n").split())
        if value is not None and 0 < value <= 100 and not (said and said[1] == value
                                                           and re.fullmatch(r"\s*,\s*", fline[said[0]:m.start("n")])):
            # ("… đạt chín mươi chín phần trăm, chín mươi chín phần trăm, các đồng chí nhớ cho": said again for weight)
            out.append(Q(m.start("n"), m.end(), "pct", float(value), "%"))
        said = (m.end(), value)
    for m in _WORD_COUNT_RE.finditer(fline):
        # spelt as the number is, in small letters: "Hải Phòng" (the city) folds like "hai phòng"
        # (typed without marks, number and noun alike, it may be other words: "xam hai tre" is "xâm hại trẻ", harming
        # children, not two of them)
        if line[m.start():m.start() + 4].split()[0] in _COUNT_WORDS \
                and line[m.start():m.end()] != fold(line[m.start():m.end()]) \
                and not any(q.start < m.end() and m.start() < q.end for q in out):
            unit = {**COUNT_UNITS, **LABEL_NOUNS}[re.sub(r"\s+", " ", m.group("cu"))]
            out.append(Q(m.start(), m.end(), "cnt", float(_word_number([m.group("n") or "mot", *(m.group("k") or "").split()])), unit))
    if m := _COUNT_LINE_RE.match(fline):   # "- Số vụ bạo lực học đường nghiêm trọng: 0."
        unit = label_unit(line[m.start("label"):m.end("label")]) or ""
        out.append(Q(m.start("n"), m.end("n"), "cnt", float(m.group("n").replace(".", "")), unit))
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
        out.append(Q(m.start("n"), m.end("n"), "cnt", float(m.group("n").replace(".", "")), noun, bare=True))
    for m in _ZERO_LED_RE.finditer(fline):
        words = m.group("w").split()
        named = _counted_noun(words) or ""
        # ("02 ngày hội thể thao", "09 điểm trường lẻ": a noun of two words whose first alone would be a span of time
        # or a mark)
        if words[0] in _NOT_A_COUNT and not named or any(q.start < m.end("n") and m.start("n") < q.end for q in out):
            continue
        noun = named or _agent_noun(fline, line, m.end("n"))
        out.append(Q(m.start("n"), m.end("n"), "cnt", float(m.group("n")), noun, bare=True, led=True))
    for m in _FILLED_COUNT_RE.finditer(fline):
        named = _counted_noun(m.group("w").split())
        if named and not any(q.start < m.end("n") and m.start("n") < q.end for q in out):
            out.append(Q(m.start("n"), m.end("n"), "cnt", float(m.group("n")), named))
    for m in TIME_SPENT_RE.finditer(fline):
        if not any(q.start < m.end() and m.start("n") < q.end for q in out):
            unit = re.sub(r"\s+", "", line[m.start("u"):m.end()])
            out.append(Q(m.start("n"), m.end(), "cnt", float(m.group("n").replace(",", ".")), unit))
    for m in _MARK_RE.finditer(fline) if _MARK_LINE_RE.search(fline) else ():
        value = float((m.group("d") or m.group("i")).replace(",", "."))
        if value <= 10 and not any(q.start < m.end() and m.start() < q.end for q in out):
            out.append(Q(m.start(), m.end(), "cnt", value, "điểm"))
    for m in _THOUSANDS_RE.finditer(fline):
        words = m.group("w").split()
        if words[0] in _NOT_A_COUNT or any(q.start < m.end("n") and m.start("n") < q.end for q in out):
            continue
        nouns = {**COUNT_UNITS, **LABEL_NOUNS}
        noun = next((nouns[" ".join(words[:n])] for n in (3, 2, 1) if " ".join(words[:n]) in nouns), "")
        out.append(Q(m.start("n"), m.end("n"), "cnt", float(m.group("n").replace(".", "")), noun, bare=True))
    for m in _ELIDED_UNIT_RE.finditer(fline):
        like = max((q for q in out if q.end <= m.start()), key=lambda q: q.end, default=None)
        if like and like.kind != "lvl" and like.unit and re.match(r"\s*doi voi\b", fline[like.end:]) \
                and not any(q.start < m.end("n") and m.start("n") < q.end for q in out):
            out.append(Q(m.start("n"), m.end("n"), like.kind, float(m.group("n").replace(",", ".")), like.unit))
    for m in _NAMED_RATIO_RE.finditer(fline):
        # "Tỷ lệ giáo viên/lớp đạt 1,5", "tỷ lệ học sinh/máy tính không quá 15": the ratio the clause names is the
        # figure's unit, no share
        unit = f"{COUNT_UNITS[m.group('who')]}/{_PER[m.group('per')]}"
        same = [q for q in out if q.start < m.end("n") and m.start("n") < q.end]
        if not same:
            out.append(Q(m.start("n"), m.end("n"), "cnt", float(m.group("n").replace(",", ".")), unit, bare=True))
        elif same[0].kind == "cnt" and not same[0].unit:
            out[out.index(same[0])] = replace(same[0], unit=unit)
    for m in _LITERACY_COUNT_RE.finditer(fline):
        out = [q for q in out if not (q.kind == "lvl" and m.start() <= q.start and q.end <= m.start("n"))]
        if not any(q.start < m.end("w") and m.start("n") < q.end for q in out):
            out.append(Q(m.start("n"), m.end("w"), "cnt", float(m.group("n").replace(".", "")), LABEL_NOUNS[m.group("w")]))
    out.sort(key=lambda q: q.start)
    return [_class_size(fline, q, out) for q in out]


# A bare figure closing a clause after an item's colon or a bound: "- Học sinh bỏ học: ≤ 0,8", "- Lưu ban dưới 0,5",
# "- Chuyên cần: từ 95 trở lên", "- Vào lớp 10: 80 - 85" (not a grade, "vào lớp 1: 100", nor a figure with its noun)
_HEADED_FIGURE_RE = re.compile(
    r"(?:[:≤≥<>]|\b(?:dat|tu|duoi|tren|toi da|toi thieu|it nhat|khong (?:qua|vuot qua|duoi|thap hon|it hon)))\s*"
    r"(?:(?P<lo>\d{1,3}(?:,\d+)?)\s*[-–]\s*)?(?P<n>\d{1,3}(?:,\d+)?)(?![\d%]|[.,]\d)"
    r"(?=\s*(?:tro (?:len|xuong)\s*)?(?:[;,.()]|$))")


def headed_shares(fline: str, qs: list[Q]) -> list[Q]:
    """The figures of an item under a heading that gives their unit as "%" ("2. Chất lượng (%)", "Đơn vị tính: %"):
    its bare figures (see :data:`_HEADED_FIGURE_RE`) are shares, as if each had its sign; they replace the unitless
    counts a bound alone found there."""
    found = []
    for m in _HEADED_FIGURE_RE.finditer(fline):
        value = float(m.group("n").replace(",", "."))
        low = float(m.group("lo").replace(",", ".")) if m.group("lo") else None
        if value > 100 or any(q.unit and q.start < m.end() and m.start("n") < q.end for q in qs):
            continue
        found.append(Q(m.start("lo") if low is not None and low < value else m.start("n"), m.end(), "pct",
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


def _class_size(fline: str, q: Q, qs: list[Q]) -> Q:
    """A bare bounded figure with no noun in a sentence about class size counts per class: the unit of the sentence's
    other class sizes, else of whom it names ("trẻ", "học viên"), else pupils."""
    seg = max(fline.rfind(";", 0, q.start), fline.rfind(". ", 0, q.start)) + 1
    if not (q.bare and not q.unit and _CLASS_SIZE_RE.search(fline[seg:q.start]) and said_before(fline, q)):
        return q
    unit = next((p.unit for p in reversed(qs) if seg <= p.start < q.start and p.unit.endswith("/lớp")), None)
    unit = unit or _per_class_named(fline[seg:q.start])
    return Q(q.start, q.end, q.kind, q.value, unit, q.high)


def per_class(unit: str) -> str:
    """A class size's unit: children per class in a preschool ("trẻ", "trẻ/lớp"), learners per class in a GDTX centre
    ("học viên/lớp"), else pupils per class ("HS/lớp", "em", "học sinh"); teachers per class ("1,9 giáo viên/lớp")
    are a school's staffing, no class size."""
    return next((f"{who}/lớp" for who in ("trẻ", "học viên", "giáo viên") if unit.startswith(who)), "học sinh/lớp")


def _per_class_named(ftext: str) -> str:
    """A class size's unit from whom a folded text names ("trẻ", "học viên"), else pupils per class. Children and
    pupils named together ("Sĩ số tối đa (trẻ, học sinh/lớp)" over the levels) are pupils but in a kindergarten's row,
    which the table reader tells apart."""
    who = None if re.search(r"\btre\s*(?:[,/]|va|hoac)\s*(?:hoc sinh|hs)\b", ftext) else re.search(r"\b(tre|hoc vien)\b", ftext)
    return per_class({"tre": "trẻ", "hoc vien": "học viên"}[who.group(1)] if who else "")


def said_before(fline: str, q: Q) -> bool:
    """Whether a comparator word or symbol stands right before a figure ("không quá 30 trẻ", "≥ 35 học sinh")."""
    tail = re.sub(r"\s+", " ", fline[max(0, q.start - 40):q.start])[-30:]
    return any(pat.search(tail) for pat, _, conf in CMP_BEFORE if conf >= 0.9)


ITEM_MARKS = ("", "-", "–", "•", "*", "+")   # list marks from the outermost to the innermost, as plans nest them


def item_depth(line: str) -> tuple[int, int]:
    """How deep a line sits in a list: its indent, then its mark ("+" under "-", a letter's "a)" under both)."""
    s = line.lstrip()
    mark = s[:1] if s[:1] in ITEM_MARKS else ("a)" if re.match(r"[a-zđ]\s*\)", s) else "")
    return len(line) - len(s), ITEM_MARKS.index(mark) if mark in ITEM_MARKS else len(ITEM_MARKS)


_POINTS_RE = re.compile(r"(?<![\d/.,])(?P<n>\d{1,2}(?:,\d+)?)\s*diem phan tram\b")

# A rank among the province's schools: "xếp trong tốp 10 của tỉnh", "đứng vào nhóm top 5", "xếp hạng thi vào lớp 10
# trong tốp 10", "thuộc tốp 5", "xếp tốp 10" (the tenth place or better), whatever verb comes before it; "thuộc nhóm 10 tỉnh, thành
# phố dẫn đầu cả nước", "trong nhóm 5 trường đứng đầu" say the same of a group named for leading; so does a table's
# cell or a label's value, "Xếp hạng thi vào lớp 10 | 134 | Tốp 100", "Xếp hạng: tốp 50", in a large province's hundreds
_RANK_RE = re.compile(r"(?:\b(?:trong|vao|thuoc|(?:xep|dung|lot|duy tri|giu vung)(?=\s+top\b))\s+|(?:^|[:|\t])\s*(?=top\b))"
                      r"(?:(?:nhom\s+)?top\s+|nhom\s+(?=\d{1,2}\s+[^;.\d%]{0,40}?\b(?:dan dau|dung dau)\b))"
                      r"(?P<n>\d{1,3})(?![\d,]|\.\d|\s*%)")   # (a full stop may close the sentence: "… trong tốp 10.")

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


def at_least(cmp: str, value: float, unit: str) -> str:
    """"≥ 100%", "tối thiểu 100%": no share exceeds the whole, so at least 100% is exactly 100%."""
    return "=" if cmp == ">=" and unit == "%" and value == 100 else cmp


def comparator(before: str, after: str, q: Q) -> tuple[str, float, bool]:
    """(comparator, confidence, whether words or a symbol said it: a bound, or a verb such as "đạt" that gives the
    figure to reach).

    A comparator comes only from words or signs that state a bound ("tối thiểu", "ít nhất", "không dưới", "từ … trở
    lên", "trên", "không quá", "tối đa", "dưới", "≥", "<" …); any other figure reads "=". So "đạt 95%", "giữ vững",
    "duy trì", "nâng lên 60%", "xuống còn 5%", a level ("đạt chuẩn quốc gia mức độ 2") and a bare figure are "=":
    no word of theirs bounds the figure, and the platform judges "=" by the indicator's direction
    (``reports.domain.targets.effective_comparator``: a share reached or passed meets "= 95", a drop-out rate at or
    under it meets "= 1"), so reading a bound into them adds nothing for a user and disagrees with the literal
    reading every independent writer of our evaluation sets gave them. "≥ 100%" is "= 100" because no share exceeds
    the whole (:func:`at_least`)."""
    # the words as one line: a wrapped line's break leaves two spaces ("không \nquá 45", "ít" / "nhất")
    tail, after = re.sub(r"\s+", " ", before[-40:])[-30:], re.sub(r"\s+", " ", after)
    # "Chúng tôi xin nhận cao hơn: 95%": higher than the figure said before, the colon giving the one taken on
    tail = re.sub(r"\b(?:cao |nhieu |lon )?hon\s*:\s*$", "", tail)
    if q.unit == "hạng":
        return "<=", 0.85, True   # "trong tốp 10" bounds the rank: the tenth place or better
    if re.search(r"\bkhong (?:de|co|con)\b[^;,.:\d%]{0,50}\squa\s*$", re.sub(r"\s+", " ", before[-90:])):
        # "không để học viên bỏ học quá 5%": "quá" alone exceeds after the negation as after "nào" (which the running
        # text turns into a ceiling: parse._NONE_BELOW_RE), elsewhere it is "qua", through
        return ">", 0.9, True
    verb = None
    for pat, cmp, conf in CMP_BEFORE:
        if pat.search(tail):
            if cmp != "=":
                return at_least(cmp, q.value, q.unit), conf, True
            verb = conf
            break
    for pat, cmp in CMP_AFTER:
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


def indicator(q: Q, before: str, after: str) -> tuple[list[str], float]:
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
        if q.unit.endswith("/lớp") and q.unit not in ("phòng/lớp", "giáo viên/lớp") or q.unit in ("học sinh", "trẻ") and (re.search(r"si so|moi lop|/\s*lop|mot lop|tren 1 lop", before + after[:12])
                                                or re.search(r"\blop (?:hoc )?(?:nao )?(?:co )?(?:tren|qua|vuot qua)\s*$", before)) \
                or q.unit == "trẻ" and re.match(r"\s*chau (?:mot|moi) lop\b", after):
            # ("không quá 30 cháu một lớp": a preschool's children per class, named as its teachers call them; "không còn
            # lớp vượt quá 45 học sinh ở cấp THCS": no class over the figure, whatever the clause says after it)
            return ["MAX_CLASS_SIZE"], 0.85
        if q.unit == "phòng" and "thong minh" in after[:30]:
            return ["SMART_CLASSROOMS"], 0.9
    for window, conf in ((after, 0.85), (before, 0.75)):
        for code, pat in INDICATOR_RULES:
            if pat.search(window):
                if code in ("DROPOUT", "REPETITION") and _REPETITION_RE.search(window) and "bo hoc" in window:
                    return ["DROPOUT", "REPETITION"], conf
                return [code], conf
    return [], 0.3


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
#: tập thể", "01 Hội khỏe Phù Đổng", "02 hội thi", the Youth Union's "05 đội hình" (volunteer teams), "01 ngân hàng đề"
#: (a bank of test papers: "ngân" alone is nothing), nouns of two words whose first alone says another thing; not a table row's label ("Hoạt động trải nghiệm |
#: Ít nhất 3" names an activity, not what its figures count)
_PROSE_NOUNS = {"san choi": "sân chơi", "san": "sân", "be boi": "bể bơi", "ngay hoi": "ngày hội",
                "hoat dong": "hoạt động", "hoi thi": "hội thi", "hoi khoe": "hội khỏe", "hoi trai": "hội trại",
                "hoi dien": "hội diễn", "cuoc thi": "cuộc thi", "doi hinh": "đội hình", "ngan hang de": "ngân hàng đề"}
COUNTED_NOUNS = {**COUNT_UNITS, **LABEL_NOUNS, **_PROSE_NOUNS}


def _counted_noun(words: list[str]) -> str | None:
    """What a count in prose names: the longest of its next three (folded) words that is a known noun."""
    return next((COUNTED_NOUNS[" ".join(words[:k])] for k in (3, 2, 1) if " ".join(words[:k]) in COUNTED_NOUNS), None)


# A bracket after a row's label that is no unit: how far the count reaches ("Số phòng học thông minh (toàn xã)", "(cả
# trường)", "(trên địa bàn)", "(mỗi trường)": each school's), how its figures are tallied ("(tổng số)", "(lũy kế)") or the bound they keep ("Số
# học sinh/lớp (không quá)": the comparator, which _LABEL_CMP_RE reads); "(cấp tỉnh)" is a reach too, "(cấp độ)" a unit.
_NOT_A_UNIT_RE = re.compile(r"\s*(?:(?:toan|ca|tat ca|tren dia ban|cap(?!\s+do\b))\b.*|(?:tong(?: so)?|luy ke|cong don|tich luy|moi nam"
                            r"|moi (?:truong|co so|don vi|diem truong)"
                            r"|toi da|toi thieu|khong qua|khong vuot qua|khong duoi|it nhat)\s*)")
_RATIO_LABEL_RE = re.compile(r"t[yi] le\s+(" + _COUNTED + r")\s*/\s*(" + _COUNTED + r")\b")


def label_unit(label: str) -> str | None:
    """The unit a row's label gives its bare numbers: "Tỷ lệ …" a share, "Sĩ số …" pupils per class, "Số giải …"
    / "Số phòng học …" what it counts, a unit in brackets at its end ("Giải học sinh giỏi quốc gia (giải)")."""
    lead = re.match(r"\s*(?:\d+(?:\.\d+)*\s*[.)]?\s+)*", label).end()
    text, f = label[lead:], fold(label[lead:])
    # (the bracket may be followed by the bound of the row's figures: "Trẻ suy dinh dưỡng (%), không quá"; a share may
    # name what it counts: "Học 2 buổi/ngày (% lớp)")
    if (m := re.search(r"\(\s*(%|[a-zà-ỹđ][a-zà-ỹđ/ ]{0,18})(?:(?<=%)\s*(?:lớp|trường|học sinh|trẻ|giáo viên))?\s*\)(?=\s*$|\s*,?\s*(?i:tối thiểu|tối đa|ít nhất|không quá"
                       r"|không vượt quá|không dưới)\s*$)", text)) \
            and not _NOT_A_UNIT_RE.fullmatch(fold(m.group(1))) and not (
                (r := _RATIO_LABEL_RE.match(f[:m.start()])) and r.group(1) in COUNT_UNITS and r.group(2) in COUNT_UNITS):
        # ("Tỷ lệ giáo viên/lớp (người)": a ratio of two counts, whatever its bracket says it counts in)
        if (counted := re.fullmatch(r"so\s+(.+?)\s*", fold(m.group(1)))) and counted.group(1) in COUNTED_NOUNS:
            return COUNTED_NOUNS[counted.group(1)]   # "Trường đạt chuẩn quốc gia (số trường)": schools, counted
        return UNIT_CELLS.get(fold(m.group(1)).strip(), m.group(1).strip())
    f = f[:m.start()] if m else f
    if (m := _RATIO_LABEL_RE.match(f)) and m.group(1) in COUNT_UNITS \
            and m.group(2) in COUNT_UNITS:
        # "Tỷ lệ phòng học/lớp", "Tỷ lệ giáo viên/lớp": a ratio of two counts ("1,0", "1,5"), no share
        return f"{COUNT_UNITS[m.group(1)]}/{COUNT_UNITS[m.group(2)]}"
    if m := re.match(r"t[yi] le (giao vien|hoc sinh|tre)" + _PER_RE.pattern, f):
        return f"{COUNT_UNITS[m.group(1)]}/{_PER[m.group(2)]}"   # "Tỷ lệ học sinh/máy tính | ≤ 18": a ratio, no share
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
        return COUNT_UNITS[m.group(1)] + "/lớp"   # "Số trẻ/lớp mẫu giáo": a class size, as "Sĩ số" is
    if m := re.match(r"(?:(hoc sinh|hoc vien|tre)\b[^()]*\btuyen (?:moi|sinh)|tuyen (?:moi|sinh) (hoc sinh|hoc vien|tre))\b", f):
        return COUNT_UNITS[m.group(1) or m.group(2)]   # "Học viên GDTX tuyển mới | 180": the learners admitted, counted
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
        nouns = {**COUNT_UNITS, **LABEL_NOUNS, "xa": "xã"}
        return next((nouns[key] for n in (3, 2, 1) if (key := " ".join(words[:n]).rstrip(",")) in nouns), "")
    return None

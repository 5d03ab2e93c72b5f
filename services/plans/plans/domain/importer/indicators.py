"""Which catalogue indicator an imported target measures: a proposal with a confidence, for the school to confirm.

Pure. The target's sentence (Vietnamese as written: typos, missing diacritics) is folded (diacritics
stripped, đ → d, lower case) and compared with each indicator of the province's catalogue: its
Vietnamese name and short label, and a small list of synonyms per known code (how plans actually
word them). Words match when equal or nearly so (one typo in a long word), a phrase scores by the share
of its words found in the sentence, and the unit agrees or disagrees with the indicator's value type.
The parser's own reading (``hint``) adds to the score of the indicator it names. Indicators the
catalogue does not have are never proposed; with no catalogue yet, only the parser's hint is.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Iterable

from plans.domain.catalogue import CatalogueView, IndicatorInfo

#: Below this score the importer proposes nothing (the school chooses, or leaves the target unlinked).
THRESHOLD = 0.45

#: How plans word each indicator, folded (no diacritics). Codes the catalogue lacks are ignored.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "STAFF_BRIEFED": ("quan triet nghi quyet", "quan triet", "pho bien nghi quyet", "hoc tap nghi quyet",
                      "nam vung nghi quyet", "tuyen truyen nghi quyet"),
    "STAFF_DIGITAL_TRAINED": ("boi duong chuyen doi so", "ky nang chuyen doi so", "ky nang so", "nang luc so",
                              "tap huan chuyen doi so", "dao tao chuyen doi so", "boi duong ky nang so",
                              "boi duong cong nghe thong tin", "tap huan cntt", "ky nang cong nghe so"),
    "STAFF_USING_AI": ("tri tue nhan tao", "ung dung ai", "su dung ai", "cong cu ai", "ai trong giang day",
                       "ai trong quan ly"),
    "TEACHERS_QUALIFIED": ("giao vien dat chuan", "dat chuan trinh do dao tao", "giao vien tren chuan",
                           "chuan nghe nghiep giao vien", "nha giao dat chuan", "gv dat chuan",
                           "trinh do dai hoc tro len", "cao dang su pham"),
    "SMART_CLASSROOMS": ("phong hoc thong minh", "lop hoc thong minh", "phong thong minh"),
    "CLASSES": ("so lop", "lop hoc", "duy tri lop", "quy mo lop"),
    "MAX_CLASS_SIZE": ("si so", "hoc sinh moi lop", "si so lop", "hoc sinh tren lop", "hoc sinh 1 lop"),
    "ENROLMENT_AGE_GROUP": ("huy dong tre", "trong do tuoi", "huy dong hoc sinh", "ra lop", "tre den truong",
                            "dung do tuoi", "tre em trong do tuoi", "tuyen sinh lop 1", "vao lop 1",
                            "tre 5 tuoi", "nhap hoc"),
    "DROPOUT": ("bo hoc", "hoc sinh bo hoc", "ty le bo hoc", "khong co hoc sinh bo hoc"),
    "REPETITION": ("luu ban", "o lai lop", "hoc sinh luu ban"),
    "PROGRAMME_COMPLETED": ("hoan thanh chuong trinh", "hoan thanh chuong trinh tieu hoc", "tot nghiep thcs",
                            "tot nghiep thpt", "hoan thanh cap hoc", "tot nghiep trung hoc",
                            "hoan thanh chuong trinh giao duc mam non", "hoan thanh bac"),
    "PROGRESSION_THPT_VOC": ("vao thpt", "hoc thpt", "tiep tuc hoc thpt", "giao duc nghe nghiep", "phan luong",
                             "hoc nghe", "vao lop 10", "theo hoc thpt", "cac lop nghe", "tiep tuc hoc"),
    "TRAINING_EFFICIENCY": ("hieu suat dao tao",),
    "PCGD_LEVEL": ("pho cap giao duc", "pho cap", "pcgd", "chuan pho cap", "xoa mu chu", "pho cap giao duc muc do"),
    "NATIONAL_STANDARD_LEVEL": ("chuan quoc gia", "truong chuan quoc gia", "dat chuan quoc gia", "cqg",
                                "truong dat chuan"),
    "ACCREDITATION_LEVEL": ("kiem dinh chat luong", "kiem dinh", "kiem dinh chat luong giao duc",
                            "cap do kiem dinh"),
    "RECORDS_DIGITAL": ("so hoa ho so", "ho so dien tu", "hoc ba so", "hoc ba dien tu", "so hoa", "ho so so",
                        "du lieu so", "so sach dien tu", "so diem dien tu"),
    "ADMIN_PROCEDURES_ONLINE": ("thu tuc hanh chinh truc tuyen", "thu tuc hanh chinh", "dich vu cong truc tuyen",
                                "giai quyet truc tuyen"),
    "TWO_SESSIONS_PER_DAY": ("2 buoi ngay", "hai buoi ngay", "hoc 2 buoi", "day hoc 2 buoi"),
    "SCHOOL_VIOLENCE_CASES": ("bao luc hoc duong", "vu bao luc", "bao luc"),
    "PROGRESSION_PRIMARY_THCS": ("vao lop 6", "vao hoc lop 6", "tuyen sinh lop 6", "chuyen cap len thcs",
                                 "hoan thanh chuong trinh tieu hoc vao lop 6"),
    "FREE_TEXTBOOKS": ("sach giao khoa mien phi", "mien phi sach giao khoa", "cap sach giao khoa",
                       "duoc cap sach giao khoa"),
    "ONLINE_PUBLIC_SERVICES": ("dich vu cong truc tuyen", "dich vu cong"),
    "ENGLISH_PROFICIENCY": ("tieng anh", "chuan tieng anh", "nang luc tieng anh", "chung chi tieng anh",
                            "nang luc ngoai ngu", "chuan ngoai ngu"),
    "STEM_PARTICIPATION": ("giao duc stem", "hoat dong stem", "stem", "steam", "bai hoc stem"),
    "SEMI_BOARDING": ("ban tru", "hoc sinh ban tru", "to chuc ban tru"),
}

#: Wordings that speak of another indicator even though this one's phrases occur: "hoàn thành chương trình
#: tiểu học vào học lớp 6" is a transition, not a completion.
EXCLUDES: dict[str, tuple[str, ...]] = {
    "PROGRAMME_COMPLETED": ("vao lop 6", "vao hoc lop 6", "vao lop 10", "theo hoc thpt", "hoc nghe", "lop nghe",
                            "tiep tuc hoc", "vao thpt"),
}

#: Words too common in targets to tell indicators apart.
STOPWORDS = frozenset("""
ty le so muc do cua va cac duoc trong tai cho nguoi co khong it nhat toi thieu tren duoi dat den nam
phan dau 100 la mot nhung voi theo hoac tong cap hoc sinh giao vien can quan ly nhan vien tre em
nha truong truong
""".split())

_SPACE = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Proposal:
    code: str | None
    name: str | None
    confidence: float


def fold(text: str) -> str:
    """Lower case, no diacritics (đ → d), words separated by single spaces."""
    decomposed = unicodedata.normalize("NFD", (text or "").replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return _SPACE.sub(" ", bare).strip()


def _same_word(a: str, b: str) -> bool:
    if a == b:
        return True
    if min(len(a), len(b)) < 4 or abs(len(a) - len(b)) > 1:
        return False
    return SequenceMatcher(None, a, b).ratio() >= 0.8


def _coverage(phrase: tuple[str, ...], words: tuple[str, ...], text: str) -> float:
    """How well the sentence carries the phrase, 0–1.

    1 when the phrase occurs as it is; else the share of its telling words (not :data:`STOPWORDS`) found,
    nearly equal ones included, weighing less than the phrase itself. Longer phrases are surer signs.
    """
    if not phrase:
        return 0.0
    key = tuple(w for w in phrase if w not in STOPWORDS) or phrase
    specificity = 0.7 + 0.1 * min(3, len(phrase))
    if f" {' '.join(phrase)} " in f" {text} ":
        return specificity
    if len(key) < 2:
        return 0.0  # one telling word ("bỏ" of "bỏ học") counts only inside its phrase
    share = sum(1 for p in key if any(_same_word(p, w) for w in words)) / len(key)
    return share * 0.8 * specificity if share >= 0.75 else 0.0


@lru_cache(maxsize=512)
def _phrases(indicator: IndicatorInfo) -> tuple[tuple[tuple[str, ...], float], ...]:
    """(words, weight): the synonyms (weight 1), the name's and short label's significant words (0.85), when
    at least two."""
    out = [(tuple(fold(s).split()), 1.0) for s in SYNONYMS.get(indicator.code, ())]
    for label in (indicator.name, indicator.short_label):
        if label:
            significant = tuple(w for w in fold(label).split() if w not in STOPWORDS)
            if len(significant) >= 2:  # one word of a name ("hồ" of "Hồ sơ số") tells nothing
                out.append((significant, 0.85))
    return tuple(out)


#: Things a count target counts, folded; a count of one is not an indicator counting another.
_COUNT_NOUNS = {"lop", "truong", "vu", "hoc sinh", "giao vien"}


def _unit_fit(indicator: IndicatorInfo, unit: str, text: str) -> float:
    u = fold(unit)
    kind = indicator.value_type
    if "%" in (unit or ""):
        return 0.1 if kind in ("ratio", "boolean") else -0.5
    if not u:
        return 0.0
    if u in ("muc", "muc do", "cap do", "cap") or "muc" in u.split():
        return 0.1 if kind == "level" else -0.2
    if kind == "ratio":
        return -0.3
    if fold(indicator.unit) and fold(indicator.unit).split()[0] in u.split():
        return 0.15
    own = fold(indicator.unit)
    if kind == "count" and u in _COUNT_NOUNS and own in _COUNT_NOUNS and not set(u.split()) & set(own.split()):
        return -0.6   # "Trường có 38 lớp với sĩ số mỗi lớp …": classes are counted, not pupils per class
    return 0.0


def score(indicator: IndicatorInfo, text: str, unit: str) -> float:
    """The best phrase's match, a little more when another phrase of the indicator matches too, and the unit's fit."""
    words = tuple(text.split())
    found = sorted((_coverage(p, words, text) * weight for p, weight in _phrases(indicator)), reverse=True)
    best = found[0] if found else 0.0
    if best < 0.5:
        return best * 0.5
    second = found[1] if len(found) > 1 else 0.0
    excluded = any(f" {phrase} " in f" {text} " for phrase in EXCLUDES.get(indicator.code, ()))
    return best + 0.1 * second + _unit_fit(indicator, unit, text) - (0.3 if excluded else 0.0)


def propose(sentence: str, unit: str, catalogue: CatalogueView | None, hint: str | None = None,
            clause: str | None = None) -> Proposal:
    """The indicator a target most likely measures, or ``Proposal(None, None, c)`` when none is likely.

    ``clause`` is the part of the sentence the target was read from (a sentence often holds several
    targets); it decides, and the whole sentence is read only when the clause says too little by itself
    ("tối thiểu 3 trường"). ``hint`` is the parser's own reading, which weighs a little.
    """
    if catalogue is None:
        # Not received yet: the parser's reading, unverified and so never confident.
        return Proposal(hint, None, 0.5) if hint else Proposal(None, None, 0.0)
    found = _best(fold(clause), unit, catalogue, hint) if clause else None
    if found is None or (found.code is None and _says_little(fold(clause))):
        found = _best(fold(sentence), unit, catalogue, hint)
    return found


def _says_little(text: str) -> bool:
    return len([w for w in text.split() if w not in STOPWORDS and not w.isdigit()]) < 3


def _best(text: str, unit: str, catalogue: CatalogueView, hint: str | None) -> Proposal:
    ranked = rank(text, unit or "", catalogue.indicators, hint)
    if (not ranked or ranked[0][1] < THRESHOLD) and hint:
        # nothing in the wording, but the parser read a count of the very thing the indicator counts ("Trường có
        # 38 lớp": a number of classes): its reading, as unsure as a proposal can be
        named = next((i for i in catalogue.indicators if i.code == hint), None)
        if named and named.value_type == "count" and fold(unit) and fold(unit) == fold(named.unit):
            return Proposal(named.code, named.name, THRESHOLD)
    if not ranked or ranked[0][1] < THRESHOLD:
        return Proposal(None, None, round(ranked[0][1], 2) if ranked else 0.0)
    (best, top), second = ranked[0], (ranked[1][1] if len(ranked) > 1 else 0.0)
    confidence = min(1.0, top) * (0.75 if top - second < 0.1 else 1.0)  # a near tie is less sure
    return Proposal(best.code, best.name, round(max(confidence, THRESHOLD), 2))


def rank(text: str, unit: str, indicators: Iterable[IndicatorInfo],
         hint: str | None = None) -> list[tuple[IndicatorInfo, float]]:
    scored = [(i, score(i, text, unit) + (0.1 if hint and i.code == hint else 0.0)) for i in indicators]
    return sorted(scored, key=lambda pair: -pair[1])

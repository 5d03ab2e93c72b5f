"""Which catalogue indicator an imported target measures: a proposal with a confidence, for the school to confirm.

Pure. The target's sentence (Vietnamese as written: typos, missing or wrong diacritics, abbreviations) is
read into words kept twice, as written and folded (no diacritics, đ → d, "tỉ"/"tỷ" alike), with its
abbreviations spelt out ("HS", "CBQL", "KĐCL" …: :mod:`plans.domain.indicator_wording`). Each indicator of the
province's catalogue is scored on evidence:

- its phrases (the wording data beside the catalogue, its short label and its name): a phrase found in order,
  a word or two between its words allowed, a word with one typo or other diacritics counting a little less;
- the unit (a percentage is a ratio, "mức" a level, "lớp" a count of classes);
- the subject (who or what the sentence counts: teachers are not pupils, parents are neither; what pupils or
  course learners are taught is never the staff's training or use of AI, the teachers' own English level never the
  pupils' standard);
- the school level the sentence names (an English standard is no preschool indicator);
- wordings that speak of something else ("thạc sĩ" is not the training standard);
- the parser's own reading (``hint``), a little;
- what makes it another measure altogether, then never proposed: wording of another statistic (an average class
  is not the largest, a school kitchen no share of boarders), a number of course sessions for a share, a share or
  a count of schools for a school's or a commune's level ("100% trường đạt chuẩn quốc gia mức độ 2" is no level), a
  change from a baseline ("tăng 10% so với năm học trước"), a part "trong đó" of the same indicator's figure.

A value of another kind than the best indicator's, which that indicator cannot take (a share or a count of schools
for a school's level, a share of schools for a count of rooms), means the target measures what the catalogue does
not have: nothing is proposed. Pupils of a grade the indicator does not cover ("học sinh lớp 12" for a move out of THCS), two
targets read as one clause, or an indicator read from a sentence that holds other figures leave it unconfident.

The confidence is the best score less what the second-best comes close to it: a near tie, a weak sign or any
evidence against the indicator leaves it below :data:`CONFIDENT`, and the import report flags such a target as
needing review (``needs_review``); below :data:`THRESHOLD` nothing is proposed. Indicators the catalogue does not have are never proposed; with no
catalogue yet, only the parser's hint is, unconfident.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Iterable

from plans.domain.catalogue import CatalogueView, IndicatorInfo
from plans.domain.indicator_wording import (
    ABBREVIATIONS, CASED_ABBREVIATIONS, LEVELS, SUBJECTS, TV_AS_LANGUAGE_AFTER, WORDING,
)

#: Below this score the importer proposes nothing (the school chooses, or leaves the target unlinked).
THRESHOLD = 0.45
#: From this confidence on a proposal is shown as likely; below it the import flags the target for review.
CONFIDENT = 0.6
#: How far the best indicator must lead the second for its whole score to count as the confidence.
MARGIN = 0.3
#: A lead this small is a tie ("bồi dưỡng kỹ năng số, ứng dụng trí tuệ nhân tạo"): never a confident proposal.
TIE = 0.1
#: The confidence of a proposal with evidence against it (a subject, unit or level that does not fit).
UNSURE = 0.5

#: Words too common in targets to tell indicators apart (folded), left out of a name's phrase.
STOPWORDS = frozenset("""
ty le ti so muc do cua va cac duoc trong tai cho nguoi co khong it nhat toi thieu tren duoi dat den nam
phan dau 100 la mot nhung voi theo hoac tong cap hoc sinh giao vien can quan ly li nhan vien tre em
nha truong truong tro len
""".split())

_WORD = re.compile(r"\w+", re.UNICODE)
#: Vietnamese writes a final y or i after a consonant either way (tỷ/tỉ, kỹ/kĩ, sỹ/sĩ).
_FINAL_Y = re.compile(r"(?<=^[bcdghklmnpqrstvx])[yýỳỷỹỵ]$|(?<=^[bcdghklmnpqrstvx]h)[yýỳỷỹỵ]$")
_Y_TO_I = str.maketrans("yýỳỷỹỵ", "iíìỉĩị")


@dataclass(frozen=True)
class Proposal:
    code: str | None
    name: str | None
    confidence: float


def fold(text: str) -> str:
    """Lower case, no diacritics (đ → d), words separated by single spaces."""
    return " ".join(_fold_word(w) for w in _WORD.findall(_nfc(text).lower()) if w != "_")


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text or "")


def _spelling(word: str) -> str:
    """One spelling of a word Vietnamese writes two ways (tỷ/tỉ), diacritics kept."""
    return _FINAL_Y.sub(lambda m: m.group(0).translate(_Y_TO_I), word)


def _fold_word(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word.replace("đ", "d").replace("Đ", "D"))
    return _spelling("".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower())


@dataclass(frozen=True)
class Words:
    """A text's words, each as written (lower case, one spelling) and folded."""

    written: tuple[str, ...]
    folded: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.folded)


def read(text: str) -> Words:
    """The words of ``text`` with its abbreviations spelt out."""
    raw = [w for w in _WORD.findall(_nfc(text)) if w != "_"]
    out: list[str] = []
    for i, word in enumerate(raw):
        if word in CASED_ABBREVIATIONS:
            expansion = CASED_ABBREVIATIONS[word]
            if word == "TV" and i and raw[i - 1].lower() in TV_AS_LANGUAGE_AFTER:
                expansion = "tiếng Việt"
            out.extend(expansion.lower().split())
        elif _fold_word(word) in _SHORT:
            out.extend(_SHORT[_fold_word(word)])
        else:
            out.append(_spelling(word.lower()))
    folded = [_fold_word(w) for w in out]
    # several words that plans also write short ("trung học cơ sở" → "thcs")
    for long, short in _LONG.items():
        n = len(long)
        k = 0
        while k <= len(folded) - n:
            if tuple(folded[k:k + n]) == long:
                folded[k:k + n] = [short]
                out[k:k + n] = [short]
            k += 1
    return Words(tuple(out), tuple(folded))


_SHORT = {key: tuple(value.lower().split()) for key, value in ABBREVIATIONS.items() if " " not in key}
_LONG = {tuple(_fold_word(w) for w in key.split()): value for key, value in ABBREVIATIONS.items() if " " in key}


def _bare(word: str) -> bool:
    """Written without any diacritic (so it cannot disagree with a phrase's)."""
    return word.replace("đ", "d") == _fold_word(word) or word.isascii()


def _word_match(phrase_written: str, phrase_folded: str, written: str, folded: str) -> float:
    """1 for the same word; a little less with other diacritics (a typo or another word) or one typo."""
    if folded == phrase_folded:
        return 1.0 if written == phrase_written or _bare(written) else 0.85
    return 0.8 if _one_typo(folded, phrase_folded) else 0.0


#: Initial consonants Vietnamese writers confuse (s/x, ch/tr, d/gi/r, l/n): "hiệu xuất" for "hiệu suất".
_INITIALS = re.compile(r"^(?:gi|ch|tr|[sxdrln])")
_SAME_SOUND = {"s": "s", "x": "s", "ch": "ch", "tr": "ch", "d": "d", "gi": "d", "r": "d", "l": "l", "n": "l"}


@lru_cache(maxsize=65536)
def _one_typo(a: str, b: str) -> bool:
    """Nearly the same long word, folded: one letter off, or an initial consonant writers confuse."""
    if min(len(a), len(b)) < 4 or abs(len(a) - len(b)) > 1:
        return False
    if _INITIALS.sub(lambda m: _SAME_SOUND[m.group(0)], a) == _INITIALS.sub(lambda m: _SAME_SOUND[m.group(0)], b):
        return True
    return SequenceMatcher(None, a, b).ratio() >= 0.8


@dataclass(frozen=True)
class Phrase:
    parts: tuple[Words, ...]   # found in this order; words of one part close together, parts anywhere after
    strength: float
    gaps: int = 2
    weak: bool = False      # names the topic, not yet the measure: never enough for a confident proposal


def find(phrase: Phrase, text: Words) -> float:
    """How well ``text`` carries ``phrase``, 0–1: each part's words in order (a few words between them costing a
    little), the parts one after the other, each a little less sure when they are apart."""
    quality, at = 1.0, 0
    for n, part in enumerate(phrase.parts):
        found, end = _find_part(part, phrase.gaps, text, at)
        if not found:
            return 0.0
        quality *= found * (0.9 if n else 1.0)
        at = end
    return quality


def _find_part(part: Words, gaps_allowed: int, text: Words, begin: int) -> tuple[float, int]:
    """(quality, end) of the best place of ``part`` in ``text`` from ``begin``; quality 0 when nowhere."""
    pw, pf = part.written, part.folded
    best, end = 0.0, -1
    for start in range(begin, len(text)):
        first = _word_match(pw[0], pf[0], text.written[start], text.folded[start])
        if not first:
            continue
        quality, at, gaps = first, start, 0
        for w, f in zip(pw[1:], pf[1:]):
            for step in range(1, gaps_allowed - gaps + 2):
                k = at + step
                if k < len(text) and (m := _word_match(w, f, text.written[k], text.folded[k])):
                    quality *= m * (0.92 ** (step - 1))
                    gaps += step - 1
                    at = k
                    break
            else:
                quality = 0.0
                break
        if quality > best:
            best, end = quality, at + 1
    return best, end


def _phrase(text: str, strength: float | None = None, gaps: int | None = None, weak: bool = False) -> Phrase:
    """A phrase of the wording data: "a … b" for parts that may stand apart; a short part allows no word between
    its words ("học sinh giỏi lớp 9" is no "học sinh/lớp")."""
    parts = tuple(read(p) for p in text.split("…") if p.strip())
    size = sum(len(p) for p in parts)
    if gaps is None:
        gaps = 2 if max(len(p) for p in parts) >= 4 else 0
    return Phrase(parts, _strength(size) if strength is None else strength, gaps, weak)


def _strength(words: int) -> float:
    return 0.7 if words == 1 else 0.85 if words == 2 else 0.95


@dataclass(frozen=True)
class Evidence:
    phrases: tuple[Phrase, ...]
    not_: tuple[Phrase, ...]
    never: tuple[Phrase, ...]          # another measure altogether: the indicator is not proposed
    doubt: tuple[Phrase, ...]          # may be it or a neighbouring measure the catalogue lacks: never confident
    subjects: frozenset[str] | None     # None: the wording data say nothing of the subject
    levels: frozenset[str]              # the school levels a sentence about it may name


@lru_cache(maxsize=512)
def evidence(indicator: IndicatorInfo) -> Evidence:
    """The indicator's phrases (wording data, short label, name) and what speaks against it."""
    data = WORDING.get(indicator.code, {})
    phrases = []
    for text in data.get("phrases", ()):
        weak = text.startswith("~")
        phrase = _phrase(text.lstrip("~"), weak=weak)
        phrases.append(Phrase(phrase.parts, phrase.strength * (0.6 if weak else 1.0), phrase.gaps, weak))
    if indicator.short_label and len(read(indicator.short_label)) >= 2:
        # a short label names the topic ("Bán trú"), not yet the measure ("học sinh bán trú có chỗ ở" is no share)
        phrases.append(_phrase(indicator.short_label, 0.6, gaps=0, weak=True))
    significant = " ".join(w for w in fold(indicator.name).split() if w not in STOPWORDS)
    if len(significant.split()) >= 2:   # one word of a name ("hồ" of "Hồ sơ số") tells nothing
        phrases.append(_phrase(significant, 0.85, gaps=3))
    subjects = data.get("subjects")
    return Evidence(tuple(phrases), tuple(_phrase(t, 1.0, gaps=0) for t in data.get("not", ())),
                    tuple(_phrase(t, 1.0, gaps=0) for t in data.get("never", ())),
                    tuple(_phrase(t, 1.0, gaps=0) for t in data.get("doubt", ())),
                    frozenset(subjects) if subjects is not None else None,
                    frozenset(indicator.school_levels) | frozenset(data.get("mentions", ())))


_SUBJECT_PHRASES = tuple(sorted(((read(w), kind) for kind, words in SUBJECTS.items() for w in words),
                                key=lambda pair: -len(pair[0])))
_LEVEL_PHRASES = tuple((read(w), level) for level, words in LEVELS.items() for w in words)


def _at(words: Words, text: Words, k: int) -> bool:
    """``words`` stand at ``k`` of ``text`` as written, or without diacritics where the text has none ("số" is
    not "sổ", "so" may be either)."""
    return all(_word_match(w, f, text.written[k + i], text.folded[k + i]) == 1.0
               for i, (w, f) in enumerate(zip(words.written, words.folded)))


def subject(text: Words) -> str | None:
    """Who or what the sentence counts: the first subject word after its first number or "tỷ lệ", else its first."""
    found: list[tuple[int, str]] = []
    for words, kind in _SUBJECT_PHRASES:
        n = len(words)
        for k in range(len(text) - n + 1):
            if _at(words, text, k) and not any(k == p for p, _ in found) \
                    and not (kind == "classes" and k + n < len(text) and text.folded[k + n].isdigit()):
                found.append((k, kind))   # "lớp 10" is a grade, not the classes counted
    if not found:
        return None
    found.sort()
    opening = next((k for k, f in enumerate(text.folded)
                    if f.isdigit() or (f == "le" and k and text.folded[k - 1] == "ti")), -1)
    after = [kind for k, kind in found if k > opening]
    return after[0] if after else found[0][1]


def levels(text: Words) -> set[str]:
    """The school levels the sentence names."""
    return {level for words, level in _LEVEL_PHRASES
            if any(_at(words, text, k) for k in range(len(text) - len(words) + 1))}


#: The school level of a grade ("lớp 12" is upper-secondary).
_GRADE_LEVEL = {**dict.fromkeys(range(1, 6), "tieu_hoc"), **dict.fromkeys(range(6, 10), "thcs"),
                **dict.fromkeys(range(10, 13), "thpt")}


def pupils_level(text: Words) -> str | None:
    """The school level of the pupils a sentence counts when it names their grade ("học sinh lớp 12"): unlike a
    level named anywhere (a move "vào THPT" names the level pupils go to), theirs must be the indicator's own."""
    f = text.folded
    for k in range(len(f) - 1):
        if f[k] == "lop" and f[k + 1].isdigit() and int(f[k + 1]) in _GRADE_LEVEL \
                and (k >= 1 and f[k - 1] == "tre" or k >= 2 and f[k - 2:k] in (("hoc", "sinh"), ("hoc", "vien"))):
            return _GRADE_LEVEL[int(f[k + 1])]
    return None


#: Subjects who are taught (pupils, course learners) and who teach: an indicator counting the one never counts the
#: other.
_TAUGHT = frozenset({"pupils", "learners"})
_STAFF = frozenset({"staff"})

#: What a count counts, folded, by family: a count of one family is not an indicator counting another.
_COUNTED = {"lop": "rooms", "phong": "rooms", "hoc sinh": "pupils", "tre": "pupils", "chau": "pupils",
            "truong": "schools", "vu": "cases", "giao vien": "staff", "nguoi": "people"}


#: Units of an activity's sessions (folded): a number of them is no share of people or things.
_SESSIONS = frozenset({"luot", "khoa", "dot", "buoi", "lan", "chuyen de"})


def _measures_otherwise(indicator: IndicatorInfo, unit: str) -> bool:
    """The value cannot be of the indicator's kind: a share or a count of schools is not a school's level ("100%
    trường học đạt chuẩn quốc gia", "09/11 trường" in a commune's plan), a share is not a count ("100% phòng học là
    phòng học thông minh"), a number of course sessions is not a share of people ("12.000 lượt giáo viên"), nor is a
    rank ("nằm trong tốp 15 của tỉnh" about pupils going on to lớp 10)."""
    u, kind = fold(unit), indicator.value_type
    if kind == "level":
        return "%" in (unit or "") or (bool(u) and not {"muc", "cap", "do", "bac"} & set(u.split()))
    if kind == "count":
        return "%" in (unit or "")
    return kind == "ratio" and (u in _SESSIONS or u == "hang")   # a rank ("tốp 15 của tỉnh") is no share either


def _unit_fit(indicator: IndicatorInfo, unit: str) -> float:
    u = fold(unit)
    kind = indicator.value_type
    if "%" in (unit or ""):
        return 0.1 if kind in ("ratio", "boolean") else -0.5
    if not u:
        return 0.0
    if u in ("muc", "muc do", "cap do", "cap") or "muc" in u.split():
        if kind != "level":
            return -0.3
        return 0.15 if u.split()[0] == fold(indicator.unit).split()[0] else 0.05   # "cấp độ" of accreditation
    if kind in ("ratio", "level"):
        return -0.3
    own = fold(indicator.unit)
    if own and own.split()[0] in u.split():
        return 0.15
    if kind == "count" and u in _COUNTED and own in _COUNTED and _COUNTED[u] != _COUNTED[own]:
        return -0.6   # "Trường có 38 lớp với sĩ số mỗi lớp …": classes are counted, not pupils per class
    return -0.2 if kind == "count" else 0.0


def score(indicator: IndicatorInfo, text: Words, unit: str, who: str | None = None,
          named_levels: Iterable[str] = (), grade_level: str | None = None) -> tuple[float, int]:
    """The best phrase's match, a little more when others match too, and the evidence of unit, subject and level;
    with the number of doubts (evidence against it), each of which leaves a proposal unconfident. Nothing for an
    indicator the value or the wording says is another measure (:func:`_measures_otherwise`, ``never``)."""
    ev = evidence(indicator)
    found = sorted(((find(p, text) * p.strength, p.weak) for p in ev.phrases), reverse=True)
    best, weak = found[0] if found else (0.0, False)
    if best < 0.5:
        return best * 0.5, 0
    if any(find(p, text) >= 0.85 for p in ev.never) or (indicator.value_type in ("ratio", "level")
                                                          and _measures_otherwise(indicator, unit)):
        return 0.0, 1
    if ev.subjects == _STAFF and who in _TAUGHT or ev.subjects and ev.subjects <= _TAUGHT and who in _STAFF:
        # "100% học viên được học kỹ năng số": what learners are taught is no staff's training; "giáo viên dạy tiếng
        # Anh đạt bậc 4" is the teachers' own standard, not their pupils'
        return 0.0, 1
    fit = _unit_fit(indicator, unit)
    total = best + 0.05 * sum(1 for f, _ in found[1:3] if f >= 0.5) + fit
    # a share of rooms is near a count of them, yet not its value
    doubts = int(fit < 0) + int(weak) + int(_measures_otherwise(indicator, unit))
    if who is not None and ev.subjects and who != "units" and who not in ev.subjects:
        total -= 0.35   # "100% cha mẹ học sinh được tuyên truyền về Nghị quyết": parents are not the staff
        doubts += 1
    named = set(named_levels)
    if named and indicator.school_levels and not named & ev.levels:
        total -= 0.35   # "trẻ mẫu giáo … tiếng Anh": no English standard is set for preschool
        doubts += 1
    elif grade_level and indicator.school_levels and grade_level not in indicator.school_levels:
        total -= 0.35   # "học sinh lớp 12 đăng ký học nghề": upper-secondary pupils, no move out of THCS
        doubts += 1
    if any(find(p, text) >= 0.85 for p in ev.not_):
        total -= 0.4
        doubts += 1
    # "tỷ lệ tốt nghiệp THPT" is the graduation exam's pass rate, which plans count as the level completed or not
    doubts += any(find(p, text) >= 0.85 for p in ev.doubt)
    return total, doubts


def propose(sentence: str, unit: str, catalogue: CatalogueView | None, hint: str | None = None,
            clause: str | None = None) -> Proposal:
    """The indicator a target most likely measures, or ``Proposal(None, None, c)`` when none is likely.

    ``clause`` is the part of the sentence the target was read from (a sentence often holds several
    targets); it decides. When it names no indicator, its stretch of the sentence or its table row's label is
    read (:func:`_wider`), and the whole sentence only when the clause says too little by itself ("tối thiểu 3
    trường"); read from a sentence that holds other quantities, the proposal is never confident. ``hint`` is the
    parser's own reading, which weighs a little. A change against a baseline ("tăng 10% so với năm học trước")
    measures no indicator's value; a share "trong đó" (of which) of the same indicator's figure is a part of it.
    """
    if catalogue is None:
        # Not received yet: the parser's reading, unverified and so never confident.
        return Proposal(hint, None, 0.5) if hint else Proposal(None, None, 0.0)
    if clause and (lead := _TOPICS_LEAD.match(clause)):
        # "Kiểm định, chuẩn quốc gia: đến năm 2030 đạt kiểm định chất lượng giáo dục cấp độ II": a lead naming
        # several topics heads a list of their targets; which one this figure is, its own words say, unless they
        # say no more than the lead does ("Quy mô, phổ cập: năm 2026 duy trì 32 lớp")
        body, whole = (_best(read(text), unit, catalogue, hint) for text in (clause[lead.end():], clause))
        if body.code is not None and (body.code != whole.code or body.confidence > whole.confidence):
            clause = clause[lead.end():]
    start = (sentence or "").find(clause) if clause else -1
    own = _part(sentence, clause, start) if start >= 0 else (clause or sentence)
    if _CHANGE.search(fold(own)):
        return Proposal(None, None, 0.0)
    if clause and (inner := _INNER_PART.search(clause)) and _QUANTITY.search(clause[:inner.start()]):
        # "100% giáo viên được bồi dưỡng thường xuyên, trong đó bồi dưỡng chuyển đổi số": what follows "trong đó"
        # is the part's wording, not this figure's
        clause = clause[:inner.start()]
    found = _best(read(clause), unit, catalogue, hint) if clause else None
    if found is not None and found.code is None and not _says_little(read(clause)):
        for wider in _wider(sentence, clause):
            found = _best(read(wider), unit, catalogue, hint)
            if found.code is not None:
                break
    elif found is not None and found.code and found.confidence < CONFIDENT:
        # "100% hồ sơ tuyển sinh, học bạ | , sổ điểm được quản lý trên phần mềm": the clause ends before its own
        # words, which its stretch of the sentence holds; read with them, the target is at least as sure
        surer = [p for w in _wider(sentence, clause)[:1] if not _QUANTITY.search(w.replace(clause, " ", 1))
                 for p in [_best(read(w), unit, catalogue, hint)] if p.code and p.confidence >= found.confidence]
        found = surer[0] if surer else found
    spoken = False   # the clause's stretch or lead, with no other figure, has words of its own naming no indicator
    if found is not None and found.code is None and start >= 0 and _says_little(read(clause)):
        # "tỷ lệ … hoàn thành chương trình cấp học: THCS 100 %, THPT 99 %; … tiếp tục học …": a list item's words are
        # its stretch or its list's lead, not the next target's; "học sinh … xếp loại học tập Khá, | Tốt từ 85% trở
        # lên" names none, and the sentence's other targets do not lend theirs
        if _OWN_COUNT.match(clause) and _QUANTITY.search(sentence.replace(clause, " ", 1)):
            # "02 phòng học thông minh, 01 phòng học STEM": a count that names what it counts, naming no indicator,
            # borrows from no other figure's words
            spoken = True
        for near in (_part(sentence, clause, start), _lead(sentence, clause, start)) if not spoken else ():
            if near == clause:
                continue
            if (nearer := _best(read(near), unit, catalogue, hint)).code is not None:
                found = nearer
                break
            spoken = spoken or not (_says_little(read(near)) or _QUANTITY.search(near.replace(clause, " ", 1)))
    if found is None or (found.code is None and _says_little(read(clause)) and not spoken):
        found = _best(read(sentence), unit, catalogue, hint)
        if found.code and start >= 0 and _QUANTITY.search(sentence.replace(clause, " ", 1)) \
                and (before := _best(read(sentence[:start]), unit, catalogue, hint).code) != found.code:
            # a clause points back ("…; đến năm 2027 tỷ lệ này dưới 0,8%"), never on to the next target's words:
            # read from those, a guess, never confident; with nothing before it to point back to ("THPT đạt từ 88%
            # trở lên; mở 04 lớp trung cấp nghề"), nothing
            found = Proposal(found.code, found.name, min(found.confidence, UNSURE)) if before else \
                Proposal(None, None, 0.0)
    if found.code and start >= 0 and not _QUANTITY.match(clause) and (items := _items_before(sentence, start)):
        # "trong đó bồi dưỡng chuyển đổi số, ứng dụng AI đạt 100%": items before the clause with no figure of their
        # own share its figure; read with them, another indicator leaves it unsure
        shared = _best(read(items + clause), unit, catalogue, hint)
        if shared.code != found.code:
            found = Proposal(shared.code or found.code, shared.name if shared.code else found.name,
                             min(found.confidence, UNSURE))
    if found.code and _WIDE_SCOPE.search(fold(own)) and catalogue.get(found.code).value_type == "count":
        # "toàn tỉnh có không dưới 600 phòng học thông minh": a province's or a sector's total, no one school's count
        found = Proposal(found.code, found.name, min(found.confidence, UNSURE))
    if found.code and clause and _joins_two(clause):
        # "… hoàn thành chương trình và 100% trẻ … được tăng cường tiếng Việt": two targets read as one clause,
        # and which wording is this figure's cannot be told
        found = Proposal(found.code, found.name, min(found.confidence, UNSURE))
    if found.code and start >= 0:
        whole = _whole_of(sentence, start)
        if whole is not None:
            # "100% giáo viên đạt chuẩn, trong đó 90% trên chuẩn": the part is no figure of the indicator itself
            if _best(read(whole), "%", catalogue, None).code == found.code:
                found = Proposal(None, None, 0.0)
    if found.code and (named := catalogue.get(found.code)) and named.value_type in ("level", "count") \
            and _measures_otherwise(named, unit):
        # the wording names the indicator, the value cannot be one of its values: a share or a count of schools is
        # no school's level ("100% trường đạt chuẩn quốc gia", "Có 5 trường đạt chuẩn quốc gia"), a share of schools
        # no count of rooms ("100% trường có ít nhất 01 phòng học thông minh"); the target measures what the
        # catalogue does not have, and a runner-up the wording does not name is no better
        found = Proposal(None, None, min(found.confidence, UNSURE))
    return found


def _joins_two(clause: str) -> bool:
    """Two targets' wordings joined in one clause ("trẻ 5 tuổi hoàn thành chương trình … và 100% trẻ … được tăng
    cường tiếng Việt"), not one target's figures for several horizons ("… vào năm 2026 và 99% vào năm 2030")."""
    match = _JOINED.search(_nfc(clause))
    if not match:
        return False
    return not any(_says_little(read(side)) for side in (clause[:match.start() + 1], clause[match.end():]))


#: A count that names what it counts after its figure ("01 phòng học STEM", "03 câu lạc bộ thể thao").
_OWN_COUNT = re.compile(r"\s*\d+(?:[.,]\d+)?\s+[^\W\d_]+\s+[^\W\d_]+")
#: A lead before a colon that names several topics ("Kiểm định, chuẩn quốc gia:", "Quy mô và phổ cập:").
_TOPICS_LEAD = re.compile(r"^\s*[^\W\d][^:;\d]*?(?:,|\s(?:và|va)\s)[^:;\d]*:\s*", re.IGNORECASE)
#: A scope wider than one school or commune (folded): its counts are totals over many schools.
_WIDE_SCOPE = re.compile(r"\btoan (?:tinh|thanh pho|nganh|huyen|quoc)\b")
#: A change from a baseline, folded ("tăng 10% so với năm học 2025 - 2026", "giảm 2 điểm phần trăm"); a rise with
#: no figure of its own ("đạt trên 85%, tăng so với năm học trước") only remarks on the value the clause sets.
_CHANGE = re.compile(r"(?<!\btang )(?<!\bgiam )\bso voi (?:nam|cung ky|ky truoc|dau ky|\d)|\bdiem phan tram\b")
#: Another target's share joined on inside a clause ("… và 100% trẻ …").
_JOINED = re.compile(r"\w\s+(?:và|va)\s+(?:\w+\s+){0,2}\d+(?:[.,]\d+)?\s*%", re.IGNORECASE)
#: A figure of another target ("dưới 1%", "12 trường"): a number not part of a word or a year.
_QUANTITY = re.compile(r"(?<![\w/.-])(?!(?:19|20)\d\d\b)\d+(?:[.,]\d+)?\s*%?")
#: "trong đó" (of which) before a clause: the clause is a part of the figure that comes before.
_OF_WHICH = re.compile(r"(?:^|[\s,;:(])trong (?:đó|do)\s*[,:]?\s*$", re.IGNORECASE)


def _whole_of(sentence: str, start: int) -> str | None:
    """The figure a clause at ``start`` is a part of ("…, trong đó …"), or None when it is no such part."""
    before = _nfc(sentence[:start])
    if not _OF_WHICH.search(before) and not re.match(r"\s*trong (?:đó|do)\b", _nfc(sentence[start:]), re.I):
        return None
    head = re.split(r"[;.](?:\s|$)", re.sub(r"trong (?:đó|do)\s*[,:]?\s*$", "", before, flags=re.I))[-1]
    return head if head.strip() else None


def _wider(sentence: str, clause: str) -> list[str]:
    """Where the words of a clause that names no indicator may be: the clause may end before its own words do
    ("100% giáo viên sử dụng thành thạo | ít nhất 01 công cụ AI"), so its stretch of the sentence; in a table
    row ("1 | Tỷ lệ học sinh bỏ học | 2026: dưới 1,5% 2030: 0,5% | …") the cells before it, the row's label."""
    start = (sentence or "").find(clause)
    if start < 0:
        return []
    out = [_part(sentence, clause, start)]
    if " | " in sentence[:start]:
        # the cells after the figure's are the row's measures or notes ("… | 2030: 50% | Xây bếp ăn"), not its label
        out.append(sentence[:start] + clause.split(" | ")[0])
    return [text for text in out if text != clause]


#: Where the stretch of a sentence that a clause starts ends: a semicolon, a full stop, or a comma before the next
#: quantity ("…xuống dưới 5%, 100% trẻ 5 tuổi hoàn thành…": that is another target).
_PART_END = re.compile(r"[;.](?:\s|$)|,(?=[^,;]{0,25}\d)|,?\s*\btrong (?:đó|do)\b", re.IGNORECASE)
#: "trong đó" (of which) inside a clause: the words after it are the part's.
_INNER_PART = re.compile(r",?\s*\btrong (?:đó|do)\b", re.IGNORECASE)


def _items_before(sentence: str, start: int) -> str:
    """The items of a list a clause at ``start`` continues ("bồi dưỡng chuyển đổi số, | ứng dụng AI đạt 100%") when
    they hold no figure of their own, else ""."""
    before = sentence[:start]
    if not re.search(r",\s*$", before):
        return ""
    begin = max((m.end() for m in re.finditer(r"[;.:](?:\s|$)|\btrong (?:đó|do)\b", before, re.IGNORECASE)),
                default=0)
    items = before[begin:]
    return "" if _QUANTITY.search(items) or not items.strip(" ,") else items


def _lead(sentence: str, clause: str, start: int) -> str:
    """The stretch of ``sentence`` from the start of the part a clause (at ``start``) stands in to the clause's end:
    a list's lead and its items before the clause ("tỷ lệ …: THCS 100 %, THPT 99 %")."""
    begin = max((m.end() for m in re.finditer(r"[;.](?:\s|$)", sentence[:start])), default=0)
    return sentence[begin:start + len(clause)]


def _part(sentence: str, clause: str, start: int) -> str:
    """The stretch of ``sentence`` from ``clause`` (at ``start``) to its end (:data:`_PART_END`)."""
    end = _PART_END.search(sentence, start + len(clause))
    return sentence[start:end.start() if end else len(sentence)]


#: Words that point back to what the sentence named before (folded): "tỷ lệ này", "tỷ lệ đó", "tỷ lệ trên".
_BACK = frozenset({"nay", "do", "ay", "tren", "noi"})


def _says_little(text: Words) -> bool:
    """Too few words of its own to be read alone; "tỷ lệ phòng học kiên cố" names its own subject, "tỷ lệ này"
    (this rate) the sentence's."""
    f = text.folded
    if any(f[k:k + 2] == ("ti", "le") and f[k + 2] not in _BACK and set(f[k + 2:k + 4]) - STOPWORDS - _BACK
           for k in range(len(f) - 2)):
        return False
    return len([w for w in f if w not in STOPWORDS and not w.isdigit()]) < 3


def _best(text: Words, unit: str, catalogue: CatalogueView, hint: str | None) -> Proposal:
    ranked = rank(text, unit or "", catalogue.indicators, hint)
    if (not ranked or ranked[0][1] < THRESHOLD) and hint:
        # nothing in the wording, but the parser read a count of the very thing the indicator counts ("Trường có
        # 38 lớp": a number of classes): its reading, as unsure as a proposal can be
        named = catalogue.get(hint)
        if named and named.value_type == "count" and fold(unit) and fold(unit) == fold(named.unit) \
                and not any(find(p, text) >= 0.85 for p in evidence(named).never):
            return Proposal(named.code, named.name, THRESHOLD)   # "Mở 06 lớp xóa mù chữ" counts courses, not classes
    if not ranked or ranked[0][1] < THRESHOLD:
        return Proposal(None, None, round(max(ranked[0][1], 0.0), 2) if ranked else 0.0)
    (best, top, doubts), second = ranked[0], (max(ranked[1][1], 0.0) if len(ranked) > 1 else 0.0)
    confidence = min(1.0, top) - max(0.0, MARGIN - (top - second))   # a close second makes it less sure
    if doubts or top - second < TIE:
        confidence = min(confidence, UNSURE)
    return Proposal(best.code, best.name, round(min(1.0, max(confidence, THRESHOLD)), 2))


def rank(text: Words | str, unit: str, indicators: Iterable[IndicatorInfo],
         hint: str | None = None) -> list[tuple[IndicatorInfo, float, int]]:
    """Every indicator with its score for ``text`` and its doubts, best first."""
    words = read(text) if isinstance(text, str) else text
    who, named, grade = subject(words), levels(words), pupils_level(words)
    scored = []
    for indicator in indicators:
        value, doubts = score(indicator, words, unit, who, named, grade)
        scored.append((indicator, value + (0.05 if hint and indicator.code == hint else 0.0), doubts))
    return sorted(scored, key=lambda triple: -triple[1])

"""Plan importer: the reading rules the blind51 set called for (fixtures/plans_heldout/blind51, minutes and
resolutions of meetings written by someone who never read the importer: a staff conference, a school board, a
commune council adopting the year's targets), one test per rule, on sentences and tables written for the test (none
copied from a fixture; pure, no files)."""
from __future__ import annotations

from .importer_probes import header, plan_targets


# ---------------------------------------------------------------------------- a meeting's minutes or resolution
MEETING = ("UBND XÃ TÂN PHONG\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTRƯỜNG TIỂU HỌC TÂN PHONG\tĐộc lập - Tự do - Hạnh phúc\n"
           "Số: 02/{sym}\tTân Phong, ngày 20 tháng 9 năm 2027\n{kind}\nHội nghị viên chức năm học 2027 - 2028\n\n"
           "I. CHỈ TIÊU\n- Tỷ lệ học sinh hoàn thành chương trình lớp học đạt 99%.\n"
           "- Có ít nhất 03 giáo viên dạy giỏi cấp tỉnh.\n")


def test_a_meetings_minutes_or_resolution_names_its_kind_over_its_subject():
    for kind, sym in (("BIÊN BẢN", "BB-HNVC"), ("NGHỊ QUYẾT", "NQ-HNVC")):
        text = MEETING.format(kind=kind, sym=sym)
        assert header(text, ("issuer", "title")) == {"issuer": "TRƯỜNG TIỂU HỌC TÂN PHONG",
                                                     "title": "Hội nghị viên chức năm học 2027 - 2028"}, kind
        # the school year the subject names is the targets' horizon
        assert plan_targets(text) == [("=", 99, "%", 2028), (">=", 3, "giáo viên", 2028)], kind

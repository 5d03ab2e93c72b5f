"""Plan importer: the reading rules the blind80 to blind83 sets called for (fixtures/plans_heldout/blind80..83, plans
written by someone who never read the importer), one test per rule, on documents and sentences written for the test
(none copied from a fixture; pure, no files)."""
from __future__ import annotations

from .importer_probes import got


# ---------------------------------------------------------------------------- a part naming tasks and targets
def test_a_numbered_part_on_tasks_and_targets_goes_on_setting_targets():
    text = ("II. MỤC TIÊU\n1. Chỉ tiêu chung\n- Tỷ lệ huy động trẻ 5 tuổi ra lớp đạt 99%.\n"
            "2. Nhiệm vụ và chỉ tiêu từng cấp học\n2.1. Tiểu học: 100% lớp học 2 buổi/ngày; ít nhất 70% học sinh lớp 5 "
            "biết bơi.\n2.2. Trung học cơ sở: có thêm 2 trường đạt chuẩn quốc gia.\n"
            "III. TỔ CHỨC THỰC HIỆN\nCác trường xây dựng kế hoạch.\n")
    targets = got(text, plan_year=2026, plan_month=9, plan_horizon=2027)
    assert ("=", 100, "%", 2027) in targets and (">=", 70, "%", 2027) in targets
    assert ("=", 2, "trường", 2027) in targets


def test_a_numbered_part_on_tasks_alone_still_ends_the_targets():
    text = ("II. MỤC TIÊU\n1. Chỉ tiêu chung\n- Tỷ lệ huy động trẻ 5 tuổi ra lớp đạt 99%.\n"
            "2. Nhiệm vụ, giải pháp\n- Tổ chức 3 hội thảo chuyên đề cho giáo viên.\n")
    targets = got(text, plan_year=2026, plan_month=9, plan_horizon=2027)
    assert ("=", 99, "%", 2027) in targets and not any(t[1] == 3 for t in targets)

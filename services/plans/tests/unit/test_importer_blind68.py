"""Plan importer: the reading rules the blind68 set called for (fixtures/plans_heldout/blind68, ordinary school-year
plans written by someone who never read the importer), one test per rule, on documents written for the test (none
copied from a fixture; pure, no files)."""
from __future__ import annotations

from .importer_probes import plan_targets


# ---------------------------------------------------------------------------- a key-tasks part before the targets part
def test_the_targets_part_after_a_key_tasks_part_of_the_same_section_sets_targets():
    plan = ("TRƯỜNG THCS HÒA BÌNH\n"
            "Số: 31/KH-THCS\n"
            "Hòa Bình, ngày 15 tháng 9 năm 2026\n"
            "KẾ HOẠCH\n"
            "Thực hiện nhiệm vụ năm học 2026-2027\n"
            "I. ĐẶC ĐIỂM TÌNH HÌNH\n"
            "Trường có 18 lớp với 702 học sinh.\n"
            "II. NHIỆM VỤ VÀ CHỈ TIÊU\n"
            "1. Nhiệm vụ trọng tâm\n"
            "Dạy học theo Chương trình GDPT 2018 ở các lớp 6, 7, 8, 9; đẩy mạnh chuyển đổi số.\n"
            "2. Chỉ tiêu\n"
            "2.1. Chất lượng\n"
            "- Tỷ lệ học sinh lên lớp đạt 98% trở lên.\n"
            "- Học sinh giỏi cấp tỉnh: 12 giải.\n"
            "2.2. Đội ngũ\n"
            "- 100% giáo viên đạt chuẩn trình độ đào tạo.\n"
            "3. Giai đoạn đến năm 2030\n"
            "- Có ít nhất 04 phòng học thông minh.\n"
            "III. GIẢI PHÁP\n"
            "1. Tổ chức 2 đợt khảo sát chất lượng.\n")
    assert [t[:4] for t in plan_targets(plan)] == [(">=", 98, "%", 2027), ("=", 12, "giải", 2027),
                                                   ("=", 100, "%", 2027), (">=", 4, "phòng", 2030)]

"""Plan importer: the reading rules the blind69 set called for (fixtures/plans_heldout/blind69, ordinary school and
commune plans written by someone who never read the importer), one test per rule, on documents, sentences and tables
written for the test (none copied from a fixture; pure, no files)."""
from __future__ import annotations

from .importer_probes import plan_targets

# ---------------------------------------------------------------------------- a tasks section's part on the figures
PLAN = ("UBND XÃ BẮC SƠN\nTRƯỜNG THCS BẮC SƠN\nSố: 38/KH-THCSBS\n\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nBắc Sơn, ngày 22 tháng 9 năm 2026\n\n"
        "KẾ HOẠCH\nThực hiện nhiệm vụ năm học 2026 - 2027\n\n"
        "I. MỤC TIÊU NĂM HỌC\n- Tỷ lệ học sinh lên lớp đạt 99%.\n"
        "II. NHIỆM VỤ TRIỂN KHAI NGHỊ QUYẾT 71-NQ/TW\n1. Các chỉ tiêu\n"
        "TT | Chỉ tiêu | Năm học 2026 - 2027 | Đến năm 2030\n"
        "1 | Học sinh học tiếng Anh với người nước ngoài (%) | 30 | 60\n"
        "2 | Câu lạc bộ STEM (câu lạc bộ) | 2 | 4\n"
        "2. Giải pháp\n- Sửa chữa 03 phòng học bộ môn trong hè.\n"
        "III. TỔ CHỨC THỰC HIỆN\nHiệu trưởng chỉ đạo chung.\n\n"
        "Nơi nhận:\n- Lưu: VT.\nHIỆU TRƯỞNG\n\nVi Văn Toàn\n")


def test_a_part_naming_the_targets_inside_a_later_tasks_section_sets_them():
    targets = plan_targets(PLAN)
    assert ("=", 30, "%", 2027) in targets and ("=", 60, "%", 2030) in targets
    assert ("=", 2, "câu lạc bộ", 2027) in targets and ("=", 4, "câu lạc bộ", 2030) in targets
    assert not any(t[1] == 3 for t in targets)   # the solutions after it stay tasks

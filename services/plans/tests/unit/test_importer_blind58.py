"""Plan importer: the reading rules the blind58 set called for (fixtures/plans_heldout/blind58, public disclosures and
quality commitments written by someone who never read the importer: grade columns, last year's results beside this
year's commitments), one test per rule, on documents, sentences and tables written for the test (none copied from a
fixture; pure, no files)."""
from __future__ import annotations

from .importer_probes import GOAL, got


# ---------------------------------------------------------------------------- grade columns under a commitment heading
def test_grade_columns_under_a_merged_commitment_heading_are_read_for_its_school_year():
    table = ("STT | Nội dung | Kết quả năm học 2025-2026 | Cam kết năm học 2026-2027\n"
             "STT | Nội dung | Kết quả năm học 2025-2026 | Lớp 6 | Lớp 7 | Lớp 8\n"
             "1 | Học sinh hoàn thành chương trình lớp học | 98,9% | ≥ 99% | ≥ 99% | 100%\n")
    assert got(GOAL + table) == [(">=", 99, "%", 2027), (">=", 99, "%", 2027), ("=", 100, "%", 2027)]

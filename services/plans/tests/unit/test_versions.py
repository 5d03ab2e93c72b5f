from plans.domain.versions import Difference, diff

BASE = {"number_symbol": "28/KH-THCSTT2", "title": "Kế hoạch", "year": 2026, "place": "Tân An Hội",
        "issued_on": "2026-01-29", "legal_bases": ["Nghị quyết 71-NQ/TW"], "sections": {"muc_tieu": "A"},
        "signer": "", "status": "submitted",
        "targets": [{"indicator_code": "DROPOUT", "comparator": "<=", "value": 0.5, "horizon": "2026-12-31"}]}


def test_identical_content_has_no_differences_and_bookkeeping_is_ignored():
    assert diff(BASE, {**BASE, "status": "approved"}) == []


def test_changed_added_and_removed_fields_are_reported_by_path():
    new = {**BASE, "title": "Kế hoạch (sửa)", "sections": {"muc_tieu": "A", "to_chuc_thuc_hien": "B"},
           "legal_bases": [],
           "targets": [{**BASE["targets"][0], "value": 0.4},
                       {"indicator_code": "PCGD_LEVEL", "comparator": ">=", "value": 3, "horizon": "2026-12-31"}]}
    assert diff(BASE, new) == [
        Difference("legal_bases.0", "removed", "Nghị quyết 71-NQ/TW", None),
        Difference("sections.to_chuc_thuc_hien", "added", None, "B"),
        Difference("targets.0.value", "changed", 0.5, 0.4),
        Difference("targets.1", "added", None, new["targets"][1]),
        Difference("title", "changed", "Kế hoạch", "Kế hoạch (sửa)"),
    ]

from plans.domain.versions import Segment, diff, label_of, word_diff

BASE = {"number_symbol": "28/KH-THCSTT2", "title": "Kế hoạch", "year": 2026, "place": "Tân An Hội",
        "issued_on": "2026-01-29", "legal_bases": ["Nghị quyết 71-NQ/TW"], "sections": {"muc_tieu": "A"},
        "signer": "", "status": "submitted",
        "targets": [{"indicator_code": "DROPOUT", "comparator": "<=", "value": 0.5, "horizon": "2026-12-31"}]}


def test_identical_content_has_no_differences_and_bookkeeping_is_ignored():
    assert diff(BASE, {**BASE, "status": "approved"}) == []


def test_changed_added_and_removed_fields_are_reported_by_path_with_their_vietnamese_label():
    new = {**BASE, "title": "Kế hoạch (sửa)", "sections": {"muc_tieu": "A", "to_chuc_thuc_hien": "B"},
           "legal_bases": [],
           "targets": [{**BASE["targets"][0], "value": 0.4},
                       {"indicator_code": "PCGD_LEVEL", "comparator": ">=", "value": 3, "horizon": "2026-12-31"}]}
    assert [(d.path, d.change, d.old, d.new, d.label) for d in diff(BASE, new)] == [
        ("legal_bases.0", "removed", "Nghị quyết 71-NQ/TW", None, "Căn cứ 1"),
        ("sections.to_chuc_thuc_hien", "added", None, "B", "IV. Tổ chức thực hiện"),
        ("targets.0.value", "changed", 0.5, 0.4, "Mục tiêu 1 – Giá trị"),
        ("targets.1", "added", None, new["targets"][1], "Mục tiêu 2"),
        ("title", "changed", "Kế hoạch", "Kế hoạch (sửa)", "Trích yếu"),
    ]


def test_targets_are_ordered_by_number_and_labelled_from_one():
    old = {**BASE, "targets": [{"text": f"Mục tiêu {i}"} for i in range(11)]}
    new = {**old, "targets": [{"text": f"Mục tiêu {i} (sửa)"} for i in range(11)]}
    assert [d.label for d in diff(old, new)] == [f"Mục tiêu {n} – Nội dung" for n in range(1, 12)]
    assert label_of("targets.8.text") == "Mục tiêu 9 – Nội dung"
    assert label_of("targets.8.horizon") == "Mục tiêu 9 – Thời hạn"
    assert label_of("recipients.2") == "Nơi nhận 3"
    assert label_of("something_new") == "Nội dung khác"   # never the path itself


def test_word_diff_strikes_and_inserts_whole_words_and_gives_back_both_texts():
    old = "Tỷ lệ học sinh bỏ học không quá 0,5% mỗi năm"
    new = "Tỷ lệ học sinh bỏ học dưới 0,4% mỗi năm học"
    words = word_diff(old, new)
    assert [s for s in words if s.op != "same"] == [
        Segment("del", "không quá 0,5%"), Segment("ins", "dưới 0,4%"), Segment("ins", " học")]
    assert "".join(s.text for s in words if s.op != "ins") == old
    assert "".join(s.text for s in words if s.op != "del") == new
    assert {s.text.strip() for s in words if s.op == "ins"} == {"dưới 0,4%", "học"}


def test_text_differences_carry_their_words_and_numbers_do_not():
    new = {**BASE, "title": "Kế hoạch thực hiện", "year": 2027}
    by_path = {d.path: d for d in diff(BASE, new)}
    assert by_path["title"].words == [Segment("same", "Kế hoạch"), Segment("ins", " thực hiện")]
    assert by_path["year"].words == []
    added = diff(BASE, {**BASE, "sections": {"muc_tieu": "A", "giai_phap": "Hai giải pháp"}})
    assert added[0].words == [Segment("ins", "Hai giải pháp")]


def test_lines_edited_in_place_are_compared_each_with_its_counterpart():
    old = "Mục tiêu chung\nGiảm tỷ lệ bỏ học\nTăng phòng học thông minh"
    new = "Mục tiêu chung\nGiảm mạnh tỷ lệ bỏ học\nTăng thêm phòng học thông minh"
    words = word_diff(old, new)
    assert [s.text.strip() for s in words if s.op == "ins"] == ["mạnh", "thêm"] and not [s for s in words if s.op == "del"]


def test_a_rewritten_passage_too_long_to_compare_word_by_word_is_struck_and_inserted_whole():
    old = "\n".join(f"câu {n} của bản cũ" for n in range(300))
    new = "\n".join(f"dòng {n} viết lại" for n in range(200))
    assert word_diff(old, new) == [Segment("del", old), Segment("ins", new)]
    short_old, short_new = "a\nb c", "x"
    assert "".join(s.text for s in word_diff(short_old, short_new) if s.op != "ins") == short_old

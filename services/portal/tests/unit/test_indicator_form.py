"""The indicator entry form: which inputs, what is sent, where the API's messages go."""
from __future__ import annotations

from portal.domain.indicator_form import (errors_for_form, form_from_submission, inputs_of, labels,
                                          round_indicators, values_from_form)

CATALOGUE = {"version": 1, "indicators": [
    {"code": "TEACHERS_QUALIFIED", "value_type": "ratio", "levels": ["thcs", "thpt"],
     "numerator_label": "Giáo viên đạt chuẩn", "denominator_label": "Tổng số giáo viên"},
    {"code": "SMART_CLASSROOMS", "value_type": "count", "levels": ["tieu_hoc", "thcs"]},
    {"code": "PCGD_LEVEL", "value_type": "level", "levels": ["thcs"]},
    {"code": "HAS_LIBRARY", "value_type": "boolean", "levels": []},
    {"code": "PRESCHOOL_ONLY", "value_type": "count", "levels": ["mam_non"]},
]}


def test_round_indicators_are_the_rounds_codes_that_apply_to_the_level():
    codes = ["PCGD_LEVEL", "TEACHERS_QUALIFIED", "PRESCHOOL_ONLY", "UNKNOWN", "HAS_LIBRARY"]
    assert [i["code"] for i in round_indicators(CATALOGUE, codes, "thcs")] == \
        ["PCGD_LEVEL", "TEACHERS_QUALIFIED", "HAS_LIBRARY"]


def test_inputs_use_the_catalogues_labels():
    ratio = CATALOGUE["indicators"][0]
    assert inputs_of(ratio) == (("numerator", "Giáo viên đạt chuẩn"), ("denominator", "Tổng số giáo viên"))
    assert inputs_of(CATALOGUE["indicators"][3]) == (("flag", "Đạt"),)


def test_values_sent_blank_ones_left_out_and_text_passed_on_for_the_api_to_judge():
    form = {"TEACHERS_QUALIFIED.numerator": "45", "TEACHERS_QUALIFIED.denominator": "",
            "SMART_CLASSROOMS.value": "hai", "PCGD_LEVEL.level": "", "HAS_LIBRARY.flag": "true"}
    assert values_from_form(form, CATALOGUE["indicators"]) == [
        {"indicator_code": "TEACHERS_QUALIFIED", "numerator": 45},
        {"indicator_code": "SMART_CLASSROOMS", "value": "hai"},
        {"indicator_code": "HAS_LIBRARY", "flag": True},
    ]


def test_api_errors_by_code_or_position_land_on_inputs():
    sent = [{"indicator_code": "TEACHERS_QUALIFIED"}, {"indicator_code": "SMART_CLASSROOMS"}]
    errors = {"values.TEACHERS_QUALIFIED.numerator": "Tử số (50) không được lớn hơn mẫu số (47).",
              "values.1.value": "Phải là một số nguyên.", "values": "Cần ít nhất một giá trị chỉ tiêu."}
    assert errors_for_form(errors, sent) == {
        "TEACHERS_QUALIFIED.numerator": "Tử số (50) không được lớn hơn mẫu số (47).",
        "SMART_CLASSROOMS.value": "Phải là một số nguyên.",
        "_form": "Cần ít nhất một giá trị chỉ tiêu.",
    }


def test_form_shows_the_stored_submission():
    submission = {"values": [{"indicator_code": "TEACHERS_QUALIFIED", "numerator": 45, "denominator": 47},
                             {"indicator_code": "HAS_LIBRARY", "flag": False}]}
    assert form_from_submission(submission) == {"TEACHERS_QUALIFIED.numerator": "45",
                                                "TEACHERS_QUALIFIED.denominator": "47", "HAS_LIBRARY.flag": "false"}
    assert form_from_submission(None) == {}


def test_error_summary_labels_name_the_indicator_and_the_input():
    named = labels([{**CATALOGUE["indicators"][0], "name": "Giáo viên đạt chuẩn"}])
    assert named == {"TEACHERS_QUALIFIED.numerator": "Giáo viên đạt chuẩn – Giáo viên đạt chuẩn",
                     "TEACHERS_QUALIFIED.denominator": "Giáo viên đạt chuẩn – Tổng số giáo viên",
                     "explain.TEACHERS_QUALIFIED": "Giáo viên đạt chuẩn – lời giải thích"}


SHARED = [
    {"code": "TWO_SESSIONS_PER_DAY", "value_type": "ratio", "population": "CLASSES", "denominator_label": "Tổng số lớp"},
    {"code": "STAFF_DIGITAL_TRAINED", "value_type": "ratio", "population": "STAFF"},
    {"code": "STAFF_USING_AI", "value_type": "ratio", "population": "STAFF"},
    {"code": "CLASSES", "value_type": "count", "population": "CLASSES", "unit": "lớp"},
]


def test_a_shared_population_has_one_input_a_count_when_there_is_one():
    from portal.domain.indicator_form import population_owners, shared_input

    owners = population_owners(SHARED)
    assert owners == {"CLASSES": "CLASSES.value", "STAFF": "STAFF_DIGITAL_TRAINED.denominator"}
    assert [shared_input(i, owners) for i in SHARED] == ["CLASSES.value", None, "STAFF_DIGITAL_TRAINED.denominator",
                                                         None]
    assert [k for k, _ in inputs_of(SHARED[2], owners)] == ["numerator"]


def test_the_population_is_sent_with_each_ratio_and_its_errors_land_on_its_input():
    from portal.domain.indicator_form import explanations_from_form

    form = {"CLASSES.value": "20", "TWO_SESSIONS_PER_DAY.numerator": "18", "STAFF_DIGITAL_TRAINED.numerator": "3",
            "STAFF_DIGITAL_TRAINED.denominator": "", "STAFF_USING_AI.numerator": "1",
            "explain.CLASSES": "  Mở thêm lớp. ", "explain.STAFF_USING_AI": " "}
    sent = values_from_form(form, SHARED)
    assert sent == [{"indicator_code": "TWO_SESSIONS_PER_DAY", "denominator": 20, "numerator": 18},
                    {"indicator_code": "STAFF_DIGITAL_TRAINED", "numerator": 3},
                    {"indicator_code": "STAFF_USING_AI", "numerator": 1},
                    {"indicator_code": "CLASSES", "value": 20}]
    assert explanations_from_form(form) == {"CLASSES": "Mở thêm lớp."}
    errors = errors_for_form({"values.STAFF_USING_AI.denominator": "Cần nhập mẫu số.",
                              "explanations.CLASSES": "Quá dài."}, sent, SHARED)
    assert errors == {"STAFF_DIGITAL_TRAINED.denominator": "Cần nhập mẫu số.", "explain.CLASSES": "Quá dài."}


def test_values_and_targets_read_as_a_person_reads_them():
    from portal.domain.indicator_form import target_text, value_text

    assert value_text(SHARED[0], {"numerator": 18, "denominator": 20}) == "18/20 (90,0 %)"
    assert value_text(SHARED[3], {"value": 1200}) == "1.200 lớp"
    indicator = {"value_type": "ratio", "targets": [
        {"scope": "nation", "comparator": ">=", "value": 99.5, "horizon": 2030, "school_levels": ["thcs"]},
        {"scope": "province", "comparator": ">=", "value": 100, "horizon": 2030, "school_levels": ["tieu_hoc"]}]}
    assert target_text(indicator, "thcs") == "≥ 99,5 % đến năm 2030"
    assert target_text(indicator, "tieu_hoc") == "≥ 100 % đến năm 2030"
    assert target_text(indicator, "thpt") == ""
    # found on the school's round page: "≥ 3 mức đến năm 2030", "≥ 1 mức ở 80 % số trường"
    level = {"value_type": "level", "unit": "mức", "targets": [
        {"scope": "province", "comparator": ">=", "value": 3, "horizon": 2030},
        {"scope": "nation", "comparator": ">=", "value": 1, "horizon": 2030, "share_of_schools": 80}]}
    assert target_text(level, "tieu_hoc") == "≥ mức 3 đến năm 2030"
    assert target_text({**level, "targets": level["targets"][1:]}, None) == "≥ mức 1 ở 80 % số trường đến năm 2030"

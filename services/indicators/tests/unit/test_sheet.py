"""Reading the spreadsheet form: Vietnamese numbers, the table's rows, and errors pointed at cells."""
import pytest

from indicators.domain.catalogue import CATALOGUE
from indicators.domain.sheet import SheetError, cell_name, parse_flag, parse_number, read_table, template_rows
from indicators.domain.validation import validate_values

HEADER = ["Mã chỉ tiêu", "Tên chỉ tiêu", "Đơn vị", "Loại số liệu", "Số liệu", "Mẫu số"]


@pytest.mark.parametrize("raw, expected", [
    (45, 45), (12.5, 12.5), ("45", 45), (" 1.200 ", 1200), ("1.200,5", 1200.5), ("12,5", 12.5), ("12.5", 12.5),
    ("12,0", 12), ("1\u00a0200", 1200), ("-3", -3), ("99999999999999999999", 99999999999999999999), (None, None),
    ("", None),
])
def test_numbers_are_read_the_vietnamese_way(raw, expected):
    assert parse_number(raw) == (expected, None)


@pytest.mark.parametrize("raw", ["abc", "95%", "=A1+1", "1,2,3", True])
def test_what_is_not_a_number_says_why(raw):
    value, problem = parse_number(raw)
    assert value is None and problem


def test_flags():
    assert parse_flag("Có") == (True, None) and parse_flag("không") == (False, None) and parse_flag(1) == (True, None)
    assert parse_flag("có lẽ")[1]


def test_column_names():
    assert [cell_name(0, 0), cell_name(6, 4), cell_name(1, 26)] == ["A1", "E7", "AA2"]


def rows(*data):
    return [["BIỂU MẪU"], [], HEADER, *data]


def test_a_table_becomes_the_values_a_json_request_sends():
    table = read_table(rows(
        ["TEACHERS_QUALIFIED", "Tỷ lệ …", "%", "tỷ lệ", 45, 47],
        ["SMART_CLASSROOMS", "Số phòng …", "phòng", "số lượng", "1", None],
        ["PCGD_LEVEL", "Mức …", "mức", "mức độ", None, None],  # left empty: not reported
        [None, None, None, None, None, None],
    ), CATALOGUE)
    assert table.errors == []
    assert table.values == [{"indicator_code": "TEACHERS_QUALIFIED", "numerator": 45, "denominator": 47},
                            {"indicator_code": "SMART_CLASSROOMS", "value": 1}]
    assert validate_values(table.values, catalogue=CATALOGUE).ok


def test_cell_errors_and_validation_errors_point_at_cells():
    table = read_table(rows(
        ["TEACHERS_QUALIFIED", "", "", "", 50, 47],      # row 4: numerator > denominator
        ["SMART_CLASSROOMS", "", "", "", "nhiều", None],  # row 5: not a number
        ["CLASSES", "", "", "", 3, 4],                   # row 6: a denominator on a count
        ["NOPE", "", "", "", 1, None],                   # row 7: unknown code
    ), CATALOGUE)
    assert [(e["cell"], e["field"]) for e in table.errors] == [("E5", "values.SMART_CLASSROOMS.value"),
                                                               ("F6", "values.CLASSES.denominator")]
    checked = validate_values(table.values, catalogue=CATALOGUE)
    located = table.locate(checked.errors)
    assert [(e["cell"], e["field"]) for e in located] == [("E4", "values.TEACHERS_QUALIFIED.numerator"),
                                                          ("A7", "values.NOPE")]
    assert all(e["sheet"] == "Chỉ tiêu" and e["message"] for e in located)


def test_a_sheet_without_the_header_is_refused():
    with pytest.raises(SheetError):
        read_table([["a", "b"], [1, 2]], CATALOGUE)


def test_template_rows_follow_the_round_and_the_level():
    out = template_rows(CATALOGUE, ["DROPOUT", "PROGRESSION_THPT_VOC", "SMART_CLASSROOMS"], "tieu_hoc",
                        current={"SMART_CLASSROOMS": {"value": 2}},
                        previous={"DROPOUT": {"numerator": 1, "denominator": 200}})
    assert [r["code"] for r in out] == ["SMART_CLASSROOMS", "DROPOUT"]  # catalogue order; THCS-only left out
    assert out[0]["value"] == 2 and out[1]["previous"] == "1/200 (0,5 %)"


def test_a_ratio_of_0_over_0_is_accepted_and_reads_as_none_such():
    """0/0 means the school has none of whom the indicator counts a share (README: 0/0)."""
    from indicators.domain.sheet import rate, value_text

    checked = validate_values([{"indicator_code": "DROPOUT", "numerator": 0, "denominator": 0}])
    assert checked.ok
    assert value_text(checked.values[0]) == "0/0 (không có)" and rate(checked.values[0]) is None
    assert value_text({"numerator": 45, "denominator": 47}) == "45/47 (95,7 %)"

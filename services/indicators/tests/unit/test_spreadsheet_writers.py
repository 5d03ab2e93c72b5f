"""The XLSX and CSV writers keep working over text stored before the edge refused control characters."""
import io

from openpyxl import load_workbook

from indicators.adapters.spreadsheets import table_csv, table_xlsx

STORED = "Trường\x07 THCS\x10 Thị Trấn\x7f 2"


def test_a_history_export_holding_control_characters_is_written_without_them():
    book = load_workbook(io.BytesIO(table_xlsx("Lịch sử", ["Trường", "Giá trị"], [[STORED, 1.5], [None, 2]])))
    assert [c.value for c in book.active[2]] == ["Trường THCS Thị Trấn 2", 1.5]
    assert STORED not in table_csv(["Trường"], [[STORED]]).decode("utf-8-sig")


def test_a_form_for_a_school_whose_name_holds_control_characters_is_written_without_them():
    from indicators.adapters.spreadsheets import template_xlsx

    book = load_workbook(io.BytesIO(template_xlsx(STORED, [f"Trường: {STORED}"], [], {"school": STORED}, 10)))
    assert book.active["A1"].value == "Trường THCS Thị Trấn 2"
    assert book.active["A2"].value == "Trường: Trường THCS Thị Trấn 2"

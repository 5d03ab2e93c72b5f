"""Vietnamese dates, numbers and labels (edu71.vn), both ways."""
from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from edu71.vn import (iso_vn, level_label, parse_vn_date, parse_vn_moment, parse_vn_number, plan_section, vn_date,
                      vn_datetime, vn_moment, vn_number, vn_percent, without_diacritics)


@pytest.mark.parametrize("value, shown", [
    ("2026-01-29", "29/01/2026"),
    (date(2030, 12, 31), "31/12/2030"),
    # 20:00 UTC on the 14th is already the 15th in Vietnam (UTC+7)
    ("2026-01-14T20:00:00+00:00", "15/01/2026"),
    (None, ""),
    ("không phải ngày", "không phải ngày"),
])
def test_dates_are_day_month_year_in_vietnam_time(value, shown):
    assert vn_date(value) == shown


def test_datetime_is_shown_in_vietnam_time():
    assert vn_datetime(datetime(2026, 1, 15, 10, 0, tzinfo=timezone.utc)) == "15/01/2026 17:00"
    assert vn_datetime("2026-01-15T17:00:00+07:00") == "15/01/2026 17:00"


@pytest.mark.parametrize("value, shown", [
    (1234567, "1.234.567"),
    (1234.5, "1.234,5"),
    (0.5, "0,5"),
    (45.0, "45"),
    (None, "–"),
    (float("nan"), "–"),
])
def test_numbers_use_decimal_commas_and_dots_between_thousands(value, shown):
    assert vn_number(value) == shown


def test_fixed_decimals_and_percentages():
    assert vn_number(3.14159, 2) == "3,14"
    assert vn_percent(0.957) == "95,7 %"
    assert vn_percent(1) == "100,0 %"
    assert vn_percent(None) == "–"


@pytest.mark.parametrize("text, parsed", [
    ("29/01/2026", date(2026, 1, 29)),
    ("2026-01-29", date(2026, 1, 29)),
    (" 1/2/2026 ", date(2026, 2, 1)),
    ("31/02/2026", None),
    ("hôm nay", None),
    ("", None),
])
def test_parse_dates(text, parsed):
    assert parse_vn_date(text) == parsed


@pytest.mark.parametrize("text, parsed", [
    ("45", 45),
    ("0,5", 0.5),
    ("1.234,5", 1234.5),
    ("1.234", 1234),
    ("12.5", 12.5),
    ("-3", -3),
    ("", None),
    ("bốn lăm", "bốn lăm"),
    ("inf", "inf"),
])
def test_parse_numbers_keeps_what_is_not_a_number_as_text(text, parsed):
    assert parse_vn_number(text) == parsed


def test_parse_moment_in_vietnam_time_defaults_to_end_of_day():
    assert parse_vn_moment("15/01/2026", "17:00").isoformat() == "2026-01-15T17:00:00+07:00"
    assert parse_vn_moment("15/01/2026").isoformat() == "2026-01-15T23:59:00+07:00"
    assert parse_vn_moment("15/01/2026", "25:00") is None
    assert parse_vn_moment("ngày mai", "17:00") is None


@pytest.mark.parametrize("value, decimals, text", [
    (0.75, 2, "0,75"), (0.5, 2, "0,5"), (3.0, 2, "3"), (1234.5, 1, "1.234,5"), (33.333, 1, "33,3"),
    (1234567, 0, "1.234.567"), (100, 1, "100"),
])
def test_prose_trims_trailing_zeros(value, decimals, text):
    assert vn_number(value, decimals, trim=True) == text


def test_csv_cells_have_no_thousands_dots():
    assert vn_number(1234567.25, grouping=False) == "1234567,25"
    assert vn_number(502, grouping=False) == "502"


def test_moments_in_prose_and_in_events():
    moment = datetime(2026, 1, 14, 23, 30, tzinfo=timezone.utc)  # 06:30 on the 15th in Hà Nội
    assert vn_moment(moment) == "06:30 ngày 15/01/2026"
    assert iso_vn(moment) == "2026-01-15T06:30:00+07:00"
    assert vn_moment(datetime(2026, 1, 14, 23, 30)) == "06:30 ngày 15/01/2026"  # naive = UTC


def test_labels_never_show_a_stored_key():
    assert level_label("thcs") == "Trung học cơ sở" and level_label("thcs", short=True) == "THCS"
    assert level_label("all") == "Tất cả cấp học"
    assert plan_section("to_chuc_thuc_hien") == "IV. Tổ chức thực hiện"
    assert plan_section("II.2") == "II.2"
    assert without_diacritics("Báo cáo đợt Đông") == "Bao cao dot Dong"

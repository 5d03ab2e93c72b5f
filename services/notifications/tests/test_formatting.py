"""Vietnamese presentation and the retry schedule, without I/O."""
from datetime import datetime, timedelta, timezone

import pytest

from notifications.domain import formatting
from notifications.domain.delivery import backoff


@pytest.mark.parametrize("value, decimals, text", [
    (0.75, 2, "0,75"), (0.5, 2, "0,5"), (3.0, 2, "3"), (1234.5, 1, "1.234,5"), (33.333, 1, "33,3"),
    (1234567, 0, "1.234.567"), (100, 1, "100"),
])
def test_numbers_use_decimal_commas_and_dot_thousands(value, decimals, text):
    assert formatting.number(value, decimals) == text


def test_moments_are_shown_in_vietnam_time_dd_mm_yyyy():
    moment = datetime(2026, 1, 14, 23, 30, tzinfo=timezone.utc)  # 06:30 on the 15th in Hà Nội
    assert formatting.date(moment) == "15/01/2026"
    assert formatting.date_time(moment) == "06:30 ngày 15/01/2026"


def test_backoff_doubles_up_to_the_cap():
    assert [backoff(n, 30, 200) for n in range(1, 6)] == [timedelta(seconds=s) for s in (30, 60, 120, 200, 200)]

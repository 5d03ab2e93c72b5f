"""Page links of the account list: which pages are offered, and the summary read before the table."""
from __future__ import annotations

import pytest

from portal.domain.paging import Pager


@pytest.mark.parametrize("total,page,links", [
    (0, 1, [1]),
    (50, 1, [1]),
    (51, 1, [1, 2]),
    (508, 1, [1, 2, 3, None, 11]),
    (508, 6, [1, None, 4, 5, 6, 7, 8, None, 11]),
    (508, 4, [1, 2, 3, 4, 5, 6, None, 11]),  # page 2 is linked rather than hidden behind "…"
    (508, 11, [1, None, 9, 10, 11]),
])
def test_the_first_the_last_and_the_pages_around_the_current_one_are_linked(total, page, links):
    assert Pager(total, page, 50).links() == links


def test_the_summary_says_which_accounts_are_shown_with_vietnamese_numbers():
    assert Pager(1508, 2, 50).summary == "Hiển thị 51–100 trong 1.508 tài khoản"
    assert Pager(53, 2, 50).summary == "Hiển thị 51–53 trong 53 tài khoản"
    assert Pager(0, 1, 50).summary == "Không có tài khoản nào khớp điều kiện."
    assert Pager(53, 9, 50).summary == "Trang 9 không có tài khoản nào (tổng 53)."


def test_previous_and_next_exist_only_inside_the_list():
    assert (Pager(120, 1, 50).previous, Pager(120, 1, 50).next) == (None, 2)
    assert (Pager(120, 3, 50).previous, Pager(120, 3, 50).next) == (2, None)
    assert Pager(120, 3, 50).pages == 3 and Pager(0, 1, 50).pages == 1

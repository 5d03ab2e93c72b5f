"""Page links of a long list: which pages to offer, and what the reader is looking at."""
from __future__ import annotations

from dataclasses import dataclass

from edu71.vn import vn_number


@dataclass(frozen=True)
class Pager:
    """Page ``page`` of ``total`` items, ``page_size`` a page (pages count from 1)."""

    total: int
    page: int
    page_size: int
    #: What the list holds, as the summary names it.
    noun: str = "tài khoản"

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))

    @property
    def first_item(self) -> int:
        return 0 if self.total == 0 else min(self.total, (self.page - 1) * self.page_size + 1)

    @property
    def last_item(self) -> int:
        return min(self.total, self.page * self.page_size)

    @property
    def previous(self) -> int | None:
        return self.page - 1 if self.page > 1 else None

    @property
    def next(self) -> int | None:
        return self.page + 1 if self.page < self.pages else None

    @property
    def summary(self) -> str:
        """``Hiển thị 51–100 trong 1.508 tài khoản``: what a screen reader hears before the table."""
        if self.total == 0:
            return f"Không có {self.noun} nào khớp điều kiện."
        if self.first_item > self.total or self.page > self.pages:
            return f"Trang {vn_number(self.page)} không có {self.noun} nào (tổng {vn_number(self.total)})."
        return (f"Hiển thị {vn_number(self.first_item)}–{vn_number(self.last_item)} "
                f"trong {vn_number(self.total)} {self.noun}")

    def links(self, around: int = 2) -> list[int | None]:
        """Pages to link: the first, the last and ``around`` either side of the current one;
        ``None`` where pages are left out (shown as "…")."""
        wanted = {1, self.pages, *range(self.page - around, self.page + around + 1)}
        shown = sorted(n for n in wanted if 1 <= n <= self.pages)
        out: list[int | None] = []
        last = None
        for n in shown:
            if last is not None and n - last == 2:
                out.append(n - 1)  # one page left out: link it rather than write "…" in its place
            elif last is not None and n - last > 2:
                out.append(None)
            out.append(n)
            last = n
        return out

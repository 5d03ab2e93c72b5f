"""Vietnamese presentation of numbers and moments: decimal commas, dd/mm/yyyy, Vietnam time."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def number(value: float, decimals: int = 2) -> str:
    """``0.75`` → ``"0,75"``, ``1234.5`` → ``"1.234,5"``, ``3.0`` → ``"3"``."""
    text = f"{value:,.{decimals}f}".rstrip("0").rstrip(".") if decimals else f"{value:,.0f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def date(moment: datetime, tz: ZoneInfo = VIETNAM) -> str:
    return moment.astimezone(tz).strftime("%d/%m/%Y")


def date_time(moment: datetime, tz: ZoneInfo = VIETNAM) -> str:
    """``17:00 ngày 15/01/2026`` in Vietnam time."""
    local = moment.astimezone(tz)
    return f"{local:%H:%M} ngày {local:%d/%m/%Y}"

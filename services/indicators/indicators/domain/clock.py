"""Time as the platform's users read it: Vietnam time (giờ Việt Nam, UTC+7).

Vietnam has kept UTC+7 without daylight saving since 1975, so a fixed offset
is exact and needs no time-zone database (slim images often lack one).
Instants are stored in UTC; they are shown and put in events with +07:00.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

VN_TZ = timezone(timedelta(hours=7), "Asia/Ho_Chi_Minh")


def utc_now() -> datetime:
    """Now, truncated to milliseconds: the store keeps no more, and an event must carry the stored instant."""
    now = datetime.now(timezone.utc)
    return now.replace(microsecond=now.microsecond // 1000 * 1000)


def as_utc(moment: datetime) -> datetime:
    """An aware instant in UTC; a naive one (as some drivers return) is taken to be UTC already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def iso_vn(moment: datetime, timespec: str = "seconds") -> str:
    """RFC 3339 in Vietnam time, e.g. ``2026-01-15T17:00:00+07:00``."""
    return as_utc(moment).astimezone(VN_TZ).isoformat(timespec=timespec)


def vn_text(moment: datetime) -> str:
    """An instant as a Vietnamese sentence reads it, e.g. ``17:00 ngày 15/01/2026``."""
    local = as_utc(moment).astimezone(VN_TZ)
    return f"{local:%H:%M} ngày {local:%d/%m/%Y}"

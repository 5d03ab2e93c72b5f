"""Vietnamese display of dates and numbers: dd/mm/yyyy, decimal commas, dots between thousands."""
from __future__ import annotations

import math
from datetime import date, datetime, timedelta, timezone

#: Vietnam keeps UTC+7 all year (no daylight saving).
VN = timezone(timedelta(hours=7), "ICT")


def _parse(value) -> date | datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, (date, datetime)):
        return value
    text = str(value)
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


def vn_date(value) -> str:
    """``2026-01-29`` or a timestamp → ``29/01/2026`` (timestamps in Vietnam time)."""
    parsed = _parse(value)
    if parsed is None:
        return "" if value in (None, "") else str(value)
    if isinstance(parsed, datetime) and parsed.tzinfo is not None:
        parsed = parsed.astimezone(VN)
    return parsed.strftime("%d/%m/%Y")


def vn_datetime(value) -> str:
    """A timestamp → ``15/01/2026 17:00`` in Vietnam time."""
    parsed = _parse(value)
    if not isinstance(parsed, datetime):
        return vn_date(value)
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(VN)
    return parsed.strftime("%d/%m/%Y %H:%M")


def vn_number(value, decimals: int | None = None) -> str:
    """``1234.5`` → ``1.234,5``; whole numbers keep no decimals unless ``decimals`` is given."""
    if value is None or value == "":
        return "–"
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    if not math.isfinite(number):
        return "–"
    auto = decimals is None
    if auto:
        decimals = 0 if number.is_integer() else 2
    text = f"{number:,.{decimals}f}"
    if auto and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")


def vn_percent(ratio, decimals: int = 1) -> str:
    """A ratio 0..1 → ``95,7 %``."""
    if ratio is None:
        return "–"
    return f"{vn_number(float(ratio) * 100, decimals)} %"


def parse_vn_date(text: str) -> date | None:
    """``29/01/2026`` (or ``2026-01-29``, what a date input sends) → a date; ``None`` if it is not one."""
    text = (text or "").strip()
    if not text:
        return None
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def parse_vn_number(text: str):
    """``1.234,5`` / ``0,5`` / ``45`` → a number (int when whole); the text itself when it is not a number.

    Returning the text lets the API say, in its own words, what is wrong with it.
    """
    raw = (text or "").strip().replace(" ", "")
    if not raw:
        return None
    candidate = raw
    if "," in candidate:
        candidate = candidate.replace(".", "").replace(",", ".")
    elif candidate.count(".") > 1 or (candidate.count(".") == 1 and len(candidate.split(".")[1]) == 3
                                        and candidate.split(".")[0] not in ("", "0")):
        candidate = candidate.replace(".", "")  # dots between thousands: 1.234
    try:
        number = float(candidate)
    except ValueError:
        return text.strip()
    if not math.isfinite(number):
        return text.strip()
    return int(number) if number.is_integer() else number


def parse_vn_moment(day: str, clock: str = "") -> datetime | None:
    """``15/01/2026`` and ``17:00`` (Vietnam time; end of day when no time is given) → an aware datetime."""
    parsed = parse_vn_date(day)
    if parsed is None:
        return None
    clock = (clock or "").strip() or "23:59"
    try:
        hours, minutes = (int(part) for part in clock.split(":"))
        return datetime(parsed.year, parsed.month, parsed.day, hours, minutes, tzinfo=VN)
    except ValueError:
        return None

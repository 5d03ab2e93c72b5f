"""Vietnamese as the platform's readers write it: dates, times, numbers and labels, one module for all.

The portal, the exports, the e-mails and the API's messages all format through here, so a date is
dd/mm/yyyy and a number has a decimal comma (and dots between thousands) everywhere, and a reader
never meets a stored key. Babel's ``vi`` locale formats numbers the same way, but the platform also
needs what it does not give: the placeholders we show for a missing figure, reading back what a
person typed ("1.234,5", "29/01/2026"), and the domain's labels; so this stays one small module.

Vietnam keeps UTC+7 all year (no daylight saving since 1975): a fixed offset is exact and needs no
time-zone database. Instants are stored in UTC and shown in Vietnam time.
"""
from __future__ import annotations

import math
import unicodedata
from datetime import date, datetime, timedelta, timezone

from edu71.orgs import LEVEL_LABELS, SchoolLevel

#: Giờ Việt Nam.
VN = timezone(timedelta(hours=7), "ICT")
#: What a table shows where there is no figure.
NO_FIGURE = "–"


# -- moments -------------------------------------------------------------------------------------------
def to_vietnam(moment: datetime) -> datetime:
    """An instant in Vietnam time; a naive one (as some drivers return) is taken to be UTC."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(VN)


def iso_vn(moment: datetime, timespec: str = "seconds") -> str:
    """RFC 3339 in Vietnam time, e.g. ``2026-01-15T17:00:00+07:00`` (what events carry)."""
    return to_vietnam(moment).isoformat(timespec=timespec)


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
    """``2026-01-29``, a date or an instant → ``29/01/2026`` (instants in Vietnam time)."""
    parsed = _parse(value)
    if parsed is None:
        return "" if value in (None, "") else str(value)
    if isinstance(parsed, datetime) and parsed.tzinfo is not None:
        parsed = parsed.astimezone(VN)
    return parsed.strftime("%d/%m/%Y")


def vn_datetime(value) -> str:
    """An instant → ``15/01/2026 17:00`` in Vietnam time (a table cell)."""
    parsed = _parse(value)
    if not isinstance(parsed, datetime):
        return vn_date(value)
    return to_vietnam(parsed).strftime("%d/%m/%Y %H:%M")


def vn_moment(value) -> str:
    """An instant as a Vietnamese sentence reads it: ``17:00 ngày 15/01/2026``."""
    parsed = _parse(value)
    if not isinstance(parsed, datetime):
        return vn_date(value)
    local = to_vietnam(parsed)
    return f"{local:%H:%M} ngày {local:%d/%m/%Y}"


# -- numbers -------------------------------------------------------------------------------------------
def vn_number(value, decimals: int | None = None, grouping: bool = True, trim: bool = False) -> str:
    """``1234.5`` → ``1.234,5``. Without ``decimals`` a whole number shows none and others up to two;
    with ``decimals`` the number has exactly that many (columns line up), or at most that many with
    ``trim`` (prose: "đạt 100 %", not "100,0 %"). ``grouping=False`` leaves out the thousands dots (CSV
    cells, which spreadsheets read back as numbers). Nothing to show → ``–``."""
    if value is None or value == "":
        return NO_FIGURE
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    if not math.isfinite(number):
        return NO_FIGURE
    auto = decimals is None
    if auto:
        decimals = 0 if number.is_integer() else 2
    number = round(number, decimals) + 0.0  # -0.04 shown to one decimal is 0, not "-0"
    text = f"{number:,.{decimals}f}" if grouping else f"{number:.{decimals}f}"
    if "." in text and (auto or trim):
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")


def vn_percent(ratio, decimals: int = 1) -> str:
    """A ratio 0..1 → ``95,7 %``."""
    if ratio is None:
        return NO_FIGURE
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


# -- labels --------------------------------------------------------------------------------------------
#: How a role is named to people.
ROLE_LABELS = {
    "school": "Nhà trường",
    "commune": "UBND xã/phường",
    "city": "Sở GD&ĐT",
    "operator": "Vận hành",
    "admin": "Quản trị",
}

#: School levels in tables and menus, where "Trung học cơ sở" does not fit; prose uses ``LEVEL_LABELS``.
LEVEL_SHORT = {
    SchoolLevel.MAM_NON: "Mầm non",
    SchoolLevel.TIEU_HOC: "Tiểu học",
    SchoolLevel.THCS: "THCS",
    SchoolLevel.THPT: "THPT",
    SchoolLevel.LIEN_CAP: "Liên cấp",
}


def level_label(level: str | None, short: bool = False) -> str:
    """A school level's name (``thcs`` → "Trung học cơ sở", or "THCS" when ``short``); "all" → every level."""
    if level == "all":
        return "Tất cả cấp học"
    try:
        return (LEVEL_SHORT if short else LEVEL_LABELS)[SchoolLevel(level)]
    except ValueError:
        return level or ""


#: The sections of a plan (kế hoạch) as Decree 30/2020-style plans head them, by the key the importer gives.
PLAN_SECTIONS = {
    "muc_dich_yeu_cau": "I. Mục đích, yêu cầu",
    "muc_tieu": "II. Mục tiêu",
    "nhiem_vu_giai_phap": "III. Nhiệm vụ, giải pháp",
    "to_chuc_thuc_hien": "IV. Tổ chức thực hiện",
    "kinh_phi": "Kinh phí thực hiện",
    "bao_cao": "Chế độ báo cáo",
}


def plan_section(key: str) -> str:
    """The section's heading; a section the importer named from its own heading reads as that heading."""
    if key in PLAN_SECTIONS:
        return PLAN_SECTIONS[key]
    words = key.replace("_", " ")
    return words[:1].upper() + words[1:]


def without_diacritics(text: str) -> str:
    """Vietnamese spelled in plain ASCII letters (đ → d), case kept: for where only ASCII may go."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))

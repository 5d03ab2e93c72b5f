"""Indicator alerts, without I/O: a school's value on the wrong side of its indicator's threshold.

Thresholds come from the province's latest published catalogue (CataloguePublished);
ratios are compared as percentages (the catalogue's unit). The commune and the city are
told once per (round, school, indicator): the notice's dedupe base names exactly that, so a
revision or a redelivered event that is still alarming does not tell them again.
"""
from __future__ import annotations

import operator
from typing import Any, Mapping

from edu71.auth import Role
from edu71 import vn
from notifications.domain.kinds import Kind
from notifications.domain.notices import Notice, Recipient

_COMPARE = {">": operator.gt, ">=": operator.ge, "<": operator.lt, "<=": operator.le}
_WORDS = {">": "trên", ">=": "từ", "<": "dưới", "<=": "không quá"}


def thresholds(catalogue: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Indicator code → ``{name, unit, value_type, comparator, value}`` for the indicators that have a threshold."""
    return {ind["code"]: {"name": ind["name"], "unit": ind["unit"], "value_type": ind["value_type"],
                          "comparator": ind["threshold"]["comparator"], "value": ind["threshold"]["value"]}
            for ind in catalogue["indicators"] if ind.get("threshold")}


def actual(value: Mapping[str, Any]) -> float | None:
    """The value in the indicator's unit (percent for ratios); ``None`` when it cannot be compared."""
    match value["value_type"]:
        case "ratio":
            return 100.0 * value["numerator"] / value["denominator"] if value.get("denominator") else None
        case "count":
            return float(value["value"])
        case "level":
            return float(value["level"])
    return None


def _with_unit(amount: float, unit: str) -> str:
    return f"{vn.vn_number(amount, decimals=2, trim=True)} {unit}".strip()


def alerts(data: Mapping[str, Any], limits: Mapping[str, Mapping[str, Any]], round_name: str) -> list[Notice]:
    """The alerts an IndicatorSubmitted/IndicatorRevised payload causes, for the commune and the city."""
    school = data["school"]
    out: list[Notice] = []
    for value in data["values"]:
        limit = limits.get(value["indicator_code"])
        if limit is None or (amount := actual(value)) is None:
            continue
        if not _COMPARE[limit["comparator"]](amount, limit["value"]):
            continue
        shown = _with_unit(amount, limit["unit"])
        if value["value_type"] == "ratio":
            shown += f" ({value['numerator']}/{value['denominator']})"
        line = f"{_WORDS[limit['comparator']]} {_with_unit(limit['value'], limit['unit'])}"
        title = f"Cảnh báo: {limit['name']} của {school['name']} vượt ngưỡng"
        body = (f"{school['name']} báo cáo {limit['name'].lower()} là {shown} trong đợt “{round_name}”, "
                f"ở mức cảnh báo ({line}).\nĐề nghị theo dõi và phối hợp với nhà trường.")
        base = f"alert:{data['round_id']}:{school['code']}:{value['indicator_code']}"
        reference = {"round_id": data["round_id"], "submission_id": data["submission_id"],
                     "indicator_code": value["indicator_code"], "revision": data["revision"]}
        for recipient in (Recipient(school["commune_code"], Role.COMMUNE), Recipient(school["province_code"], Role.CITY)):
            out.append(Notice(Kind.INDICATOR_ALERT, recipient, title, body, school, reference, dedupe_base=base))
    return out

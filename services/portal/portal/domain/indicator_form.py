"""The indicator entry form of a round: catalogue entries → inputs, form → the API's ``values``.

Input names are ``<CODE>.<key>`` (``TEACHERS_QUALIFIED.numerator``); the API names
its errors ``values.<CODE>.<key>``, so each message lands beside its input.
"""
from __future__ import annotations

from typing import Any, Iterable, Mapping

from edu71.vn import parse_vn_number

#: value type → the inputs it needs, with Vietnamese labels
INPUTS: dict[str, tuple[tuple[str, str], ...]] = {
    "ratio": (("numerator", "Tử số"), ("denominator", "Mẫu số")),
    "count": (("value", "Số lượng"),),
    "level": (("level", "Mức"),),
    "boolean": (("flag", "Đạt"),),
}


def round_indicators(catalogue: Mapping[str, Any], codes: Iterable[str], school_level: str | None) -> list[dict]:
    """The catalogue entries a school reports in a round: the round's codes that apply to its level."""
    wanted = list(codes)
    by_code = {i["code"]: i for i in catalogue.get("indicators", [])}
    out = []
    for code in wanted:
        indicator = by_code.get(code)
        if indicator is None:
            continue
        levels = indicator.get("levels") or indicator.get("school_levels") or []
        if school_level and levels and school_level not in levels:
            continue
        out.append(indicator)
    return out


def inputs_of(indicator: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    labels = dict(INPUTS.get(indicator.get("value_type", ""), ()))
    if indicator.get("value_type") == "ratio":
        labels["numerator"] = indicator.get("numerator_label") or labels["numerator"]
        labels["denominator"] = indicator.get("denominator_label") or labels["denominator"]
    return tuple(labels.items())


def form_from_submission(submission: Mapping[str, Any] | None) -> dict[str, str]:
    values: dict[str, str] = {}
    for item in (submission or {}).get("values", []):
        for key in ("numerator", "denominator", "value", "level"):
            if item.get(key) is not None:
                values[f"{item['indicator_code']}.{key}"] = str(item[key])
        if item.get("flag") is not None:
            values[f"{item['indicator_code']}.flag"] = "true" if item["flag"] else "false"
    return values


def values_from_form(form: Mapping[str, str], indicators: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The ``values`` to send. An indicator left wholly blank is not sent (it keeps its stored value);
    a half-filled one is sent as it is, so the API says which part is missing. Text that is not a
    number is sent as text for the same reason."""
    values = []
    for indicator in indicators:
        code = indicator["code"]
        item: dict[str, Any] = {"indicator_code": code}
        for key, _label in inputs_of(indicator):
            raw = (form.get(f"{code}.{key}") or "").strip()
            if not raw:
                continue
            if key == "flag":
                item[key] = {"true": True, "false": False}.get(raw, raw)
            else:
                item[key] = parse_vn_number(raw)
        if len(item) > 1:
            values.append(item)
    return values


def errors_for_form(errors: Mapping[str, str], sent: list[Mapping[str, Any]]) -> dict[str, str]:
    """``values.<CODE>.<key>`` / ``values.<index>.<key>`` → the input name ``<CODE>.<key>``."""
    out: dict[str, str] = {}
    for name, message in errors.items():
        parts = name.split(".")
        if parts[0] != "values" or len(parts) < 2:
            out.setdefault("_form", message)
            continue
        code = parts[1]
        if code.isdigit() and int(code) < len(sent):
            code = str(sent[int(code)]["indicator_code"])
        key = parts[2] if len(parts) > 2 else ""
        out.setdefault(f"{code}.{key}" if key else code, message)
    return out


def labels(indicators: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """Readable names of the inputs, for the error summary: ``"<indicator> – <input>"``."""
    return {f"{i['code']}.{key}": f"{i.get('name', i['code'])} – {label}"
            for i in indicators for key, label in inputs_of(i)}

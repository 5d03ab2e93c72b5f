"""The indicator entry form of a round: catalogue entries → inputs, form → the API's ``values``.

Input names are ``<CODE>.<key>`` (``TEACHERS_QUALIFIED.numerator``); the API names
its errors ``values.<CODE>.<key>``, so each message lands beside its input.

A population several indicators divide by (the catalogue's ``population``:
teachers and managers, pupils, classes) is typed once: in the count that *is*
it when the round asks for one (``CLASSES.value``), else in the denominator of
the first ratio sharing it; the other ratios show that input instead of their
own (:func:`population_owners`). Explanations of warned values are named
``explain.<CODE>``.
"""
from __future__ import annotations

from typing import Any, Iterable, Mapping

from edu71.vn import parse_vn_number, vn_number

COMPARATOR_WORDS = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "=": "="}
EXPLAIN = "explain."

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


def population_owners(indicators: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """Shared population → the one input that carries it in this form."""
    indicators = list(indicators)
    owners: dict[str, str] = {}
    for ind in indicators:
        if ind.get("population") and ind.get("value_type") == "count":
            owners.setdefault(ind["population"], f"{ind['code']}.value")
    for ind in indicators:
        if ind.get("population") and ind.get("value_type") == "ratio":
            owners.setdefault(ind["population"], f"{ind['code']}.denominator")
    return owners


def shared_input(indicator: Mapping[str, Any], owners: Mapping[str, str]) -> str | None:
    """The input holding this ratio's denominator when another input of the form carries it, else ``None``."""
    owner = owners.get(indicator.get("population") or "")
    if indicator.get("value_type") != "ratio" or owner is None or owner == f"{indicator['code']}.denominator":
        return None
    return owner


def inputs_of(indicator: Mapping[str, Any], owners: Mapping[str, str] | None = None) -> tuple[tuple[str, str], ...]:
    """The inputs the form shows for ``indicator`` (a shared denominator typed elsewhere is left out)."""
    labels = dict(INPUTS.get(indicator.get("value_type", ""), ()))
    if indicator.get("value_type") == "ratio":
        labels["numerator"] = indicator.get("numerator_label") or labels["numerator"]
        labels["denominator"] = indicator.get("denominator_label") or labels["denominator"]
        if owners and shared_input(indicator, owners):
            del labels["denominator"]
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
    number is sent as text for the same reason. A ratio whose population is typed in another input
    takes its denominator from there."""
    indicators = list(indicators)
    owners = population_owners(indicators)
    values = []
    for indicator in indicators:
        code = indicator["code"]
        item: dict[str, Any] = {"indicator_code": code}
        shared = shared_input(indicator, owners)
        if shared and (form.get(f"{code}.numerator") or "").strip():
            population = parse_vn_number(form.get(shared) or "")
            if population is not None:
                item["denominator"] = population
        for key, _label in inputs_of(indicator, owners):
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


def errors_for_form(errors: Mapping[str, str], sent: list[Mapping[str, Any]],
                    indicators: Iterable[Mapping[str, Any]] = ()) -> dict[str, str]:
    """``values.<CODE>.<key>`` / ``values.<index>.<key>`` → the input name ``<CODE>.<key>``;
    a shared denominator's message goes to the input that carries the population,
    an explanation's (``explanations.<CODE>``) to ``explain.<CODE>``."""
    by_code = {i["code"]: i for i in indicators}
    owners = population_owners(by_code.values())
    out: dict[str, str] = {}
    for name, message in errors.items():
        parts = name.split(".")
        if parts[0] == "explanations" and len(parts) > 1:
            out.setdefault(f"{EXPLAIN}{parts[1]}", message)
            continue
        if parts[0] != "values" or len(parts) < 2:
            out.setdefault("_form", message)
            continue
        code = parts[1]
        if code.isdigit() and int(code) < len(sent):
            code = str(sent[int(code)]["indicator_code"])
        key = parts[2] if len(parts) > 2 else ""
        target = f"{code}.{key}" if key else code
        if key == "denominator" and code in by_code:
            target = shared_input(by_code[code], owners) or target
        out.setdefault(target, message)
    return out


def explanations_from_form(form: Mapping[str, str]) -> dict[str, str]:
    """``explain.<CODE>`` inputs with text → ``{CODE: text}``."""
    return {name[len(EXPLAIN):]: text.strip() for name, text in form.items()
            if name.startswith(EXPLAIN) and isinstance(text, str) and text.strip()}


def value_text(indicator: Mapping[str, Any], value: Mapping[str, Any] | None) -> str:
    """A stored value as a person reads it: ``45/47 (95,7 %)``, ``38 lớp``, ``mức 2``, ``Đạt``."""
    if not value:
        return "–"
    match indicator.get("value_type"):
        case "ratio":
            num, den = value.get("numerator"), value.get("denominator")
            rate = f" ({vn_number(100 * num / den, 1)} %)" if num is not None and den else ""
            return f"{vn_number(num)}/{vn_number(den)}{rate}"
        case "count":
            return f"{vn_number(value.get('value'))} {indicator.get('unit') or ''}".strip()
        case "level":
            return f"mức {value.get('level')}"
        case "boolean":
            return "Đạt" if value.get("flag") else "Chưa đạt"
    return "–"


def target_text(indicator: Mapping[str, Any], school_level: str | None) -> str:
    """The catalogue's target for the school's level, ``≥ 100 % đến năm 2030``; the province's first."""
    targets = [t for t in indicator.get("targets") or []
               if not t.get("school_levels") or not school_level or school_level in t["school_levels"]]
    targets.sort(key=lambda t: t.get("scope") != "province")
    if not targets:
        return ""
    t = targets[0]
    share = f" ở {vn_number(t['share_of_schools'])} % số trường" if t.get("share_of_schools") is not None else ""
    if indicator.get("value_type") == "level":  # "≥ mức 3": "≥ 3 mức" reads as three levels
        wanted = f"mức {vn_number(t['value'])}"
    else:
        unit = " %" if indicator.get("value_type") == "ratio" else f" {indicator.get('unit') or ''}".rstrip()
        wanted = f"{vn_number(t['value'])}{unit}"
    return f"{COMPARATOR_WORDS.get(t['comparator'], t['comparator'])} {wanted}{share} đến năm {t['horizon']}"


def rows(indicators: Iterable[Mapping[str, Any]], submission: Mapping[str, Any] | None,
         previous: Mapping[str, Any] | None, school_level: str | None) -> list[dict[str, Any]]:
    """What the entry and review pages show beside each indicator: last round's value, the target, the
    warnings with the school's explanation, the reviewer's comment from the last return, open flags."""
    indicators = list(indicators)
    owners = population_owners(indicators)
    before = {v["indicator_code"]: v for v in (previous or {}).get("values") or []}
    now = {v["indicator_code"]: v for v in (submission or {}).get("values") or []}
    warnings: dict[str, list] = {}
    for w in (submission or {}).get("open_warnings") or []:
        warnings.setdefault(w.get("indicator_code") or w["field"].split(".")[1], []).append(w)
    returned = next((a for a in reversed((submission or {}).get("approvals") or []) if a.get("action") == "return"),
                    None)
    returned = returned if (submission or {}).get("stage") == "returned" else None
    flags: dict[str, list] = {}
    for f in (submission or {}).get("flags") or []:
        flags.setdefault(f["indicator_code"], []).append(f)
    out = []
    for ind in indicators:
        code = ind["code"]
        shared = shared_input(ind, owners)
        out.append({
            "indicator": ind,
            "inputs": inputs_of(ind, owners),
            "shared": shared,
            "shared_label": ind.get("denominator_label") if shared else None,
            "rate": ind.get("value_type") == "ratio",
            "denominator_input": shared or f"{code}.denominator",
            "previous": value_text(ind, before.get(code)) if code in before else None,
            "current": value_text(ind, now.get(code)) if code in now else None,
            "target": target_text(ind, school_level),
            "warnings": warnings.get(code, []),
            "explanation": ((submission or {}).get("explanations") or {}).get(code, {}).get("text"),
            "comment": (returned or {}).get("value_comments", {}).get(code),
            "flags": flags.get(code, []),
        })
    return out


def labels(indicators: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """Readable names of the inputs, for the error summary: ``"<indicator> – <input>"``."""
    indicators = list(indicators)
    out = {f"{i['code']}.{key}": f"{i.get('name', i['code'])} – {label}"
           for i in indicators for key, label in inputs_of(i)}
    out.update({f"{EXPLAIN}{i['code']}": f"{i.get('name', i['code'])} – lời giải thích" for i in indicators})
    return out

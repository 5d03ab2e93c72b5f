"""Made-up figures that read like a school's own: what the demo and the submissions benchmark send.

The indicators service refuses figures that disagree with each other (a shared population typed twice
with two numbers, drop-outs above enrolment…), so generated values are made consistent first.
"""
from __future__ import annotations


def consistent(values: list[dict], catalogue: dict[str, dict]) -> list[dict]:
    """The values made to agree as a school's own figures do: a shared population (the catalogue's
    ``population``) is one number, and each cross check of importance error holds (``a <= b``)."""
    by_code = {v["indicator_code"]: v for v in values}

    def set_one(value: dict, key: str, number: int) -> None:
        if key == "denominator" and value.get("denominator"):
            value["numerator"] = min(number, round(value["numerator"] * number / value["denominator"]))
        value[key] = number

    def set_figure(value: dict, key: str, number: int) -> None:
        """Set one figure; a population's figure is set in every value that counts that population."""
        population = catalogue[value["indicator_code"]].get("population")
        if not population or key not in ("value", "denominator"):
            return set_one(value, key, number)
        for other in values:
            indicator = catalogue[other["indicator_code"]]
            if indicator.get("population") == population:
                set_one(other, "value" if indicator["value_type"] == "count" else "denominator", number)

    populations: dict[str, int] = {}
    for value in values:
        indicator = catalogue[value["indicator_code"]]
        key = "value" if indicator["value_type"] == "count" else "denominator"
        if indicator.get("population") and key in value:
            set_figure(value, key, populations.setdefault(indicator["population"], value[key]))
    for _ in range(3):  # checks may chain (teachers ≤ managers and teachers ≤ all staff)
        for indicator in catalogue.values():
            for check in indicator.get("checks") or []:
                (lcode, lkey), (rcode, rkey) = (check[s].split(".") for s in ("left", "right"))
                left, right = by_code.get(lcode, {}).get(lkey), by_code.get(rcode, {}).get(rkey)
                if check["importance"] == "error" and check["operator"] == "<=" and None not in (left, right) \
                        and left > right:
                    set_figure(by_code[lcode], lkey, right)
    return values

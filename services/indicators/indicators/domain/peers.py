"""Warnings when a school's value is far from its peers': schools of the same level in the province, same round.

The comparison is robust: the centre is the median and the spread the median
absolute deviation (MAD), so a few wrong values among the peers (a school that
typed 300 smart classrooms) move neither, and one outlier does not hide
another, as it would with a mean and standard deviation. A value is unusual
when its modified z-score ``0.6745 · (x − median) / MAD`` (Iglewicz and Hoaglin)
exceeds the indicator's ``peer_z`` (3,5 by default). When more than half the
peers share one value the MAD is 0; the mean absolute deviation, scaled to
match (``1.2533``), takes its place, and if that is 0 too (every peer reported
the same) no value is called unusual: there is no spread to measure against.

Each school's figures are kept in a compact per-round index: :data:`BUCKETS`
documents per round and level, each holding the figures of the schools whose
code hashes to it (:func:`bucket_of`), read by ``_id``. Statistics are computed
from that index (:func:`summarise`) and kept as a small snapshot; flagging a
new submission reads the snapshot and never the peers' values (:func:`peer_outliers`).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any, Iterable, Mapping

from edu71.orgs import SchoolLevel
from indicators.domain.catalogue import Catalogue, Indicator, ValueType

#: Fewer peers than this say too little about what is usual.
MIN_PEERS = 10
#: Index documents per round and level: few enough to read them all by ``_id`` at each refresh, enough that
#: schools writing at the same time rarely meet on one (a meeting is retried, never lost).
BUCKETS = 16
#: Scales the MAD to a normal distribution's standard deviation (1 / 1.4826).
MAD_SCALE = 0.6745
#: Scales the mean absolute deviation likewise (√(π/2)).
MEAN_AD_SCALE = 1.2533


@dataclass(frozen=True)
class PeerStat:
    """What is usual for one indicator among peers: how many, the median and the two deviations."""

    n: int
    median: float
    mad: float
    mean_ad: float

    def as_dict(self) -> dict[str, float]:
        return {"n": self.n, "median": self.median, "mad": self.mad, "mean_ad": self.mean_ad}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "PeerStat":
        return cls(n=int(data["n"]), median=float(data["median"]), mad=float(data["mad"]),
                   mean_ad=float(data["mean_ad"]))

    def z(self, x: float) -> float | None:
        """The modified z-score of ``x``, or ``None`` when the peers show no spread."""
        if self.mad > 0:
            return MAD_SCALE * (x - self.median) / self.mad
        if self.mean_ad > 0:
            return (x - self.median) / (MEAN_AD_SCALE * self.mean_ad)
        return None


def figure(indicator: Indicator, value: Mapping[str, Any]) -> float | None:
    """The number compared across schools: a ratio's rate in percent, a count, a level; booleans are not."""
    match indicator.value_type:
        case ValueType.RATIO:
            den = value.get("denominator")
            return 100 * value["numerator"] / den if den else None
        case ValueType.COUNT:
            return value.get("value")
        case ValueType.LEVEL:
            return value.get("level")
    return None


def bucket_of(school_code: str) -> int:
    """The index document a school's figures live in (stable across processes, unlike ``hash``)."""
    return int.from_bytes(hashlib.sha1(school_code.encode("utf-8")).digest()[:4], "big") % BUCKETS


def figures(values: Iterable[Mapping[str, Any]], catalogue: Catalogue) -> dict[str, float]:
    """``{code: figure}`` of a submission's values, as peers are compared on them."""
    out = {}
    for value in values:
        indicator = catalogue.get(value["indicator_code"])
        x = figure(indicator, value) if indicator is not None else None
        if x is not None:
            out[indicator.code] = x
    return out


def summarise_figures(schools: Iterable[Mapping[str, float]]) -> dict[str, PeerStat]:
    """Per indicator, the statistics of the schools' figures (one ``{code: figure}`` per school)."""
    samples: dict[str, list[float]] = {}
    for by_code in schools:
        for code, x in by_code.items():
            samples.setdefault(code, []).append(x)
    return {code: stat for code, xs in samples.items() if (stat := summarise(xs)) is not None}


def _median(ordered: list[float]) -> float:
    n = len(ordered)
    mid = n // 2
    return ordered[mid] if n % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def summarise(samples: Iterable[float]) -> PeerStat | None:
    ordered = sorted(samples)
    if not ordered:
        return None
    median = _median(ordered)
    deviations = sorted(abs(x - median) for x in ordered)
    return PeerStat(n=len(ordered), median=median, mad=_median(deviations),
                    mean_ad=sum(deviations) / len(deviations))


def _vn(number: float) -> str:
    if float(number).is_integer():
        return f"{int(number):,}".replace(",", ".")
    return f"{number:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")


def peer_outliers(values: Iterable[Mapping[str, Any]], stats: Mapping[str, PeerStat], catalogue: Catalogue,
                  level: SchoolLevel | str) -> list[dict[str, str]]:
    """One ``{field, message, indicator_code, kind}`` warning per value far from its peers' (``stats``)."""
    label = SchoolLevel(level).label.lower()
    warnings = []
    for value in values:
        indicator = catalogue.get(value["indicator_code"])
        stat = stats.get(value["indicator_code"])
        if indicator is None or stat is None or stat.n < MIN_PEERS:
            continue
        x = figure(indicator, value)
        z = stat.z(x) if x is not None else None
        if z is None or abs(z) <= indicator.limits.peer_z:
            continue
        key = "numerator" if indicator.value_type is ValueType.RATIO else indicator.value_fields[0]
        unit = " %" if indicator.value_type is ValueType.RATIO else f" {indicator.unit}"
        warnings.append({
            "field": f"values.{indicator.code}.{key}",
            "indicator_code": indicator.code,
            "kind": "peers",
            "message": f"“{indicator.name}” là {_vn(x)}{unit}, {'cao' if z > 0 else 'thấp'} bất thường so với "
                       f"các trường {label} khác trong tỉnh/thành (trung vị {_vn(stat.median)}{unit}, "
                       f"{_vn(stat.n)} trường). Số liệu vẫn được ghi nhận; vui lòng kiểm tra lại.",
        })
    return warnings

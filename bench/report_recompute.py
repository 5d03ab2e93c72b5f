"""CPU cost of the reports projector's recompute, in process (no Kafka, no store): the views of one province
built from scratch (a worker's start, a rebuild), and one commune's piece recomputed after one school's change
(what every submission or approval costs), with a share of the schools' reports confirmed.

Synthetic Hải Phòng: C communes × S lower-secondary schools, 25 ratio indicators each with a city target, one
round; a share of the schools confirmed (SubmissionConfirmed), so both readings of the figures (all submitted,
confirmed only) differ. CPU time (time.process_time), so other processes on the machine disturb it less.

    PYTHONPATH=services/reports:lib/edu71 .venv/bin/python bench/report_recompute.py [--communes 114] [--schools 9]
        [--confirmed 0.5] [--updates 200]
"""
from __future__ import annotations

import argparse
import random
import statistics
import time
from datetime import datetime, timezone

from reports.domain import model as source
from reports.domain.views import ProvinceViews

T0 = datetime(2026, 1, 15, tzinfo=timezone.utc)
CODES = [f"IND_{i:02d}" for i in range(25)]


def province(communes: int, schools: int, confirmed: float) -> tuple[source.Model, list[str]]:
    rng = random.Random(1)
    m = source.Model()
    m.apply(source.ROUNDS.collection, {
        "round_id": "r1", "event_time": T0, "name": "Sơ kết học kỳ I", "province_code": "31",
        "school_year": "2025-2026", "school_levels": ["thcs"], "indicator_codes": CODES, "opens_at": T0,
        "due_at": T0, "closes_at": T0, "reopened": False})
    m.apply(source.CATALOGUES.collection, {"province_code": "31", "version": 1, "indicators": [
        {"code": c, "name": f"Chỉ tiêu {c}", "unit": "%", "value_type": "ratio", "direction": "higher",
         "school_levels": ["thcs"],
         "targets": [{"scope": "province", "comparator": ">=", "value": 95, "horizon": 2030, "source": "UBND"}]}
        for c in CODES]})
    codes = [f"{10000 + i:05d}" for i in range(communes)]
    for commune in codes:
        for j in range(schools):
            code = f"S{commune}-{j}"
            where = {"commune_code": commune, "province_code": "31"}
            m.apply(source.DIRECTORY.collection, {"school_code": code, "version": 1, "name": code, "level": "thcs",
                                                  "active": True, **where})
            m.apply(source.SCHOOL_VALUES.collection, {
                "round_id": "r1", "school_code": code, "revision": 1, "school_name": code, "school_level": "thcs",
                "late": False, "submitted_at": T0, "submission_id": code, **where,
                "values": {k: {"indicator_code": k, "catalogue_version": 1, "value_type": "ratio",
                               "numerator": rng.randint(0, 40), "denominator": 40} for k in CODES}})
            if rng.random() < confirmed:
                m.apply(source.SUBMISSION_STAGES.collection, {
                    "round_id": "r1", "school_code": code, "approval": 2, "stage": "confirmed",
                    "previous_stage": "submitted", "revision": 1, "submission_id": code, "school_name": code,
                    "school_level": "thcs", "acted_at": T0, **where})
    return m, codes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--communes", type=int, default=114)
    parser.add_argument("--schools", type=int, default=9)
    parser.add_argument("--confirmed", type=float, default=0.5)
    parser.add_argument("--updates", type=int, default=200)
    args = parser.parse_args()
    m, communes = province(args.communes, args.schools, args.confirmed)
    full = []
    for _ in range(3):
        views = ProvinceViews("31")
        started = time.process_time()
        views.update(m)
        full.append(time.process_time() - started)
    one = []
    for i in range(args.updates):
        started = time.process_time()
        views.update(m, {("r1", communes[i % len(communes)])})
        one.append(time.process_time() - started)
    one.sort()
    print(f"{args.communes} communes × {args.schools} schools × {len(CODES)} indicators, "
          f"{args.confirmed:.0%} confirmed")
    print(f"  full build of the province's views: {min(full) * 1000:.0f} ms (best of 3)")
    print(f"  one commune recomputed: p50 {statistics.median(one) * 1000:.1f} ms, "
          f"p95 {one[int(len(one) * 0.95)] * 1000:.1f} ms ({args.updates} updates)")


if __name__ == "__main__":
    main()

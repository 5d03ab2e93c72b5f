"""How fast a new submission is flagged against its peers at national scale, and what the statistics cost.

National scale: 40,000 schools in 34 provinces (the units since 1/7/2025), five
school levels, 25 indicators each. Peers are the schools of the same level in
the province, in the same round (indicators.domain.peers).

1. Refresh (what the worker does off the request path): every school's 25
   values are summarised into per (round, level, indicator) statistics —
   median, MAD, mean absolute deviation. Time and peak memory (tracemalloc).
2. Store: each (round, level) snapshot is written as a ``PeerStatistics``
   version (insert-only, ``save_with_events``) in a real FerretDB; its size.
3. Flag: N new submissions, each with 25 values, are checked against their
   peers exactly as the API does when its cache is cold: one read by ``_id``
   of the snapshot, decode, modified z-scores. p50/p99 of that, and of the
   computation alone (what a warm cache costs).

    .venv/bin/python bench/peer_outliers.py [--schools 40000] [--flags 2000]
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
import tracemalloc
import uuid
from pathlib import Path

import bson
import psutil

from edu71.orgs import SchoolLevel
from edu71_testing import running_stack

PROVINCES = 34


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def indicators(catalogue):
    chosen = [i for i in catalogue if i.value_type.value in ("ratio", "count", "level")]
    return chosen[:25]


def school_values(rng: random.Random, chosen) -> list[dict]:
    """25 plausible values, with one school in fifty typing an extra zero somewhere."""
    out = []
    for indicator in chosen:
        base = {"indicator_code": indicator.code, "catalogue_version": 1, "value_type": indicator.value_type.value}
        match indicator.value_type.value:
            case "ratio":
                den = rng.randint(20, 1500)
                out.append({**base, "numerator": int(den * rng.betavariate(8, 2)), "denominator": den})
            case "count":
                value = rng.randint(0, 60)
                out.append({**base, "value": value * 10 if rng.random() < 0.02 else value})
            case "level":
                out.append({**base, "level": rng.randint(indicator.level_min, indicator.level_max)})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--schools", type=int, default=40_000)
    parser.add_argument("--flags", type=int, default=2_000)
    parser.add_argument("--province-schools", type=int, default=2_000)
    args = parser.parse_args()

    from indicators.domain.catalogue import CATALOGUE
    from indicators.domain.peers import PeerStat, figures, peer_outliers, summarise_figures

    rng = random.Random(71)
    chosen = indicators(CATALOGUE)
    levels = [lv.value for lv in SchoolLevel]
    rounds = [f"round-{p:02d}" for p in range(PROVINCES)]
    schools = [(rng.choice(rounds), rng.choice(levels)) for _ in range(args.schools)]
    print(f"scale:          {args.schools} schools × {len(chosen)} indicators in {PROVINCES} provinces "
          f"× {len(levels)} levels = {args.schools * len(chosen):,} values")

    by_round: dict[str, list] = {r: [] for r in rounds}
    for rnd, level in schools:
        by_round[rnd].append((level, school_values(rng, chosen)))

    tracemalloc.start()
    started = time.perf_counter()
    snapshots = {}
    for rnd, subs in by_round.items():
        by_level: dict[str, list] = {}
        for level, values in subs:
            by_level.setdefault(level, []).append(figures(values, CATALOGUE))
        snapshots[rnd] = {level: summarise_figures(schools) for level, schools in by_level.items()}
    refresh = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"refresh:        every (round, level, indicator) statistic from all values in {refresh:.2f} s "
          f"({args.schools * len(chosen) / refresh:,.0f} values/s), peak {peak / 2**20:.1f} MiB above the values")

    with tempfile.TemporaryDirectory() as tmp, running_stack(Path(tmp)):
        os.environ["INDICATORS_MONGODB_DB"] = f"bench_peers_{uuid.uuid4().hex[:8]}"
        os.environ["LOG_LEVEL"] = "WARNING"
        from edu71 import db
        from edu71.bus.outbox import load, save_with_events
        from indicators import config
        from indicators.adapters.documents import PeerStatistics

        db.connect(config.load().platform)
        sizes = []
        started = time.perf_counter()
        for rnd, per_level in snapshots.items():
            for level, stats in per_level.items():
                doc = PeerStatistics(id=PeerStatistics.key(rnd, level),
                                     stats={c: s.as_dict() for c, s in stats.items()},
                                     submissions=sum(1 for lv, _ in by_round[rnd] if lv == level))
                save_with_events(doc)
                sizes.append(len(bson.encode(doc.to_mongo().to_dict())))
        stored = time.perf_counter() - started
        print(f"store:          {len(sizes)} snapshots written in {stored:.2f} s; a snapshot is "
              f"{statistics.median(sizes) / 1024:.1f} KiB (median)")

        cold, warm, flagged = [], [], 0
        for _ in range(args.flags):
            rnd, level = rng.choice(rounds), rng.choice(levels)
            values = school_values(rng, chosen)
            started = time.perf_counter()
            doc = load(PeerStatistics, PeerStatistics.key(rnd, level))
            stats = {code: PeerStat.from_dict(s) for code, s in doc.stats.items()}
            middle = time.perf_counter()
            warnings = peer_outliers(values, stats, CATALOGUE, level)
            done = time.perf_counter()
            cold.append(done - started)
            warm.append(done - middle)
            flagged += bool(warnings)
        print(f"flag (cold):    read by _id + z-scores of 25 values: p50 {statistics.median(cold) * 1000:.2f} ms, "
              f"p99 {percentile(cold, 99) * 1000:.2f} ms over {args.flags} submissions")
        print(f"flag (warm):    z-scores only (statistics cached): p50 {statistics.median(warm) * 1e6:.0f} µs, "
              f"p99 {percentile(warm, 99) * 1e6:.0f} µs; {flagged} of {args.flags} submissions got a peer warning")
        refresh_from_store(rng, chosen, args.province_schools)
        print(f"memory:         this process's RSS {psutil.Process().memory_info().rss / 2**20:.0f} MiB "
              f"(holding all {args.schools * len(chosen):,} generated values)")


def refresh_from_store(rng: random.Random, chosen, schools: int) -> None:
    from datetime import datetime, timedelta, timezone

    from edu71.bus.outbox import save_with_events
    from edu71.contracts import Contracts
    from indicators import config
    from indicators.adapters.documents import Round
    from indicators.catalogues import CatalogueService
    from indicators.domain.submissions import submission_id
    from indicators.peers import PeerIndexer, PeerStatisticsService

    contracts = Contracts(config.load().platform.contracts_dir)
    catalogues = CatalogueService(contracts)
    catalogues.ensure_published(["31"])
    now = datetime.now(timezone.utc)
    rnd = Round(id=str(uuid.uuid4()), name="Đợt đo", province_code="31", school_year="2025-2026",
                school_levels=["thcs"], indicator_codes=[i.code for i in chosen], catalogue_version=1,
                opens_at=now - timedelta(days=1), due_at=now + timedelta(days=7), closes_at=now + timedelta(days=30),
                opened_by={"user_id": "bench", "name": "Đo", "role": "city", "org_unit": "31"})
    save_with_events(rnd)
    indexer = PeerIndexer(catalogues)
    timings = []
    for n in range(schools):
        code = f"BENCH-{n:05d}"
        event = contracts.new_event("IndicatorSubmitted", {
            "submission_id": submission_id(rnd.id, code), "round_id": rnd.id,
            "school": {"code": code, "name": f"Trường THCS số {n}", "commune_code": "11311", "province_code": "31",
                       "level": "thcs"},
            "revision": 1, "submitted_at": "2026-01-12T10:00:00.000+07:00",
            "submitted_by": {"user_id": f"u-{code}", "name": "Cán bộ", "role": "school", "org_unit": code},
            "late": False, "values": school_values(rng, chosen)}, subject=code, source="/edu71/bench")
        started = time.perf_counter()
        indexer.index(event)
        timings.append(time.perf_counter() - started)
    peers = PeerStatisticsService()
    started = time.perf_counter()
    read = peers.refresh(rnd.id)
    refresh = time.perf_counter() - started
    print(f"index:          {schools} submissions indexed as the worker does: p50 "
          f"{statistics.median(timings) * 1000:.1f} ms, p99 {percentile(timings, 99) * 1000:.1f} ms per event")
    print(f"store refresh:  {read} schools of one round read from the index and summarised in {refresh:.2f} s, "
          f"as the worker does every INDICATORS_PEER_REFRESH_SECONDS")


if __name__ == "__main__":
    main()

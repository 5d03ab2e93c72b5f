"""Rebuild rate of the reports projections at national scale, against the ceiling of a bare consumer.

Starts its own Kafka and FerretDB (like the tests), writes a synthetic log to
the real topics — S schools spread over the communes of all 34 provinces
(SchoolRegistered), two reporting rounds per province (ReportingRoundOpened),
and every school's submission of 25 values in each round (IndicatorSubmitted);
the default 40,000 schools × 25 indicators × 2 rounds is 2 million values —
then, in the same run:

1. the ceiling: a bare kafka-python consumer reading every partition of the
   same topics from the beginning to the end, doing nothing with the records;
2. the rebuild (``reports.rebuild.rebuild``): read, decode, keep the latest
   versions, write the source rows in bulk, compute and write every view;
3. the worker's start on the new generation: load the model, recompute the views, rewrite none;
4. query latency through the reports API under gunicorn: the city summary of a
   round and a commune drill-down, p50/p99, sequential requests.

    .venv/bin/python bench/report_rebuild.py [--schools 40000] [--queries 200]
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import requests
from kafka import KafkaConsumer, KafkaProducer, TopicPartition

from edu71.contracts import Contracts
from edu71.orgs import SchoolLevel, stable_fraction
from edu71_testing import free_port, running_stack
from indicator_submissions import percentile, start, stop, wait_ready
from vietnam_provinces import Province, Ward

LEVELS = [SchoolLevel.MAM_NON, SchoolLevel.TIEU_HOC, SchoolLevel.THCS, SchoolLevel.THPT]
INDICATORS = ([(f"RATIO_{i:02d}", "ratio") for i in range(15)] + [(f"COUNT_{i:02d}", "count") for i in range(5)]
              + [(f"LEVEL_{i:02d}", "level") for i in range(3)] + [(f"FLAG_{i:02d}", "boolean") for i in range(2)])
ROUNDS = [("hk1", "Sơ kết học kỳ I năm học 2025–2026", "2026-01-15"), ("cn", "Tổng kết năm học 2025–2026", "2026-05-25")]
TOPIC_INDICATORS, TOPIC_DIRECTORY = "edu71.indicators.v1", "edu71.directory.v1"


def envelope(name: str, data: dict, subject: str, source: str, n: int) -> dict:
    return {"specversion": "1.0", "id": f"bench-{name}-{n}", "source": source, "type": f"vn.edu71.{name}.v1",
            "time": "2026-01-10T08:00:00.000Z", "subject": subject, "datacontenttype": "application/json",
            "dataschema": f"urn:edu71:events:{name}:v1", "data": data, "partitionkey": subject}


def value(code: str, kind: str, school: str, round_key: str) -> dict:
    r = stable_fraction(school, code, round_key)
    v = {"indicator_code": code, "catalogue_version": 1, "value_type": kind}
    match kind:
        case "ratio":
            den = 20 + int(r * 900)
            v |= {"numerator": int(den * r), "denominator": den}
        case "count":
            v["value"] = int(r * 40)
        case "level":
            v["level"] = int(r * 4)
        case "boolean":
            v["flag"] = r > 0.4
    return v


def synthetic_log(schools_wanted: int):
    """(topic, key, envelope) of the whole log, schools spread evenly over every commune of the country."""
    wards = list(Ward.iter_all())
    schools = []
    for i in range(schools_wanted):
        ward = wards[i % len(wards)]
        level = LEVELS[(i // len(wards)) % len(LEVELS)]
        schools.append({"code": f"S{i:06d}", "name": f"Trường {level.label} số {i}", "level": level.value,
                        "commune_code": f"{int(ward.code):05d}", "province_code": f"{int(ward.province_code):02d}"})
    n = 0
    for s in schools:
        n += 1
        yield TOPIC_DIRECTORY, s["code"], envelope("SchoolRegistered", {"school": s, "version": 1, "active": True},
                                                   s["code"], "/edu71/directory", n)
    for province in Province.iter_all():
        code = f"{int(province.code):02d}"
        for key, name, due in ROUNDS:
            n += 1
            yield TOPIC_INDICATORS, code, envelope("ReportingRoundOpened", {
                "round_id": f"rnd-{code}-{key}", "name": name, "province_code": code, "school_year": "2025-2026",
                "school_levels": [lv.value for lv in LEVELS], "indicator_codes": [c for c, _ in INDICATORS],
                "opens_at": "2025-12-22T07:00:00+07:00", "due_at": f"{due}T17:00:00+07:00",
                "closes_at": f"{due}T23:59:59+07:00", "reopened": False,
                "opened_by": {"user_id": "u-city", "name": "Sở GD&ĐT", "role": "city", "org_unit": code}},
                code, "/edu71/indicators", n)
    for key, _, due in ROUNDS:
        for s in schools:
            n += 1
            yield TOPIC_INDICATORS, s["code"], envelope("IndicatorSubmitted", {
                "submission_id": f"sub-{key}-{s['code']}", "round_id": f"rnd-{s['province_code']}-{key}", "school": s,
                "revision": 1, "submitted_at": f"{due}T10:00:00+07:00", "late": stable_fraction(s["code"], key) < 0.1,
                "submitted_by": {"user_id": f"u-{s['code']}", "name": "Cán bộ", "role": "school",
                                 "org_unit": s["code"]},
                "values": [value(c, kind, s["code"], key) for c, kind in INDICATORS]}, s["code"], "/edu71/indicators", n)


def produce(bootstrap: str, contracts: Contracts, schools: int) -> tuple[int, int, float]:
    producer = KafkaProducer(bootstrap_servers=bootstrap, acks="all", linger_ms=50, batch_size=1 << 20,
                             max_request_size=8 << 20, compression_type=None)
    started, count, values, size = time.perf_counter(), 0, 0, 0
    for topic, key, env in synthetic_log(schools):
        if count % 20_000 == 0:
            contracts.validate(env)  # a sample of the synthetic events checked against the contracts
        raw = json.dumps(env, ensure_ascii=False, separators=(",", ":")).encode()
        producer.send(topic, key=key.encode(), value=raw)
        count += 1
        size += len(raw)
        values += len(env["data"].get("values", ()))
    producer.flush()
    producer.close()
    print(f"log:            {count} events ({values} values, {size / 2**20:.0f} MiB) written in "
          f"{time.perf_counter() - started:.0f}s")
    return count, values, size


def bare_consumer(bootstrap: str) -> tuple[int, float]:
    """Read every partition of the topics from the beginning to the end, doing nothing else."""
    consumer = KafkaConsumer(bootstrap_servers=bootstrap, group_id=None, enable_auto_commit=False,
                             max_poll_records=10_000, fetch_max_bytes=64 << 20, max_partition_fetch_bytes=16 << 20)
    topics = [TOPIC_DIRECTORY, TOPIC_INDICATORS, "edu71.plans.v1"]
    partitions = [TopicPartition(t, p) for t in topics for p in sorted(consumer.partitions_for_topic(t) or ())]
    consumer.assign(partitions)
    consumer.seek_to_beginning(*partitions)
    ends = consumer.end_offsets(partitions)
    started, count = time.perf_counter(), 0
    while any(consumer.position(tp) < ends[tp] for tp in partitions):
        for records in consumer.poll(timeout_ms=500).values():
            count += len(records)
    seconds = time.perf_counter() - started
    consumer.close()
    return count, seconds


def latencies(url: str, headers: dict, n: int) -> tuple[float, float]:
    session = requests.Session()
    out = []
    for _ in range(n):
        started = time.perf_counter()
        r = session.get(url, headers=headers, timeout=60)
        out.append(time.perf_counter() - started)
        r.raise_for_status()
    return statistics.median(out), percentile(out, 99)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--schools", type=int, default=40_000)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp, running_stack(Path(tmp), partitions=6) as stack:
        os.environ["REPORTS_MONGODB_DB"] = f"bench_reports_{uuid.uuid4().hex[:8]}"
        os.environ["LOG_LEVEL"] = "WARNING"
        from reports import config
        from reports.adapters.projector import Projector
        from reports.rebuild import rebuild

        settings = config.load()
        contracts = Contracts(settings.platform.contracts_dir)
        _, values, _ = produce(stack.kafka_bootstrap, contracts, args.schools)
        read, read_seconds = bare_consumer(stack.kafka_bootstrap)
        ceiling = read / read_seconds
        print(f"ceiling:        bare kafka-python consumer read {read} events in {read_seconds:.1f}s "
              f"({ceiling:.0f} events/s)")
        report = rebuild(settings)
        print(f"rebuild:        {report.events} events in {report.seconds:.1f}s = {report.events_per_second:.0f} "
              f"events/s ({report.events_per_second / ceiling:.2f} of the ceiling); reading+decoding+keeping latest "
              f"{report.read_seconds:.1f}s ({report.events / report.read_seconds:.0f} events/s), then "
              f"{report.write_seconds:.1f}s computing and writing {report.views} views while writing {report.rows} "
              f"source rows (those {report.rows_seconds:.1f}s)")
        print(f"values:         {values} values, {values / report.seconds:.0f} values/s through the rebuild")
        # What the worker does when it starts on the new generation (the rebuild left the store
        # connection on it): load every source row, recompute every view, write those that differ.
        started = time.perf_counter()
        projector = Projector(contracts, publish=False)
        provinces = projector.load()
        loaded = time.perf_counter() - started
        rewritten = projector.refresh(provinces)
        print(f"worker start:   loading the model {loaded:.1f}s, recomputing every view "
              f"{time.perf_counter() - started - loaded:.1f}s, {rewritten} views rewritten (0: the rebuild's are current)")

        root = Path(tmp)
        port = free_port()
        bin_dir = Path(sys.executable).parent
        api = start([str(bin_dir / "gunicorn"), "-c", "python:edu71.gunicorn_conf", "reports.app:create_app()"],
                    {"EDU71_SERVICE": "reports", "GUNICORN_BIND": f"127.0.0.1:{port}",
                     "PROMETHEUS_MULTIPROC_DIR": str(root / "prom")}, root / "api.log")
        (root / "prom").mkdir(exist_ok=True)
        try:
            base = f"http://127.0.0.1:{port}"
            wait_ready(f"{base}/readyz")
            issuer = stack.issuer()
            province, commune = "31", "10744"
            city = {"Authorization": "Bearer " + issuer.issue(sub="city-31", name="Sở GD&ĐT", role="city",
                                                              org_unit=province)}
            summary = f"{base}/rollups/rnd-{province}-hk1"
            drill = f"{base}/rollups/rnd-{province}-hk1?scope=commune&code={commune}"
            body = requests.get(summary, headers=city, timeout=60).json()
            print(f"check:          city {province}: {body['schools_reporting']} schools reporting, "
                  f"{len(body['indicators'])} indicators")
            for label, url in (("city summary", summary), ("commune drill-down", drill),
                               ("completeness", f"{base}/rounds/rnd-{province}-hk1/completeness")):
                p50, p99 = latencies(url, city, args.queries)
                print(f"query:          {label:<20} p50 {1000 * p50:.0f} ms, p99 {1000 * p99:.0f} ms "
                      f"({args.queries} sequential requests)")
        finally:
            stop(api)
        print("machine:        %d cores, load average %.1f / %.1f / %.1f" % (os.cpu_count(), *os.getloadavg()))


if __name__ == "__main__":
    main()

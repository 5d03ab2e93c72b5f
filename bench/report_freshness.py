"""Freshness of the city roll-up: time from a submission's HTTP 2xx (indicators API) to the city's
roll-up reflecting it (reports API), p50/p99, under a steady background load of other submissions.

Starts its own Kafka and FerretDB (like the tests), the indicators API (gunicorn) and worker (outbox
relay), and the reports API (gunicorn) and worker (consumer, projector). The city opens a round for
lower- and upper-secondary schools; B lower-secondary schools then submit and revise at a steady R
per second in the background, while one upper-secondary *probe* school submits P revisions one after
another, each with a numerator no one else reports. For each probe the clock starts when the
indicators API answers 2xx and stops when ``GET /rollups/{round}?school_level=thpt`` (the city's
figure) shows that numerator; the reports API is polled every 20 ms. A consumer of the indicators topic
in the benchmark notes when each probe's event reaches Kafka, which splits the time into the indicators
side (outbox → relay → Kafka) and the reports side (consumer → source row → projector → view → API).

    .venv/bin/python bench/report_freshness.py [--probes 100] [--rate 5] [--background 200]
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

import requests
from kafka import KafkaConsumer, TopicPartition

from edu71.orgs import School, SchoolLevel
from edu71_testing import free_port, running_stack, spawn, terminate, wait_answering
from indicator_submissions import bench_schools, full_values, issuer_token, percentile

HAI_PHONG = "31"
PROBE = School("BENCH-THPT-PROBE", "Trường THPT thử nghiệm độ tươi", SchoolLevel.THPT, "10744", HAI_PHONG)


def services(root: Path, bin_dir: Path) -> tuple[list, dict[str, str]]:
    processes, urls = [], {}
    for service, module in (("indicators", "indicators"), ("reports", "reports")):
        api_port, ops_port = free_port(), free_port()
        prom = root / f"prom-{service}"
        prom.mkdir()
        processes.append(spawn(
            [str(bin_dir / "gunicorn"), "-c", "python:edu71.gunicorn_conf", f"{module}.app:create_app()"],
            {"EDU71_SERVICE": service, "GUNICORN_BIND": f"127.0.0.1:{api_port}", "PROMETHEUS_MULTIPROC_DIR": str(prom),
             "LOG_LEVEL": "WARNING"}, root / f"{service}-api.log"))
        processes.append(spawn([sys.executable, "-m", f"{module}.worker"],
                               {f"{service.upper()}_WORKER_METRICS_PORT": str(ops_port), "LOG_LEVEL": "WARNING"},
                               root / f"{service}-worker.log"))
        urls[service] = f"http://127.0.0.1:{api_port}"
        urls[f"{service}-ops"] = f"http://127.0.0.1:{ops_port}"
    return processes, urls


class KafkaWatch(threading.Thread):
    """When each revision of the probe school reaches the indicators topic (perf_counter seconds)."""

    def __init__(self, bootstrap: str, topic: str, school: str):
        super().__init__(daemon=True)
        self.consumer = KafkaConsumer(bootstrap_servers=bootstrap, group_id=None, enable_auto_commit=False)
        partitions = [TopicPartition(topic, p) for p in sorted(self.consumer.partitions_for_topic(topic) or ())]
        self.consumer.assign(partitions)
        self.consumer.seek_to_end(*partitions)
        for tp in partitions:
            self.consumer.position(tp)  # resolve the end now, before the probes start
        self.school, self.seen, self.halt = school, {}, threading.Event()

    def run(self) -> None:
        while not self.halt.is_set():
            for records in self.consumer.poll(timeout_ms=100).values():
                at = time.perf_counter()
                for record in records:
                    data = json.loads(record.value).get("data") or {}
                    if (data.get("school") or {}).get("code") == self.school:
                        self.seen.setdefault(data.get("revision"), at)
        self.consumer.close()


class Background(threading.Thread):
    """Submissions (then revisions) of the lower-secondary schools at a steady rate."""

    def __init__(self, api: str, round_id: str, jobs: list, rate: float):
        super().__init__(daemon=True)
        self.api, self.round_id, self.jobs, self.rate = api, round_id, jobs, rate
        self.halt = threading.Event()
        self.sent, self.failed = 0, 0

    def run(self) -> None:
        session = requests.Session()
        next_at = time.perf_counter()
        i = 0
        while not self.halt.is_set():
            school, token, values = self.jobs[i % len(self.jobs)]
            i += 1
            r = session.put(f"{self.api}/rounds/{self.round_id}/submissions/{school.code}", json={"values": values},
                            headers={"Authorization": f"Bearer {token}", "Idempotency-Key": uuid.uuid4().hex},
                            timeout=60)
            self.sent += 1
            self.failed += r.status_code >= 300
            next_at += 1 / self.rate
            self.halt.wait(max(0.0, next_at - time.perf_counter()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--probes", type=int, default=100)
    parser.add_argument("--rate", type=float, default=5.0, help="background submissions per second")
    parser.add_argument("--background", type=int, default=200, help="background schools")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp, running_stack(Path(tmp), partitions=6) as stack:
        suffix = uuid.uuid4().hex[:8]
        os.environ["INDICATORS_MONGODB_DB"] = f"bench_indicators_{suffix}"
        os.environ["REPORTS_MONGODB_DB"] = f"bench_reports_{suffix}"
        processes, urls = services(Path(tmp), Path(sys.executable).parent)
        try:
            for name in ("indicators", "reports"):
                wait_answering(f"{urls[name]}/readyz")
                wait_answering(f"{urls[name + '-ops']}/readyz")
            issuer = stack.issuer()
            city = {"Authorization": "Bearer " + issuer.issue(sub="city-31", name="Sở GD&ĐT", role="city",
                                                              org_unit=HAI_PHONG)}
            catalogue = requests.get(f"{urls['indicators']}/catalogue", headers=city, timeout=30).json()["indicators"]
            for_level = {lv: [i for i in catalogue if lv in i["school_levels"]] for lv in ("thcs", "thpt")}
            codes = sorted({i["code"] for lv in for_level.values() for i in lv})
            now = datetime.now(timezone.utc)
            r = requests.post(f"{urls['indicators']}/rounds", headers=city, timeout=30, json={
                "name": "Sơ kết học kỳ I năm học 2026–2027 (đo độ tươi)", "school_year": "2026-2027",
                "school_levels": ["thcs", "thpt"], "indicator_codes": codes,
                "opens_at": (now - timedelta(hours=1)).isoformat(), "due_at": (now + timedelta(days=7)).isoformat(),
                "closes_at": (now + timedelta(days=30)).isoformat()})
            r.raise_for_status()
            round_id = r.json()["id"]
            rollup = f"{urls['reports']}/rollups/{round_id}?school_level=thpt"
            deadline = time.monotonic() + 120
            while requests.get(rollup, headers=city, timeout=30).status_code != 200:
                if time.monotonic() > deadline:
                    raise RuntimeError("the reports service never learnt of the round")
                time.sleep(0.2)

            probe_code = next(i["code"] for i in for_level["thpt"] if i["value_type"] == "ratio")
            probe_token = issuer_token(issuer, PROBE)
            probe_values = [v for v in full_values(for_level["thpt"], PROBE) if v["indicator_code"] != probe_code]
            jobs = [(s, issuer_token(issuer, s), full_values(for_level["thcs"], s))
                    for s in bench_schools(args.background)]
            background = Background(urls["indicators"], round_id, jobs, args.rate)
            background.start()
            time.sleep(5)  # let the background load settle into its rate

            watch = KafkaWatch(stack.kafka_bootstrap, "edu71.indicators.v1", PROBE.code)
            watch.start()
            session = requests.Session()
            freshness, answered_at, reflected_at = [], {}, {}
            for k in range(1, args.probes + 1):
                values = probe_values + [{"indicator_code": probe_code, "numerator": k, "denominator": 1000}]
                r = session.put(f"{urls['indicators']}/rounds/{round_id}/submissions/{PROBE.code}",
                                json={"values": values}, timeout=60,
                                headers={"Authorization": f"Bearer {probe_token}", "Idempotency-Key": uuid.uuid4().hex})
                answered = time.perf_counter()
                r.raise_for_status()
                answered_at[k] = answered  # the probe's k-th submission is its revision k
                while True:
                    body = session.get(rollup, headers=city, timeout=60).json()
                    figure = next((i for i in body["indicators"] if i["indicator_code"] == probe_code), None)
                    if figure and figure.get("numerator") == k:
                        reflected_at[k] = now = time.perf_counter()
                        freshness.append(now - answered)
                        break
                    if time.perf_counter() - answered > 60:
                        logs = "".join((Path(tmp) / f"reports-{p}.log").read_text()[-3000:] for p in ("worker", "api"))
                        raise RuntimeError(f"probe {k} not reflected after 60 s\n{logs}")
                    time.sleep(0.02)
                time.sleep(0.2)
            background.halt.set()
            background.join(60)
            watch.halt.set()
            watch.join(10)
            both = [rev for rev in answered_at if rev in watch.seen and rev in reflected_at]
            to_kafka = [watch.seen[rev] - answered_at[rev] for rev in both]
            to_view = [reflected_at[rev] - watch.seen[rev] for rev in both]
            print(f"load:           {background.sent} background submissions ({background.failed} not 2xx) at "
                  f"{args.rate:g}/s from {args.background} lower-secondary schools, {len(codes)} indicators in the round")
            print(f"freshness:      {len(freshness)} probes: p50 {1000 * statistics.median(freshness):.0f} ms, "
                  f"p99 {1000 * percentile(freshness, 99):.0f} ms, max {1000 * max(freshness):.0f} ms "
                  "(submission 2xx → city roll-up shows it)")
            if both:
                print(f"  of which:    2xx → event in Kafka p50 {1000 * statistics.median(to_kafka):.0f} ms, p99 "
                      f"{1000 * percentile(to_kafka, 99):.0f} ms (indicators outbox relay; below 0 when the event "
                      "was in Kafka before the HTTP answer reached the client)")
                print(f"               in Kafka → city roll-up p50 {1000 * statistics.median(to_view):.0f} ms, p99 "
                      f"{1000 * percentile(to_view, 99):.0f} ms (reports consumer, projector, API) — {len(both)} probes")
            print("machine:        %d cores, load average %.1f / %.1f / %.1f" % (os.cpu_count(), *os.getloadavg()))
        finally:
            for process in processes:
                terminate(process)


if __name__ == "__main__":
    main()

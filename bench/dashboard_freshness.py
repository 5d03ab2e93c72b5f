"""Freshness where the city sees it: from a school's HTTP 2xx to the city's open dashboard showing it.

Starts its own Kafka and FerretDB and the platform as processes (identity, indicators and reports,
each API under gunicorn with its worker, and the portal), with the portal's default settings. A city
account signs in to the portal through its login form and opens the round's live dashboard stream
(Server-Sent Events), as the browser does. B lower-secondary schools submit once, then keep revising
at R per second in the background (revisions change figures, not how many schools reported). Then P
probe schools submit for the first time, one after another: each one's clock starts when the
indicators API answers 2xx and stops when the dashboard stream pushes a block whose count of schools
that reported includes it. A consumer of the reports topic in the benchmark notes when the province's
DashboardUpdated with that count reaches Kafka, which splits the time into the services' side (indicators →
reports → the event in Kafka) and the portal's (the event → one fetch → the pushed block). The time is then
split by stage from what the services leave behind (see ``STAGES``): the Kafka records' CreateTime (when a
relay sent them), the reports inbox (when its consumer had handled the submission), the event's
``computed_at`` (when the projector's pass began) and the city figures' change (when the pass stored the
event). Last, under the same background, the portal's own work on an event is timed: the one call to the
reports API, and the block it renders.

    .venv/bin/python bench/dashboard_freshness.py [--probes 60] [--rate 2] [--background 100]
"""
from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import tempfile
import threading
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

import requests
from kafka import KafkaConsumer, TopicPartition
from pymongo import MongoClient

from edu71.orgs import School, SchoolLevel, communes
from edu71.store import blob
from edu71_testing import running_platform, running_stack
from indicator_submissions import bench_schools, full_values, issuer_token, percentile
from report_freshness import Background

HAI_PHONG = "31"
PASSWORD = "Do-tuoi-2026"
REPORTED = re.compile(r'id="so-truong-bao-cao">([\d.]+)<')


class DashboardStream(threading.Thread):
    """The city's live dashboard, read as the browser reads it: (arrival time, schools reported) per push."""

    def __init__(self, session: requests.Session, url: str):
        super().__init__(daemon=True)
        self.session, self.url = session, url
        self.pushes: list[tuple[float, int]] = []
        self.changed = threading.Condition()
        self.halt = threading.Event()

    def run(self) -> None:
        while not self.halt.is_set():  # a stream ends after PORTAL_LIVE_MAX_SECONDS; the browser reconnects
            with self.session.get(self.url, stream=True, timeout=120) as response:
                block: list[str] = []
                for line in response.iter_lines(decode_unicode=True):
                    if self.halt.is_set():
                        return
                    if line.startswith("data: "):
                        block.append(line[6:])
                    elif not line and block:
                        found = REPORTED.search("".join(block))
                        block = []
                        if found:
                            with self.changed:
                                self.pushes.append((time.time(), int(found.group(1).replace(".", ""))))
                                self.changed.notify_all()

    def wait_for(self, reported: int, timeout: float = 60.0) -> float:
        """When a push first showed at least ``reported`` schools."""
        with self.changed:
            if not self.changed.wait_for(lambda: self.pushes and self.pushes[-1][1] >= reported, timeout):
                raise RuntimeError(f"the dashboard never showed {reported} schools within {timeout:.0f} s")
            return next(at for at, n in self.pushes if n >= reported)


class AnnouncedWatch(threading.Thread):
    """When the province's DashboardUpdated first announced each count of schools that reported: the time it
    reached this consumer, its id, the reports relay's send time (the record's CreateTime) and the projector's
    ``computed_at``, all wall-clock seconds."""

    def __init__(self, bootstrap: str, topic: str, province: str):
        super().__init__(daemon=True)
        self.consumer = tail(bootstrap, topic)
        self.province, self.seen, self.halt = province, {}, threading.Event()

    def run(self) -> None:
        while not self.halt.is_set():
            for records in self.consumer.poll(timeout_ms=100).values():
                at = time.time()
                for record in records:
                    event = json.loads(record.value)
                    data = event.get("data") or {}
                    if event.get("type") == "vn.edu71.DashboardUpdated.v1" \
                            and data.get("scope") == {"kind": "province", "code": self.province}:
                        self.seen.setdefault(data["schools_submitted"], {
                            "heard": at, "id": event["id"], "sent": record.timestamp / 1000,
                            "computed": datetime.fromisoformat(data["computed_at"].replace("Z", "+00:00")).timestamp()})
        self.consumer.close()


class SubmittedWatch(threading.Thread):
    """When each probe school's IndicatorSubmitted was sent by the indicators relay (CreateTime), and its id."""

    def __init__(self, bootstrap: str):
        super().__init__(daemon=True)
        self.consumer = tail(bootstrap, "edu71.indicators.v1")
        self.seen: dict[str, dict] = {}
        self.halt = threading.Event()

    def run(self) -> None:
        while not self.halt.is_set():
            for records in self.consumer.poll(timeout_ms=100).values():
                for record in records:
                    event = json.loads(record.value)
                    if event.get("type") == "vn.edu71.IndicatorSubmitted.v1":
                        school = ((event.get("data") or {}).get("school") or {}).get("code")
                        self.seen.setdefault(school, {"id": event["id"], "sent": record.timestamp / 1000})
        self.consumer.close()


def tail(bootstrap: str, topic: str) -> KafkaConsumer:
    """A consumer of every partition of ``topic`` standing at its end."""
    consumer = KafkaConsumer(bootstrap_servers=bootstrap, group_id=None, enable_auto_commit=False)
    partitions = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or ())]
    consumer.assign(partitions)
    consumer.seek_to_end(*partitions)
    for tp in partitions:
        consumer.position(tp)  # resolve the end now, before the probes start
    return consumer


#: The stages between a school's 2xx and the push, each from the end of the one before (see ``stages``).
STAGES = [
    ("indicators relay", "2xx → IndicatorSubmitted sent to Kafka (the relay's wake-up, read, send)"),
    ("reports consumer", "→ handled by the reports worker (Kafka delivery, source row, projector hint, inbox)"),
    ("projector wake", "→ the projector starts the pass (its wake-up, hints and rows read)"),
    ("projector pass", "→ views written and DashboardUpdated stored in the outbox"),
    ("reports relay", "→ DashboardUpdated sent to Kafka (the relay's wake-up, read, send)"),
    ("kafka delivery", "→ a consumer of the reports topic has it (here the benchmark's)"),
    ("portal", "→ the dashboard's push (the portal's reader, one fetch, render, Server-Sent Event)"),
]


def stages(reports_db, group: str, probes: list[dict]) -> dict[str, list[float]]:
    """Each probe's time in each stage (seconds), from the wall-clock moments the services left behind: the
    Kafka records' CreateTime, the reports inbox's ``at`` (written once the event was handled), the event's
    ``computed_at`` and the ``at`` of the city figures' change that stored the DashboardUpdated."""
    saved: dict[str, float] = {}
    for change in reports_db["city_figures_changes"].find({}, {"at": 1, "events": 1}):
        at = change["at"].replace(tzinfo=timezone.utc).timestamp()
        for entry in blob.unpack(change["events"], aware=False):
            saved[entry["id"]] = at
    out: dict[str, list[float]] = {name: [] for name, _ in STAGES}
    for p in probes:
        handled = reports_db["inbox"].find_one({"_id": f"{group}:{p['submitted']['id']}"}, {"at": 1})
        stored = saved.get(p["announced"]["id"])
        if handled is None or stored is None:
            continue
        moments = [p["answered"], p["submitted"]["sent"], handled["at"].replace(tzinfo=timezone.utc).timestamp(),
                   p["announced"]["computed"], stored, p["announced"]["sent"], p["announced"]["heard"], p["shown"]]
        for (name, _), start, end in zip(STAGES, moments, moments[1:]):
            out[name].append(end - start)
    return out


def timed(call, times: int = 30) -> list[float]:
    """Seconds each of ``times`` calls took, one after another with a pause (as the pushes come)."""
    out = []
    for _ in range(times):
        started = time.perf_counter()
        call()
        out.append(time.perf_counter() - started)
        time.sleep(0.2)
    return out


def portal_session(portal: str, email: str) -> requests.Session:
    http = requests.Session()
    token = re.search(r'name="csrf_token" value="([^"]+)"', http.get(f"{portal}/login", timeout=30).text).group(1)
    r = http.post(f"{portal}/login", data={"email": email, "password": PASSWORD, "csrf_token": token},
                  timeout=30, allow_redirects=False)
    if r.status_code != 302:
        raise RuntimeError(f"sign-in refused: {r.status_code}")
    return http


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--probes", type=int, default=60)
    parser.add_argument("--rate", type=float, default=2.0, help="background revisions per second")
    parser.add_argument("--background", type=int, default=100, help="background schools")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp, running_stack(Path(tmp), partitions=6) as stack, \
            running_platform(Path(tmp) / "platform", services=("identity", "indicators", "reports")) as platform:
        urls = platform.urls
        issuer = stack.issuer()
        admin = {"Authorization": "Bearer " + issuer.issue(sub="bench-admin", name="Quản trị", role="admin",
                                                           org_unit="edu71")}
        email = f"so31-{uuid.uuid4().hex[:6]}@edu71.test"
        r = requests.post(f"{urls['identity']}/users", headers=admin, timeout=30, json={
            "name": "Sở GD&ĐT Hải Phòng (đo tải)", "email": email, "role": "city", "org_unit": HAI_PHONG,
            "password": PASSWORD})
        r.raise_for_status()
        city = {"Authorization": "Bearer " + issuer.issue(sub="city-31", name="Sở GD&ĐT", role="city",
                                                          org_unit=HAI_PHONG)}
        catalogue = [i for i in requests.get(f"{urls['indicators']}/catalogue", headers=city, timeout=30)
                     .json()["indicators"] if "thcs" in i["school_levels"]]
        now = datetime.now(timezone.utc)
        r = requests.post(f"{urls['indicators']}/rounds", headers=city, timeout=30, json={
            "name": "Sơ kết học kỳ I năm học 2026–2027 (đo bảng điều khiển)", "school_year": "2026-2027",
            "school_levels": ["thcs"], "indicator_codes": [i["code"] for i in catalogue],
            "opens_at": (now - timedelta(hours=1)).isoformat(), "due_at": (now + timedelta(days=7)).isoformat(),
            "closes_at": (now + timedelta(days=30)).isoformat()})
        r.raise_for_status()
        round_id = r.json()["id"]

        background_schools = bench_schools(args.background)
        jobs = [(s, issuer_token(issuer, s), full_values(catalogue, s)) for s in background_schools]
        session = requests.Session()
        for school, token, values in jobs:  # first submissions, so the background only revises
            session.put(f"{urls['indicators']}/rounds/{round_id}/submissions/{school.code}", json={"values": values},
                        headers={"Authorization": f"Bearer {token}"}, timeout=60).raise_for_status()

        stream = DashboardStream(portal_session(urls["portal"], email),
                                 f"{urls['portal']}/dashboard/{round_id}/stream?scope=province&code={HAI_PHONG}")
        stream.start()
        stream.wait_for(len(jobs), timeout=120)
        announced = AnnouncedWatch(stack.kafka_bootstrap, "edu71.reports.v1", HAI_PHONG)
        announced.start()
        submitted = SubmittedWatch(stack.kafka_bootstrap)
        submitted.start()
        background = Background(urls["indicators"], round_id, jobs, args.rate)
        background.start()
        time.sleep(5)  # let the background load settle into its rate

        places = communes(HAI_PHONG)
        probes = [School(f"BENCH-PROBE-{k:04d}", f"Trường THCS đo độ tươi {k}", SchoolLevel.THCS,
                         places[k % len(places)].code, HAI_PHONG) for k in range(args.probes)]
        freshness, to_kafka, portal_side, probed = [], [], [], []
        for k, probe in enumerate(probes, start=1):
            r = session.put(f"{urls['indicators']}/rounds/{round_id}/submissions/{probe.code}",
                            json={"values": full_values(catalogue, probe)}, timeout=60,
                            headers={"Authorization": f"Bearer {issuer_token(issuer, probe)}"})
            answered = time.time()
            r.raise_for_status()
            shown = stream.wait_for(len(jobs) + k)
            freshness.append(shown - answered)
            if (heard := announced.seen.get(len(jobs) + k)) is not None:
                to_kafka.append(heard["heard"] - answered)
                portal_side.append(shown - heard["heard"])
                if (sent := submitted.seen.get(probe.code)) is not None:
                    probed.append({"answered": answered, "submitted": sent, "announced": heard, "shown": shown})
            time.sleep(0.5)
        # What the portal does on each event, timed on its own under the same background load: the one call to
        # the reports API, and that call with the portal's rendering of the block.
        fetch = timed(lambda: requests.get(f"{urls['reports']}/rounds/{round_id}/dashboard", headers=city, timeout=60,
                                           params={"scope": "province", "code": HAI_PHONG}).raise_for_status())
        block = timed(lambda: stream.session.get(f"{urls['portal']}/dashboard/{round_id}/figures", timeout=60,
                                                 params={"scope": "province", "code": HAI_PHONG}).raise_for_status())
        background.halt.set()
        background.join(60)
        stream.halt.set()
        announced.halt.set()
        submitted.halt.set()
        reports_db = MongoClient(stack.mongodb_uri)[platform.env["REPORTS_MONGODB_DB"]]
        split = stages(reports_db, platform.env["REPORTS_CONSUMER_GROUP"], probed)

        print(f"load:           {background.sent} background revisions ({background.failed} not 2xx) at "
              f"{args.rate:g}/s from {args.background} lower-secondary schools, {len(catalogue)} indicators")
        print(f"freshness:      {len(freshness)} probes: p50 {1000 * statistics.median(freshness):.0f} ms, "
              f"p99 {1000 * percentile(freshness, 99):.0f} ms, max {1000 * max(freshness):.0f} ms "
              "(a school's first submission 2xx → the city's open dashboard shows it)")
        if to_kafka:
            print(f"split:          2xx → DashboardUpdated in Kafka p50 {1000 * statistics.median(to_kafka):.0f} ms, "
                  f"p99 {1000 * percentile(to_kafka, 99):.0f} ms; Kafka → the dashboard's push p50 "
                  f"{1000 * statistics.median(portal_side):.0f} ms, p99 {1000 * percentile(portal_side, 99):.0f} ms "
                  f"({len(to_kafka)} probes announced)")
        if split[STAGES[0][0]]:
            print(f"stages:         p50 / p90 / p99 / max ms, each from the end of the one before "
                  f"({len(split[STAGES[0][0]])} probes):")
            for name, meaning in STAGES:
                times = split[name]
                print(f"  {name:17s} {1000 * statistics.median(times):6.0f} {1000 * percentile(times, 90):6.0f} "
                      f"{1000 * percentile(times, 99):6.0f} {1000 * max(times):6.0f}  {meaning}")
        print(f"portal's fetch: the reports API's dashboard p50 {1000 * statistics.median(fetch):.0f} ms, p99 "
              f"{1000 * percentile(fetch, 99):.0f} ms; the portal's block (that call, then rendering) p50 "
              f"{1000 * statistics.median(block):.0f} ms, p99 {1000 * percentile(block, 99):.0f} ms "
              f"({len(fetch)} requests each, same background)")
        print("portal:         PORTAL_LIVE_INTERVAL %s s (fallback refresh), pushes on DashboardUpdated"
              % os.environ.get("PORTAL_LIVE_INTERVAL", "3"))
        print("machine:        %d cores, load average %.1f / %.1f / %.1f" % (os.cpu_count(), *os.getloadavg()))


if __name__ == "__main__":
    main()

"""How long the lists people open take at national scale: a commune reviewer's queue, a school's plans, an inbox,
a unit's accounts, the delivery log, and an administrator's lists of the whole nation, through the HTTP APIs.

Starts its own Kafka and FerretDB (like the tests) and loads, with bulk inserts of the real document shapes:

- ``--plans`` schools' plans (one per school, each with three versions: the change documents ``<id>:<v>`` of
  :mod:`edu71.store.versioned` and the head), over 34 provinces of 100 communes each;
- ``--notifications`` notifications (heads) in the inboxes of those schools (four in five) and communes;
- one account per school and per commune;
- ``--deliveries`` e-mails and webhook calls (heads at their last version, without their change documents, which
  no list reads) to those schools (seven in ten), communes and cities: nine in ten delivered, 6 % pending, 4 %
  failed;
- the per-scope lists (:mod:`edu71.store.listing`) of all of them, as the workers' backfill writes them for
  data stored before the lists existed (one entry per item and scope, a checkpoint every 16 entries; the
  live writers add one entry per version, which a read does not see: it reads a checkpoint and fewer than
  16 entries either way), and the scope ``provinces`` noting every province's list. The loader folds them with the adapters' own fields and scopes, then checks that
  :class:`~edu71.store.listing.ScopeIndex` reads back what the collection holds.

Then it starts the plans, notifications and identity APIs under gunicorn and asks, one request at a time,
``--requests`` times each (each time another scope, chosen at random among 200):

- ``GET /plans?status=submitted`` as a commune reviewer (the queue), ``GET /plans`` as a school,
- ``GET /inbox`` as a commune reviewer and as a school,
- ``GET /users?org_unit=<school>`` as the administrator and ``GET /users?commune_code=<c>`` as the city,
- the delivery log: ``GET /deliveries`` as a school, ``?status=pending`` as a commune, ``?status=failed`` as a
  city, and as the administrator (the operators' log of the nation) ``?status=pending``, ``?status=failed`` and
  all of it,
- an administrator's lists of the nation: ``GET /plans``, ``GET /plans?status=submitted`` and ``GET /users``
  (each at a random page of the first five), and ``GET /users?q=<a name>`` (a new search each time),

after five (``--warm-up``) unmeasured requests per list (a fresh process's imports and connections; the first
one's time is printed too: it reads the lists the process will keep, unless the API warmed them when it started),
and prints p50/p99 per list. ``--nation-first`` asks the administrator's lists first, as soon as the APIs answer
``/readyz``. ``--first`` asks each list instead in an API process started for it, as soon as it answers
``/readyz``, then ``--requests`` more there: the first request after a deploy or a worker restart. ``--api-code DIR`` runs the APIs from another checkout (e.g. an export of main,
to measure the lists before they were kept per scope; the load is the same; there a request reads whole
collections, so keep ``--requests`` small).

    .venv/bin/python bench/lists.py [--plans 40000] [--notifications 1000000] [--deliveries 200000]
                                    [--requests 200] [--warm-up 5] [--api-code DIR] [--nation-first] [--first]
                                    [--service plans|notifications|identity] [--against DIR]
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

import requests
from pymongo import MongoClient

from edu71.store import blob
from edu71.store.listing import ScopeIndex, body_id, checkpoint_id, entry_id
from edu71.store.versioned import change_id
from edu71_testing import free_port, running_stack, spawn, terminate, wait_answering

PROVINCES = [f"{p:02d}" for p in range(1, 35)]
COMMUNES_PER_PROVINCE = 100
EVERY = 16
BATCH = 2000
T0 = datetime(2026, 1, 5, 1, 0, tzinfo=timezone.utc)
PASSWORD_HASH = "$argon2id$v=19$m=19456,t=2,p=1$YmVuY2hiZW5jaA$3XH1v6b7r2mQ0xQxv1yJ4C0r2x3k4l5m6n7o8p9q0r"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


class Geography:
    """Synthetic units: 34 provinces × 100 communes, schools spread evenly over the communes."""

    def __init__(self, schools: int):
        self.schools = []
        communes = [(p, f"{p}{c:03d}") for p in PROVINCES for c in range(COMMUNES_PER_PROVINCE)]
        self.communes = [c for _, c in communes]
        levels = ["tieu_hoc", "thcs", "thpt"]
        for i in range(schools):
            province, commune = communes[i % len(communes)]
            self.schools.append({"code": f"S{i:06d}", "name": f"Trường số {i}", "commune_code": commune,
                                 "province_code": province, "level": levels[i % 3]})


class Loader:
    def __init__(self, uri: str, databases: dict[str, str], legacy: bool = False):
        self.legacy = legacy
        self.client = MongoClient(uri, tz_aware=True)
        self.db = {service: self.client[name] for service, name in databases.items()}
        self.written = 0

    def insert(self, coll, docs: list[dict]) -> None:
        for i in range(0, len(docs), BATCH):
            coll.insert_many(docs[i:i + BATCH], ordered=False)
        self.written += len(docs)

    def lists(self, coll, rows_by_scope: dict[str, list[tuple]]) -> None:
        """The chains :meth:`ScopeIndex.sync` leaves for these rows: entries ``<scope>@<n>``, a checkpoint every
        ``EVERY`` entries (the fold of the entries before it, as ``_fold`` writes it); and the scope ``provinces``
        noting every province's scope (as :meth:`ScopeIndex.enrol` does)."""
        provinces = sorted({scope.split("|")[0] for scope in rows_by_scope if scope.startswith("province:")})
        rows_by_scope = {**rows_by_scope, "provinces": [(scope, 1, {}) for scope in provinces]}
        docs = []
        for scope, rows in rows_by_scope.items():
            held, k = {}, 0
            for n, (item, rev, fields) in enumerate(rows, 1):
                docs.append({"_id": entry_id(scope, n), "i": item, "r": rev, "f": fields})
                held[item] = (rev, fields)
                if n % EVERY == 0:
                    k += 1
                    items = blob.pack([[i, r, f] for i, (r, f) in held.items()])
                    if self.legacy:  # as the former code wrote them: the items in every checkpoint
                        docs.append({"_id": checkpoint_id(scope, k), "upto": n, "items": items})
                    else:  # a mark each, and the last one's body (the superseded ones were deleted)
                        docs.append({"_id": checkpoint_id(scope, k), "upto": n})
                        if n + EVERY > len(rows):
                            docs.append({"_id": body_id(scope, k, n), "items": items})
            if len(docs) >= 20 * BATCH:
                self.insert(coll, docs)
                docs = []
        self.insert(coll, docs)

    def plans(self, geo: Geography) -> None:
        from plans.adapters import lists
        from plans.adapters.documents import Plan

        heads, changes, by_scope = [], [], {}
        statuses = ["submitted", "approved", "returned"]
        for i, school in enumerate(geo.schools):
            pid = f"plan-{i:06d}"
            updated = T0 + timedelta(minutes=i)
            plan = Plan(id=pid, owner_kind="school", school_code=school["code"], school_name=school["name"],
                        school_level=school["level"], commune_code=school["commune_code"],
                        province_code=school["province_code"], title=f"Kế hoạch thực hiện Nghị quyết 71 – {i}",
                        year=2026, number_symbol=f"{i}/KH", created_by=f"user-{school['code']}",
                        sections={"I": "Mục đích, yêu cầu " * 20, "II": "Nhiệm vụ, giải pháp " * 40},
                        created_at=T0, updated_at=updated)
            for version, status in ((1, "draft"), (2, "submitted"), (3, statuses[i % 3])):
                plan.status = status
                plan.version = 1 if version > 1 else 0
                state = plan.to_mongo().to_dict()
                changes.append({"_id": change_id(pid, version), "agg": pid, "v": version, "at": updated,
                                "state": blob.pack(state), "events": blob.pack([])})
            heads.append({**state, "_v": 3})
            for scope in lists.scopes_of(state):
                by_scope.setdefault(scope, []).append((pid, 3, lists._fields(state)))
        db = self.db["plans"]
        self.insert(db["plans"], heads)
        self.insert(db["plans_changes"], changes)
        self.lists(db[lists.LISTS.name], by_scope)

    def notifications(self, geo: Geography, total: int) -> None:
        from notifications.adapters import inbox
        from notifications.adapters.documents import Notification

        rng = random.Random(71)
        coll, lists_coll = self.db["notifications"]["notifications"], self.db["notifications"][inbox.LISTS.name]
        by_scope: dict[str, list] = {}
        heads = []
        for n in range(total):
            school = geo.schools[rng.randrange(len(geo.schools))]
            commune = rng.random() < 0.2
            role, unit = ("commune", school["commune_code"]) if commune else ("school", school["code"])
            kind = "plan_submitted" if commune else rng.choice(["plan_approved", "plan_returned", "round_opened"])
            nid = f"ntf-{n:07d}"
            at = T0 + timedelta(seconds=n)
            doc = Notification(id=nid, dedupe_key=nid, source_event_id=f"evt-{n}", source_event_type="PlanSubmitted",
                               recipient_org_unit=unit, recipient_role=role, kind=kind, channel="in_app",
                               title=f"Kế hoạch chờ duyệt: {n}/KH", body="Trường đã gửi kế hoạch để duyệt. " * 3,
                               school_code=school["code"], school_name=school["name"],
                               reference={"plan_id": f"plan-{n}", "plan_version": 2}, occurred_at=at, created_at=at,
                               read_at=at if rng.random() < 0.5 else None).to_mongo().to_dict()
            heads.append({**doc, "_v": 1})
            by_scope.setdefault(inbox.scope(role, unit), []).append((nid, 1, inbox._fields(doc)))
            if len(heads) >= 20 * BATCH:
                self.insert(coll, heads)
                heads = []
        self.insert(coll, heads)
        self.lists(lists_coll, by_scope)
        lists_coll.insert_one({"_id": inbox.BACKFILLED, "at": datetime.now(timezone.utc), "added": 0})

    def users(self, geo: Geography) -> None:
        from identity.adapters import lists
        from identity.adapters.documents import User

        heads, by_scope = [], {}
        units = [("school", s["code"], s["name"], s["commune_code"], s["province_code"]) for s in geo.schools]
        units += [("commune", c, f"UBND Phường {c}", c, c[:2]) for c in geo.communes]
        for i, (role, code, name, commune, province) in enumerate(units):
            user = User(id=f"usr-{i:06d}", name=f"Nguyễn Văn {i}", email=f"u{i}@edu71.vn", role=role,
                        org_kind=role, org_unit=code, org_unit_name=name, commune_code=commune,
                        province_code=province, password_hash=PASSWORD_HASH, created_at=T0, updated_at=T0)
            user.clean()
            state = user.to_mongo().to_dict()
            heads.append({**state, "_v": 1})
            for scope in lists.scopes_of(state):
                by_scope.setdefault(scope, []).append((state["_id"], 1, lists.fields_of(state)))
        db = self.db["identity"]
        self.insert(db["users"], heads)
        self.lists(db[lists.LISTS.name], by_scope)


    def deliveries(self, geo: Geography, total: int) -> None:
        from notifications.adapters import delivery_lists
        from notifications.adapters.documents import Delivery

        rng = random.Random(1971)
        coll = self.db["notifications"]["deliveries"]
        by_scope: dict[str, list] = {}
        heads = []
        for n in range(total):
            school = geo.schools[rng.randrange(len(geo.schools))]
            draw = rng.random()
            role, unit = (("school", school["code"]) if draw < 0.7 else ("commune", school["commune_code"])
                          if draw < 0.95 else ("city", school["province_code"]))
            draw = rng.random()
            status = "delivered" if draw < 0.9 else "pending" if draw < 0.96 else "failed"
            channel = "webhook" if rng.random() < 0.05 else "email"
            did = f"dlv-{n:07d}"
            at = T0 + timedelta(seconds=n)
            doc = Delivery(id=did, dedupe_key=did, channel=channel, source_event_id=f"evt-{n}",
                           source_event_type="PlanSubmitted", kind="plan_submitted", recipient_user_id=f"u-{unit}",
                           recipient_name="Cán bộ", recipient_org_unit=unit, recipient_role=role,
                           address=f"canbo@{unit.lower()}.edu.vn" if channel == "email" else "https://nhan.vn/hook",
                           school_code=school["code"], school_name=school["name"],
                           commune_code=school["commune_code"], province_code=school["province_code"],
                           title=f"Kế hoạch chờ duyệt: {n}/KH", body="Trường đã gửi kế hoạch để duyệt. " * 3,
                           reference={"plan_id": f"plan-{n}", "plan_version": 2}, occurred_at=at, created_at=at,
                           status=status, attempts=0 if status == "pending" else 1 if status == "delivered" else 3,
                           last_error="Máy chủ thư không phản hồi" if status == "failed" else None,
                           finished_at=None if status == "pending" else at).to_mongo().to_dict()
            version = 1 if status == "pending" else 2
            heads.append({**doc, "_v": version})
            for scope in delivery_lists.units_of(doc):
                by_scope.setdefault(f"{scope}|{status}", []).append((did, version, delivery_lists._fields(doc)))
            if len(heads) >= 20 * BATCH:
                self.insert(coll, heads)
                heads = []
        self.insert(coll, heads)
        lists_coll = self.db["notifications"][delivery_lists.LISTS.name]
        self.lists(lists_coll, by_scope)
        lists_coll.insert_one({"_id": delivery_lists.BACKFILLED, "at": datetime.now(timezone.utc), "added": 0})


def check(loader: Loader, geo: Geography) -> None:
    """What the lists read back is what the collections hold, for one commune (a faithful load)."""
    commune = geo.communes[7]
    index = ScopeIndex("plan_lists", lambda: loader.db["plans"], every=EVERY)
    listed = sorted(item.id for item in index.items(f"commune:{commune}"))
    stored = sorted(d["_id"] for d in loader.db["plans"]["plans"].find({"commune_code": commune}, {"_id": 1}))
    assert listed == stored, (len(listed), len(stored))
    from notifications.adapters.delivery_lists import STATUSES

    index = ScopeIndex("delivery_lists", lambda: loader.db["notifications"], every=EVERY)
    listed = sorted(item.id for status in STATUSES for item in index.items(f"commune:{commune}|{status}"))
    stored = sorted(d["_id"] for d in loader.db["notifications"]["deliveries"].find({"commune_code": commune},
                                                                                    {"_id": 1}))
    assert listed == stored, (len(listed), len(stored))


def first_requests(cases: dict, start_api, ports: dict, session, args) -> None:
    """Each list's first request in an API process of its own, asked as soon as it answers ``/readyz`` (after
    ``--after-ready`` seconds), then ``--requests`` more in the same process (each another scope): what a person
    opening the portal after a deploy or a worker restart waits for, beside the steady figure. With ``--against DIR``
    each list is asked so twice, in a process of DIR's code ("before") and of this checkout's ("after"), back to back
    and in alternating order, with the load average beside each."""
    for run, (label, make) in enumerate(cases.items()):
        codes = [("", None)]
        if args.against:
            codes = [("before", code_env(args.against)), ("after", {})]
            if run % 2:
                codes.reverse()
        asked = make()  # the same first request of each code
        for which, env in codes:
            svc, path, token = asked
            process = start_api(svc, f"-first{run}{which}", env)
            try:
                wait_answering(f"http://127.0.0.1:{ports[svc]}/readyz")
                time.sleep(args.after_ready)
                began = time.perf_counter()
                session.get(f"http://127.0.0.1:{ports[svc]}{path}", headers={"Authorization": f"Bearer {token}"},
                            timeout=600).raise_for_status()
                first = (time.perf_counter() - began) * 1000
                took = []
                for _ in range(args.requests):
                    svc, path, token = make()
                    began = time.perf_counter()
                    session.get(f"http://127.0.0.1:{ports[svc]}{path}", headers={"Authorization": f"Bearer {token}"},
                                timeout=600).raise_for_status()
                    took.append((time.perf_counter() - began) * 1000)
                steady = f"  then p50 {statistics.median(took):7.1f} ms  max {max(took):7.1f} ms" if took else ""
                load = f"  load {os.getloadavg()[0]:.2f}" if args.against else ""
                print(f"{label:62s}{' ' + which if which else ''} first in a fresh process {first:8.1f} ms{steady}{load}",
                      flush=True)
            finally:
                terminate(process)


def code_env(code: Path) -> dict[str, str]:
    """The environment that runs the APIs from another checkout's services and lib."""
    code = code.resolve()
    return {"PYTHONPATH": os.pathsep.join([str(code / "lib" / "edu71")] + [
        str(code / "services" / s) for s in ("plans", "notifications", "identity")])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--plans", type=int, default=40000, help="schools, one plan each (three versions)")
    parser.add_argument("--notifications", type=int, default=1_000_000)
    parser.add_argument("--deliveries", type=int, default=200_000)
    parser.add_argument("--requests", type=int, default=200, help="requests per list")
    parser.add_argument("--warm-up", type=int, default=5,
                        help="unmeasured requests per list first (at least 1; the former code's scans take seconds each)")
    parser.add_argument("--api-code", type=Path, help="run the APIs from this checkout's services and lib")
    parser.add_argument("--legacy-checkpoints", action="store_true",
                        help="write the lists' checkpoints as the former code did (items in every checkpoint): what "
                             "--api-code of a checkout before checkpoint bodies needs, and what an upgraded store holds")
    parser.add_argument("--after-ready", type=float, default=0.0,
                        help="seconds to wait after the APIs are ready before the first request")
    parser.add_argument("--nation-first", action="store_true",
                        help="ask the administrator's lists first, as soon as the APIs are ready (their first request "
                             "is then the one a process pays for, unless it warmed them at start)")
    parser.add_argument("--first", action="store_true",
                        help="ask each list first in an API process started for it (the first request after a deploy "
                             "or a worker restart), then --requests more in that process")
    parser.add_argument("--against", type=Path,
                        help="with --first: ask each list first also in a process of this checkout's code (before), "
                             "alternating with this one's (after)")
    parser.add_argument("--service", choices=("plans", "notifications", "identity"),
                        help="ask only this API's lists (e.g. to compare one service's start-up before and after)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp, running_stack(Path(tmp), partitions=3) as stack:
        root = Path(tmp)
        suffix = uuid.uuid4().hex[:8]
        names = {svc: f"bench_{svc}_{suffix}" for svc in ("plans", "notifications", "identity")}
        for svc, name in names.items():
            os.environ[f"{svc.upper()}_MONGODB_DB"] = name
        geo = Geography(args.plans)
        loader = Loader(stack.mongodb_uri, names, legacy=args.legacy_checkpoints)
        started = time.perf_counter()
        loader.plans(geo)
        loader.users(geo)
        loader.notifications(geo, args.notifications)
        loader.deliveries(geo, args.deliveries)
        check(loader, geo)
        print(f"loaded {args.plans:,} plans (3 versions each), {args.notifications:,} notifications, "
              f"{args.deliveries:,} deliveries, "
              f"{len(geo.schools) + len(geo.communes):,} accounts and their lists: {loader.written:,} documents "
              f"in {time.perf_counter() - started:.0f}s")

        env = code_env(args.api_code) if args.api_code else {}
        bin_dir = Path(sys.executable).parent
        ports, processes = {}, []

        def start_api(svc: str, run: str = "", code: dict | None = None):
            ports[svc] = free_port()
            process = spawn(
                [str(bin_dir / "gunicorn"), "-c", "python:edu71.gunicorn_conf", f"{svc}.app:create_app()"],
                {**env, **(code or {}), "EDU71_SERVICE": svc, "GUNICORN_BIND": f"127.0.0.1:{ports[svc]}", "GUNICORN_WORKERS": "1",
                 "GUNICORN_THREADS": "4", "PROMETHEUS_MULTIPROC_DIR": str(root / f"prom-{svc}{run}"),
                 "LOG_LEVEL": "WARNING"}, root / f"{svc}{run}.log")
            processes.append(process)
            return process

        if not args.first:
            for svc in (args.service,) if args.service else ("plans", "notifications", "identity"):
                start_api(svc)
        try:
            for svc, port in ports.items():
                wait_answering(f"http://127.0.0.1:{port}/readyz")
            ready = time.perf_counter()
            print(f"APIs ready; first request {args.after_ready:.0f} s later")
            time.sleep(args.after_ready)
            issuer = stack.issuer()
            rng = random.Random(16)
            communes = rng.sample(geo.communes, 200)
            schools = rng.sample(geo.schools, 200)
            admin = issuer.issue(sub="u-admin", name="Quản trị viên", role="admin", org_unit="edu71", ttl=86400)

            def commune_token(c: str) -> str:
                return issuer.issue(sub=f"u-{c}", name="Cán bộ", role="commune", org_unit=c, commune_code=c,
                                    province_code=c[:2], ttl=86400)

            def school_token(s: dict) -> str:
                return issuer.issue(sub=f"u-{s['code']}", name="Cán bộ", role="school", org_unit=s["code"],
                                    org_unit_name=s["name"], commune_code=s["commune_code"],
                                    province_code=s["province_code"], school_level=s["level"], ttl=86400)

            def city_token(p: str) -> str:
                return issuer.issue(sub=f"u-so-{p}", name="Sở", role="city", org_unit=p, province_code=p, ttl=86400)

            cases = {
                "commune reviewer's queue  GET /plans?status=submitted": lambda: (
                    "plans", "/plans?status=submitted", commune_token(rng.choice(communes))),
                "school's plans            GET /plans": lambda: ("plans", "/plans", school_token(rng.choice(schools))),
                "commune reviewer's inbox  GET /inbox": lambda: (
                    "notifications", "/inbox", commune_token(rng.choice(communes))),
                "school's inbox            GET /inbox": lambda: (
                    "notifications", "/inbox", school_token(rng.choice(schools))),
                "a school's accounts       GET /users?org_unit=": lambda: (
                    "identity", f"/users?org_unit={rng.choice(schools)['code']}", admin),
                "a commune's accounts      GET /users?commune_code= (city)": lambda: (
                    "identity", f"/users?commune_code={(c := rng.choice(communes))}", city_token(c[:2])),
                "school's delivery log     GET /deliveries": lambda: (
                    "notifications", "/deliveries", school_token(rng.choice(schools))),
                "commune's pending         GET /deliveries?status=pending": lambda: (
                    "notifications", "/deliveries?status=pending", commune_token(rng.choice(communes))),
                "city's failed deliveries  GET /deliveries?status=failed": lambda: (
                    "notifications", "/deliveries?status=failed", city_token(rng.choice(communes)[:2])),
                "operators' pending (admin) GET /deliveries?status=pending": lambda: (
                    "notifications", f"/deliveries?status=pending&page={rng.randint(1, 5)}", admin),
                "operators' failed (admin) GET /deliveries?status=failed": lambda: (
                    "notifications", f"/deliveries?status=failed&page={rng.randint(1, 5)}", admin),
                "nation's delivery log     GET /deliveries (admin)": lambda: (
                    "notifications", f"/deliveries?page={rng.randint(1, 5)}", admin),
                "nation's plans            GET /plans (admin)": lambda: (
                    "plans", f"/plans?page={rng.randint(1, 5)}", admin),
                "nation's submitted plans  GET /plans?status=submitted (admin)": lambda: (
                    "plans", f"/plans?status=submitted&page={rng.randint(1, 5)}", admin),
                "nation's accounts         GET /users (admin)": lambda: (
                    "identity", f"/users?page={rng.randint(1, 5)}", admin),
                "nation's accounts search  GET /users?q= (admin)": lambda: (
                    "identity", f"/users?q=Nguyễn Văn {rng.randrange(len(geo.schools))}", admin),
            }
            if args.service:
                cases = {label: make for label, make in cases.items() if make()[0] == args.service}
            if args.nation_first:
                cases = dict(sorted(cases.items(), key=lambda case: "(admin)" not in case[0]))
            session = requests.Session()
            if args.first:
                first_requests(cases, start_api, ports, session, args)
                return
            first = {}
            for label, make in cases.items():  # the first requests of a process pay for its imports and connections
                for n in range(max(args.warm_up, 1)):
                    svc, path, token = make()
                    began = time.perf_counter()
                    if n == 0:
                        print(f"  {label.split('  ')[0]}: first asked {began - ready:.1f} s after readiness")
                    session.get(f"http://127.0.0.1:{ports[svc]}{path}", headers={"Authorization": f"Bearer {token}"},
                                timeout=600).raise_for_status()
                    if n == 0:
                        first[label] = (time.perf_counter() - began) * 1000
            for label, make in cases.items():
                took, totals = [], []
                for _ in range(args.requests):
                    svc, path, token = make()
                    began = time.perf_counter()
                    r = session.get(f"http://127.0.0.1:{ports[svc]}{path}", headers={"Authorization": f"Bearer {token}"},
                                    timeout=600)
                    took.append((time.perf_counter() - began) * 1000)
                    r.raise_for_status()
                    totals.append(r.json()["total"])
                print(f"{label:62s} p50 {statistics.median(took):7.1f} ms  p99 {percentile(took, 0.99):7.1f} ms  "
                      f"first {first[label]:7.1f} ms  (mean total listed {statistics.mean(totals):.0f})")
        finally:
            for process in processes:
                terminate(process)


if __name__ == "__main__":
    main()

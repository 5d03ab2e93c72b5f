"""Faults under a steady load of plan reviews and account changes: every acknowledged write is published
once and notifies (or projects) once.

The real plans API and identity API (gunicorn), the plans worker (outbox relay, revocations,
catalogues), the notifications worker (plan events → inboxes, directory → its projection) and the
identity worker (relay of directory events; its own consumer makes a school's accounts follow the
school) run as processes against the session's Kafka and FerretDB. During the load:

- schools of a few communes each create a plan and submit it; their commune's reviewer returns it
  (the school submits the next version) or approves it (the school starts a new plan); each
  acknowledged submission (2xx) must reach the commune's inbox exactly once, as one PlanSubmitted;
- an administrator renames, deactivates and reactivates accounts and renames a school through the
  identity API (If-Match); each acknowledged change must be one UserChanged (SchoolChanged) on the
  directory topic, the school's account must follow the school's name (the identity worker's
  consumer), and the notifications service's directory projection must end at each latest version.

Meanwhile, in turn and at random moments (seeded; the seed is printed, ``EDU71_FAULT_SEED``
replays the schedule): the plans worker, the notifications worker and the identity worker are
killed with SIGKILL and started again; Kafka is killed and started again (one worker, chosen by the
seed, is also killed during the outage), the notifications worker is killed while it catches up;
FerretDB is stopped and started again, and the plans worker is killed after it. A worker that exits
on its own is started again a second later (as supervisord and Kubernetes do) and fails the test.

A request refused or left unanswered (e.g. during the store outage) is not acknowledged: its
effect may still have been stored (the school or the administrator then reads the current state
before going on), and an event nobody acknowledged is allowed only if it is such a write.

Then, polling with generous deadlines: the outboxes of the three services are empty (in the store
and in each worker's ``edu71_outbox_backlog``) and nothing was quarantined; every acknowledged
submission and review is on the plans topic under one event id; every plan event produced exactly
one notification (none lost, none doubled), and each commune's inbox, read through the
notifications API, lists each submitted version of its schools' plans once; every account and the
school have each of their versions on the directory topic once, from 1 to the identity service's
current version, with the acknowledged values, and the notifications projection holds the latest.

The summary line (``-s``) gives the faults injected, the writes acknowledged and the events lost and
doubled. ``EDU71_FAULT_ROUNDS`` (default 1) repeats the fault sequence for a longer run.
"""
from __future__ import annotations

import os
import random
import sys
import threading
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import requests
from pymongo import MongoClient

from edu71.orgs import COMMUNE_REVIEWED, communes, demo_schools
from edu71_testing import bearer, free_port, fresh_groups_env, read_topic, wait_until

from .faults_support import Chaos, Proc, Supervisor, Timeline, answers, event_name, gauge, now, outbox_backlog

pytestmark = pytest.mark.integration

PLANS_TOPIC = "edu71.plans.v1"
DIRECTORY_TOPIC = "edu71.directory.v1"
#: Communes whose schools write plans, and schools per commune (the machine is small and shared).
COMMUNES, SCHOOLS_PER_COMMUNE = 2, 3
#: Plan requests per second (creations, submissions, reviews) and the threads sending them.
PLAN_RATE, PLAN_WRITERS = 4.0, 2
#: Accounts the administrator changes, and changes per second.
ACCOUNTS, ACCOUNT_RATE = 3, 1.5
ROUNDS = int(os.environ.get("EDU71_FAULT_ROUNDS", "1"))
#: Generous bounds on waiting (never assertions about speed).
SETTLE = 240.0
PASSWORD = "Fault-test-password-71"


# -- plan load --------------------------------------------------------------------------------------------
@dataclass
class PlanWrite:
    """One request of a school or its reviewer; ``event`` is what it would publish, as (name, plan, version)."""

    school: str
    action: str  # create, submit, return, approve
    phase: str
    plan_id: str | None = None
    event: tuple[str, str, int] | None = None
    status: int | None = None  # None: no answer
    error: str | None = None

    @property
    def acknowledged(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


@dataclass
class PlanState:
    """What the school knows of its current plan (``uncertain``: its last request got no clear answer)."""

    school: object
    plan_id: str | None = None
    status: str | None = None
    version: int = 0
    etag: str | None = None
    uncertain: bool = False
    plans: list[str] = field(default_factory=list)


class PlanLoad:
    def __init__(self, api: str, schools, tokens, rng: random.Random):
        self.api, self.tokens = api, tokens
        self.states = [PlanState(s) for s in schools]
        self.writes: list[PlanWrite] = []
        self.resyncs = 0
        self.phase = "steady"
        self.halt = threading.Event()
        self.crashes: list[BaseException] = []
        self._threads = [threading.Thread(target=self._run, args=(self.states[i::PLAN_WRITERS],
                                                                   random.Random(rng.random())),
                                          name=f"fault-plans-{i}", daemon=True) for i in range(PLAN_WRITERS)]

    def start(self) -> None:
        for thread in self._threads:
            thread.start()

    def stop(self) -> None:
        self.halt.set()
        for thread in self._threads:
            thread.join(60)
        assert not any(t.is_alive() for t in self._threads), "a plan load thread did not stop"
        assert not self.crashes, f"the plan load failed: {self.crashes!r}"

    def _send(self, http, method: str, path: str, headers: dict, write: PlanWrite, **kwargs):
        try:
            r = http.request(method, f"{self.api}{path}", headers=headers, timeout=15, **kwargs)
        except requests.RequestException as exc:
            write.error = f"{type(exc).__name__}: {exc}"[:300]
            return None
        write.status = r.status_code
        if not write.acknowledged:
            write.error = r.text[:300]
            return None
        return r

    def _learn(self, state: PlanState, r) -> None:
        body = r.json()
        state.plan_id, state.status, state.version = body["id"], body["status"], body["version"]
        state.etag = r.headers["ETag"]

    def step(self, http, state: PlanState, rng: random.Random) -> None:
        school = state.school
        as_school = bearer(self.tokens.school(school))
        if state.uncertain:  # read what the last request left before going on
            if state.plan_id is None:
                state.uncertain = False
                return
            try:
                r = http.get(f"{self.api}/plans/{state.plan_id}", headers=as_school, timeout=15)
            except requests.RequestException:
                return
            if r.status_code == 200:
                self._learn(state, r)
                state.uncertain = False
                self.resyncs += 1
            return
        if state.plan_id is None or state.status == "approved":
            write = PlanWrite(school.code, "create", self.phase)
            n = len(state.plans) + 1
            r = self._send(http, "POST", "/plans", as_school, write, json={
                "title": f"Kế hoạch thực hiện Nghị quyết 71 số {n} của {school.name}", "year": 2026,
                "number_symbol": f"{n}/KH-{school.code[-5:]}"})
            if r is None:
                state.plan_id, state.uncertain = None, True
            else:
                self._learn(state, r)
                state.plans.append(state.plan_id)
                write.plan_id = state.plan_id
        elif state.status in ("draft", "returned"):
            write = PlanWrite(school.code, "submit", self.phase, state.plan_id,
                              ("PlanSubmitted", state.plan_id, state.version + 1))
            r = self._send(http, "POST", f"/plans/{state.plan_id}/submit", {**as_school, "If-Match": state.etag},
                           write)
            if r is None:
                state.uncertain = True
            else:
                self._learn(state, r)
                assert state.version == write.event[2], f"{school.code}: submitted as version {state.version}"
        else:  # submitted: the commune's reviewer answers
            reviewer = {**bearer(self.tokens.commune(school.commune_code, school.province_code)),
                        "If-Match": state.etag}
            if rng.random() < 0.3:
                write = PlanWrite(school.code, "approve", self.phase, state.plan_id,
                                  ("PlanApproved", state.plan_id, state.version))
                r = self._send(http, "POST", f"/plans/{state.plan_id}/approve", reviewer, write,
                               json={"comment": "Đồng ý."})
            else:
                write = PlanWrite(school.code, "return", self.phase, state.plan_id,
                                  ("PlanReturned", state.plan_id, state.version))
                r = self._send(http, "POST", f"/plans/{state.plan_id}/return", reviewer, write,
                               json={"comments": [{"anchor_kind": "plan", "text": "Bổ sung lộ trình thực hiện."}]})
            if r is None:
                state.uncertain = True
            else:
                self._learn(state, r)
        self.writes.append(write)

    def _run(self, states: list[PlanState], rng: random.Random) -> None:
        try:
            with requests.Session() as http:
                period, next_at = PLAN_WRITERS / PLAN_RATE, now()
                while not self.halt.is_set():
                    for state in rng.sample(states, len(states)):
                        if self.halt.is_set():
                            break
                        self.step(http, state, rng)
                        next_at = max(next_at + period, now() - 1.0)
                        self.halt.wait(max(0.0, next_at - now()))
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            self.crashes.append(exc)


# -- account load -----------------------------------------------------------------------------------------
@dataclass
class AccountWrite:
    """One change by the administrator: ``kind`` user or school, what it sets, the version it makes."""

    kind: str
    target: str
    changes: dict
    version: int
    phase: str
    status: int | None = None
    error: str | None = None

    @property
    def acknowledged(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


class AccountLoad:
    """The administrator renames, deactivates and reactivates accounts and renames a school, one at a time."""

    def __init__(self, api: str, admin: dict, rng: random.Random):
        self.api, self.admin, self.rng = api, admin, rng
        self.versions: dict[tuple[str, str], int] = {}  # (kind, id) → version known
        self.uncertain: set[tuple[str, str]] = set()
        self.active: dict[str, bool] = {}
        self.users: list[str] = []
        self.school_user: str | None = None
        self.school: str | None = None
        self.writes: list[AccountWrite] = []
        self.phase = "steady"
        self.halt = threading.Event()
        self.crashes: list[BaseException] = []
        self._counter = 0
        self._thread = threading.Thread(target=self._run, name="fault-accounts", daemon=True)

    def path(self, kind: str, target: str) -> str:
        return f"/users/{target}" if kind == "user" else f"/schools/{target}"

    def setup(self, http, tag: str) -> None:
        """A school and its account, and ``ACCOUNTS`` commune accounts, all outside the plan load's communes
        (so that no e-mail is queued for the reviewers)."""
        places = [c.code for c in communes("79")]
        school = {"code": f"FAULT-{tag}", "name": f"Trường THCS Kiểm Thử {tag}", "commune_code": places[0],
                  "level": "thcs"}
        r = http.post(f"{self.api}/schools", headers=self.admin, json=school, timeout=30)
        assert r.status_code == 201, r.text
        self.school = school["code"]
        self.versions[("school", self.school)] = 1
        people = [("school", self.school)] + [("commune", code) for code in places[1:1 + ACCOUNTS]]
        for n, (role, unit) in enumerate(people):
            r = http.post(f"{self.api}/users", headers=self.admin, timeout=30, json={
                "name": f"Cán bộ kiểm thử {n}", "email": f"fault-{tag}-{n}@kiemthu.edu.vn", "role": role,
                "org_unit": unit, "password": PASSWORD})
            assert r.status_code == 201, r.text
            user_id = r.json()["id"]
            self.versions[("user", user_id)] = 1
            self.active[user_id] = True
            if role == "school":
                self.school_user = user_id
            else:
                self.users.append(user_id)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self.halt.set()
        self._thread.join(60)
        assert not self._thread.is_alive(), "the account load thread did not stop"
        assert not self.crashes, f"the account load failed: {self.crashes!r}"

    def step(self, http) -> None:
        rng = self.rng
        kind, target = ("school", self.school) if rng.random() < 0.2 else ("user", rng.choice(self.users))
        key = (kind, target)
        if key in self.uncertain:
            try:
                r = http.get(f"{self.api}{self.path(kind, target)}", headers=self.admin, timeout=15)
            except requests.RequestException:
                return
            if r.status_code == 200:
                self.versions[key] = int(r.headers["ETag"].strip('"v'))
                if kind == "user":
                    self.active[target] = r.json()["active"]
                self.uncertain.discard(key)
            return
        self._counter += 1
        n = self._counter
        if kind == "school":
            changes = {"name": f"Trường THCS Kiểm Thử đổi tên lần {n}"}
        elif rng.random() < 0.5:
            changes = {"name": f"Cán bộ kiểm thử đổi tên lần {n}"}
        else:
            changes = {"active": not self.active[target]}
        write = AccountWrite(kind, target, changes, self.versions[key] + 1, self.phase)
        self.writes.append(write)
        try:
            r = http.patch(f"{self.api}{self.path(kind, target)}", json=changes, timeout=15,
                           headers={**self.admin, "If-Match": f'"v{self.versions[key]}"'})
        except requests.RequestException as exc:
            write.error = f"{type(exc).__name__}: {exc}"[:300]
            self.uncertain.add(key)
            return
        write.status = r.status_code
        if write.acknowledged:
            version = int(r.headers["ETag"].strip('"v'))
            assert version == write.version, f"{target}: changed to version {version}, not {write.version}"
            self.versions[key] = version
            if "active" in changes:
                self.active[target] = changes["active"]
        else:
            write.error = r.text[:300]
            self.uncertain.add(key)

    def _run(self) -> None:
        try:
            with requests.Session() as http:
                period, next_at = 1.0 / ACCOUNT_RATE, now()
                while not self.halt.is_set():
                    self.step(http)
                    next_at = max(next_at + period, now() - 1.0)
                    self.halt.wait(max(0.0, next_at - now()))
        except BaseException as exc:  # noqa: BLE001 - reported by the test
            self.crashes.append(exc)


def _version(http, url: str, headers: dict) -> tuple[int, dict]:
    r = http.get(url, headers=headers, timeout=30)
    assert r.status_code == 200, r.text
    return int(r.headers["ETag"].strip('"v')), r.json()


def _pick_schools(rng: random.Random):
    by_commune = defaultdict(list)
    for school in demo_schools("31"):
        if school.level in COMMUNE_REVIEWED:
            by_commune[school.commune_code].append(school)
    full = sorted(code for code, schools in by_commune.items() if len(schools) >= SCHOOLS_PER_COMMUNE)
    return [s for code in rng.sample(full, COMMUNES) for s in by_commune[code][:SCHOOLS_PER_COMMUNE]]


@pytest.mark.timeout(900)
def test_every_acknowledged_plan_and_account_change_is_published_and_notified_once_through_kills_and_outages(
        stack, fresh_databases, tokens, tmp_path):
    from notifications.app import create_app as notifications_app

    seed = int(os.environ.get("EDU71_FAULT_SEED") or random.SystemRandom().randrange(1, 2**31))
    print(f"\nfaults: seed {seed} (EDU71_FAULT_SEED={seed} replays the schedule), {ROUNDS} round(s)", flush=True)
    rng = random.Random(seed)
    schools = _pick_schools(rng)
    admin = bearer(tokens.issuer.issue(sub="u-fault-admin", name="Quản trị viên", role="admin", org_unit="edu71"))
    timeline = Timeline()

    # The session's topics hold earlier tests' events: this deployment's groups start at their end.
    bin_dir = Path(sys.executable).parent
    env = {**fresh_databases, **fresh_groups_env(["plans", "notifications", "identity"]), "LOG_LEVEL": "INFO"}
    ports = {name: free_port() for name in ("plans", "identity", "plans-ops", "notifications-ops", "identity-ops")}

    def api(service: str) -> Proc:
        return Proc(f"{service}-api", [str(bin_dir / "gunicorn"), "-c", "python:edu71.gunicorn_conf",
                                       f"{service}.app:create_app()"],
                    {**env, "EDU71_SERVICE": service, "GUNICORN_BIND": f"127.0.0.1:{ports[service]}",
                     "GUNICORN_WORKERS": "1", "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / f"prom-{service}")},
                    tmp_path / f"{service}-api.log")

    def worker(service: str) -> Proc:
        return Proc(f"{service}-worker", [sys.executable, "-m", f"{service}.worker"],
                    {**env, f"{service.upper()}_WORKER_METRICS_PORT": str(ports[f"{service}-ops"])},
                    tmp_path / f"{service}-worker.log")

    plans_api, identity_api = api("plans"), api("identity")
    plans_worker, notifications_worker, identity_worker = worker("plans"), worker("notifications"), worker("identity")
    workers = [plans_worker, notifications_worker, identity_worker]
    processes = [plans_api, identity_api, *workers]
    plans_url, identity_url = f"http://127.0.0.1:{ports['plans']}", f"http://127.0.0.1:{ports['identity']}"
    plan_load: PlanLoad | None = None
    account_load: AccountLoad | None = None
    faults: Counter = Counter()
    store = MongoClient(stack.mongodb_uri, serverSelectionTimeoutMS=5000)
    dbs = {svc: fresh_databases[f"{svc.upper()}_MONGODB_DB"] for svc in ("plans", "notifications", "identity")}

    def logs() -> str:
        return "\n".join(p.tail() for p in processes) + "\n" + "\n".join(timeline.entries)

    def writes_so_far() -> str:
        return f"plan writes {len(plan_load.writes)}, account writes {len(account_load.writes)}"

    def describe(proc: Proc) -> str:
        service = proc.name.removesuffix("-worker")
        return f"{writes_so_far()}, {service} events waiting in the outbox {outbox_backlog(store, dbs[service])}"

    chaos = Chaos(rng, timeline, faults, describe, down=(0.0, 1.5))
    pause = chaos.pause

    def kill_and_restart(proc: Proc, within: tuple[float, float] = (0.0, 3.0)) -> None:
        chaos.kill_and_restart(proc, within)

    def set_phase(phase: str) -> None:
        plan_load.phase = account_load.phase = phase

    supervisor = Supervisor(workers, timeline.note)
    try:
        for proc in processes:
            proc.start()
        supervisor.start()
        for url in (f"{plans_url}/readyz", f"{identity_url}/readyz",
                    *(f"http://127.0.0.1:{ports[f'{s}-ops']}/readyz" for s in ("plans", "notifications", "identity"))):
            wait_until(lambda url=url: answers(url) or not all(p.alive() for p in processes),
                       f"{url} to be ready", timeout=180)
            assert all(p.alive() for p in processes), logs()
        plan_load = PlanLoad(plans_url, schools, tokens, random.Random(rng.random()))
        account_load = AccountLoad(identity_url, admin, random.Random(rng.random()))
        with requests.Session() as http:
            account_load.setup(http, uuid.uuid4().hex[:6])
        timeline.note(f"load starts: {len(schools)} schools of communes "
                      f"{sorted({s.commune_code for s in schools})} ({PLAN_RATE:.0f} plan requests/s), "
                      f"{ACCOUNTS + 1} accounts and a school changed by an admin ({ACCOUNT_RATE} changes/s)")
        plan_load.start()
        account_load.start()
        for number in range(1, ROUNDS + 1):
            timeline.note(f"fault round {number}")
            pause(2.0, 4.0)
            kill_and_restart(plans_worker)
            pause(1.0, 3.0)
            kill_and_restart(notifications_worker)
            pause(1.0, 3.0)
            kill_and_restart(identity_worker)

            pause(1.0, 3.0)
            set_phase("kafka down")
            timeline.note(f"Kafka killed ({writes_so_far()})")
            stack.stop_kafka()
            faults["Kafka stopped"] += 1
            kill_and_restart(rng.choice(workers), (1.0, 3.0))  # its producer or consumer cut off
            pause(1.0, 4.0)
            stack.start_kafka()
            set_phase("after kafka")
            timeline.note("Kafka answers again")
            kill_and_restart(notifications_worker, (0.0, 2.0))  # while it catches up

            pause(2.0, 4.0)
            set_phase("store down")
            timeline.note(f"FerretDB stopped ({writes_so_far()})")
            stack.stop_mongo()
            faults["FerretDB stopped"] += 1
            pause(2.0, 6.0)
            stack.start_mongo()
            set_phase("after store")
            timeline.note("FerretDB answers again")
            kill_and_restart(plans_worker, (0.0, 2.0))  # while its relay waits out the outage's retries
            set_phase("steady")
        pause(2.0, 4.0)
        plan_load.stop()
        account_load.stop()
        timeline.note(f"load stopped ({writes_so_far()}; the schools read their plan again "
                      f"{plan_load.resyncs} times after an unclear answer)")
        assert plans_api.alive() and identity_api.alive(), logs()

        # -- what was acknowledged, and what was refused -----------------------------------------------------
        plan_writes, account_writes = plan_load.writes, account_load.writes
        all_writes = [*plan_writes, *account_writes]
        acknowledged = [w for w in all_writes if w.acknowledged]
        refused = [w for w in all_writes if not w.acknowledged]
        statuses = Counter(str(w.status) if w.status else "no answer" for w in all_writes)
        timeline.note(f"{len(acknowledged)} writes acknowledged, {len(refused)} refused ({dict(statuses)}); "
                      f"refused by phase {dict(Counter(w.phase for w in refused))}; first refusal: "
                      f"{(refused[0].status, refused[0].error) if refused else None}")
        # Each school and the admin read the current state after an unclear answer: a 4xx is the test's mistake,
        # except a 409/412 after a refusal of the same plan or account (one stored without its head: the state
        # read back lags, and the next write meets the stored version).
        def target(w) -> str:
            return w.school if isinstance(w, PlanWrite) else w.target

        after_refusal = {target(w) for w in refused if not w.status or w.status >= 500}
        mistakes = [w for w in refused if w.status and w.status < 500
                    and not (w.status in (409, 412) and target(w) in after_refusal)]
        assert not mistakes, [(target(w), w.status, w.error) for w in mistakes][:5]
        assert any(w.acknowledged and w.action == "submit" for w in plan_writes), "no submission was acknowledged"

        # 1. The outboxes drain, and nothing was set aside.
        def drained() -> bool:
            return all(store[db]["outbox_hints"].count_documents({}) == 0 for db in dbs.values())

        try:
            wait_until(drained, "the three outboxes to be empty", timeout=SETTLE, interval=1.0)
        except BaseException:
            print(logs())
            raise
        quarantined = {db: [q["_id"] for q in store[db]["outbox_quarantine"].find({}, {"_id": 1})]
                       for db in dbs.values()}
        assert not any(quarantined.values()), f"records quarantined: {quarantined}\n{logs()}"
        for service in dbs:
            port = ports[f"{service}-ops"]
            wait_until(lambda s=service, p=port: gauge(f"http://127.0.0.1:{p}/metrics", "edu71_outbox_backlog", s)
                       == 0, f"{service} worker's edu71_outbox_backlog to read 0", timeout=60, interval=1.0)

        # 2. Plans: every acknowledged submission and review on the topic, under one event id each.
        plan_ids = {p for state in plan_load.states for p in state.plans} | {
            w.plan_id for w in plan_writes if w.plan_id}
        on_plans = read_topic(stack.kafka_bootstrap, PLANS_TOPIC, lambda e: e["data"].get("plan_id") in plan_ids)
        ids_of: dict[tuple[str, str, int], set[str]] = defaultdict(set)
        plan_event: dict[str, dict] = {}
        for event in on_plans:
            ids_of[(event_name(event), event["data"]["plan_id"], event["data"]["version"])].add(event["id"])
            plan_event[event["id"]] = event
        wanted = {w.event for w in plan_writes if w.acknowledged and w.event}
        maybe = {w.event for w in plan_writes if not w.acknowledged and w.event}  # refused, perhaps stored
        plans_lost = sorted(wanted - set(ids_of))
        plans_unexplained = sorted(set(ids_of) - wanted - maybe)
        plans_doubled = sorted({key for key, ids in ids_of.items() if len(ids) > 1} | set(plans_unexplained))
        plans_redelivered = len(on_plans) - len(plan_event)
        assert not plans_lost, f"acknowledged plan writes missing on {PLANS_TOPIC}: {plans_lost[:10]}\n{logs()}"
        assert not plans_doubled, f"plan events under several ids, or written by nobody: {plans_doubled[:10]}"

        # 3. Every plan event notified each of its recipients once (the inbox records the source event id and
        # the kind: a submission tells its reviewers, and gives its school a receipt).
        notifications = store[dbs["notifications"]]["notifications"]
        notified: Counter = Counter()

        def all_notified() -> bool:
            notified.clear()
            notified.update((n["source_event_id"], n["kind"]) for n in notifications.find(
                {"source_event_type": {"$in": ["PlanSubmitted", "PlanReturned", "PlanApproved"]}},
                {"source_event_id": 1, "kind": 1}))
            return set(plan_event) <= {event_id for event_id, _ in notified}

        try:
            wait_until(all_notified, "a notification for every plan event", timeout=SETTLE, interval=1.0)
        except BaseException:
            print(f"faults: plan events without a notification: {sorted(set(plan_event) - {event_id for event_id, _ in notified})[:10]}\n"
                  f"{logs()}")
            raise
        notified_twice = sorted(i for i, n in notified.items() if n > 1)
        notified_by_nobody = sorted({event_id for event_id, _ in notified} - set(plan_event))
        assert not notified_twice, f"plan events notified twice: {notified_twice[:10]}"
        assert not notified_by_nobody, f"notifications of no plan event on the topic: {notified_by_nobody[:10]}"

        # Each commune's inbox, as its reviewers read it: each submitted version of its schools' plans, once.
        inbox_app = notifications_app().test_client()
        commune_of = {s.code: s.commune_code for s in schools}
        submitted_to: dict[str, Counter] = defaultdict(Counter)
        for (name, plan_id, version), ids in ids_of.items():
            if name == "PlanSubmitted":
                school = plan_event[next(iter(ids))]["data"]["school"]["code"]
                submitted_to[commune_of[school]][(plan_id, version)] += 1
        inbox_lost = inbox_doubled = 0
        for commune in sorted({s.commune_code for s in schools}):
            items, page = [], 1
            while True:
                r = inbox_app.get(f"/inbox?page={page}&page_size=200",
                                  headers=bearer(tokens.commune(commune, "31")))
                assert r.status_code == 200, r.json
                items += r.json["items"]
                if page * 200 >= r.json["total"]:
                    break
                page += 1
            seen = Counter((i["reference"]["plan_id"], i["reference"]["plan_version"]) for i in items
                           if i["kind"] == "plan_submitted")
            inbox_lost += len(set(submitted_to[commune]) - set(seen))
            inbox_doubled += sum(n - 1 for n in seen.values()) + len(set(seen) - set(submitted_to[commune]))
            assert seen == submitted_to[commune], \
                f"commune {commune}: inbox {sorted(seen.items())[:10]}, submitted {sorted(submitted_to[commune])[:10]}"

        # 4. Accounts and the school: each version on the directory topic once, the acknowledged ones as sent.
        users = [*account_load.users, account_load.school_user]
        on_directory = read_topic(stack.kafka_bootstrap, DIRECTORY_TOPIC,
                                  lambda e: e["data"].get("user_id") in users
                                  or (e["data"].get("school") or {}).get("code") == account_load.school)
        dir_ids: dict[tuple[str, str, int], set[str]] = defaultdict(set)
        dir_data: dict[tuple[str, str, int], dict] = {}
        for event in on_directory:
            name, data = event_name(event), event["data"]
            kind = "user" if name in ("UserRegistered", "UserChanged") else \
                "school" if name in ("SchoolRegistered", "SchoolChanged") else name
            key = (kind, data.get("user_id") or data["school"]["code"], data["version"])
            dir_ids[key].add(event["id"])
            dir_data[key] = data
        dir_doubled = sorted(key for key, ids in dir_ids.items() if len(ids) > 1)
        current: dict[tuple[str, str], tuple[int, dict]] = {}
        with requests.Session() as http:
            for user in users:
                current[("user", user)] = _version(http, f"{identity_url}/users/{user}", admin)
            current[("school", account_load.school)] = _version(http, f"{identity_url}/schools/{account_load.school}",
                                                                admin)
        dir_lost = sorted((kind, target, v) for (kind, target), (version, _) in current.items()
                          for v in range(1, version + 1) if (kind, target, v) not in dir_ids)
        beyond = sorted((kind, target, v) for kind, target, v in dir_ids if kind in ("user", "school")
                        and v > current[(kind, target)][0])

        def as_sent(write: AccountWrite) -> bool:
            data = dir_data.get((write.kind, write.target, write.version))
            if data is None:
                return False
            got = data["school"] if write.kind == "school" else data
            return all(got.get(k) == v for k, v in write.changes.items())

        acked_accounts = [w for w in account_writes if w.acknowledged]
        not_as_sent = [(w.target, w.version, w.changes) for w in acked_accounts if not as_sent(w)]
        # A version nobody acknowledged: a refused write stored anyway, or (the school's account) the identity
        # worker following the school.
        explained = {(w.kind, w.target, w.version) for w in account_writes if w.acknowledged or as_sent(w)}
        followed = {("user", account_load.school_user, v) for v in range(2, current[("user", account_load.school_user)][0] + 1)}
        dir_unexplained = sorted(key for key in dir_ids if key[0] in ("user", "school") and key[2] > 1
                                 and key not in explained | followed)
        timeline.note(f"directory events of the accounts and the school: {len(on_directory)} "
                      f"({Counter(event_name(e) for e in on_directory)})")
        assert not dir_lost, f"versions of accounts or the school missing on {DIRECTORY_TOPIC}: {dir_lost[:10]}\n{logs()}"
        assert not dir_doubled, f"directory events under several ids: {dir_doubled[:10]}"
        assert not beyond, f"directory events beyond the identity service's version: {beyond[:10]}"
        assert not not_as_sent, f"acknowledged changes published with other values: {not_as_sent[:10]}"
        assert not dir_unexplained, f"directory events written by nobody: {dir_unexplained[:10]}"
        school_name = current[("school", account_load.school)][1]["name"]
        assert current[("user", account_load.school_user)][1]["org_unit_name"] == school_name, \
            "the school's account did not follow the school's name"

        # 5. The notifications service's directory projection ends at each latest version.
        directory_users = store[dbs["notifications"]]["directory_users"]
        directory_schools = store[dbs["notifications"]]["directory_schools"]

        def projected() -> list:
            behind = []
            for (kind, target), (version, body) in current.items():
                doc = (directory_users if kind == "user" else directory_schools).find_one({"_id": target})
                if doc is None or doc.get("version") != version or doc.get("name") != body["name"] or \
                        (kind == "user" and doc.get("active") != body["active"]):
                    behind.append((target, version, doc and (doc.get("version"), doc.get("name"), doc.get("active"))))
            return behind

        try:
            wait_until(lambda: not projected(), "the notifications directory projection to settle",
                       timeout=SETTLE, interval=1.0)
        except BaseException:
            print(f"faults: projection behind (id, version, held): {projected()}\n{logs()}")
            raise

        # No worker exited by itself (one started during an outage waits for the broker and the store).
        lost = len(plans_lost) + inbox_lost + len(dir_lost)
        doubled = len(plans_doubled) + len(notified_twice) + inbox_doubled + len(dir_doubled) + len(dir_unexplained)
        summary = (f"faults injected {sum(faults.values())} ({', '.join(f'{k} ×{v}' for k, v in faults.items())}); "
                   f"writes acknowledged {len(acknowledged)} of {len(all_writes)} "
                   f"({sum(1 for w in plan_writes if w.acknowledged and w.action == 'submit')} submissions, "
                   f"{sum(1 for w in plan_writes if w.acknowledged and w.action in ('return', 'approve'))} reviews, "
                   f"{len(acked_accounts)} account and school changes; {len(refused)} refused); "
                   f"plan events {len(plan_event)} ({plans_redelivered} redelivered copies), "
                   f"notifications {sum(notified.values())}; lost {lost}, doubled {doubled}; "
                   f"workers that exited by themselves {len(supervisor.exits)}")
        timeline.note(summary)
        assert not supervisor.exits, f"workers exited by themselves: {supervisor.exits}"
        print(f"faults: seed {seed}: {summary}; outbox backlogs 0; {now() - timeline.started:.0f}s", flush=True)
    finally:
        for load in (plan_load, account_load):
            if load is not None:
                load.halt.set()
        supervisor.halt.set()
        for proc in processes:
            proc.held = True
        if stack.kafka.process.poll() is not None:
            stack.start_kafka()
        if stack.mongo.process.poll() is not None:
            stack.start_mongo()
        for proc in reversed(processes):
            proc.stop()
        store.close()

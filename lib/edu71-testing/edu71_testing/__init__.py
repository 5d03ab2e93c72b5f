"""pytest plugin: a real Kafka broker and FerretDB, started once per test session on free ports.

Loaded by the repository's root ``conftest.py``. Servers are started with the
same ``deploy/bin/run-*`` scripts that ``make up`` uses, with their data in the
session's temporary folder, and stopped when the session ends. Tests that need
an outage stop and restart them through :class:`Stack`.
"""
from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pymongo import MongoClient

from edu71 import db
from edu71.auth.tokens import TokenIssuer, generate_keys
from edu71.bus.topics import ensure_topics
from edu71.cli import wait_for_kafka, wait_for_mongo
from edu71.config import REPO_ROOT, platform_settings
from edu71.contracts import Contracts
from edu71_testing.cpu import CpuLedger

BIN = REPO_ROOT / "deploy" / "bin"


#: Ports this process has handed out: the system may offer a port again once its socket is closed, and two servers
#: given the same one fail to start (a broker's listener and controller once drew the same port).
_handed: set[int] = set()


def free_port() -> int:
    while True:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if port not in _handed:
            _handed.add(port)
            return port


@dataclass
class Server:
    name: str
    script: Path
    env: dict[str, str]
    log: Path
    process: subprocess.Popen | None = None

    def start(self) -> None:
        handle = open(self.log, "ab")
        self.process = subprocess.Popen(
            [str(self.script)], env={**os.environ, **self.env}, stdout=handle, stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 30) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, sig)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)


@dataclass
class Stack:
    kafka_bootstrap: str
    mongodb_uri: str
    kafka: Server
    mongo: Server
    keys: Path
    env: dict[str, str] = field(default_factory=dict)

    def stop_kafka(self, sig: int = signal.SIGKILL) -> None:
        self.kafka.stop(sig)

    def start_kafka(self) -> None:
        self.kafka.start()
        wait_for_listener(self.kafka, self.kafka_bootstrap, 120)
        wait_for_kafka(self.kafka_bootstrap, 120)

    def stop_mongo(self) -> None:
        self.mongo.stop()

    def start_mongo(self) -> None:
        self.mongo.start()
        wait_for_mongo(self.mongodb_uri, 60)

    def issuer(self) -> TokenIssuer:
        return TokenIssuer(platform_settings("tests").auth)


def wait_for_listener(server: Server, address: str, timeout: float) -> None:
    """Return once ``address`` (host:port) accepts a TCP connection, polling every 0.1 s.

    Asked too early, a Kafka client backs off exponentially (up to 30 s between attempts), so a
    broker that came up in ten seconds was seen only after thirty: knowing the port is open
    first makes the broker's first answer the first one asked for. A server that exits fails at once.
    """
    host, port = address.split(",")[0].rsplit(":", 1)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process is not None and server.process.poll() is not None:
            raise TimeoutError(f"{server.name} exited with {server.process.returncode} before listening on {address}")
        with socket.socket() as s:
            s.settimeout(1.0)
            if s.connect_ex((host, int(port))) == 0:
                return
        time.sleep(0.1)
    raise TimeoutError(f"{server.name} not listening on {address} within {timeout:.0f}s")


@contextlib.contextmanager
def running_stack(root: Path, partitions: int = 3):
    """Start Kafka (KRaft) and FerretDB in ``root`` on free ports; point this process's environment at them.

    With ``EDU71_TEST_MONGODB_URI`` set (e.g. a MongoDB server), the stack uses that store instead of
    starting FerretDB, so the same tests show what holds on either (tests that stop the store need FerretDB).
    """
    kafka_port, controller_port, mongo_port = free_port(), free_port(), free_port()
    external_store = os.environ.get("EDU71_TEST_MONGODB_URI")
    kafka = Server("kafka", BIN / "run-kafka", {
        "KAFKA_PORT": str(kafka_port), "KAFKA_CONTROLLER_PORT": str(controller_port),
        "KAFKA_DATA_DIR": str(root / "kafka" / "data"), "KAFKA_HEAP": "512m",
        "KAFKA_CLUSTER_ID": _cluster_id(),  # drawn here rather than by a JVM of its own
    }, root / "kafka.log")
    mongo = Server("ferretdb", BIN / "run-ferretdb", {
        "FERRETDB_PORT": str(mongo_port), "FERRETDB_DATA_DIR": str(root / "ferretdb"),
    }, root / "ferretdb.log")
    keys = root / "keys"
    generate_keys(keys)
    env = {
        "KAFKA_BOOTSTRAP_SERVERS": f"127.0.0.1:{kafka_port}",
        "MONGODB_URI": external_store or f"mongodb://127.0.0.1:{mongo_port}/",
        "KAFKA_TOPIC_PARTITIONS": str(partitions),
        "KAFKA_TOPIC_REPLICATION": "1",
        "KAFKA_DELIVERY_TIMEOUT_MS": "8000",
        "AUTH_PUBLIC_KEY_FILE": str(keys / "public.pem"),
        "AUTH_PRIVATE_KEY_FILE": str(keys / "private.pem"),
    }
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    stack = Stack(env["KAFKA_BOOTSTRAP_SERVERS"], env["MONGODB_URI"], kafka, mongo, keys, env)
    try:
        if not external_store:
            mongo.start()
        kafka.start()
        try:
            wait_for_mongo(stack.mongodb_uri, 60)
            wait_for_listener(kafka, stack.kafka_bootstrap, 120)
            wait_for_kafka(stack.kafka_bootstrap, 120)
        except TimeoutError as exc:
            logs = "\n".join(f"--- {s.log.name}\n{s.log.read_text(errors='replace')[-3000:]}" for s in (kafka, mongo))
            raise RuntimeError(f"{exc}\n{logs}") from None
        settings = platform_settings("tests")
        ensure_topics(settings.kafka, Contracts(settings.contracts_dir))
        _warm_up_group_coordinator(stack.kafka_bootstrap)
        yield stack
    finally:
        kafka.stop()
        mongo.stop()
        db.disconnect_all()
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


@dataclass
class KafkaCluster:
    """Several KRaft nodes (combined broker+controller, a static quorum) on loopback, each a ``run-kafka``."""

    brokers: dict[int, Server]
    ports: dict[int, int]

    @property
    def bootstrap(self) -> str:
        return ",".join(f"127.0.0.1:{port}" for port in self.ports.values())

    def kill(self, node_id: int, sig: int = signal.SIGKILL) -> None:
        self.brokers[node_id].stop(sig)

    def wait_ready(self, timeout: float = 180) -> None:
        """Return once every node answers; fail at once, with the logs, if a node exits."""
        try:
            for node, port in self.ports.items():
                deadline = time.monotonic() + timeout
                wait_for_listener(self.brokers[node], f"127.0.0.1:{port}", timeout)
                while True:  # in short steps, so that a node that died fails the start at once
                    process = self.brokers[node].process
                    if process.poll() is not None:
                        raise TimeoutError(f"Kafka node {node} exited with {process.returncode}")
                    try:
                        wait_for_kafka(f"127.0.0.1:{port}", 5)
                        break
                    except TimeoutError:
                        if time.monotonic() > deadline:
                            raise
        except TimeoutError as exc:
            logs = "\n".join(f"--- {b.log.name}\n{b.log.read_text(errors='replace')[-3000:]}"
                             for b in self.brokers.values())
            raise RuntimeError(f"{exc}\n{logs}") from None


@contextlib.contextmanager
def kafka_cluster(root: Path, nodes: int = 3, heap: str = "384m", ready: bool = True):
    """Start ``nodes`` Kafka nodes in ``root`` on free ports, internal topics replicated on up to 3 of them.

    For failure tests: topics the test creates choose their own replication; the
    environment of this process is left alone (pass :attr:`KafkaCluster.bootstrap` on).
    With ``ready=False`` it yields as soon as the nodes are started, so the caller can
    start other processes meanwhile, and calls :meth:`KafkaCluster.wait_ready` itself.
    """
    ports = {node: free_port() for node in range(1, nodes + 1)}
    controllers = {node: free_port() for node in ports}
    voters = ",".join(f"{node}@127.0.0.1:{port}" for node, port in controllers.items())
    cluster_id = _cluster_id()
    brokers = {
        node: Server(f"kafka-{node}", BIN / "run-kafka", {
            "KAFKA_NODE_ID": str(node), "KAFKA_PORT": str(ports[node]),
            "KAFKA_CONTROLLER_PORT": str(controllers[node]), "KAFKA_CONTROLLER_VOTERS": voters,
            "KAFKA_CLUSTER_ID": cluster_id, "KAFKA_INTERNAL_REPLICATION": str(min(3, nodes)),
            "KAFKA_DATA_DIR": str(root / f"kafka-{node}" / "data"), "KAFKA_HEAP": heap,
        }, root / f"kafka-{node}.log")
        for node in ports
    }
    cluster = KafkaCluster(brokers, ports)
    root.mkdir(parents=True, exist_ok=True)
    try:
        for broker in brokers.values():
            broker.start()
        if ready:
            cluster.wait_ready()
        yield cluster
    finally:
        for broker in brokers.values():
            broker.stop()


def _cluster_id() -> str:
    """A KRaft cluster id: 16 random bytes, URL-safe base64 without padding (as ``kafka-storage random-uuid``).

    Never one starting with "-", as Kafka's own never does: a command line reads it as an option (one start
    in 64 failed with "argument --cluster-id/-t: expected one argument").
    """
    import base64

    while (drawn := base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")).startswith("-"):
        pass
    return drawn


def _warm_up_group_coordinator(bootstrap: str, timeout: float = 120.0) -> None:
    """Join a consumer group once, so the broker creates and loads its offsets topic now.

    A fresh KRaft broker does that on the first group request, and answers
    "coordinator not available" meanwhile; doing it here keeps that start-up
    delay out of the first test that happens to use a consumer group.
    """
    from kafka import KafkaConsumer

    consumer = KafkaConsumer("edu71.deadletter.v1", bootstrap_servers=bootstrap, group_id="edu71-warm-up",
                             enable_auto_commit=False, auto_offset_reset="latest")
    try:
        deadline = time.monotonic() + timeout
        while not consumer.assignment() and time.monotonic() < deadline:
            consumer.poll(timeout_ms=500)
        if not consumer.assignment():
            raise RuntimeError(f"Kafka at {bootstrap} did not assign a consumer group within {timeout:.0f}s")
        consumer.commit()
    finally:
        consumer.close()


def start_group_at_end(bootstrap: str, group: str, topics: list[str]) -> None:
    """Commit the current end of ``topics`` for a new consumer group.

    The session's topics hold every earlier test's events; a worker whose test
    wants to see only its own events starts its group here instead of at the
    beginning of the log.
    """
    from kafka import KafkaConsumer, TopicPartition
    from kafka.structs import OffsetAndMetadata

    consumer = KafkaConsumer(bootstrap_servers=bootstrap, group_id=group, enable_auto_commit=False)
    try:
        partitions = [TopicPartition(topic, p) for topic in topics
                      for p in sorted(consumer.partitions_for_topic(topic) or ())]
        ends = consumer.end_offsets(partitions)
        consumer.commit({tp: OffsetAndMetadata(offset, "", -1) for tp, offset in ends.items()})
    finally:
        consumer.close()


def fresh_group(name: str, topics: list[str] | None = None) -> str:
    """A consumer group of one test's own, positioned at the current end of ``topics`` (all the contracts' topics
    by default).

    A test's worker must neither share a group with another deployment living in the session (the platform's
    workers would take some of its partitions) nor start a new group at the earliest offset (it would first
    replay every earlier test's events: minutes, late in a session).
    """
    settings = platform_settings("tests")
    group = f"{name}-{uuid.uuid4().hex[:8]}"
    start_group_at_end(settings.kafka.bootstrap_servers, group,
                       topics if topics is not None else Contracts(settings.contracts_dir).all_topics)
    return group


def fresh_groups_env(services) -> dict[str, str]:
    """``<SERVICE>_CONSUMER_GROUP`` for worker processes: a :func:`fresh_group` for each service."""
    return {f"{svc.upper()}_CONSUMER_GROUP": fresh_group(svc) for svc in services}


@pytest.fixture(scope="session")
def stack(tmp_path_factory) -> Stack:
    """Kafka (KRaft) and FerretDB for the whole session; the environment points every service at them."""
    with running_stack(tmp_path_factory.mktemp("stack")) as running:
        yield running


@pytest.fixture
def fresh_databases(stack):
    """Each test starts with empty service databases (names made unique per test)."""
    suffix = uuid.uuid4().hex[:8]
    services = ("plans", "indicators", "notifications", "reports", "identity", "portal")
    names = {f"{svc.upper()}_MONGODB_DB": f"t_{svc}_{suffix}" for svc in services}
    os.environ.update(names)
    yield names
    client = MongoClient(stack.mongodb_uri, serverSelectionTimeoutMS=5000)
    try:
        for name in names.values():
            client.drop_database(name)
    except Exception:  # noqa: BLE001 - a test may have left the store stopped; nothing to clean then
        pass
    finally:
        client.close()
        for key in names:
            os.environ.pop(key, None)


@dataclass
class Tokens:
    """Signed bearer tokens for the demo roles, from the session's built-in issuer."""

    issuer: TokenIssuer

    def school(self, school) -> str:
        return self.issuer.issue(sub=f"user-{school.code}", name=f"Cán bộ {school.name}", role="school",
                                 org_unit=school.code, org_unit_name=school.name, commune_code=school.commune_code,
                                 province_code=school.province_code, school_level=school.level.value)

    def commune(self, commune_code: str, province_code: str = "31") -> str:
        return self.issuer.issue(sub=f"reviewer-{commune_code}", name="Cán bộ UBND", role="commune",
                                 org_unit=commune_code, province_code=province_code)

    def city(self, province_code: str = "31") -> str:
        return self.issuer.issue(sub=f"city-{province_code}", name="Sở GD&ĐT", role="city", org_unit=province_code)

    def operator(self) -> str:
        return self.issuer.issue(sub="operator", name="Vận hành", role="operator", org_unit="edu71")


@pytest.fixture(scope="session")
def tokens(stack) -> Tokens:
    return Tokens(stack.issuer())


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def wait_until(predicate, what: str = "the condition", timeout: float = 60.0, interval: float = 0.2):
    """Poll ``predicate`` until it returns something truthy and return it; fail the test after ``timeout``.

    For effects that travel through Kafka: a bound on waiting, never an assertion about speed.
    """
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout:.0f}s waiting for {what}")
        time.sleep(interval)


def topic_records(bootstrap: str, topic: str, timeout: float = 120.0) -> list:
    """Every record of ``topic``, from its start to the end it had when called, each partition's in order.

    Reads to the end offsets rather than until the broker falls silent for a while: on a busy host a first fetch
    can take longer than any silence worth waiting for, and an early stop would miss records already acknowledged.
    ``timeout`` bounds a failing read, never its speed.
    """
    from kafka import KafkaConsumer, TopicPartition

    consumer = KafkaConsumer(bootstrap_servers=bootstrap.split(","), enable_auto_commit=False,
                             client_id="edu71-test-reader")
    try:
        partitions = [TopicPartition(topic, p) for p in sorted(consumer.partitions_for_topic(topic) or ())]
        consumer.assign(partitions)
        consumer.seek_to_beginning(*partitions)
        ends = consumer.end_offsets(partitions)
        records = []
        deadline = time.monotonic() + timeout
        while any(consumer.position(tp) < ends[tp] for tp in partitions):
            if time.monotonic() > deadline:
                pytest.fail(f"could not read {topic} to its end within {timeout:.0f}s", pytrace=False)
            for batch in consumer.poll(timeout_ms=2000).values():
                records.extend(batch)
        return records
    finally:
        consumer.close()


def read_topic(bootstrap: str, topic: str, keep=lambda event: True, timeout: float = 120.0) -> list[dict]:
    """Every event envelope of ``topic`` that ``keep`` accepts, copies included (see :func:`topic_records`);
    what is not an envelope (tests park garbage on the topics on purpose) is skipped."""
    import json

    events = []
    for record in topic_records(bootstrap, topic, timeout):
        try:
            event = json.loads(record.value)
        except (TypeError, ValueError):
            continue
        if isinstance(event, dict) and isinstance(event.get("data"), dict) and keep(event):
            events.append(event)
    return events


# -- the whole platform as processes, for browser and end-to-end tests -----------------------------------
#: Services started by :func:`running_platform`: each one's API under gunicorn and its event worker.
PLATFORM_SERVICES = ("identity", "plans", "indicators", "notifications", "reports")


@dataclass
class Program(Server):
    """A server started as ``script *args`` (a Python entry point rather than a deploy/bin script)."""

    args: tuple[str, ...] = ()

    def start(self) -> None:
        handle = open(self.log, "ab")
        self.process = subprocess.Popen(
            [str(self.script), *self.args], env={**os.environ, **self.env}, stdout=handle,
            stderr=subprocess.STDOUT, start_new_session=True,
        )


@dataclass
class Platform:
    """Every service's API and worker (and the portal) running against the session's stack."""

    #: service name → base URL of its API (``portal`` included when started)
    urls: dict[str, str]
    programs: list[Program]
    #: the environment each program got (database names, ports, URLs)
    env: dict[str, str]

    def log_tails(self, chars: int = 3000) -> str:
        return "\n".join(f"--- {p.log.name}\n{p.log.read_text(errors='replace')[-chars:]}"
                         for p in self.programs if p.log.exists())


def spawn(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    """A process of its own session (so :func:`terminate` stops its children too), its output appended to ``log``."""
    with open(log, "ab") as out:
        return subprocess.Popen(args, cwd=REPO_ROOT, env={**os.environ, **env}, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)


def terminate(process: subprocess.Popen) -> None:
    """SIGTERM to the group of a process from :func:`spawn`; SIGKILL if it is still there 30 s later."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)


def wait_answering(url: str, timeout: float = 180) -> None:
    """Wait until ``url`` answers 200 (RuntimeError after ``timeout`` seconds)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if _answers(url):
            return
        time.sleep(0.3)
    raise RuntimeError(f"{url} not ready after {timeout:.0f}s")


def _answers(url: str) -> bool:
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


@contextlib.contextmanager
def running_platform(root: Path, services=PLATFORM_SERVICES, portal: bool = True, timeout: float = 180.0,
                     extra_env: dict[str, str] | None = None):
    """Start each service's API (gunicorn, one worker) and event worker, then the portal, on free ports.

    They use the stack this process points at (``running_stack`` set the environment) with databases of
    their own, named once for the whole run; their logs are kept in ``root``.
    """
    import sys

    root.mkdir(parents=True, exist_ok=True)
    bin_dir = Path(sys.executable).parent
    suffix = uuid.uuid4().hex[:8]
    env = {f"{svc.upper()}_MONGODB_DB": f"e2e_{svc}_{suffix}" for svc in (*services, "portal")}
    # A deployment of its own: its workers' groups start after whatever earlier tests left on the session's topics.
    env.update(fresh_groups_env(services))
    # The seed schools are in two provinces: each needs its catalogue before its plans' targets are accepted.
    env.update({"GUNICORN_WORKERS": "1", "LOG_LEVEL": "WARNING", "INDICATORS_CATALOGUE_PROVINCES": "31,79",
                **(extra_env or {})})
    ports = {svc: free_port() for svc in services}
    urls = {svc: f"http://127.0.0.1:{port}" for svc, port in ports.items()}
    programs: list[Program] = []
    ready: list[str] = []
    workers: dict[str, str] = {}  # the portal's operator page reads each worker's ops endpoints
    for svc in services:
        api_env = {**env, "EDU71_SERVICE": svc, "GUNICORN_BIND": f"127.0.0.1:{ports[svc]}",
                   "PROMETHEUS_MULTIPROC_DIR": str(root / f"prom-{svc}")}
        programs.append(Program(f"{svc}-api", bin_dir / "gunicorn", api_env, root / f"{svc}-api.log",
                                args=("-c", "python:edu71.gunicorn_conf", f"{svc}.app:create_app()")))
        ready.append(f"{urls[svc]}/readyz")
        metrics_port = free_port()
        programs.append(Program(f"{svc}-worker", Path(sys.executable),
                                {**env, f"{svc.upper()}_WORKER_METRICS_PORT": str(metrics_port)},
                                root / f"{svc}-worker.log", args=("-m", f"{svc}.worker")))
        ready.append(f"http://127.0.0.1:{metrics_port}/readyz")
        workers[f"PORTAL_{svc.upper()}_WORKER_URL"] = f"http://127.0.0.1:{metrics_port}"
    if portal:
        port = free_port()
        portal_env = {**env, "EDU71_SERVICE": "portal", "GUNICORN_BIND": f"127.0.0.1:{port}",
                      "GUNICORN_THREADS": "8", "PROMETHEUS_MULTIPROC_DIR": str(root / "prom-portal"),
                      "PORTAL_SECRET_KEY": uuid.uuid4().hex, "PORTAL_COOKIE_SECURE": "false",
                      **{f"PORTAL_{svc.upper()}_URL": url for svc, url in urls.items()}, **workers}
        urls["portal"] = f"http://127.0.0.1:{port}"
        programs.append(Program("portal", bin_dir / "gunicorn", portal_env, root / "portal.log",
                                args=("-c", "python:edu71.gunicorn_conf", "portal.app:create_app()")))
        ready.append(f"{urls['portal']}/healthz")
    platform = Platform(urls, programs, env)
    try:
        for program in programs:
            program.start()
        deadline = time.monotonic() + timeout
        waiting = list(ready)
        while waiting and time.monotonic() < deadline:
            dead = [p.name for p in programs if p.process is not None and p.process.poll() is not None]
            if dead:
                raise RuntimeError(f"platform programs exited: {', '.join(dead)}\n{platform.log_tails()}")
            waiting = [url for url in waiting if not _answers(url)]
            time.sleep(0.5)
        if waiting:
            raise RuntimeError(f"not ready within {timeout:.0f}s: {', '.join(waiting)}\n{platform.log_tails()}")
        yield platform
    finally:
        for program in reversed(programs):
            program.stop()


@pytest.fixture(scope="session")
def platform(stack, tmp_path_factory) -> Platform:
    """The whole platform (APIs, workers, portal) as processes against the session's stack."""
    with running_platform(tmp_path_factory.mktemp("platform")) as running:
        yield running


#: The fault-injection tests, which stop and restart the session's Kafka and store: always the session's last.
FAULT_TESTS = REPO_ROOT / "tests" / "ops"


_ledger = pytest.StashKey[CpuLedger]()


def pytest_configure(config) -> None:
    ledger = config.stash[_ledger] = CpuLedger()
    ledger.start()


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    """Where the session's CPU went (edu71_testing.cpu): printed by every session, so a run that costs twice its
    usual CPU says which process or thread took it."""
    ledger = config.stash.get(_ledger, None)
    if ledger is None:
        return
    ledger.halt.set()
    for line in ledger.summary():
        terminalreporter.write_line(f"edu71: {line}")


def pytest_collection_modifyitems(session, config, items) -> None:
    """The tests of the whole platform run after their session's other tests, the fault tests still last.

    Once started, the platform's eleven processes poll the broker and the store until the session ends (about
    13 CPU-seconds a minute on the 2-core machine, its Kafka and FerretDB included): started last, they no longer
    idle beside the tests that follow them. Otherwise the order is kept (the sort is stable).
    """
    def rank(item) -> int:
        if Path(str(item.path)).is_relative_to(FAULT_TESTS):
            return 2
        return 1 if "platform" in getattr(item, "fixturenames", ()) else 0

    items.sort(key=rank)


class _OnlyById:
    """A collection that answers only what the store finds by ``_id`` (an exact ``_id`` lookup, an insert): any
    other filter, a count or an aggregation is refused, as a scan of the collection would be at national scale."""

    def __init__(self, collection):
        self._collection = collection

    @staticmethod
    def _check(spec) -> None:
        if not spec or set(spec) != {"_id"} or isinstance(spec["_id"], dict):
            raise AssertionError(f"a list read the collection by {spec!r}")

    def find_one(self, spec=None, *args, **kwargs):
        self._check(spec)
        return self._collection.find_one(spec, *args, **kwargs)

    def find(self, spec=None, *args, **kwargs):
        self._check(spec)
        return self._collection.find(spec, *args, **kwargs)

    def count_documents(self, spec, *args, **kwargs):
        raise AssertionError(f"a list counted the collection by {spec!r}")

    def aggregate(self, *args, **kwargs):
        raise AssertionError("a list aggregated the collection")

    def __getattr__(self, name):
        return getattr(self._collection, name)


def refuse_scans(monkeypatch, *documents) -> None:
    """From now on (in this test), the collections of these mongoengine ``documents`` refuse every read but by
    ``_id``: what still answers reads only what it shows."""
    for document in documents:
        collection = document._get_collection()
        monkeypatch.setattr(document, "_get_collection", classmethod(lambda cls, c=collection: _OnlyById(c)))

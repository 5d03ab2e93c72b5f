"""What the fault tests share: service processes that can be SIGKILLed whole, a supervisor that starts
again a worker that exited on its own, a timeline of what was done, and readers of a topic and a gauge.

Used by ``test_faults.py`` (indicators → reports) and ``test_faults_plans.py`` (plans → notifications,
identity → directory).
"""
from __future__ import annotations

import os
import random
import signal
import subprocess
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import requests
from pymongo import MongoClient

from edu71.config import REPO_ROOT


def now() -> float:
    return time.monotonic()


# -- processes ----------------------------------------------------------------------------------------------
@dataclass
class Proc:
    """A service process started in its own session, so it can be killed whole."""

    name: str
    args: list[str]
    env: dict[str, str]
    log: Path
    process: subprocess.Popen | None = None
    starts: int = 0
    #: While set, the test itself is killing and restarting the process: the supervisor keeps off.
    held: bool = False
    offset: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self) -> None:
        with open(self.log, "ab") as out:
            out.write(f"\n==== start #{self.starts + 1} ====\n".encode())
            out.flush()
            self.offset = out.tell()
            self.process = subprocess.Popen(self.args, cwd=REPO_ROOT, env={**os.environ, **self.env}, stdout=out,
                                            stderr=subprocess.STDOUT, start_new_session=True)
        self.starts += 1

    def kill(self) -> None:
        """SIGKILL, no clean shutdown: no commit, no lease release, no group leave."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(30)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def tail(self, chars: int = 4000) -> str:
        return f"--- {self.log.name}\n{self.log.read_text(errors='replace')[-chars:]}" if self.log.exists() else ""

    def last_words(self) -> str:
        """The last line this run of the process wrote (why it exited)."""
        with open(self.log, "rb") as log:
            log.seek(self.offset)
            lines = log.read().decode(errors="replace").strip().splitlines()
        return lines[-1][:300] if lines else ""


class Supervisor(threading.Thread):
    """Starts again a worker that exited on its own, one second later, as supervisord and Kubernetes do.

    Every such exit is recorded (the summary prints them): the test does not kill
    workers this way, so each one is the worker's own doing.
    """

    def __init__(self, procs: list[Proc], note):
        super().__init__(name="fault-supervisor", daemon=True)
        self.procs, self.note = procs, note
        self.exits: list[str] = []
        self.halt = threading.Event()

    def run(self) -> None:
        while not self.halt.wait(0.5):
            for proc in self.procs:
                if proc.held or proc.process is None or proc.process.poll() is None:
                    continue
                exit_ = f"{proc.name} exited by itself with {proc.process.returncode}: {proc.last_words()}"
                self.exits.append(exit_)
                self.note(exit_ + "; started again in 1s")
                time.sleep(1.0)
                with proc.lock:
                    if not proc.held and not proc.alive() and not self.halt.is_set():
                        proc.start()


@dataclass
class Chaos:
    """Random pauses, and SIGKILLs at random points of a worker's life, each noted in the timeline and counted."""

    rng: random.Random
    timeline: Timeline
    faults: Counter
    #: What the timeline says when ``proc`` is killed (progress of the load, the events waiting in its outbox).
    describe: Callable[[Proc], str]
    #: How long a killed worker stays down (seconds, drawn at random).
    down: tuple[float, float] = (0.0, 2.0)

    def pause(self, low: float, high: float) -> None:
        time.sleep(self.rng.uniform(low, high))

    def kill_and_restart(self, proc: Proc, within: tuple[float, float] = (0.0, 4.0)) -> None:
        self.pause(*within)  # a random point in the worker's life
        with proc.lock:
            proc.held = True
        try:
            if not proc.alive():  # the supervisor is about to start it again: do it now, then kill it
                proc.start()
            self.timeline.note(f"SIGKILL {proc.name} (pid {proc.process.pid}; {self.describe(proc)})")
            proc.kill()
            self.faults[f"SIGKILL {proc.name}"] += 1
            self.pause(*self.down)
            proc.start()
        finally:
            proc.held = False
        self.timeline.note(f"started {proc.name} again (pid {proc.process.pid})")


def outbox_backlog(store: MongoClient, database: str) -> int | str:
    """How many events wait in a service's outbox ("?" while the store is the thing that is down)."""
    try:
        return store[database]["outbox_hints"].count_documents({}, maxTimeMS=2000)
    except Exception:  # noqa: BLE001 - the store may be down
        return "?"


def answers(url: str) -> bool:
    try:
        return requests.get(url, timeout=2).status_code == 200
    except requests.RequestException:
        return False


@dataclass
class Timeline:
    started: float = field(default_factory=now)
    entries: list[str] = field(default_factory=list)

    def note(self, text: str) -> None:
        line = f"[{now() - self.started:7.2f}s] {text}"
        self.entries.append(line)
        print(f"faults: {line}", flush=True)


# -- what the platform holds -----------------------------------------------------------------------------------
def gauge(url: str, name: str, service: str) -> float | None:
    try:
        text = requests.get(url, timeout=5).text
    except requests.RequestException:
        return None
    for line in text.splitlines():
        if line.startswith(f"{name}{{") and f'service="{service}"' in line:
            return float(line.rsplit(" ", 1)[1])
    return None


def event_name(event: dict) -> str:
    """``IndicatorSubmitted`` of ``vn.edu71.IndicatorSubmitted.v1`` (the envelope's type)."""
    parts = str(event.get("type", "")).split(".")
    return parts[2] if len(parts) > 2 else ""

"""Where a test session's CPU goes: the session's own threads and every process it started, sampled as it runs.

The same session has used twice its usual CPU in some runs and not in others, the extra moving from one session
to another (issue 16). Its work is fixed, so something spins: a thread of the workers the session runs in its own
process, or one of the processes it starts (Kafka, FerretDB, a platform's APIs and workers, a browser). Every
session now ends with the ledger, so the next run that doubles says which.

A process is counted up to its last sample: one that ends between two samples loses at most ``every`` seconds.
"""
from __future__ import annotations

import re
import threading
from collections import defaultdict
from pathlib import Path

import psutil


def label(cmdline: list[str]) -> str:
    """A short name for a process the session started, from its command line."""
    if not cmdline:
        return "?"
    program = Path(cmdline[0]).name
    if program == "java":
        return "Kafka" if any("kafka" in part for part in cmdline) else "java"
    if program == "ferretdb":
        return "FerretDB"
    if "chrom" in program or "headless_shell" in program:
        return "Chromium"
    if program.startswith("python") or program == "gunicorn":
        for i, part in enumerate(cmdline):
            if part == "-m" and i + 1 < len(cmdline):
                return cmdline[i + 1]
            if part.endswith(":create_app()"):
                return "gunicorn " + part.split(".", 1)[0].strip("'")
        return " ".join(Path(part).name for part in cmdline[:3])
    return program


def thread_kind(name: str) -> str:
    """A thread's name with its numbers dropped: "Thread-12 (run)" and "Thread-40 (run)" are one kind."""
    return re.sub(r"\d+", "N", name)


class CpuLedger(threading.Thread):
    """Samples, every ``every`` seconds, the CPU of this process's threads and of each process it started."""

    def __init__(self, every: float = 5.0):
        super().__init__(name="edu71-cpu-ledger", daemon=True)
        self.every = every
        self.halt = threading.Event()
        self._me = psutil.Process()
        self._lock = threading.Lock()
        #: CPU seconds last seen, by thread id (with the thread's kind) and by process id (with its label).
        self._threads: dict[int, tuple[str, float]] = {}
        self._processes: dict[int, tuple[str, float]] = {}

    def run(self) -> None:
        while not self.halt.wait(self.every):
            self.sample()

    def sample(self) -> None:
        names = {t.native_id: t.name for t in threading.enumerate()}
        threads = {}
        for thread in self._me.threads():
            known = self._threads.get(thread.id)
            kind = thread_kind(names[thread.id]) if thread.id in names else (known[0] if known else "(native)")
            threads[thread.id] = (kind, thread.user_time + thread.system_time)
        processes = {}
        for child in self._me.children(recursive=True):
            try:
                with child.oneshot():  # named afresh each time: a script that execs its server changes its name
                    times = child.cpu_times()
                    processes[child.pid] = (label(child.cmdline()), times.user + times.system)
            except psutil.Error:
                continue
        with self._lock:
            self._threads.update(threads)
            self._processes.update(processes)

    def totals(self) -> tuple[dict[str, float], dict[str, float]]:
        """CPU seconds so far by kind of thread of this process, and by process (by label), after a last sample."""
        self.sample()
        by_thread, by_process = defaultdict(float), defaultdict(float)
        with self._lock:
            for kind, used in self._threads.values():
                by_thread[kind] += used
            for name, used in self._processes.values():
                by_process[name] += used
        return dict(by_thread), dict(by_process)

    def summary(self, most: int = 8) -> list[str]:
        """The session's CPU by process and, for the session's own process, by kind of thread (largest first)."""
        by_thread, by_process = self.totals()
        own = self._me.cpu_times()

        def listed(totals: dict[str, float]) -> str:
            ranked = sorted(totals.items(), key=lambda kv: -kv[1])
            shown = [f"{name} {used:.0f}s" for name, used in ranked[:most] if used >= 0.5]
            rest = sum(used for _, used in ranked[most:])
            return ", ".join(shown + ([f"the rest {rest:.0f}s"] if rest >= 0.5 else [])) or "none"

        return [f"CPU of this session's process: {own.user + own.system:.0f}s; by thread: {listed(by_thread)}",
                f"CPU of the processes it started: {listed(by_process)}"]

"""Run the test suite as several pytest sessions at once: ``python -m edu71_testing.sessions PATHS [PATHS ...]``.

Each argument is one session's test paths (space-separated). Every session is a pytest process of its own,
so the plugin starts a Kafka broker and a FerretDB of its own for it on free ports: the fault-injection
tests, which kill their session's broker and store, cannot disturb another session's tests. Much of the
suite waits (for a broker coming back, for a worker's consumer group, for events to travel), so sessions side by side
fill the machine's cores better than one.

A session's output goes to ``var/test-logs/session-<n>.log`` while it runs and is printed whole, unmixed
with the others', as soon as it ends; the last lines sum up every session: its wall time and the CPU time it
used, servers included (Kafka, FerretDB, the platform's processes), which is what to balance on a small machine. The exit status is the first
non-zero status of a session (0 when every session passed). Options after ``--`` are passed to every session.
"""
from __future__ import annotations

import os
import re
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

from edu71.config import REPO_ROOT

#: Seconds between the lines saying which sessions still run.
HEARTBEAT = 120.0


def main(argv: list[str]) -> int:
    extra: list[str] = []
    if "--" in argv:
        cut = argv.index("--")
        argv, extra = argv[:cut], argv[cut + 1:]
    groups = [group.split() for group in argv if group.split()]
    if not groups:
        print("usage: python -m edu71_testing.sessions 'PATHS' ['PATHS' ...] [-- PYTEST OPTIONS]", file=sys.stderr)
        return 2
    logs = REPO_ROOT / "var" / "test-logs"
    logs.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    running: dict[int, tuple[subprocess.Popen, Path, float]] = {}
    try:
        for number, paths in enumerate(groups, 1):
            log = logs / f"session-{number}.log"
            with open(log, "wb") as out:
                process = subprocess.Popen([sys.executable, "-m", "pytest", *extra, *paths], cwd=REPO_ROOT,
                                           stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
            running[number] = (process, log, time.monotonic())
            print(f"edu71: test session {number} started: {' '.join(paths)} (output in {log.relative_to(REPO_ROOT)})",
                  flush=True)
        results: dict[int, tuple[int, float, float, str]] = {}
        failures: dict[int, list[str]] = {}
        heartbeat = time.monotonic() + HEARTBEAT
        while len(results) < len(running):
            if time.monotonic() > heartbeat:  # a CI watching for output sees the run alive
                heartbeat += HEARTBEAT
                waiting = [f"{n} ({_progress(log)})" for n, (_, log, _) in running.items() if n not in results]
                print(f"edu71: {(time.monotonic() - started) / 60:.0f} min, still running: session "
                      f"{', '.join(waiting)}", flush=True)
            for number, (process, log, began) in running.items():
                if number in results:
                    continue
                before = _children_cpu()
                if process.poll() is None:
                    continue
                # Reaping the session added its CPU (and that of every process it reaped) to our children's.
                text = log.read_text(errors="replace")
                results[number] = (process.returncode, time.monotonic() - began, _children_cpu() - before,
                                   _outcome(text))
                failures[number] = _failures(text)
                print(f"\n{'=' * 30} test session {number}: {' '.join(groups[number - 1])} {'=' * 30}", flush=True)
                sys.stdout.write(text)
                sys.stdout.flush()
            time.sleep(0.5)
    except KeyboardInterrupt:
        for process, _, _ in running.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGINT)
        for process, _, _ in running.values():
            process.wait()
        return 130
    print(f"\n{'=' * 30} {len(groups)} test sessions, {time.monotonic() - started:.0f}s in all, CPU "
          f"{sum(cpu for _, _, cpu, _ in results.values()):.0f}s {'=' * 30}")
    for number in sorted(results):
        status, took, cpu, last = results[number]
        print(f"session {number} ({' '.join(groups[number - 1])}): {'passed' if status == 0 else f'exit {status}'}, "
              f"{took:.0f}s (CPU {cpu:.0f}s): {last.strip('= ')}")
        for line in failures[number]:
            print(f"  {line}")
    return next((status for _, (status, *_) in sorted(results.items()) if status != 0), 0)


def _children_cpu() -> float:
    """User and system CPU seconds of the children reaped so far, with their own reaped descendants."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _outcome(text: str) -> str:
    """pytest's closing line ("12 passed, 1 failed in 3.5s"): the last line naming a count and a time (a worker's
    log line written while the session shut down may come after it), else the last line."""
    lines = [line for line in text.splitlines() if line.strip()]
    closing = [line for line in lines if re.search(r"\b(passed|failed|errors?|no tests ran)\b.* in [\d.]+s", line)]
    return (closing or lines or [""])[-1]


def _failures(text: str, most: int = 10, width: int = 1500) -> list[str]:
    """pytest's short summary of what failed ("FAILED path::test - AssertionError: …"), each line cut to ``width``:
    repeated under the closing lines, where a CI that shows only the head and the tail of a long output keeps it."""
    lines = [line for line in text.splitlines() if re.match(r"(FAILED|ERROR) \S+", line)]
    return [line if len(line) <= width else line[:width] + " …" for line in lines[:most]] + (
        [f"… and {len(lines) - most} more"] if len(lines) > most else [])


def _progress(log: Path) -> str:
    """How far a session is, from pytest's last ``[ 42%]`` (or "starting" before its first)."""
    found = re.findall(r"\[\s*(\d+%)\]", log.read_text(errors="replace")[-2000:])
    return found[-1] if found else "starting"


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

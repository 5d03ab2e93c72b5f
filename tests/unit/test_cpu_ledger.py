"""The test sessions' CPU ledger (edu71_testing.cpu): what it names and what it counts."""
import subprocess
import sys
import threading
import time

from edu71_testing.cpu import CpuLedger, label, thread_kind


def test_the_processes_a_session_starts_get_short_names():
    assert label(["/usr/lib/jvm/bin/java", "-Xmx512m", "kafka.Kafka", "server.properties"]) == "Kafka"
    assert label(["/repo/var/bin/ferretdb", "--handler=sqlite"]) == "FerretDB"
    assert label(["/repo/.venv/bin/python", "-m", "indicators.worker"]) == "indicators.worker"
    assert label(["/repo/.venv/bin/python", "/repo/.venv/bin/gunicorn", "-c", "python:edu71.gunicorn_conf",
                  "plans.app:create_app()"]) == "gunicorn plans"
    assert label(["/root/.cache/ms-playwright/chromium-1/chrome-linux/headless_shell", "--no-sandbox"]) == "Chromium"
    assert label([]) == "?"


def test_threads_of_one_kind_are_counted_together():
    assert thread_kind("Thread-12 (run)") == thread_kind("Thread-40 (run)") == "Thread-N (run)"
    assert thread_kind("indicators-outbox-monitor") == "indicators-outbox-monitor"


def _spin(seconds: float, spun: threading.Event, seen: threading.Event) -> None:
    end = time.thread_time() + seconds
    while time.thread_time() < end:
        pass
    spun.set()
    seen.wait()


def test_the_ledger_counts_a_busy_thread_and_a_busy_child_process_after_they_ended():
    """Each spinner waits, once it has spun, until the ledger has sampled it: on a loaded machine a timed sample
    may come only after a spinner ended, and a thread or process is counted up to its last sample."""
    ledger = CpuLedger(every=3600)
    spun, seen = threading.Event(), threading.Event()
    busy = threading.Thread(target=_spin, args=(0.2, spun, seen), name="busy-spinner")
    busy.start()
    spinning = [sys.executable, "-c", "import sys, time\nend = time.process_time() + 0.2\n"
                "while time.process_time() < end: pass\nprint('spun', flush=True)\nsys.stdin.read()"]
    child = subprocess.Popen(spinning, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert spun.wait(60) and child.stdout.readline() == "spun\n"
    ledger.sample()
    seen.set()
    child.stdin.close()
    busy.join()
    child.wait()
    by_thread, by_process = ledger.totals()
    assert by_thread["busy-spinner"] >= 0.15  # the kernel counts in ticks of 10 ms
    assert by_process[label(spinning)] >= 0.15
    own, started = ledger.summary()
    assert own.startswith("CPU of this session's process: ") and started.startswith("CPU of the processes it started: ")

"""gunicorn settings shared by every service API (``gunicorn -c python:edu71.gunicorn_conf``).

Read from the environment: ``EDU71_SERVICE`` (which service), ``GUNICORN_BIND``,
``GUNICORN_WORKERS``, ``GUNICORN_THREADS``, ``PROMETHEUS_MULTIPROC_DIR``.
"""
import gc
import os
import shutil
import tempfile

from prometheus_client import multiprocess

_service = os.environ.get("EDU71_SERVICE", "edu71")
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
# Four per worker: eight took 8-10 % more submissions a second under the benchmark's saturating load and doubled its
# p99 (docs/performance.md, Ingest, "Fourteenth step").
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "edu71.gunicorn_worker.ProblemWorker"
timeout = 60
graceful_timeout = 30
keepalive = 5
accesslog = None  # request metrics and JSON error logs cover it
errorlog = "-"
proc_name = f"edu71-{_service}-api"

# Every worker writes its metric values here; /metrics sums them. The folder
# must be emptied when the server starts, or a previous run's values leak in.
os.environ.setdefault(
    "PROMETHEUS_MULTIPROC_DIR", os.path.join(tempfile.gettempdir(), f"edu71-{_service}-{os.getpid()}-prom")
)


def on_starting(server):
    path = os.environ["PROMETHEUS_MULTIPROC_DIR"]
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path, exist_ok=True)


def child_exit(server, worker):
    multiprocess.mark_process_dead(worker.pid)


def post_worker_init(worker):
    """Freeze what the loaded app holds, then start what it asks to do before its first request
    (``app.extensions["edu71.warm_up"]``, e.g. :func:`edu71.store.listing.warm`) in the background of each
    worker: readiness does not wait for it."""
    # Everything the app built to load (modules, schemas, validators, clients: about 135,000 objects for the
    # indicators API) lives as long as the worker, yet each full collection walked it all: 53-56 ms holding the
    # GIL, which stalls every thread of the worker (one such collection came in each of two in-process runs of
    # 400 and 2,000 submissions). Frozen, the collector no longer looks at them (the same runs: 2-3 µs of full
    # collections per submission); what requests create is collected as before.
    gc.freeze()
    warm_up = getattr(worker.wsgi, "extensions", {}).get("edu71.warm_up")
    if warm_up is not None:
        warm_up()

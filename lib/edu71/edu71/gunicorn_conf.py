"""gunicorn settings shared by every service API (``gunicorn -c python:edu71.gunicorn_conf``).

Read from the environment: ``EDU71_SERVICE`` (which service), ``GUNICORN_BIND``,
``GUNICORN_WORKERS``, ``GUNICORN_THREADS``, ``PROMETHEUS_MULTIPROC_DIR``.
"""
import os
import shutil
import tempfile

from prometheus_client import multiprocess

_service = os.environ.get("EDU71_SERVICE", "edu71")
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
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
    """Start what the app asks to do before its first request (``app.extensions["edu71.warm_up"]``, e.g.
    :func:`edu71.store.listing.warm`) in the background of each worker: readiness does not wait for it."""
    warm_up = getattr(worker.wsgi, "extensions", {}).get("edu71.warm_up")
    if warm_up is not None:
        warm_up()

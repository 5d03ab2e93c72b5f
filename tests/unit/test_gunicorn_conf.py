"""What every service API's gunicorn worker does once its app is loaded (edu71.gunicorn_conf)."""
from __future__ import annotations

import gc
import importlib
from types import SimpleNamespace

from flask import Flask


def test_a_loaded_worker_freezes_what_its_app_holds_then_starts_its_warm_up(monkeypatch, tmp_path):
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))  # the module sets a default for gunicorn
    gunicorn_conf = importlib.import_module("edu71.gunicorn_conf")
    app = Flask(__name__)
    frozen_at_warm_up = []
    app.extensions["edu71.warm_up"] = lambda: frozen_at_warm_up.append(gc.get_freeze_count())
    gc.unfreeze()
    try:
        gunicorn_conf.post_worker_init(SimpleNamespace(wsgi=app))
        # The app itself is among the frozen objects: a full collection no longer walks it.
        assert gc.get_freeze_count() > 0
        assert frozen_at_warm_up and frozen_at_warm_up[0] > 0
    finally:
        gc.unfreeze()


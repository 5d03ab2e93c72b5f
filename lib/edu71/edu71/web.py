"""The HTTP side every service shares: app factory base, OpenAPI, ops endpoints, metrics.

A service's ``create_app`` builds its blueprints and calls :func:`create_service_app`;
everything below (problem details, auth, ``/healthz``, ``/readyz``, ``/metrics``,
``/openapi.json`` and the docs page at ``/docs``) is the same for all services.
"""
from __future__ import annotations

import logging
import threading
import time
import uuid
from typing import Callable, Generic, Iterable, TypeVar

from flask import Blueprint, Flask, Response, g, jsonify, request
from flask_smorest import Api
from kafka import KafkaAdminClient
from kafka.errors import KafkaError
from swagger_ui_bundle import swagger_ui_path

from edu71 import db, inputs, logs, metrics, problems
from edu71.auth import TokenVerifier
from edu71.auth import flask as flask_auth
from edu71.config import KafkaSettings, PlatformSettings

log = logging.getLogger(__name__)

T = TypeVar("T")


class Watched(Generic[T]):
    """A check too slow for a probe, answered at once from its last result, made in the background.

    A check of something unreachable can take tens of seconds (connection
    attempts, timeouts), longer than any readiness probe waits; so ``check``
    runs in its own thread every ``ttl`` seconds and :meth:`latest` only reads
    its last result. The thread starts with the first answer (after gunicorn has
    forked its workers), which waits for the first check, but never more than
    ``first_wait`` seconds (``initial`` is the answer until then).
    """

    def __init__(self, check: Callable[[], T], initial: T, *, ttl: float = 5.0, first_wait: float = 1.5,
                 name: str = "probe"):
        self.check = check
        self.ttl = ttl
        self.first_wait = first_wait
        self.name = name
        self._checked = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._value = initial

    def latest(self) -> T:
        with self._lock:
            starting = self._thread is None or not self._thread.is_alive()
            if starting:
                self._thread = threading.Thread(target=self._watch, name=self.name, daemon=True)
                self._thread.start()
        if starting:
            self._checked.wait(self.first_wait)
        return self._value

    def _watch(self) -> None:
        while True:
            self._value = self.check()
            self._checked.set()
            time.sleep(self.ttl)


class KafkaProbe:
    """Answers "is the broker reachable?" at once, from a check made in the background (:class:`Watched`).

    A broker that has not answered the first check within ``first_wait`` seconds counts as unreachable.
    """

    def __init__(self, kafka: KafkaSettings, ttl: float = 5.0, first_wait: float = 1.5):
        self.kafka = kafka
        self._admin: KafkaAdminClient | None = None
        self._watched = Watched(self._check, False, ttl=ttl, first_wait=first_wait, name="kafka-probe")

    def reachable(self) -> bool:
        return self._watched.latest()

    def _check(self) -> bool:
        try:
            if self._admin is None:
                self._admin = KafkaAdminClient(
                    bootstrap_servers=self.kafka.bootstrap_servers.split(","),
                    client_id=f"{self.kafka.client_id}-probe",
                    request_timeout_ms=3000,
                )
            self._admin.describe_cluster()
            return True
        except (KafkaError, OSError) as exc:
            log.warning("kafka unreachable: %s", exc)
            if self._admin is not None:
                self._admin.close()
            self._admin = None
            return False


def readiness(settings: PlatformSettings, kafka: KafkaProbe, *, kafka_required: bool = False) -> tuple[dict, bool]:
    """Check the dependencies.

    The store is required: without it nothing can be read or written. Kafka is
    checked and reported, but an API that cannot reach it stays ready, because
    its writes wait in the outbox; workers, which need the broker, fail on it.
    """
    checks = {
        "mongodb": "ok" if db.is_reachable(settings.service) else "unreachable",
        "kafka": "ok" if kafka.reachable() else "unreachable",
    }
    ready = checks["mongodb"] == "ok" and (checks["kafka"] == "ok" or not kafka_required)
    return checks, ready


def ops_blueprint(check: Callable[[], tuple[dict, bool]]) -> Blueprint:
    """``/healthz``, ``/readyz`` and ``/metrics``, for the API and the worker alike."""
    bp = Blueprint("ops", __name__)

    @bp.get("/healthz")
    def healthz():
        return jsonify(status="ok")

    @bp.get("/readyz")
    def readyz():
        checks, ready = check()
        return jsonify(status="ok" if ready else "unavailable", checks=checks), 200 if ready else 503

    @bp.get("/metrics")
    def metrics_endpoint():
        body, content_type = metrics.exposition()
        return Response(body, content_type=content_type)

    return bp


def docs_blueprint() -> Blueprint:
    """Swagger UI's assets from the ``swagger-ui-bundle`` package: the docs page needs no CDN."""
    return Blueprint("swagger_ui_assets", __name__, static_folder=swagger_ui_path,
                     static_url_path="/docs/assets")


def observe_requests(app: Flask, service: str) -> None:
    """Per request: an id (``X-Request-ID``, kept in the logs) and its duration by route and status."""
    @app.before_request
    def _start():
        g.request_started = time.perf_counter()
        g.request_id = request.headers.get("X-Request-ID") or str(uuid.uuid4())
        g.log_token = logs.correlation_id.set(g.request_id)

    @app.after_request
    def _finish(response: Response):
        started = g.get("request_started")
        if started is not None:
            route = request.url_rule.rule if request.url_rule else "<unmatched>"
            metrics.HTTP_REQUEST_DURATION.labels(service, request.method, route, str(response.status_code)).observe(
                time.perf_counter() - started
            )
        response.headers["X-Request-ID"] = g.get("request_id", "")
        return response

    @app.teardown_request
    def _reset(_exc):
        token = g.pop("log_token", None)
        if token is not None:
            logs.correlation_id.reset(token)


def create_service_app(
    settings: PlatformSettings,
    *,
    title: str,
    description: str,
    blueprints: Iterable,
    max_content_length: int = 2 * 1024 * 1024,
    version: str = "1.0.0",
) -> Flask:
    logs.configure(settings.service, settings.log_level)
    app = Flask(__name__)
    app.json.ensure_ascii = False  # Vietnamese stays readable UTF-8, not \u escapes
    app.config.update(
        MAX_CONTENT_LENGTH=max_content_length,
        API_TITLE=title,
        API_VERSION=version,
        OPENAPI_VERSION="3.1.0",
        OPENAPI_URL_PREFIX="/",
        OPENAPI_JSON_PATH="openapi.json",
        OPENAPI_SWAGGER_UI_PATH="docs",
        OPENAPI_SWAGGER_UI_URL="/docs/assets/",
        API_SPEC_OPTIONS={
            "info": {"description": description},
            "components": {
                "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}}
            },
            "security": [{"bearerAuth": []}],
        },
    )
    db.connect(settings)
    api = Api(app, spec_kwargs={"extra_plugins": [problems.OpenAPIPlugin()]})
    for bp in blueprints:
        api.register_blueprint(bp)
    kafka = KafkaProbe(settings.kafka)
    app.register_blueprint(ops_blueprint(lambda: readiness(settings, kafka)))
    app.register_blueprint(docs_blueprint())
    flask_auth.init_app(app, TokenVerifier(settings.auth), settings.service)
    observe_requests(app, settings.service)
    inputs.install(app)  # after the request's id is set, so a refusal is logged with it
    problems.install(app)  # after Api(app), whose own error handler it replaces
    app.extensions["edu71.settings"] = settings
    return app

"""The processes of the local platform, and the supervisord configuration that runs them.

``make up`` writes ``var/supervisord.conf`` from this list; ports can be
changed through the environment (``PLANS_PORT``, ``KAFKA_PORT``, …).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VAR = Path(os.environ.get("EDU71_VAR", ROOT / "var"))

#: service → (API port, worker metrics port)
SERVICES = {
    "plans": (8001, 9101),
    "indicators": (8002, 9102),
    "notifications": (8003, 9103),
    "reports": (8004, 9104),
    "identity": (8005, 9105),
}


def port(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def api_port(service: str) -> int:
    return port(f"{service.upper()}_PORT", SERVICES[service][0])


def worker_port(service: str) -> int:
    return port(f"{service.upper()}_WORKER_METRICS_PORT", SERVICES[service][1])


def portal_port() -> int:
    return port("PORTAL_PORT", 8000)


def smtp_catcher_port() -> int:
    return port("SMTP_CATCHER_PORT", 8025)


def smtp_catcher_env() -> dict[str, str]:
    """The notifications worker mails through the local catcher."""
    return {"NOTIFICATIONS_SMTP_HOST": "127.0.0.1", "NOTIFICATIONS_SMTP_PORT": str(smtp_catcher_port()),
            "NOTIFICATIONS_SMTP_SECURITY": "none", "NOTIFICATIONS_PORTAL_URL": f"http://127.0.0.1:{portal_port()}"}


def program(name: str, command: str, priority: int, env: dict[str, str] | None = None, stopwait: int = 30) -> str:
    lines = [
        f"[program:{name}]",
        f"command={command}",
        f"directory={ROOT}",
        f"priority={priority}",
        "autorestart=true",
        "startsecs=3",
        f"stopwaitsecs={stopwait}",
        "stopasgroup=true",
        "killasgroup=true",
        "redirect_stderr=true",
        f"stdout_logfile={VAR}/log/{name}.log",
        "stdout_logfile_maxbytes=20MB",
        "stdout_logfile_backups=2",
    ]
    if env:
        lines.append("environment=" + ",".join(f'{k}="{v}"' for k, v in env.items()))
    return "\n".join(lines)


def render() -> str:
    venv = ROOT / ".venv" / "bin"
    sections = [
        "\n".join([
            "[unix_http_server]", f"file={VAR}/run/supervisor.sock", "",
            "[supervisord]", f"logfile={VAR}/log/supervisord.log", f"pidfile={VAR}/run/supervisord.pid",
            "logfile_maxbytes=10MB", "loglevel=warn", f"childlogdir={VAR}/log", "",
            "[rpcinterface:supervisor]",
            "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface", "",
            "[supervisorctl]", f"serverurl=unix://{VAR}/run/supervisor.sock",
        ]),
        program("ferretdb", f"{ROOT}/deploy/bin/run-ferretdb", 10),
        program("kafka", f"{ROOT}/deploy/bin/run-kafka", 10, stopwait=60),
        # A local SMTP catcher: every e-mail the notifications worker sends lands in var/mail (a Maildir).
        program("smtp-catcher",
                f"/bin/sh -c 'mkdir -p {VAR}/mail/tmp {VAR}/mail/new {VAR}/mail/cur && exec {venv}/python -m aiosmtpd "
                f"-n -l 127.0.0.1:{smtp_catcher_port()} -c aiosmtpd.handlers.Mailbox {VAR}/mail'", 10),
    ]
    for service in SERVICES:
        sections.append(program(
            f"{service}-api",
            f"{venv}/gunicorn -c python:edu71.gunicorn_conf '{service}.app:create_app()'",
            20,
            {"EDU71_SERVICE": service, "GUNICORN_BIND": f"127.0.0.1:{api_port(service)}",
             "PROMETHEUS_MULTIPROC_DIR": f"{VAR}/run/prom-{service}"},
        ))
        sections.append(program(
            f"{service}-worker",
            f"{venv}/python -m {service}.worker",
            30,
            {f"{service.upper()}_WORKER_METRICS_PORT": str(worker_port(service)),
             **(smtp_catcher_env() if service == "notifications" else {}),
             # The demo's schools are in Hải Phòng and TP. HCM: both catalogues are published at start.
             **({"INDICATORS_CATALOGUE_PROVINCES": "31,79"} if service == "indicators" else {})},
        ))
    sections.append(program(
        "portal",
        f"{venv}/gunicorn -c python:edu71.gunicorn_conf 'portal.app:create_app()'",
        40,
        # Plain HTTP on loopback: the cookie cannot be Secure here (it is by default elsewhere).
        {"EDU71_SERVICE": "portal", "GUNICORN_BIND": f"127.0.0.1:{portal_port()}", "GUNICORN_THREADS": "64",
         "PROMETHEUS_MULTIPROC_DIR": f"{VAR}/run/prom-portal", "PORTAL_COOKIE_SECURE": "false",
         **{f"PORTAL_{svc.upper()}_URL": f"http://127.0.0.1:{api_port(svc)}" for svc in SERVICES}},
    ))
    sections.append(program(
        "prometheus",
        f"/usr/bin/prometheus --config.file={ROOT}/deploy/prometheus/prometheus.yml "
        f"--storage.tsdb.path={VAR}/prometheus --web.listen-address=127.0.0.1:{port('PROMETHEUS_PORT', 9090)}",
        40,
    ))
    return "\n\n".join(sections) + "\n"


def urls() -> str:
    lines = ["Edu71 is running:"]
    for service in SERVICES:
        base = f"http://127.0.0.1:{api_port(service)}"
        lines.append(f"  {service:<14} API {base}  (docs {base}/docs, metrics {base}/metrics)"
                     f"  worker metrics http://127.0.0.1:{worker_port(service)}/metrics")
    lines.append(f"  portal         http://127.0.0.1:{portal_port()}  (the web application: sign in with a demo account)")
    lines.append(f"  e-mail         SMTP catcher 127.0.0.1:{smtp_catcher_port()}, messages in {VAR}/mail/new")
    lines.append(f"  Prometheus     http://127.0.0.1:{port('PROMETHEUS_PORT', 9090)}  (rules and alerts: deploy/prometheus/)")
    lines.append(f"  Kafka          {os.environ.get('KAFKA_BOOTSTRAP_SERVERS', '127.0.0.1:9092')}")
    lines.append(f"  Document store {os.environ.get('MONGODB_URI', 'mongodb://127.0.0.1:27017/')}")
    return "\n".join(lines)


if __name__ == "__main__":
    if sys.argv[1:] == ["urls"]:
        print(urls())
    else:
        (VAR / "log").mkdir(parents=True, exist_ok=True)
        (VAR / "run").mkdir(parents=True, exist_ok=True)
        print(render(), end="")

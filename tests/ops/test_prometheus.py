"""The monitoring configuration: Prometheus config, recording and alerting rules, the Grafana dashboard.

Everything runs against the real ``promtool`` and ``prometheus`` (installed by
``deploy/bin/install-prometheus`` when missing): the config and rules are
checked, the rules' unit tests run, the dashboard and the rules are checked to
read only series that exist, and one test scrapes a real plans API (gunicorn,
multiprocess metrics) with a real Prometheus server.
"""
from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
import yaml

from edu71_testing import free_port

ROOT = Path(__file__).resolve().parents[2]
PROM = ROOT / "deploy" / "prometheus"
CONFIG = PROM / "prometheus.yml"
RECORDING = PROM / "rules" / "recording.yml"
ALERTS = PROM / "rules" / "alerts.yml"
RULE_TESTS = sorted((PROM / "tests").glob("*.yml"))
DASHBOARD = ROOT / "deploy" / "grafana" / "edu71.json"
INSTALL = ROOT / "deploy" / "bin" / "install-prometheus"

#: Metrics the rules use that the services do not expose yet (not in edu71.metrics).
#: Series Prometheus makes itself.
PROMETHEUS_OWN = {"up"}


# --- tools ---------------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def prometheus_tools() -> dict[str, str]:
    """Paths of promtool and prometheus: the project's install script runs every session (quiet and
    instant when both are there; otherwise it installs Debian's package or says why it cannot)."""
    done = subprocess.run([str(INSTALL)], capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        pytest.fail(f"{INSTALL.relative_to(ROOT)} failed:\n{done.stdout}{done.stderr}", pytrace=False)
    assert done.stdout == "" or "installed" in done.stdout, done.stdout
    tools = {name: shutil.which(name) for name in ("promtool", "prometheus")}
    missing = [name for name, path in tools.items() if not path]
    if missing:
        pytest.fail(f"{', '.join(missing)} still not on PATH after {INSTALL.relative_to(ROOT)}", pytrace=False)
    return tools


def promtool(tools: dict[str, str], *args: str) -> str:
    done = subprocess.run([tools["promtool"], *args], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, f"promtool {' '.join(args)} failed:\n{done.stdout}{done.stderr}"
    return done.stdout + done.stderr


# --- PromQL: which series an expression reads -----------------------------------------------------
_KEYWORDS = {"and", "or", "unless", "by", "without", "on", "ignoring", "group_left", "group_right", "offset",
             "bool", "inf", "nan", "atan2"}
_CLAUSES = re.compile(r"\b(by|without|on|ignoring|group_left|group_right)\s*\([^()]*\)")
_NAME = re.compile(r"(?<![\w:.$])([a-zA-Z_:][a-zA-Z0-9_:]*)(\s*\()?")


def series_names(expr: str) -> set[str]:
    """Metric names an expression selects (not functions, keywords, label names or values)."""
    text = re.sub(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|`[^`]*`', '""', expr)  # string literals
    text = re.sub(r"\{[^{}]*\}", " ", text)  # label matchers
    text = re.sub(r"\[[^\[\]]*\]", " ", text)  # ranges and subqueries
    text = _CLAUSES.sub(" ", text)  # grouping and matching label lists
    names = {m.group(1) for m in _NAME.finditer(text) if not m.group(2)} - _KEYWORDS  # not function calls
    # a selector written only as {__name__="…"}
    names |= set(re.findall(r'__name__\s*=\s*"([^"]+)"', expr))
    return names


def test_series_names_parser():
    assert series_names('sum by (service, le) (rate(a_bucket{status=~"5.."}[5m])) / on (service) b:c:d > 0.5') == {
        "a_bucket", "b:c:d"}
    assert series_names("x unless x offset 15m and on (job, instance) (up offset 15m)") == {"x", "up"}
    assert series_names('histogram_quantile(0.99, y{service=~"$service"}) > 1e3 or vector(0)') == {"y"}


def load_rules(path: Path) -> list[dict]:
    return [rule for group in yaml.safe_load(path.read_text())["groups"] for rule in group["rules"]]


def recorded() -> set[str]:
    return {rule["record"] for rule in load_rules(RECORDING)}


#: Where collectors are declared: the shared ones, and those of services with metrics of their own.
METRIC_MODULES = ("edu71.metrics", "notifications.metrics", "reports.metrics")


def exposed_metrics() -> set[str]:
    """Sample names of every collector declared in the metric modules."""
    import importlib

    from prometheus_client.metrics import MetricWrapperBase

    suffixes = {"counter": ("_total", "_created"), "histogram": ("_bucket", "_count", "_sum", "_created"),
                "summary": ("", "_count", "_sum", "_created"), "gauge": ("",), "info": ("_info",),
                "stateset": ("",), "enum": ("",)}
    names: set[str] = set()
    for module in map(importlib.import_module, METRIC_MODULES):
        declared = {family.name + suffix
                    for collector in vars(module).values() if isinstance(collector, MetricWrapperBase)
                    for family in collector.describe() for suffix in suffixes[family.type]}
        assert declared, f"{module.__name__} declares no collectors"
        names |= declared
    return names


# --- promtool ------------------------------------------------------------------------------------
def test_config_is_valid(prometheus_tools):
    out = promtool(prometheus_tools, "check", "config", str(CONFIG))
    assert "SUCCESS" in out


def test_rules_are_valid(prometheus_tools):
    promtool(prometheus_tools, "check", "rules", str(RECORDING), str(ALERTS))


def test_rule_unit_tests_pass(prometheus_tools):
    assert RULE_TESTS, "no promtool unit tests in deploy/prometheus/tests"
    promtool(prometheus_tools, "test", "rules", *map(str, RULE_TESTS))


# --- static checks -------------------------------------------------------------------------------
def test_config_scrapes_every_api_and_worker():
    config = yaml.safe_load(CONFIG.read_text())
    jobs = {job["job_name"]: job for job in config["scrape_configs"]}
    spec = importlib.util.spec_from_file_location("edu71_local_services", ROOT / "deploy" / "local" / "services.py")
    local = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(local)
    for service, (api, worker) in local.SERVICES.items():
        for kind, port in (("api", api), ("worker", worker)):
            job = jobs[f"{service}-{kind}"]
            [static] = job["static_configs"]
            assert static["targets"] == [f"127.0.0.1:{port}"]
            assert static["labels"]["service"] == service
    assert set(config["rule_files"]) == {"rules/recording.yml", "rules/alerts.yml"}


def test_rules_read_only_metrics_the_services_expose():
    known = exposed_metrics() | recorded() | PROMETHEUS_OWN
    for path in (RECORDING, ALERTS):
        for rule in load_rules(path):
            names = series_names(rule["expr"])
            unknown = names - known
            assert not unknown, f"{path.name}: {rule.get('record') or rule.get('alert')} reads unknown series {unknown}"


def test_alerts_are_bilingual_and_tested_both_ways():
    alerts = load_rules(ALERTS)
    assert alerts
    for rule in alerts:
        for key in ("summary", "description", "runbook"):
            for name in (key, f"{key}_vi"):
                assert rule["annotations"].get(name, "").strip(), f"{rule['alert']}: annotation {name} missing"
        assert rule["labels"]["severity"] in {"critical", "warning", "info"}
    firing, quiet = set(), set()
    for path in RULE_TESTS:
        for case in yaml.safe_load(path.read_text())["tests"]:
            for check in case.get("alert_rule_test", []):
                (firing if check.get("exp_alerts") else quiet).add(check["alertname"])
    names = {rule["alert"] for rule in alerts}
    assert names - firing == set(), f"alerts never tested firing: {names - firing}"
    assert names - quiet == set(), f"alerts never tested quiet: {names - quiet}"


def dashboard_panels(panels: list[dict]):
    for panel in panels:
        yield panel
        yield from dashboard_panels(panel.get("panels", []))


def test_dashboard_reads_only_recorded_series():
    dashboard = json.loads(DASHBOARD.read_text())
    assert 30 <= dashboard["schemaVersion"] <= 41
    allowed = recorded() | PROMETHEUS_OWN
    queries = 0
    for panel in dashboard_panels(dashboard["panels"]):
        if panel["type"] == "row":
            continue
        assert panel.get("targets"), f"panel {panel['title']!r} has no query"
        for target in panel["targets"]:
            names = series_names(target["expr"])
            assert names, f"panel {panel['title']!r}: no series in {target['expr']!r}"
            assert names <= allowed, f"panel {panel['title']!r} reads {names - allowed}, not recorded in recording.yml"
            queries += 1
    for variable in dashboard["templating"]["list"]:
        if variable["type"] == "query":
            metric = re.fullmatch(r"label_values\((.+),\s*\w+\)", variable["definition"]).group(1)
            assert series_names(metric) <= allowed, variable["definition"]
    assert queries >= 10
    # the ids Grafana uses to place panels are unique
    ids = [panel["id"] for panel in dashboard_panels(dashboard["panels"])]
    assert len(ids) == len(set(ids))


# --- a real scrape -------------------------------------------------------------------------------
def _get(url: str, timeout: float = 5) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def _wait(what: str, check, timeout: float, logs: list[Path], interval: float = 0.5):
    """Poll ``check()`` until it returns something truthy; fail with the processes' logs when it never does."""
    deadline = time.monotonic() + timeout
    last_error = None
    while time.monotonic() < deadline:
        try:
            result = check()
            if result:
                return result
        except (OSError, ValueError) as exc:  # not listening yet, or an answer not yet complete
            last_error = exc
        time.sleep(interval)
    tails = "\n".join(f"--- {log.name}\n{log.read_text(errors='replace')[-3000:]}" for log in logs if log.exists())
    pytest.fail(f"timed out waiting for {what} (last error: {last_error})\n{tails}", pytrace=False)


def _stop(process: subprocess.Popen | None, timeout: float = 30) -> None:
    if process is None or process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(10)


@pytest.mark.integration
def test_prometheus_scrapes_a_real_plans_api(prometheus_tools, fresh_databases, tmp_path):
    api_port, prom_port = free_port(), free_port()
    api_log, prom_log = tmp_path / "plans-api.log", tmp_path / "prometheus.log"
    api = base = prometheus = None
    config = {
        "global": {"scrape_interval": "1s", "scrape_timeout": "1s", "evaluation_interval": "1s"},
        "rule_files": [str(RECORDING)],
        "scrape_configs": [{
            "job_name": "plans-api", "honor_labels": True,
            "static_configs": [{"targets": [f"127.0.0.1:{api_port}"], "labels": {"service": "plans", "component": "api"}}],
        }],
    }
    (tmp_path / "prometheus.yml").write_text(yaml.safe_dump(config))
    try:
        with open(api_log, "ab") as out:
            api = subprocess.Popen(
                [str(Path(sys.executable).parent / "gunicorn"), "-c", "python:edu71.gunicorn_conf", "plans.app:create_app()"],
                cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
                env={**os.environ, **fresh_databases, "EDU71_SERVICE": "plans",
                     "GUNICORN_BIND": f"127.0.0.1:{api_port}", "GUNICORN_WORKERS": "2",
                     "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "prom-plans")},
            )
        with open(prom_log, "ab") as out:
            prometheus = subprocess.Popen(
                [prometheus_tools["prometheus"], f"--config.file={tmp_path / 'prometheus.yml'}",
                 f"--storage.tsdb.path={tmp_path / 'tsdb'}", f"--web.listen-address=127.0.0.1:{prom_port}"],
                stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
            )
        logs = [api_log, prom_log]
        base = f"http://127.0.0.1:{api_port}"
        _wait("the plans API to answer /healthz", lambda: _get(f"{base}/healthz")[0] == 200, 90, logs)
        # A few requests, answered by either gunicorn worker: ok, unauthenticated, not found.
        statuses = [_get(f"{base}/healthz")[0] for _ in range(5)] + [_get(f"{base}/plans")[0], _get(f"{base}/nope")[0]]
        assert statuses[:5] == [200] * 5 and statuses[5] == 401 and statuses[6] == 404, statuses

        api_prom = f"http://127.0.0.1:{prom_port}/api/v1"

        def target_up():
            status, body = _get(f"{api_prom}/targets")
            if status != 200:
                return None
            targets = json.loads(body)["data"]["activeTargets"]
            return [t for t in targets if t["labels"]["job"] == "plans-api" and t["health"] == "up"]

        [target] = _wait("Prometheus to scrape the plans API", target_up, 90, logs)
        assert target["labels"]["service"] == "plans"
        assert target["scrapeUrl"] == f"http://127.0.0.1:{api_port}/metrics"

        def query(expr: str):
            def samples():
                status, body = _get(f"{api_prom}/query?" + urllib.parse.urlencode({"query": expr}))
                return json.loads(body)["data"]["result"] if status == 200 else None
            return samples

        def every_call_scraped():
            # the two gunicorn workers' counts are summed (multiprocess mode): every call is there once a scrape
            # follows the last one checked. A scrape may fall between the sixth /healthz and the /plans call (a
            # slow host widens that gap), so waiting for the /healthz count alone and then asserting /plans races.
            series = query("edu71_http_request_duration_seconds_count")() or []
            by_route = {(s["metric"]["route"], s["metric"]["status"]): s for s in series}
            done = ("/healthz", "200") in by_route and float(by_route[("/healthz", "200")]["value"][1]) >= 6 \
                and ("/plans", "401") in by_route
            return by_route if done else None

        by_route = _wait("every /healthz call and the refused /plans counted in Prometheus", every_call_scraped, 90,
                         logs)
        healthz = by_route[("/healthz", "200")]["metric"]
        assert healthz["service"] == "plans" and healthz["job"] == "plans-api" and "exported_service" not in healthz
        # and the recording rules evaluate on what was scraped
        recorded_rate = _wait("service:edu71_http_requests:rate5m", query('service:edu71_http_requests:rate5m{service="plans"}'),
                              90, logs)
        assert recorded_rate[0]["metric"] == {"__name__": "service:edu71_http_requests:rate5m", "service": "plans"}
    finally:
        _stop(api)
        _stop(prometheus)

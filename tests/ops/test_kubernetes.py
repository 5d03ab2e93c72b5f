"""The Kubernetes manifests (deploy/kubernetes): valid for the API server, and complete for the platform.

No cluster runs here, so validity is checked with kubeconform -strict against the
Kubernetes and Strimzi schemas that ``deploy/bin/install-kubeconform`` builds from
registry packages (an unknown or misspelt field is an error), on the base files
and on the production overlay as kustomize renders it. The checks that follow
parse the rendered manifests: every topic of the contracts has its KafkaTopic,
every service its API and worker Deployments with probes, and so on.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from edu71.auth.tokens import generate_keys
from edu71.config import REPO_ROOT
from edu71.contracts import Contracts

KUBE = REPO_ROOT / "deploy" / "kubernetes"
INSTALL = REPO_ROOT / "deploy" / "bin" / "install-kubeconform"
TOOLS = REPO_ROOT / "var" / "bin"
SCHEMAS = REPO_ROOT / "var" / "kubeconform" / "schemas"
SERVICES = sorted(p.name for p in (REPO_ROOT / "services").iterdir() if (p / p.name / "app.py").exists())
#: The portal keeps no store of its own: it is ready as soon as it serves, and has no /readyz.
READY_WITHOUT_STORE = {"portal"}


@pytest.fixture(scope="session")
def kube_tools() -> dict[str, Path]:
    """kubeconform, kustomize and the schemas: the install script runs every session (quiet and quick when done)."""
    done = subprocess.run([str(INSTALL)], capture_output=True, text=True, timeout=900)
    if done.returncode != 0:
        pytest.fail(f"{INSTALL.relative_to(REPO_ROOT)} failed:\n{done.stdout}{done.stderr}", pytrace=False)
    return {"kubeconform": TOOLS / "kubeconform", "kustomize": TOOLS / "kustomize"}


def kubeconform(tools, *paths: Path, skip: str = "") -> subprocess.CompletedProcess:
    args = [str(tools["kubeconform"]), "-strict", "-summary", "-output", "text",
            "-schema-location", f"{SCHEMAS}/kubernetes/{{{{.ResourceKind}}}}{{{{.KindSuffix}}}}.json",
            "-schema-location", f"{SCHEMAS}/crds/{{{{.Group}}}}/{{{{.ResourceKind}}}}_{{{{.ResourceAPIVersion}}}}.json"]
    if skip:
        args += ["-skip", skip]
    return subprocess.run([*args, *map(str, paths)], capture_output=True, text=True, timeout=300)


def _with_throwaway_secrets(tree: Path) -> None:
    """The files the production overlay turns into Secrets, as an operator makes them (never in git)."""
    secrets = tree / "overlays" / "production" / "secrets"
    generate_keys(secrets / "jwt")
    (secrets / "mongodb.env").write_text(
        "MONGODB_URI=mongodb://edu71:test@mongodb-0.mongodb,mongodb-1.mongodb,mongodb-2.mongodb/?replicaSet=rs0\n")
    (secrets / "mongodb-root.env").write_text("MONGO_INITDB_ROOT_USERNAME=root\nMONGO_INITDB_ROOT_PASSWORD=test\n")
    (secrets / "mongodb-keyfile").write_text("dGVzdC1rZXlmaWxlLW5vdC1mb3ItdXNl\n")
    (secrets / "portal.env").write_text("PORTAL_SECRET_KEY=test\n")


def _build(tools, tree: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(tools["kustomize"]), "build", str(tree / "overlays" / "production")],
                          capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="module")
def rendered(kube_tools, tmp_path_factory) -> Path:
    """The production overlay rendered by kustomize, with throwaway secrets, as one YAML file."""
    tree = tmp_path_factory.mktemp("kubernetes") / "kubernetes"
    shutil.copytree(KUBE, tree, ignore=shutil.ignore_patterns("secrets"))
    _with_throwaway_secrets(tree)
    done = _build(kube_tools, tree)
    assert done.returncode == 0, done.stderr
    out = tree.parent / "production.yaml"
    out.write_text(done.stdout)
    return out


@pytest.fixture(scope="module")
def resources(rendered) -> list[dict]:
    return [doc for doc in yaml.safe_load_all(rendered.read_text()) if doc]


def of_kind(resources, kind: str) -> dict[str, dict]:
    return {r["metadata"]["name"]: r for r in resources if r["kind"] == kind}


# --- validity -------------------------------------------------------------------------------------
def _assert_valid(done: subprocess.CompletedProcess, at_least: int, skipped: int = 0) -> None:
    assert done.returncode == 0, done.stdout + done.stderr
    summary = re.search(r"(\d+) resources found in \d+ files? - Valid: (\d+), Invalid: (\d+), Errors: (\d+), "
                        r"Skipped: (\d+)", done.stdout)
    assert summary, done.stdout
    found, valid, invalid, errors, skips = map(int, summary.groups())
    assert (invalid, errors, skips) == (0, 0, skipped), done.stdout
    assert valid == found - skipped >= at_least, done.stdout


def test_base_manifests_are_valid(kube_tools):
    # kustomization.yaml is kustomize's own file, not an API object.
    _assert_valid(kubeconform(kube_tools, KUBE / "base", skip="Kustomization"), at_least=40, skipped=1)


def test_production_overlay_renders_and_is_valid(kube_tools, rendered):
    _assert_valid(kubeconform(kube_tools, rendered), at_least=45)


@pytest.mark.parametrize(("kind", "correct", "misspelt"), [
    ("Deployment", "  replicas: 2\n", "  replica: 2\n"),
    ("Deployment", "          periodSeconds: 10\n", "          periodSecond: 10\n"),
    ("Kafka", "    listeners:\n", "    listener:\n"),
    ("KafkaTopic", "  partitions: 12\n", "  partition: 12\n"),
    ("StatefulSet", "  serviceName: mongodb\n", "  servicename: mongodb\n"),
])
def test_kubeconform_rejects_a_misspelt_field(kube_tools, rendered, tmp_path, kind, correct, misspelt):
    """The validation is not vacuous: one misspelt field in one resource makes it fail, and says where."""
    documents = rendered.read_text().split("\n---\n")
    index = next(i for i, doc in enumerate(documents) if f"\nkind: {kind}\n" in f"\n{doc}" and correct in doc)
    documents[index] = documents[index].replace(correct, misspelt, 1)
    broken = tmp_path / "broken.yaml"
    broken.write_text("\n---\n".join(documents))
    done = kubeconform(kube_tools, broken)
    assert done.returncode != 0, done.stdout
    assert f"additional properties '{misspelt.strip().split(':')[0]}' not allowed" in done.stdout, done.stdout
    assert "Invalid: 1," in done.stdout, done.stdout


def test_the_overlay_does_not_build_without_its_secrets(kube_tools, tmp_path):
    tree = tmp_path / "kubernetes"
    shutil.copytree(KUBE, tree, ignore=shutil.ignore_patterns("secrets"))
    done = _build(kube_tools, tree)
    assert done.returncode != 0 and "secrets/" in done.stderr, done.stderr


# --- completeness ---------------------------------------------------------------------------------
def test_every_topic_of_the_contracts_has_a_kafka_topic(resources):
    topics = {t["spec"]["topicName"]: t for t in of_kind(resources, "KafkaTopic").values()}
    assert set(topics) == set(Contracts(REPO_ROOT / "contracts").all_topics)
    for name, topic in topics.items():
        assert topic["metadata"]["labels"]["strimzi.io/cluster"] == "edu71", name
        assert topic["spec"]["replicas"] == 3, name
        assert topic["spec"]["config"]["min.insync.replicas"] == 2, name


def test_kafka_is_three_kraft_nodes_with_replication_3_and_min_insync_2(resources):
    [pool] = of_kind(resources, "KafkaNodePool").values()
    assert pool["spec"]["replicas"] == 3
    assert set(pool["spec"]["roles"]) == {"controller", "broker"}
    assert pool["metadata"]["labels"]["strimzi.io/cluster"] == "edu71"
    kafka = of_kind(resources, "Kafka")["edu71"]
    config = kafka["spec"]["kafka"]["config"]
    assert config["default.replication.factor"] == 3 and config["min.insync.replicas"] == 2
    assert config["offsets.topic.replication.factor"] == 3 and config["auto.create.topics.enable"] is False
    [config_map] = [c for name, c in of_kind(resources, "ConfigMap").items() if name.startswith("edu71-config")]
    assert config_map["data"]["KAFKA_BOOTSTRAP_SERVERS"] == "edu71-kafka-bootstrap:9092"  # Strimzi's Service name


def _container(deployment: dict) -> dict:
    [container] = deployment["spec"]["template"]["spec"]["containers"]
    return container


def _probe_path(container: dict, probe: str) -> tuple[str, object]:
    get = container[probe]["httpGet"]
    return get["path"], get["port"]


@pytest.mark.parametrize("service", SERVICES)
def test_every_service_has_an_api_deployment_with_probes_service_and_budget(resources, service):
    deployments = of_kind(resources, "Deployment")
    api = deployments[f"{service}-api"]
    container = _container(api)
    assert container["command"] == ["gunicorn", "-c", "python:edu71.gunicorn_conf", f"{service}.app:create_app()"]
    env = {e["name"]: e.get("value") for e in container["env"]}
    assert env["EDU71_SERVICE"] == service and env["GUNICORN_BIND"] == "0.0.0.0:8000"
    assert _probe_path(container, "livenessProbe") == ("/healthz", "http")
    ready = "/healthz" if service in READY_WITHOUT_STORE else "/readyz"
    assert _probe_path(container, "readinessProbe") == (ready, "http")
    assert {p["name"]: p["containerPort"] for p in container["ports"]} == {"http": 8000}
    assert container["resources"]["requests"] and container["resources"]["limits"]
    annotations = api["spec"]["template"]["metadata"]["annotations"]
    assert (annotations["prometheus.io/scrape"], annotations["prometheus.io/port"]) == ("true", "8000")

    labels = api["spec"]["template"]["metadata"]["labels"]
    selected = api["spec"]["selector"]["matchLabels"]
    assert selected.items() <= labels.items()
    svc = of_kind(resources, "Service")[f"{service}-api"]
    assert svc["spec"]["selector"].items() <= labels.items()
    assert svc["spec"]["ports"][0]["targetPort"] == "http"
    budget = of_kind(resources, "PodDisruptionBudget")[f"{service}-api"]
    assert budget["spec"]["selector"]["matchLabels"].items() <= labels.items()


@pytest.mark.parametrize("service", [s for s in SERVICES if (REPO_ROOT / "services" / s / s / "worker.py").exists()])
def test_every_service_with_a_worker_has_a_worker_deployment_with_probes(resources, service):
    worker = of_kind(resources, "Deployment")[f"{service}-worker"]
    container = _container(worker)
    assert container["command"] == ["python", "-m", f"{service}.worker"]
    env = {e["name"]: e.get("value") for e in container["env"]}
    assert env[f"{service.upper()}_WORKER_METRICS_PORT"] == "9100"
    assert _probe_path(container, "livenessProbe") == ("/healthz", "metrics")
    assert _probe_path(container, "readinessProbe") == ("/readyz", "metrics")
    assert {p["name"]: p["containerPort"] for p in container["ports"]} == {"metrics": 9100}
    assert container["resources"]["requests"] and container["resources"]["limits"]
    annotations = worker["spec"]["template"]["metadata"]["annotations"]
    assert (annotations["prometheus.io/scrape"], annotations["prometheus.io/port"]) == ("true", "9100")


def test_no_deployment_for_a_service_that_does_not_exist(resources):
    names = set(of_kind(resources, "Deployment")) - {"jwks"}  # the static JWKS server (jwks.yaml)
    assert {name.rsplit("-", 1)[0] for name in names} == set(SERVICES)


def test_services_verify_tokens_against_the_jwks_server(resources):
    [config_map] = [c for name, c in of_kind(resources, "ConfigMap").items() if name.startswith("edu71-config")]
    assert config_map["data"]["AUTH_JWKS_URL"] == "http://jwks/jwks.json"
    jwks = of_kind(resources, "Deployment")["jwks"]
    [volume] = [v for v in jwks["spec"]["template"]["spec"]["volumes"] if "secret" in v]
    assert volume["secret"]["secretName"].startswith("edu71-jwt-public")
    assert of_kind(resources, "Service")["jwks"]["spec"]["selector"].items() <= \
        jwks["spec"]["template"]["metadata"]["labels"].items()


def test_workers_listen_on_every_interface_of_their_pod(resources):
    """The worker's ops server binds 127.0.0.1 by default: probes and Prometheus would never reach it."""
    [config_map] = [c for name, c in of_kind(resources, "ConfigMap").items() if name.startswith("edu71-config")]
    assert config_map["data"]["WORKER_METRICS_HOST"] == "0.0.0.0"


def test_worker_autoscaling_stops_at_the_partition_count(resources):
    partitions = {t["spec"]["partitions"] for t in of_kind(resources, "KafkaTopic").values()}
    assert len(partitions) == 1
    deployments = of_kind(resources, "Deployment")
    scalers = {name: h for name, h in of_kind(resources, "HorizontalPodAutoscaler").items() if name.endswith("-worker")}
    assert scalers, "no worker is autoscaled"
    for name, scaler in scalers.items():
        target = scaler["spec"]["scaleTargetRef"]
        assert target["kind"] == "Deployment" and target["name"] in deployments, name
        assert 1 <= scaler["spec"]["minReplicas"] <= scaler["spec"]["maxReplicas"] <= min(partitions), name


def test_autoscaled_deployments_leave_the_replica_count_to_the_autoscaler(resources):
    """A Deployment that names replicas would be scaled back to them by every apply."""
    deployments = of_kind(resources, "Deployment")
    targets = {h["spec"]["scaleTargetRef"]["name"] for h in of_kind(resources, "HorizontalPodAutoscaler").values()}
    assert {f"{s}-api" for s in SERVICES} <= targets
    for name in targets:
        assert "replicas" not in deployments[name]["spec"], name


def test_every_referenced_config_map_and_secret_exists(resources):
    """kustomize renames generated Secrets (name + content hash) and must have rewritten every reference."""
    existing = {(r["kind"], r["metadata"]["name"]) for r in resources if r["kind"] in ("Secret", "ConfigMap")}
    for workload in [r for r in resources if r["kind"] in ("Deployment", "StatefulSet", "Job")]:
        pod = workload["spec"]["template"]["spec"]
        for container in pod.get("initContainers", []) + pod["containers"]:
            for source in container.get("envFrom", []):
                if "configMapRef" in source:
                    assert ("ConfigMap", source["configMapRef"]["name"]) in existing, workload["metadata"]["name"]
                if "secretRef" in source:
                    assert ("Secret", source["secretRef"]["name"]) in existing, workload["metadata"]["name"]
        for volume in pod.get("volumes", []):
            if "secret" in volume:
                assert ("Secret", volume["secret"]["secretName"]) in existing, workload["metadata"]["name"]


def test_only_the_identity_api_holds_the_signing_key(resources):
    holders = {r["metadata"]["name"] for r in resources if r["kind"] in ("Deployment", "StatefulSet")
               for v in r["spec"]["template"]["spec"].get("volumes", [])
               if v.get("secret", {}).get("secretName", "").startswith("edu71-jwt-signing")}
    assert holders == {"identity-api"}


def test_mongodb_is_a_three_member_replica_set_with_a_disruption_budget(resources):
    mongodb = of_kind(resources, "StatefulSet")["mongodb"]
    assert mongodb["spec"]["replicas"] == 3
    args = _container(mongodb)["args"]
    assert args[args.index("--replSet") + 1] == "rs0"
    budget = of_kind(resources, "PodDisruptionBudget")["mongodb"]
    assert budget["spec"]["maxUnavailable"] == 1
    assert of_kind(resources, "Service")["mongodb"]["spec"]["clusterIP"] == "None"


def test_everything_lives_in_the_edu71_namespace(resources):
    assert "edu71" in of_kind(resources, "Namespace")
    assert {r["metadata"].get("namespace") for r in resources if r["kind"] != "Namespace"} == {"edu71"}

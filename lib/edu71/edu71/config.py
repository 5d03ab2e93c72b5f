"""Settings every service reads from the environment.

Each service's own ``config.py`` calls :func:`platform_settings` once and adds
its own values; nothing else in a service reads ``os.environ``.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from environs import Env

REPO_ROOT = Path(__file__).resolve().parents[3]


@dataclass(frozen=True)
class KafkaSettings:
    bootstrap_servers: str
    topic_partitions: int
    topic_replication: int
    client_id: str
    #: Upper bound on how long a send may wait for the broker before the relay
    #: gives up on this pass and tries again later (the event stays in the outbox).
    delivery_timeout_ms: int = 30_000
    #: How long the group coordinator waits for a silent consumer before it gives the consumer's partitions to the
    #: others (a crashed worker's, to its replacement): kafka-python's default for brokers 3.0+. It must lie within
    #: the broker's ``group.min.session.timeout.ms`` (6 s by default) and ``group.max.session.timeout.ms``.
    session_timeout_ms: int = 45_000
    #: How often a consumer tells the coordinator it is alive: at most a third of the session timeout, so that a
    #: heartbeat or two lost to a busy machine does not end the session.
    heartbeat_interval_ms: int = 3_000


@dataclass(frozen=True)
class AuthSettings:
    #: OIDC provider's JWKS endpoint (e.g. Keycloak's ``/protocol/openid-connect/certs``).
    jwks_url: str | None
    #: PEM public key of the built-in issuer, used when no JWKS URL is set.
    public_key_file: Path | None
    issuer: str
    audience: str
    algorithms: tuple[str, ...]
    #: Where the built-in issuer keeps its private key (dev and demo only).
    private_key_file: Path | None = None


@dataclass(frozen=True)
class PlatformSettings:
    service: str
    mongodb_uri: str
    mongodb_db: str
    kafka: KafkaSettings
    auth: AuthSettings
    contracts_dir: Path
    log_level: str
    metrics_port: int
    metrics_host: str
    #: The worker's Kafka consumer group; one per deployment, so two deployments on one
    #: cluster (or two test platforms on one broker) never split each other's partitions.
    consumer_group: str


def platform_settings(service: str, env: Env | None = None) -> PlatformSettings:
    """Read the settings shared by every service; ``service`` names its database and client id."""
    env = env or Env()
    prefix = service.upper()
    mongodb_uri = env.str("MONGODB_URI", "mongodb://127.0.0.1:27017/")
    db = env.str(f"{prefix}_MONGODB_DB", f"edu71_{service}")
    kafka = KafkaSettings(
        bootstrap_servers=env.str("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
        topic_partitions=env.int("KAFKA_TOPIC_PARTITIONS", 6),
        topic_replication=env.int("KAFKA_TOPIC_REPLICATION", 1),
        client_id=env.str("KAFKA_CLIENT_ID", f"edu71-{service}"),
        delivery_timeout_ms=env.int("KAFKA_DELIVERY_TIMEOUT_MS", 30_000),
        session_timeout_ms=env.int("KAFKA_SESSION_TIMEOUT_MS", 45_000),
        heartbeat_interval_ms=env.int("KAFKA_HEARTBEAT_INTERVAL_MS", 3_000),
    )
    if kafka.heartbeat_interval_ms * 3 > kafka.session_timeout_ms:
        raise ValueError(f"KAFKA_HEARTBEAT_INTERVAL_MS ({kafka.heartbeat_interval_ms}) must be at most a third of "
                         f"KAFKA_SESSION_TIMEOUT_MS ({kafka.session_timeout_ms})")
    keys = REPO_ROOT / "var" / "keys"
    public_key = env.path("AUTH_PUBLIC_KEY_FILE", keys / "public.pem")
    private_key = env.path("AUTH_PRIVATE_KEY_FILE", keys / "private.pem")
    auth = AuthSettings(
        jwks_url=env.str("AUTH_JWKS_URL", None) or None,
        public_key_file=public_key,
        private_key_file=private_key,
        issuer=env.str("AUTH_ISSUER", "edu71-dev"),
        audience=env.str("AUTH_AUDIENCE", "edu71"),
        algorithms=tuple(env.list("AUTH_ALGORITHMS", ["RS256"])),
    )
    return PlatformSettings(
        service=service,
        mongodb_uri=mongodb_uri,
        mongodb_db=db,
        kafka=kafka,
        auth=auth,
        contracts_dir=env.path("EDU71_CONTRACTS_DIR", REPO_ROOT / "contracts"),
        log_level=env.str("LOG_LEVEL", "INFO"),
        metrics_port=env.int(f"{prefix}_WORKER_METRICS_PORT", 0),
        metrics_host=env.str("WORKER_METRICS_HOST", "127.0.0.1"),
        consumer_group=env.str(f"{prefix}_CONSUMER_GROUP", service),
    )

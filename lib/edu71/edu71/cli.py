"""``edu71``: operator commands shared by every service (keys, tokens, topics, waiting for infrastructure)."""
from __future__ import annotations

import argparse
import sys
import time

from kafka import KafkaAdminClient
from kafka.errors import KafkaError
from pymongo import MongoClient
from pymongo.errors import PyMongoError

from edu71 import db
from edu71.auth.tokens import TokenIssuer, generate_keys
from edu71.bus import outbox
from edu71.bus.topics import ensure_topics
from edu71.config import platform_settings
from edu71.contracts import Contracts


def wait_for_kafka(bootstrap: str, timeout: float) -> None:
    """Return once the broker answers a metadata request; raise TimeoutError otherwise."""
    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while time.monotonic() < deadline:
        try:
            admin = KafkaAdminClient(bootstrap_servers=bootstrap.split(","), request_timeout_ms=3000,
                                     client_id="edu71-wait")
            try:
                admin.describe_cluster()
                return
            finally:
                admin.close()
        except (KafkaError, OSError) as exc:
            last = exc
            time.sleep(0.5)
    raise TimeoutError(f"Kafka at {bootstrap} did not answer within {timeout:.0f}s: {last}")


def wait_for_mongo(uri: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while time.monotonic() < deadline:
        client = MongoClient(uri, serverSelectionTimeoutMS=1000)
        try:
            client.admin.command("ping")
            return
        except PyMongoError as exc:
            last = exc
            time.sleep(0.3)
        finally:
            client.close()
    raise TimeoutError(f"the document store at {uri} did not answer within {timeout:.0f}s: {last}")


def _outbox(action: str, service: str, ids: list[str]) -> int:
    """Operators' view of a relay's quarantine: what was set aside and why, and putting it back once fixed."""
    service_settings = platform_settings(service)
    db.connect(service_settings)
    if action == "quarantine":
        for kept in outbox.quarantined(service):
            print(f"{kept['at']:%Y-%m-%dT%H:%M:%S%z}  {kept['_id']}  [{kept['stage']}]  {kept['reason']}")
        return 0
    released = outbox.release(service, ids or None)
    print(f"edu71: đã giải phóng {released} bản ghi của {service}; bộ relay sẽ xử lý lại ở lượt kế tiếp")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="edu71", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    sub.add_parser("keys", help="create the built-in token issuer's key pair under var/keys (if missing)")

    tok = sub.add_parser("token", help="print a signed bearer token (built-in issuer)")
    tok.add_argument("--sub", required=True)
    tok.add_argument("--name")
    tok.add_argument("--role", required=True, choices=["school", "commune", "city", "operator", "admin"])
    tok.add_argument("--org-unit", required=True)
    tok.add_argument("--org-unit-name")
    tok.add_argument("--commune-code")
    tok.add_argument("--province-code")
    tok.add_argument("--school-level")
    tok.add_argument("--ttl", type=int, default=8 * 3600)

    sub.add_parser("topics", help="create the topics named in contracts/asyncapi.yaml")

    wait = sub.add_parser("wait", help="wait until Kafka and/or the document store answer")
    wait.add_argument("what", choices=["kafka", "mongo", "all"])
    wait.add_argument("--timeout", type=float, default=90)

    held = sub.add_parser("outbox", help="list or release the outbox records a service's relay quarantined")
    held.add_argument("action", choices=["quarantine", "release"])
    held.add_argument("--service", required=True, choices=["identity", "plans", "indicators", "notifications", "reports"])
    held.add_argument("ids", nargs="*", help="records to release (default: every quarantined record)")

    args = parser.parse_args(argv)
    settings = platform_settings("cli")
    try:
        if args.command == "keys":
            directory = settings.auth.private_key_file.parent
            if generate_keys(directory):
                print(f"edu71: created signing keys in {directory}")
        elif args.command == "token":
            issuer = TokenIssuer(settings.auth)
            print(issuer.issue(sub=args.sub, name=args.name or args.sub, role=args.role, org_unit=args.org_unit,
                               org_unit_name=args.org_unit_name, commune_code=args.commune_code, province_code=args.province_code,
                               school_level=args.school_level, ttl=args.ttl))
        elif args.command == "topics":
            created = ensure_topics(settings.kafka, Contracts(settings.contracts_dir))
            print(f"edu71: topics created: {', '.join(created) or 'none (all exist)'}")
        elif args.command == "wait":
            if args.what in ("kafka", "all"):
                wait_for_kafka(settings.kafka.bootstrap_servers, args.timeout)
            if args.what in ("mongo", "all"):
                wait_for_mongo(settings.mongodb_uri, args.timeout)
        elif args.command == "outbox":
            return _outbox(args.action, args.service, args.ids)
    except (TimeoutError, FileNotFoundError) as exc:
        print(f"edu71: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

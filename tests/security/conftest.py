"""The five service APIs, in process, on the session's real Kafka and FerretDB, with a little real data.

``world`` (package scope: torn down right after this folder's tests, so its worker threads never
outlive it) gives each service its own fresh database, starts every service's event worker in this
process (their consumer groups start at the topics' current end, so only this world's events are
consumed), and seeds through the services' own APIs: schools and accounts of two provinces, plans in
several states, an open reporting round with a submission, a city-added indicator, a webhook, a
notification to a school, the city's daily digest, and the roll-ups the reports worker projects.

Callers are the plugin's signed tokens (its session issuer), with ``sub`` naming the real account
created here, plus tokens that must be refused: forged, expired, ``alg: none``, signed by another
key, for another audience or issuer.
"""
from __future__ import annotations

import base64
import io
import json
import os
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from pymongo import MongoClient

from edu71 import db
from edu71.orgs import SEED_SCHOOLS, School, SchoolLevel, demo_schools
from edu71_testing import bearer, fresh_group, wait_until

SERVICES = ("identity", "plans", "indicators", "notifications", "reports")
PASSWORD = "Edu71-security-2026"

#: Callers with a valid token, named relative to the object an operation is about (which belongs to
#: ``school_own``, a primary school of commune 10744 in Hải Phòng, province 31).
ROLE_CALLERS = ("school_own", "school_other", "commune_own", "commune_sibling", "commune_other",
                "city_own", "city_other", "admin", "operator")
#: Callers whose credentials must be refused (each gets the same answer as no token at all).
BAD_CALLERS = ("no_token", "malformed", "forged_signature", "foreign_key", "expired", "alg_none",
               "hs256_public_key", "wrong_audience", "wrong_issuer")


def _vn(moment: datetime) -> str:
    return moment.astimezone(timezone(timedelta(hours=7))).isoformat(timespec="seconds")


def _b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


@dataclass
class World:
    """The running apps, the seeded ids and every caller's ``Authorization`` header."""

    clients: dict  # service → Flask test client
    apps: dict
    headers: dict[str, dict[str, str]]  # caller → headers
    schools: dict[str, School]
    users: dict[str, dict]  # caller → account JSON
    ids: dict[str, str] = field(default_factory=dict)
    #: caller → (issuer, claims) of its token, to mint another one for requests that revoke their own token
    minted: dict = field(default_factory=dict)
    counter: list[int] = field(default_factory=lambda: [0])

    def unique(self, prefix: str = "x") -> str:
        self.counter[0] += 1
        return f"{prefix}{self.counter[0]}{uuid.uuid4().hex[:6]}"

    def disposable(self, caller: str) -> dict[str, str]:
        """Headers with a new token of the same caller (another session), or none for a refused caller."""
        if caller not in self.minted:
            return {}
        issuer, claims = self.minted[caller]
        return bearer(issuer.issue(**claims, sid=f"s-{uuid.uuid4().hex}"))

    def call(self, service: str, method: str, path: str, caller: str | None = None, **kwargs):
        headers = {**(self.headers[caller] if caller else {}), **kwargs.pop("headers", {})}
        return self.clients[service].open(path, method=method, headers=headers, **kwargs)

    def ok(self, service: str, method: str, path: str, caller: str, status: int = 200, **kwargs):
        r = self.call(service, method, path, caller, **kwargs)
        assert r.status_code == status, f"{method} {path} as {caller}: {r.status_code} {r.get_data(as_text=True)[:500]}"
        return r

    # -- objects of school_own, made fresh where an operation changes them -----------------------
    def draft_plan(self, title: str = "Kế hoạch thực hiện Nghị quyết 71-NQ/TW") -> dict:
        return self.ok("plans", "POST", "/plans", "school_own", 201,
                       json={"title": title, "year": 2026, "number_symbol": "28/KH-THHT"}).json

    def submitted_plan(self) -> dict:
        plan = self.draft_plan()
        return self.ok("plans", "POST", f"/plans/{plan['id']}/submit", "school_own").json

    def colleague(self) -> str:
        """A new account of school_own's school (not the caller school_own): the object of revocations."""
        return self.ok("identity", "POST", "/users", "admin", 201, json={
            "name": "Đồng nghiệp", "email": f"{self.unique('dong.nghiep')}@sec.edu71.vn", "role": "school",
            "org_unit": self.schools["own"].code, "password": PASSWORD}).json["id"]

    def etag(self, service: str, path: str, caller: str = "admin") -> str:
        return self.ok(service, "GET", path, caller).headers["ETag"]


def _tokens(stack, schools: dict[str, School], users: dict[str, dict], minted: dict) -> dict[str, dict[str, str]]:
    issuer = stack.issuer()

    def school_claims(school: School) -> dict:
        return {"org_unit": school.code, "org_unit_name": school.name, "commune_code": school.commune_code,
                "province_code": school.province_code, "school_level": school.level.value}

    units = {
        "school_own": ("school", school_claims(schools["own"])),
        "school_other": ("school", school_claims(schools["other_commune"])),
        "commune_own": ("commune", {"org_unit": "10744", "province_code": "31"}),
        "commune_sibling": ("commune", {"org_unit": "11560", "province_code": "31"}),
        "commune_other": ("commune", {"org_unit": "27496", "province_code": "79"}),
        "city_own": ("city", {"org_unit": "31"}),
        "city_other": ("city", {"org_unit": "79"}),
        "admin": ("admin", {"org_unit": "edu71"}),
        "operator": ("operator", {"org_unit": "edu71"}),
    }
    headers: dict[str, dict[str, str]] = {}
    claims_of = {}
    for caller, (role, claims) in units.items():
        user = users[caller]
        claims_of[caller] = {"sub": user["id"], "role": role, "name": user["name"], "email": user["email"], **claims}
        # Each token its own sign-in session (``sid``), as identity issues them: signing one out ends only it.
        headers[caller] = bearer(issuer.issue(**claims_of[caller], sid=f"s-{uuid.uuid4().hex}"))
        minted[caller] = (issuer, claims_of[caller])

    # Credentials that must be refused: each is a school_own token spoilt one way.
    good = headers["school_own"]["Authorization"].split(" ", 1)[1]
    head, payload, signature = good.split(".")
    elevated = {**jwt.decode(good, options={"verify_signature": False}), "role": "admin", "org_unit": "edu71"}
    now = int(time.time())
    standard = {"iss": issuer.settings.issuer, "aud": issuer.settings.audience, "iat": now, "exp": now + 3600,
                "jti": str(uuid.uuid4()), **claims_of["school_own"]}
    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public_pem = _private_key(issuer).public_key().public_bytes(serialization.Encoding.PEM,
                                                                serialization.PublicFormat.SubjectPublicKeyInfo)
    kid = jwt.get_unverified_header(good).get("kid")
    bad = {
        "no_token": None,
        "malformed": "Bearer not.a.jwt",
        # The payload changed (role admin), the signature kept: a forged token.
        "forged_signature": f"Bearer {head}.{_b64(elevated)}.{signature}",
        "foreign_key": "Bearer " + jwt.encode(standard, other_key, algorithm="RS256", headers={"kid": kid}),
        "expired": "Bearer " + issuer.issue(ttl=-3600, **claims_of["school_own"]),
        "alg_none": f"Bearer {_b64({'alg': 'none', 'typ': 'JWT'})}.{_b64({**standard, 'role': 'admin'})}.",
        # Key confusion: HMAC keyed with the issuer's public key (PyJWT refuses PEM keys for HS*; built by hand).
        "hs256_public_key": "Bearer " + _hs256(standard, public_pem),
        "wrong_audience": "Bearer " + jwt.encode({**standard, "aud": "another-platform"}, _private_key(issuer),
                                                 algorithm="RS256", headers={"kid": kid}),
        "wrong_issuer": "Bearer " + jwt.encode({**standard, "iss": "https://attacker.example"}, _private_key(issuer),
                                               algorithm="RS256", headers={"kid": kid}),
    }
    for caller, value in bad.items():
        headers[caller] = {"Authorization": value} if value else {}
    assert payload  # the original payload part exists: the forged one differs from it only in claims
    return headers


def _private_key(issuer):
    return issuer._key  # noqa: SLF001 - the session issuer's own key, to sign tokens wrong in one claim only


def _hs256(claims: dict, secret: bytes) -> str:
    import hashlib
    import hmac

    signing_input = f"{_b64({'alg': 'HS256', 'typ': 'JWT'})}.{_b64(claims)}"
    mac = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{base64.urlsafe_b64encode(mac).decode().rstrip('=')}"


def _worker_spec(service: str, settings, group: str):
    """The service's worker spec, built as ``python -m <service>.worker`` builds it (with its settings), consuming
    in ``group``."""
    import importlib
    import inspect

    build = importlib.import_module(f"{service}.worker").spec
    wanted = inspect.signature(build).parameters
    return build(settings=settings, group=group) if "settings" in wanted else build(group=group)


def _plan_text() -> bytes:
    return ("UBND PHƯỜNG NGUYỄN ĐẠI NĂNG\nTRƯỜNG TIỂU HỌC HIẾN THÀNH\nSố: 12/KH-THHT\n\n"
            "KẾ HOẠCH\nThực hiện Nghị quyết 71-NQ/TW năm 2026\n\nI. MỤC ĐÍCH, YÊU CẦU\n"
            "Nâng cao chất lượng giáo dục.\n\nII. CHỈ TIÊU\n100% giáo viên đạt chuẩn vào năm 2030.\n").encode()


@pytest.fixture(scope="package")
def world(stack, tmp_path_factory):
    from edu71.worker import Worker

    suffix = uuid.uuid4().hex[:8]
    env = {f"{svc.upper()}_MONGODB_DB": f"sec_{svc}_{suffix}" for svc in SERVICES}
    env.update({
        "NOTIFICATIONS_DIGEST_HOUR": "0",  # the city's digest is due at any hour: it is seeded now
        "NOTIFICATIONS_SCHEDULER_TICK_SECONDS": "1",
        "NOTIFICATIONS_QUEUE_POLL_SECONDS": "1",
        "IDENTITY_ARGON2_TIME_COST": "1", "IDENTITY_ARGON2_MEMORY_KIB": "8192",
        "LOG_LEVEL": "WARNING",
    })
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    workers = []
    try:
        import importlib

        apps = {svc: importlib.import_module(f"{svc}.app").create_app() for svc in SERVICES}
        for app in apps.values():
            app.config["TESTING"] = False  # errors answered as in production (500 problem), not raised
        clients = {svc: app.test_client() for svc, app in apps.items()}
        settings = {svc: importlib.import_module(f"{svc}.config").load() for svc in SERVICES}
        # groups of this world's own, so that it sees only this world's events
        specs = {svc: _worker_spec(svc, settings[svc], fresh_group(f"sec-{svc}")) for svc in SERVICES}
        for svc, spec in specs.items():
            workers.append(Worker(settings[svc].platform, spec).start())

        hp = [s for s in demo_schools("31")]
        schools = {
            "own": SEED_SCHOOLS[0],  # primary, 10744, Hải Phòng
            "own_thcs": next(s for s in hp if s.commune_code == "10744" and s.level is SchoolLevel.THCS),
            "other_commune": next(s for s in hp if s.commune_code == "11560" and s.level is SchoolLevel.THCS),
            "other_province": SEED_SCHOOLS[1],  # lower secondary, 27496, TP. Hồ Chí Minh
        }
        bootstrap = bearer(stack.issuer().issue(sub="u-bootstrap", name="Khởi tạo", role="admin", org_unit="edu71"))
        identity = clients["identity"]
        for school in schools.values():
            r = identity.post("/schools", headers=bootstrap, json={
                "code": school.code, "name": school.name, "commune_code": school.commune_code,
                "level": school.level.value})
            assert r.status_code == 201, r.json
        accounts = {
            "school_own": ("school", schools["own"].code), "school_other": ("school", schools["other_commune"].code),
            "commune_own": ("commune", "10744"), "commune_sibling": ("commune", "11560"),
            "commune_other": ("commune", "27496"), "city_own": ("city", "31"), "city_other": ("city", "79"),
            "admin": ("admin", "edu71"), "operator": ("operator", "edu71"),
        }
        users = {}
        for caller, (role, unit) in accounts.items():
            r = identity.post("/users", headers=bootstrap, json={
                "name": f"Cán bộ {caller.replace('_', ' ')}", "email": f"{caller.replace('_', '.')}@sec.edu71.vn",
                "role": role, "org_unit": unit, "password": PASSWORD})
            assert r.status_code == 201, r.json
            users[caller] = r.json
        minted: dict = {}
        headers = _tokens(stack, schools, users, minted)
        world = World(clients, apps, headers, schools, users, minted=minted)
        _seed(world)
        yield world
    finally:
        for worker in workers:
            worker.shutdown()
        client = MongoClient(stack.mongodb_uri, serverSelectionTimeoutMS=5000)
        try:
            for name in env.values():
                if name.startswith("sec_"):
                    client.drop_database(name)
        finally:
            client.close()
        db.disconnect_all()
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _seed(w: World) -> None:
    ids = w.ids
    ids["school"] = w.schools["own"].code
    ids["user"] = w.users["school_own"]["id"]
    ids["colleague"] = w.colleague()
    # Plans of school_own: a draft, one with two submitted versions (submitted, returned, resubmitted), an import.
    ids["draft_plan"] = w.draft_plan()["id"]
    versioned = w.submitted_plan()["id"]
    w.ok("plans", "POST", f"/plans/{versioned}/return", "commune_own",
         json={"comments": [{"anchor_kind": "plan", "anchor": "", "text": "Bổ sung số hiệu văn bản."}]})
    etag = w.etag("plans", f"/plans/{versioned}", "school_own")
    w.ok("plans", "PATCH", f"/plans/{versioned}", "school_own", json={"title": "Kế hoạch (sửa lần 2)"},
         headers={"If-Match": etag})
    w.ok("plans", "POST", f"/plans/{versioned}/submit", "school_own")
    ids["versioned_plan"] = versioned
    imported = w.ok("plans", "POST", "/plans/import", "school_own", 201,
                    data={"file": (io.BytesIO(_plan_text()), "ke-hoach.txt")}, content_type="multipart/form-data")
    ids["imported_plan"] = imported.json["plan"]["id"] if "plan" in imported.json else imported.json["id"]
    sent = w.ok("plans", "POST", "/plans/import", "school_own", 201,
                data={"file": (io.BytesIO(_plan_text()), "ke-hoach.txt")}, content_type="multipart/form-data")
    sent_id = sent.json["plan"]["id"]
    w.ok("plans", "PATCH", f"/plans/{sent_id}", "school_own", json={"targets": [], "number_symbol": "12/KH-THHT"},
         headers={"If-Match": w.etag("plans", f"/plans/{sent_id}", "school_own")})
    w.ok("plans", "POST", f"/plans/{sent_id}/submit", "school_own")
    ids["imported_submitted_plan"] = sent_id
    # Indicators: a city-added indicator, an open round of Hải Phòng, school_own's submission.
    added = w.ok("indicators", "POST", "/catalogue/indicators?province_code=31", "city_own", 201, json={
        "code": "HP_SWIMMING_TAUGHT", "name": "Tỷ lệ học sinh được học bơi", "value_type": "ratio",
        "school_levels": ["tieu_hoc", "thcs"], "direction": "higher",
        "numerator_label": "Số học sinh được học bơi", "denominator_label": "Tổng số học sinh"})
    ids["indicator"] = added.json["indicators"][-1]["code"]
    now = datetime.now(timezone.utc)
    opened = w.ok("indicators", "POST", "/rounds", "city_own", 201, json={
        "name": "Sơ kết học kỳ I năm học 2026–2027", "school_year": "2026-2027",
        "school_levels": ["tieu_hoc", "thcs"],
        "indicator_codes": ["TEACHERS_QUALIFIED", "SMART_CLASSROOMS", "DROPOUT", "PCGD_LEVEL"],
        "opens_at": _vn(now - timedelta(hours=1)), "due_at": _vn(now + timedelta(days=7)),
        "closes_at": _vn(now + timedelta(days=30))})
    ids["round"] = opened.json["id"]
    w.ok("indicators", "PUT", f"/rounds/{ids['round']}/submissions/{ids['school']}", "school_own", 201,
         json={"values": submission_values()})
    # Notifications: a webhook of commune_own; school_own's notification (its plan was returned).
    hook = w.ok("notifications", "POST", "/webhooks", "commune_own", 201,
                json={"url": "http://127.0.0.1:9/edu71-hook", "description": "kiểm thử"})
    ids["webhook"] = hook.json["id"]

    def school_notification():
        r = w.call("notifications", "GET", "/inbox", "school_own")
        return r.status_code == 200 and r.json["items"] and r.json["items"][0]["id"]

    ids["notification"] = wait_until(school_notification, "the school's notification of its returned plan", 90)

    def digest():
        r = w.call("notifications", "GET", "/inbox?page_size=200", "city_own")
        return r.status_code == 200 and any(i["kind"] == "daily_digest" for i in r.json["items"])

    wait_until(digest, "the city's daily digest", 90)

    def rollup():
        r = w.call("reports", "GET", f"/rollups/{ids['round']}", "city_own")
        return r.status_code == 200 and r.json.get("round") and any(
            i.get("reported") or i.get("numerator") for i in r.json.get("indicators", []))

    wait_until(rollup, "the round's roll-up with school_own's values", 90)


def submission_values() -> list[dict]:
    return [
        {"indicator_code": "TEACHERS_QUALIFIED", "numerator": 45, "denominator": 47},
        {"indicator_code": "SMART_CLASSROOMS", "value": 3},
        {"indicator_code": "DROPOUT", "numerator": 1, "denominator": 600},
        {"indicator_code": "PCGD_LEVEL", "level": 3},
    ]


def pytest_terminal_summary(terminalreporter):
    """The figures of this run: matrix cells enforced, requests the fuzzing sent, 5xx and mismatches."""
    lines = []
    matrix = _loaded("test_authorization_matrix")
    if matrix is not None and matrix.ENFORCED:
        from .matrix import cell_count

        lines.append(f"authorization matrix: {len(matrix.ENFORCED)} of {cell_count()} cells answered as written down")
    fuzz = _loaded("test_schemathesis")
    if fuzz is not None and fuzz.TALLY.requests:
        lines.append(fuzz.TALLY.summary())
        if fuzz.TARGET:  # the long run (make fuzz) prints every failure group here, tracebacks being off
            lines += fuzz.TALLY.report().splitlines()
    if lines:
        terminalreporter.section("edu71 security")
        for line in lines:
            terminalreporter.write_line(line)


def _loaded(name: str):
    import sys

    return next((module for key, module in sys.modules.items() if key.endswith(f"security.{name}")), None)

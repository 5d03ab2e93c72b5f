"""Schemathesis against every service's OpenAPI document, with each role's token.

Each operation is fed data generated from its own document — valid (positive) and invalid (negative) —
sometimes with the path pointing at a real seeded object, as school_own, commune_own, city_own, the
administrator and the operator. Every answer must be no 5xx, a documented status code, a documented
content type, a body matching its schema, the documented headers, and an invalid request must be
refused (4xx). A failure is recorded with its reproduction and the test of that role and service
fails with the whole list, grouped.

``make test`` runs a few examples per operation, derandomized (the same requests in every run);
``make fuzz`` (EDU71_FUZZ_REQUESTS, default 10,000) repeats randomized passes until that many
requests were sent and prints the tally.
"""
from __future__ import annotations

import math
import os
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import hypothesis
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, strategies as st
from schemathesis import checks as st_checks
from schemathesis.core.failures import FailureGroup
from schemathesis.generation import GenerationMode

from .conftest import SERVICES

pytestmark = pytest.mark.integration

ROLES = ("school_own", "commune_own", "city_own", "admin", "operator")
MODES = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
#: The long run's target (make fuzz); unset: the bounded run of make test.
TARGET = int(os.environ.get("EDU71_FUZZ_REQUESTS", "0"))
#: Examples per operation, role and mode in the bounded run.
EXAMPLES = int(os.environ.get("EDU71_FUZZ_EXAMPLES", "5"))

def exact_content_type(ctx, response, case):
    """The response's media type is one its operation documents for that status, exactly.

    Schemathesis' ``content_type_conformance`` takes any ``…+json`` for a documented ``application/json``
    (the RFC 6839 suffix); a client generated from the document picks its parser and error model by the
    exact media type, so ``application/problem+json`` must be documented where it is served.
    """
    documented = case.operation.schema.get_content_types(case.operation, response)
    if not documented:
        return None
    received = (_header(response, "content-type") or "").split(";")[0].strip().lower()
    if received not in {d.split(";")[0].strip().lower() for d in documented}:
        raise AssertionError(f"Content-Type {received or '(none)'} is not documented for status "
                             f"{response.status_code}: {', '.join(documented)}")
    return None


def _header(response, name: str) -> str | None:
    for key, value in response.headers.items():
        if key.lower() == name:
            return value[0] if isinstance(value, list) else value
    return None


CHECKS = [
    st_checks.not_a_server_error,
    st_checks.status_code_conformance,
    st_checks.content_type_conformance,
    st_checks.response_schema_conformance,
    st_checks.response_headers_conformance,
    st_checks.negative_data_rejection,
    exact_content_type,
]


@dataclass
class Tally:
    requests: int = 0
    server_errors: int = 0
    #: (service, role, operation, check title, status) → [reproduction, …]
    failures: dict = field(default_factory=lambda: defaultdict(list))
    mismatches: int = 0

    def summary(self) -> str:
        return (f"schemathesis: {self.requests} requests, {self.server_errors} answered 5xx, "
                f"{self.mismatches} responses not matching their documented schema/status/content type/headers, "
                f"{sum(len(v) for v in self.failures.values())} failures in {len(self.failures)} groups")

    def report(self) -> str:
        return _report()


TALLY = Tally()

#: (service, method, path, mode) → the cases the bounded run sends as every role. Derandomized, the cases drawn do not
#: depend on the role (same strategy, same seed, and no answer steers the drawing), so they are drawn once and sent as
#: each role: drawing cost about three times what sending did (hypothesis rejects most of its draws of negative
#: data, and gives up after 1,000 rejected draws, 1–2 s each, on an operation whose only input is a free-form path
#: segment, for which no negative case can be made).
DRAWN: dict[tuple, list] = {}

#: Response conformance failures (the documented status, content type, body, headers).
CONFORMANCE = {"status_code_conformance", "content_type_conformance", "response_schema_conformance",
               "response_headers_conformance"}


def _real_path_parameters(world, service: str, path: str) -> dict:
    """Seeded ids for the parameters of ``path``, so some requests reach real objects."""
    ids = world.ids
    known = {
        "plan_id": ids["versioned_plan"], "number": 1, "old": 1, "new": 2, "round_id": ids["round"],
        # An account's real id is a colleague of school_own: revoking its sessions must not end the callers'.
        "school_code": ids["school"], "user_id": ids["colleague"], "notification_id": ids["notification"],
        "webhook_id": ids["webhook"], "indicator": "TEACHERS_QUALIFIED", "fmt": "csv", "kind": "school",
        "code": ids["indicator"] if service == "indicators" else ids["school"],
    }
    return {name: known[name] for name in re.findall(r"\{(\w+)\}", path) if name in known}


@pytest.fixture(scope="module")
def schemas(world):
    """Each service's own document, served by its app, less its security requirement.

    Every request carries the role's token (who may do what is the authorization matrix's part). Left
    in, the requirement makes schemathesis' negative mode "drop" the Authorization header — which the
    token then puts back — and report the request's other deviation, unknown query parameters, as
    accepted invalid data, though schemathesis itself tolerates those when they are the only one.
    """
    loaded = {}
    for svc in SERVICES:
        spec = world.clients[svc].get("/openapi.json").json
        spec.pop("security", None)
        for item in spec["paths"].values():
            for operation in item.values():
                if isinstance(operation, dict):
                    operation.pop("security", None)
        schema = schemathesis.openapi.from_dict(spec)
        schema.app, schema.location = world.apps[svc], "/openapi.json"
        loaded[svc] = schema
    return loaded


def _failure_key(failure) -> str:
    return type(failure).__name__


def _run_operation(world, service, role, operation, mode, examples, derandomize) -> None:
    key = (service, operation.method.upper(), operation.path, mode)
    if not derandomize:
        cases = _draw(world, service, operation, mode, examples, derandomize=False)
    elif key in DRAWN:
        cases = DRAWN[key]
    else:
        cases = DRAWN[key] = _draw(world, service, operation, mode, examples, derandomize=True)
    for case in cases:
        _send(world, service, role, operation, case)


def _draw(world, service, operation, mode, examples, derandomize) -> list:
    """Up to ``examples`` cases of ``operation`` in ``mode``; none when nothing of this mode can be generated for it
    (e.g. negative data without parameters)."""
    path_parameters = _real_path_parameters(world, service, operation.path)
    strategies = [operation.as_strategy(generation_mode=mode)]
    if path_parameters and mode is GenerationMode.POSITIVE:
        strategies.append(operation.as_strategy(generation_mode=mode, path_parameters=path_parameters))
    drawn = []

    @hypothesis.settings(max_examples=examples, derandomize=derandomize, database=None, deadline=None,
                         phases=[Phase.generate], suppress_health_check=list(HealthCheck), print_blob=False)
    @given(case=st.one_of(strategies))
    def draw(case):
        drawn.append(case)

    try:
        draw()
    except hypothesis.errors.Unsatisfiable:
        pass
    return drawn


def _send(world, service, role, operation, case) -> None:
    """Send ``case`` with ``role``'s token and record what its answer breaks."""
    # Signing out ends the session of the token sent: each such request signs out a session of its own.
    signs_out = operation.method.upper() == "DELETE" and operation.path == "/sessions/current"
    sent = world.disposable(role) if signs_out else world.headers[role]
    response = case.call(headers=sent)
    TALLY.requests += 1
    if response.status_code >= 500:
        TALLY.server_errors += 1
    try:
        case.validate_response(response, checks=CHECKS, headers=sent)
    except FailureGroup as group:
        conformance = False
        for failure in group.exceptions:
            check = type(failure).__name__
            if set(getattr(failure, "checks", ())) & CONFORMANCE or check in {
                    "UndefinedStatusCode", "UndefinedContentType", "JsonSchemaError", "MissingHeaders",
                    "MalformedMediaType", "MissingContentType", "ContentDeserializationError"} or (
                    "exact_content_type" in str(failure.title) + str(failure.message)):
                conformance = True
            key = (service, role, operation.label, f"{check}: {failure.title}", response.status_code)
            if len(TALLY.failures[key]) < 3:
                TALLY.failures[key].append(_reproduction(case, response, failure))
            else:
                TALLY.failures[key].append(None)
        TALLY.mismatches += conformance


def _reproduction(case, response, failure) -> str:
    body = case.body
    if isinstance(body, (bytes, bytearray)):
        body = f"<{len(body)} bytes>"
    elif type(body).__name__ == "NotSet":
        body = "-"
    text = response.text[:200] if hasattr(response, "text") else ""
    message = " ".join(str(failure.message).split())[:400]
    sent = f" {case.media_type}" if case.media_type else ""
    return (f"{case.method} {case.formatted_path}{'?' + str(case.query) if case.query else ''} body{sent}={body!r:.300}"
            f" → {response.status_code} {_header(response, 'content-type')} {text!r}\n        {message}")


def _report(service: str | None = None, role: str | None = None) -> str:
    lines = []
    for key, reproductions in sorted(TALLY.failures.items()):
        if service and (key[0] != service or key[1] != role):
            continue
        shown = [r for r in reproductions if r]
        lines.append(f"- {'' if service else key[0] + ' as ' + key[1] + ': '}{key[2]} — {key[3]} "
                     f"(status {key[4]}), {len(reproductions)}×")
        lines += [f"    {r}" for r in shown[:2]]
    return "\n".join(lines)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("service", SERVICES)
def test_documented_behaviour(world, schemas, service, role):
    operations = [result.ok() for result in schemas[service].get_all_operations()]
    assert operations, f"{service}: no operations in its OpenAPI document"
    sent, errors = TALLY.requests, TALLY.server_errors
    if TARGET:
        # The long run: randomized passes until this service and role had its share of the requests.
        share = math.ceil(TARGET / (len(SERVICES) * len(ROLES)))
        start = TALLY.requests
        per_pass = max(EXAMPLES, math.ceil(share / (len(operations) * len(MODES))))
        while TALLY.requests - start < share:
            before = TALLY.requests
            for operation in operations:
                for mode in MODES:
                    _run_operation(world, service, role, operation, mode, per_pass, derandomize=False)
            if TALLY.requests == before:
                break
    else:
        for operation in operations:
            for mode in MODES:
                _run_operation(world, service, role, operation, mode, EXAMPLES, derandomize=True)
    report = _report(service, role)
    assert not report, (f"{service} as {role}: {TALLY.requests - sent} requests, {TALLY.server_errors - errors} "
                        f"answered 5xx; failures by operation and check:\n{report}")


def test_undocumented_methods_answer_405_with_allow(world, schemas):
    """A method no operation documents for a URL is refused with 405 and an Allow header naming those it does.

    Asked of each path with real ids; a method that another path template documents for the same URL
    (``GET /plans/import`` is ``GET /plans/{plan_id}``) is that operation's, not a wrong method.
    """
    wrong = []
    for service in SERVICES:
        spec = world.clients[service].get("/openapi.json").json
        templates = {path: {m.upper() for m in item if m in ("get", "put", "post", "patch", "delete")}
                     for path, item in spec["paths"].items()}
        for path in templates:
            concrete = path
            for name, value in _real_path_parameters(world, service, path).items():
                concrete = concrete.replace("{" + name + "}", str(value))
            documented = set().union(*(methods for template, methods in templates.items()
                                       if re.fullmatch(re.sub(r"\\\{\w+\\\}", "[^/]+", re.escape(template)), concrete)))
            for method in sorted({"GET", "PUT", "POST", "PATCH", "DELETE"} - documented):
                r = world.call(service, method, concrete, "admin")
                TALLY.requests += 1
                allow = {m.strip() for m in r.headers.get("Allow", "").split(",") if m.strip()}
                if r.status_code != 405 or not documented <= allow:
                    wrong.append(f"{service} {method} {concrete}: {r.status_code}, Allow: {r.headers.get('Allow')!r}")
    assert not wrong, "\n".join(wrong)


def test_tally_counts_something():
    """The fuzzing above sent requests (a run that generated nothing would pass vacuously)."""
    assert TALLY.requests > 0
    print(TALLY.summary())
    print(dict(Counter(k[3].split(":")[0] for k in TALLY.failures)))

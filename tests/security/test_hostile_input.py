"""Hostile input at every operation's edge, generated from the OpenAPI documents and the matrix's valid requests.

Random generation rarely builds what breaks a server, so each operation that takes a JSON body gets,
from a caller the matrix says may use it (a 2xx cell) and starting from that cell's valid request:

- the body nested 100,000 arrays deep;
- each string of the body in turn replaced by a lone surrogate, a NUL, and control characters;
- each object of the body given a key that is a ``$`` operator, a dotted path, or holds NUL;

and each GET operation's documented query parameters get the same strings. The answer must never be
a 5xx, and a body must be refused with a 4xx problem (the contract: "all input is clean at the edge").
"""
from __future__ import annotations

import copy
import io
import json

import pytest

from .conftest import ROLE_CALLERS, SERVICES
from .matrix import MATRIX, expected_cells
from .recipes import RECIPES

pytestmark = pytest.mark.integration

#: Strings no field accepts (JSON escapes: sent as the client wrote them, undecodable as UTF-8 text).
BAD_STRINGS = {
    "lone surrogate": '"x\\ud800y"',
    "NUL": '"x\\u0000y"',
    "control characters": '"x\\u0007\\u0010\\u007fy"',
}
BAD_KEYS = {"$ operator": "$where", "dotted key": "a.b", "NUL in key": "a\u0000b"}
DEPTH = 100_000


def _allowed_caller(operation) -> str | None:
    cells = expected_cells(operation)
    return next((c for c in ROLE_CALLERS if 200 <= cells[c] < 300), None)


def _paths(value, prefix=()):
    """Where each string and each object sits in ``value``."""
    if isinstance(value, str):
        yield "string", prefix
    elif isinstance(value, dict):
        yield "object", prefix
        for key, item in value.items():
            yield from _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*prefix, index))


def _with(body, path, marker):
    changed = copy.deepcopy(body)
    if not path:
        return marker
    target = changed
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = marker
    return changed


MARK = "\u2063HOSTILE\u2063"


def _variants(body):
    """(what, raw JSON text) for each hostile change of ``body``."""
    yield "nested 100,000 deep", "[" * DEPTH + "]" * DEPTH
    for kind, path in _paths(body):
        where = ".".join(str(p) for p in path) or "(body)"
        if kind == "string":
            for name, literal in BAD_STRINGS.items():
                yield f"{name} in {where}", json.dumps(_with(body, path, MARK)).replace(json.dumps(MARK), literal)
        else:
            for name, key in BAD_KEYS.items():
                target = copy.deepcopy(body)
                node = target
                for step in path:
                    node = node[step]
                node[key] = "x"
                yield f"{name} in {where or '(body)'}", json.dumps(target)


def _operations(service: str, methods: tuple[str, ...]) -> list[tuple[str, str]]:
    return sorted(op for op in MATRIX if op[0] == service and op[1].split()[0] in methods and _allowed_caller(op))


@pytest.mark.parametrize("service", SERVICES)
def test_hostile_bodies_are_refused_with_a_4xx_problem(world, service):
    """Every operation of ``service`` that takes a JSON body (multipart uploads have tests of their own)."""
    wrong, tried = [], 0
    for operation in _operations(service, ("POST", "PUT", "PATCH")):
        name = operation[1]
        method = name.split()[0]
        caller = _allowed_caller(operation)
        template = RECIPES[operation](world, True, caller)
        if "json" not in template:
            continue
        for what, raw in _variants(template["json"]):
            request = RECIPES[operation](world, True, caller)  # a fresh object for each try
            request.pop("json")
            r = world.call(service, method, request.pop("path"), caller, data=raw.encode(),
                           content_type="application/json", **request)
            tried += 1
            if not (400 <= r.status_code < 500) or r.mimetype != "application/problem+json":
                wrong.append(f"{name} as {caller}, {what}: {r.status_code} {r.mimetype} "
                             f"{r.get_data(as_text=True)[:160]!r}")
    if service != "reports":  # read-only: no operation takes a body
        assert tried, f"{service}: no operation with a JSON body was tried"
    assert not wrong, f"{service}: {len(wrong)} of {tried} hostile bodies not refused with a 4xx problem:\n" + \
        "\n".join(wrong)


@pytest.mark.parametrize("service", SERVICES)
def test_hostile_query_values_never_answer_5xx(world, service):
    """Every string query parameter of every GET operation of ``service``."""
    spec = world.clients[service].get("/openapi.json").json
    wrong, tried = [], 0
    for operation in _operations(service, ("GET",)):
        name = operation[1]
        caller = _allowed_caller(operation)
        parameters = [p["name"] for p in spec["paths"][name.split(" ", 1)[1]]["get"].get("parameters", [])
                      if p.get("in") == "query" and p.get("schema", {}).get("type", "string") == "string"]
        base = RECIPES[operation](world, False, caller)["path"].split("?")[0]
        for parameter in parameters:
            for what, value in (("lone surrogate", "%ED%A0%80"), ("NUL", "%00"), ("control characters", "%07%10%7F"),
                                ("$ operator", "%24gt"), ("invalid UTF-8", "%FF%FE")):
                r = world.call(service, "GET", f"{base}?{parameter}=x{value}y", caller)
                tried += 1
                if r.status_code >= 500 or (r.status_code >= 400 and r.mimetype != "application/problem+json"):
                    wrong.append(f"{name}?{parameter}= {what} as {caller}: {r.status_code} {r.mimetype} "
                                 f"{r.get_data(as_text=True)[:160]!r}")
    if service != "notifications":  # its GETs (inbox, preferences, webhooks, deliveries) take paging and enums only
        assert tried, f"{service}: no string query parameter was tried"
    assert not wrong, f"{service}: {len(wrong)} of {tried} hostile query values answered badly:\n" + "\n".join(wrong)


UPLOADS = sorted(op for op in MATRIX if op[1] in ("POST /plans/import", "POST /rounds/{round_id}/submissions/upload"))


@pytest.mark.parametrize("operation", UPLOADS, ids=lambda op: f"{op[0]} {op[1]}")
def test_hostile_form_fields_beside_an_upload_are_refused_with_a_4xx_problem(world, operation):
    """A multipart upload's valid file, with another form field whose name or value holds what no field accepts."""
    service, name = operation
    caller = _allowed_caller(operation)
    wrong = []
    for what, field, value in (("control character in a field name", "a\nb\x8a", "x"),
                               ("NUL in a field name", "a\x00b", "x"),
                               ("control characters in a field value", "note", "x\x07\x10y"),
                               ("NUL in a field value", "note", "x\x00y")):
        request = RECIPES[operation](world, True, caller)
        request["data"][field] = value
        r = world.call(service, "POST", request.pop("path"), caller, **request)
        if not (400 <= r.status_code < 500) or r.mimetype != "application/problem+json":
            wrong.append(f"{what} ({field!r}={value!r}): {r.status_code} {r.mimetype} {r.get_data(as_text=True)[:160]!r}")
    assert not wrong, f"{service} {name} as {caller}:\n" + "\n".join(wrong)


@pytest.mark.parametrize("operation", UPLOADS, ids=lambda op: f"{op[0]} {op[1]}")
def test_a_part_the_upload_does_not_name_is_refused_and_named(world, operation):
    """The OpenAPI document says an upload's form has no other parts: a plain extra field or a second file is
    refused with 422, naming it, rather than silently dropped."""
    service, name = operation
    caller = _allowed_caller(operation)
    for field, value in (("ghi_chu", "x"), ("tep_thu_hai", (io.BytesIO(b"abc"), "b.txt"))):
        request = RECIPES[operation](world, True, caller)
        request["data"][field] = value
        r = world.call(service, "POST", request.pop("path"), caller, **request)
        assert r.status_code == 422 and r.mimetype == "application/problem+json", (field, r.status_code, r.get_data(as_text=True)[:200])
        assert [e["field"] for e in r.get_json()["errors"]] == [field]
        assert r.get_json()["errors"][0]["message"] == "Trường không được phép."

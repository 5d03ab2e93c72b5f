"""The authorization matrix: every operation of every OpenAPI document × every kind of caller.

The expected answer of each cell is written down in :mod:`tests.security.matrix`; the requests are
in :mod:`tests.security.recipes`. A document's operation without a row fails the suite, so a new
endpoint cannot ship unclassified.
"""
from __future__ import annotations

import os

import pytest

from .conftest import BAD_CALLERS, ROLE_CALLERS, SERVICES
from .matrix import MATRIX, cell_count, expected_cells
from .recipes import RECIPES

pytestmark = pytest.mark.integration

DISCOVER = os.environ.get("EDU71_MATRIX_DISCOVER") == "1"
#: Cells that answered as written down, for the summary at the end of the run (conftest).
ENFORCED: list[tuple] = []


def documented_operations(world) -> set[tuple[str, str]]:
    operations = set()
    for svc in SERVICES:
        spec = world.clients[svc].get("/openapi.json").json
        for path, item in spec["paths"].items():
            for method in item:
                if method in ("get", "put", "post", "patch", "delete", "head", "options", "trace"):
                    operations.add((svc, f"{method.upper()} {path}"))
    return operations


def test_every_documented_operation_has_a_row(world):
    documented = documented_operations(world)
    missing = sorted(documented - set(MATRIX))
    stale = sorted(set(MATRIX) - documented)
    assert not missing, f"operations in an OpenAPI document without a row in tests/security/matrix.py: {missing}"
    assert not stale, f"rows of tests/security/matrix.py for operations no OpenAPI document has: {stale}"
    assert set(RECIPES) == set(MATRIX), sorted(set(RECIPES) ^ set(MATRIX))
    print(f"authorization matrix: {len(MATRIX)} operations × {len(BAD_CALLERS) + len(ROLE_CALLERS)} callers "
          f"= {cell_count()} cells")


@pytest.mark.parametrize("operation", sorted(MATRIX), ids=lambda op: f"{op[0]} {op[1]}")
def test_cell_answers(world, operation):
    service, name = operation
    method = name.split(" ", 1)[0]
    cells = expected_cells(operation)
    wrong, seen = [], {}
    for caller in (*BAD_CALLERS, *ROLE_CALLERS):
        expected = cells[caller]
        fresh = method != "GET" and (DISCOVER or 200 <= expected < 300)
        request = RECIPES[operation](world, fresh, caller)
        response = world.call(service, method, request.pop("path"), caller, **request)
        seen[caller] = response.status_code
        if response.status_code != expected:
            wrong.append(f"{caller}: expected {expected}, got {response.status_code} "
                         f"{response.get_data(as_text=True)[:200]!r}")
        else:
            ENFORCED.append((operation, caller))
    if DISCOVER:
        print(f"\nDISCOVERED {service} {name}: {seen}")
    assert not wrong, f"{service} {name}:\n" + "\n".join(wrong)


def test_a_refusal_does_not_tell_whether_the_school_exists(world):
    """Where another school is refused with 403 (not 404), the answer is the same for a school that does not exist."""
    rnd = world.ids["round"]
    for method, path, body in (("GET", f"/rounds/{rnd}/template?school={{}}", None),
                               ("PUT", f"/rounds/{rnd}/submissions/{{}}", {"values": []})):
        answers = {code: world.call("indicators", method, path.format(code), "school_other", json=body).status_code
                   for code in (world.ids["school"], "KHONG-CO-TRUONG-NAY")}
        assert set(answers.values()) == {403}, (method, path, answers)


def test_a_refusal_does_not_tell_whether_the_commune_exists(world):
    """Another commune is refused a commune's reports with 403 (not 404), the same for a commune that does not exist."""
    rnd = world.ids["round"]
    for method, path, body in (("GET", f"/rounds/{rnd}/communes/{{}}/reports", None),
                               ("POST", f"/rounds/{rnd}/communes/{{}}/confirm",
                                {"reports": [{"school_code": world.ids["school"], "version": 1}]})):
        answers = {code: world.call("indicators", method, path.format(code), "commune_sibling", json=body).status_code
                   for code in ("10744", "99999")}
        assert set(answers.values()) == {403}, (method, path, answers)

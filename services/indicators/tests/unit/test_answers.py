"""The answers' shortcuts (a change dumped as stored, orjson) say exactly what the documented schemas and
Flask's JSON would."""
from __future__ import annotations

import json
import uuid
from datetime import date, datetime, timezone
from decimal import Decimal

import pytest
from flask import Flask
from marshmallow import fields

from edu71.schemas import Schema
from indicators.api.resources import _json
from indicators.api.schemas import ChangeSchema, StoredChange, StoredList, StoredValue

CHANGES = [
    {"indicator_code": "CLASSES", "old": None, "new": {"indicator_code": "CLASSES", "value": 21}},
    {"indicator_code": "TEACHERS_QUALIFIED", "old": {"indicator_code": "TEACHERS_QUALIFIED", "numerator": 40,
                                                     "denominator": 47},
     "new": {"indicator_code": "TEACHERS_QUALIFIED", "numerator": 45, "denominator": 47}},
    {"indicator_code": "HP_HAS_POOL", "old": {"indicator_code": "HP_HAS_POOL", "flag": True}, "new": None},
    {"indicator_code": "PCGD_LEVEL", "new": {"indicator_code": "PCGD_LEVEL", "level": 3}},  # no "old" key
    {"old": {"indicator_code": "X", "value": 1}, "new": {"indicator_code": "X", "value": 2}},  # no code
]


class Documented(Schema):
    changes = fields.List(fields.Nested(ChangeSchema))


class Shortcut(Schema):
    changes = fields.List(StoredChange())


class Listed(Schema):
    """The list the answers use: each item answered as its field would answer it alone."""
    changes = StoredList(StoredChange())


@pytest.mark.parametrize("change", CHANGES)
def test_a_stored_change_dumps_as_the_change_schema_does(change):
    assert Shortcut().dump({"changes": [change]}) == Documented().dump({"changes": [change]})


@pytest.mark.parametrize("changes", [CHANGES, [], [None, CHANGES[0]], None])
def test_a_list_of_stored_changes_dumps_as_the_change_schema_does(changes):
    assert Listed().dump({"changes": changes}) == Documented().dump({"changes": changes})


def test_a_list_of_stored_values_dumps_as_its_item_field_does():
    values = [change["new"] for change in CHANGES] + [{"indicator_code": "CLASSES", "value": 21, "late": None}]

    class ItemByItem(Schema):
        values = fields.List(StoredValue())

    class InOnePass(Schema):
        values = StoredList(StoredValue())

    assert InOnePass().dump({"values": values}) == ItemByItem().dump({"values": values})
    assert InOnePass().dump({"values": None}) == ItemByItem().dump({"values": None}) == {"values": None}
    dumped = InOnePass().dump({"values": values})["values"]
    dumped[0]["value"] = 0
    assert values[0]["value"] == 21


def test_a_dumped_change_is_a_copy_the_caller_may_change():
    change = CHANGES[1]
    dumped = Shortcut().dump({"changes": [change]})["changes"][0]
    dumped["new"]["numerator"] = 0
    assert change["new"]["numerator"] == 45


def test_an_answer_encodes_to_the_json_flask_would_give():
    app = Flask(__name__)
    app.json.ensure_ascii = False
    body = {"school": {"name": "Trường THCS Lê Lợi", "code": "THCS1"}, "revision": 2, "late": False,
            "ratio": 0.5, "missing": None, "values": [{"indicator_code": "CLASSES", "value": 21}],
            # Raw fields (approvals, flags) pass stored mappings through: whatever they hold reads the same.
            "flags": [{"at": datetime(2026, 11, 2, 3, 0, tzinfo=timezone.utc), "day": date(2026, 11, 2),
                       "amount": Decimal("1.5"), "id": uuid.UUID(int=7), "by_number": {3: "khoá số", 1: "mở"}}]}
    with app.app_context():
        answer = _json(body, 201)
        expected = app.json.dumps(body)
    assert answer.status_code == 201 and answer.mimetype == "application/json"
    assert json.loads(answer.get_data()) == json.loads(expected)
    assert list(json.loads(answer.get_data())) == sorted(body)  # keys in Flask's order

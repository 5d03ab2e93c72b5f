"""The edge's shortcut for an ordinary JSON body (edu71.inputs._plain) never lets through what the walk refuses."""
from __future__ import annotations

import json

import pytest

from edu71.problems import Problem
from edu71.inputs import MAX_DEPTH, _check_json, _plain, _Refusals


def _walk_refuses(document) -> bool:
    refusals = _Refusals()
    try:
        _check_json(document, refusals)
    except Problem:
        return True
    return bool(refusals.errors)


def _nested(depth: int):
    document: object = "lá"
    for _ in range(depth):
        document = [document]
    return document


ORDINARY = [
    {"values": [{"indicator_code": "TEACHERS_STANDARD", "numerator": 42, "denominator": 50},
                {"indicator_code": "HAS_POOL", "flag": False}, {"indicator_code": "CLASSES", "value": 18}],
     "explanations": {"TEACHERS_STANDARD": "Hai giáo viên nghỉ hưu giữa năm; đã tuyển bổ sung 1,5 biên chế."}},
    {"title": "Kế hoạch số 12/KH-THCS, năm học 2026–2027", "year": 2026, "ratio": 0.75, "sections": {}},
    {"targets": [{"level": 3, "note": None, "tags": ["chuyển đổi số", "ngoại ngữ"]}], "big": -(2**63)},
    [1, 2.5, "Trường Tiểu học Hiến Thành", {"điểm": 9223372036854775807}],
    "một chuỗi", 17, None, True,
    _nested(MAX_DEPTH - 1),
]


@pytest.mark.parametrize("document", ORDINARY, ids=range(len(ORDINARY)))
def test_an_ordinary_body_is_plain_and_the_walk_agrees(document):
    raw = json.dumps(document, ensure_ascii=False).encode()
    assert _plain(json.loads(raw), raw)
    assert not _walk_refuses(json.loads(raw))


# Written by hand, as a client may send them: characters raw in UTF-8 as well as escaped.
REFUSED = [
    '{"ghi_chu": "Đã nộp\u0085muộn"}'.encode(),  # a C1 control, raw
    '{"ghi_chu": "Đã nộp\x7f"}'.encode(),  # DEL, raw
    '{"ghi_chu": "\ufffe"}'.encode(), '["\uffff"]'.encode(),  # noncharacters, raw
    b'{"ghi_chu": "\xed\xa0\x80"}',  # a lone surrogate, raw (the parser lets it through)
    b'{"ghi_chu": "a\\u0000b"}', b'{"ghi_chu": "chu\\u00f4ng\\u0007"}', b'{"ghi_chu": "\\ud800"}',
    b'{"d\\u00f2ng\\nm\\u1edbi": 1}',  # a line break in a key
    b'{"sections": {"a.b": "x"}}', b'{"sections": {"$set": 1}}', b'{"$where": "1"}',
    b'{"x": [1, 99999999999999999999]}', b'{"x": -9223372036854775809}', b"9223372036854775808",
    json.dumps(_nested(MAX_DEPTH + 1)).encode(),
    json.dumps({"ghi_chu": "Đã nộp\u0085muộn"}, ensure_ascii=False).encode("utf-16"),
]


@pytest.mark.parametrize("raw", REFUSED, ids=range(len(REFUSED)))
def test_a_body_the_walk_refuses_is_never_plain(raw):
    document = json.loads(raw)
    assert _walk_refuses(document)
    assert not _plain(document, raw)

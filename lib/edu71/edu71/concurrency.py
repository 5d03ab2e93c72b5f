"""ETag / If-Match over a document's version, so concurrent edits are caught (412) instead of lost."""
from __future__ import annotations

import re

from flask import Response, request

from edu71.problems import Problem

_ETAG = re.compile(r'^(?:W/)?"v(\d+)"$')


def etag(version: int) -> str:
    return f'"v{version}"'


def with_etag(response: Response, version: int) -> Response:
    response.headers["ETag"] = etag(version)
    return response


def expected_version(required: bool) -> int | None:
    """The version named by the request's ``If-Match`` (428 when required and absent, 412 when unusable)."""
    header = request.headers.get("If-Match")
    if not header:
        if required:
            raise Problem(428, "Cần gửi kèm tiêu đề If-Match (ETag của phiên bản đang sửa) để tránh ghi đè thay đổi của người khác.")
        return None
    match = _ETAG.match(header.strip())
    if not match:
        raise Problem(412, "Giá trị If-Match không khớp với phiên bản hiện tại.")
    return int(match.group(1))

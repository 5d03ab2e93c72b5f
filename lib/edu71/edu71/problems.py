"""RFC 9457 problem details, in Vietnamese, for every error a service answers with.

Use cases raise domain errors (:mod:`edu71.errors`), views may raise :class:`Problem` (or use
flask-smorest's ``abort``); whatever is raised ends up here and leaves as ``application/problem+json``. Nothing
internal (stack traces, exception text) ever reaches the client.
"""
from __future__ import annotations

import logging
from typing import Any

from apispec import BasePlugin
from flask import Flask, Response, json, request
from pymongo.errors import ConnectionFailure
from werkzeug.exceptions import HTTPException

from edu71.errors import DomainError, TooManyAttempts, Unauthenticated

log = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"
#: What a 401 asks for (RFC 9110 wants one): a bearer token of this platform.
CHALLENGE = 'Bearer realm="edu71"'

#: Vietnamese titles by status, used when a raiser gives none.
TITLES: dict[int, str] = {
    400: "Yêu cầu không hợp lệ",
    401: "Chưa xác thực",
    403: "Không có quyền",
    404: "Không tìm thấy",
    405: "Phương thức không được hỗ trợ",
    406: "Định dạng phản hồi không được hỗ trợ",
    409: "Xung đột dữ liệu",
    410: "Không còn tồn tại",
    412: "Điều kiện tiên quyết không thỏa mãn",
    413: "Dữ liệu gửi lên quá lớn",
    414: "Địa chỉ yêu cầu quá dài",
    415: "Kiểu dữ liệu không được hỗ trợ",
    422: "Dữ liệu không hợp lệ",
    428: "Thiếu điều kiện tiên quyết",
    429: "Quá nhiều yêu cầu",
    431: "Phần đầu yêu cầu quá lớn",
    500: "Lỗi hệ thống",
    503: "Dịch vụ tạm thời không sẵn sàng",
}

#: Details for errors raised by Flask/werkzeug themselves, whose own text is English.
DEFAULT_DETAILS: dict[int, str] = {
    400: "Yêu cầu không đúng định dạng.",
    401: "Cần đăng nhập (mã truy cập Bearer) để dùng chức năng này.",
    403: "Tài khoản của bạn không có quyền thực hiện thao tác này.",
    404: "Không tìm thấy tài nguyên được yêu cầu.",
    405: "Phương thức HTTP này không được hỗ trợ tại địa chỉ này.",
    413: "Dữ liệu gửi lên vượt quá giới hạn cho phép.",
    414: "Địa chỉ của yêu cầu dài quá giới hạn cho phép. Hãy rút gọn các tham số lọc.",
    415: "Kiểu nội dung gửi lên không được hỗ trợ.",
    422: "Dữ liệu gửi lên không hợp lệ.",
    431: "Phần đầu của yêu cầu lớn quá giới hạn cho phép.",
    500: "Đã xảy ra lỗi không mong muốn. Vui lòng thử lại sau.",
    503: "Dịch vụ tạm thời không sẵn sàng. Vui lòng thử lại sau.",
}


STORE_UNAVAILABLE = ("Kho dữ liệu tạm thời không phản hồi nên chưa chắc thao tác đã được ghi. Vui lòng thử lại "
                     "sau ít giây; với thao tác ghi, hãy tải lại để kiểm tra trước khi gửi lại.")


class Problem(Exception):
    """An error answer. ``errors`` lists per-field messages: ``[{"field": ..., "message": ...}]``."""

    def __init__(
        self,
        status: int,
        detail: str | None = None,
        *,
        title: str | None = None,
        type_: str = "about:blank",
        errors: list[dict[str, Any]] | None = None,
        headers: dict[str, str] | None = None,
        **extensions: Any,
    ):
        super().__init__(detail or title or str(status))
        self.status = status
        self.title = title or TITLES.get(status, "Lỗi")
        self.detail = detail or DEFAULT_DETAILS.get(status, self.title)
        self.type = type_
        self.errors = errors
        self.headers = headers or {}
        self.extensions = extensions

    def to_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {
            "type": self.type,
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
        }
        try:
            body["instance"] = request.path
        except RuntimeError:  # outside a request
            pass
        if self.errors:
            body["errors"] = self.errors
        body.update(self.extensions)
        return body

    def response(self) -> Response:
        resp = Response(
            json.dumps(self.to_dict(), ensure_ascii=False),
            status=self.status,
            mimetype=PROBLEM_JSON,
        )
        resp.headers.update(self.headers)
        return resp


def field_errors(messages: Any, prefix: str = "") -> list[dict[str, str]]:
    """Flatten marshmallow's nested error dict into ``[{"field": "a.b.0", "message": ...}]``."""
    out: list[dict[str, str]] = []
    if isinstance(messages, dict):
        for key, value in messages.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            out.extend(field_errors(value, name))
    elif isinstance(messages, (list, tuple)):
        if all(isinstance(m, str) for m in messages):
            out.extend({"field": prefix or "_schema", "message": m} for m in messages)
        else:
            for item in messages:
                out.extend(field_errors(item, prefix))
    else:
        out.append({"field": prefix or "_schema", "message": str(messages)})
    return out


def _from_http_exception(exc: HTTPException) -> Problem:
    status = exc.code or 500
    data = getattr(exc, "data", None) or {}
    # webargs puts validation messages, keyed by location, under data["messages"].
    messages = data.get("messages")
    if status == 422 and messages:
        by_location = messages if isinstance(messages, dict) else {"json": messages}
        errors: list[dict[str, str]] = []
        for location, msgs in by_location.items():
            errors.extend(field_errors(msgs, "" if location in ("json", "form", "files") else location))
        return Problem(422, "Dữ liệu gửi lên có lỗi, xem chi tiết từng mục.", errors=errors)
    if status == 400 and messages:
        return Problem(400, "Nội dung JSON không đúng cú pháp.")
    # flask-smorest's abort(status, message=...) keeps the message in data["message"].
    detail = data.get("message")
    if not isinstance(detail, str) or not detail:
        detail = DEFAULT_DETAILS.get(status)
    # werkzeug's own headers carry meaning (405: Allow, 416: Content-Range); its body's type does not.
    headers = {name: value for name, value in exc.get_headers() if name.lower() != "content-type"}
    headers.update(data.get("headers") or {})
    return Problem(status, detail, headers=headers)


def from_domain_error(exc: DomainError) -> Problem:
    """The problem details of a domain error: the one place where use cases' errors become HTTP."""
    headers = None
    if isinstance(exc, TooManyAttempts):
        headers = {"Retry-After": str(exc.retry_after)}
    elif isinstance(exc, Unauthenticated):
        headers = {"WWW-Authenticate": CHALLENGE}
    errors = [e.as_dict() for e in exc.errors] or None
    return Problem(exc.status, exc.message, errors=errors, headers=headers, **exc.details)


def install(app: Flask) -> None:
    """Route every error of ``app`` through problem details."""

    @app.errorhandler(Problem)
    def _problem(exc: Problem):
        return exc.response()

    @app.errorhandler(DomainError)
    def _domain(exc: DomainError):
        return from_domain_error(exc).response()

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        return _from_http_exception(exc).response()

    @app.errorhandler(ConnectionFailure)
    def _store_unavailable(exc: ConnectionFailure):
        # An outage, not a bug: no traceback, and a status that tells the client to come back. Whether the
        # write landed is unknown (the store may have applied it before the connection broke), so the detail
        # says to check before sending a write again.
        log.warning("store unavailable on %s %s: %s", request.method, request.path, exc)
        return Problem(503, STORE_UNAVAILABLE, headers={"Retry-After": "5"}).response()

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        log.exception("unhandled error on %s %s", request.method, request.path)
        return Problem(500).response()


#: JSON Schema of :meth:`Problem.to_dict`, the body of every error answer.
PROBLEM_DETAILS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "Chi tiết lỗi theo RFC 9457, bằng tiếng Việt",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string"},
        "errors": {
            "type": "array",
            "description": "Lỗi theo từng trường",
            "items": {
                "type": "object",
                "required": ["field", "message"],
                "properties": {"field": {"type": "string"}, "message": {"type": "string"}},
            },
        },
    },
    "additionalProperties": True,
}

_PROBLEM_CONTENT = {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/ProblemDetails"}}}


def _is_error(status: Any) -> bool:
    return str(status) == "default" or (str(status).isdigit() and int(status) >= 400)


class OpenAPIPlugin(BasePlugin):
    """Documents every error response as what :func:`install` answers: ``application/problem+json``.

    flask-smorest documents its error responses (the shared components, ``alt_response``
    without a schema) as ``application/json`` with its own ``Error`` shape, or with no body at
    all; this plugin, last in the spec's plugins, replaces their content.
    """

    def init_spec(self, spec) -> None:
        super().init_spec(spec)
        spec.components.schema("ProblemDetails", PROBLEM_DETAILS_SCHEMA)

    def response_helper(self, response: dict, **kwargs: Any) -> dict | None:
        # The response components are only ever referenced for errors (default, 422, alt_response).
        return {"content": _PROBLEM_CONTENT} if "content" in response else None

    def operation_helper(self, path=None, operations=None, **kwargs: Any) -> None:
        for operation in (operations or {}).values():
            for status, response in (operation.get("responses") or {}).items():
                if _is_error(status) and isinstance(response, dict) and "$ref" not in response:
                    response["content"] = _PROBLEM_CONTENT

"""What every backing-API client shares: bearer token, timeouts, problem details turned into ApiError."""
from __future__ import annotations

from typing import Any

import requests
from urllib3.exceptions import ProtocolError

#: Shown when a backing service does not answer; the page stays up and says so.
UNAVAILABLE = "Dịch vụ {name} tạm thời không phản hồi. Vui lòng thử lại sau ít phút."

#: A service closes a kept-alive connection that sat idle for its keep-alive time (gunicorn's ``keepalive``);
#: a request that set out on it at that moment is met by a close or a reset before any answer. The service
#: never read it, so it is sent again on a fresh connection: once per pooled connection that may have gone the
#: same way. Timeouts and refused connections are outages and are not retried.
_STALE_CONNECTION_ATTEMPTS = 3


class ApiError(Exception):
    """A backing API refused or failed: its RFC 9457 problem, kept for the page to show."""

    def __init__(self, status: int, problem: dict[str, Any], headers: dict[str, str] | None = None):
        self.status = status
        self.problem = problem
        self.headers = headers or {}
        super().__init__(self.detail)

    @property
    def detail(self) -> str:
        return str(self.problem.get("detail") or self.problem.get("title") or f"Lỗi {self.status}")

    @property
    def field_errors(self) -> dict[str, str]:
        """``{"field.path": "message"}``; the first message of a field wins."""
        out: dict[str, str] = {}
        for item in self.problem.get("errors") or []:
            if isinstance(item, dict) and "field" in item:
                out.setdefault(str(item["field"]), str(item.get("message", "")))
        return out


class ApiClient:
    #: Vietnamese name of the service, for messages.
    name = "hệ thống"

    def __init__(self, base_url: str, token: str | None = None, timeout: float = 15.0,
                 http: requests.Session | None = None):
        self.base_url = base_url
        self.token = token
        self.timeout = timeout
        self.http = http or requests.Session()

    def request(self, method: str, path: str, *, headers: dict[str, str] | None = None,
                **kwargs: Any) -> requests.Response:
        sent = dict(headers or {})
        if self.token:
            sent["Authorization"] = f"Bearer {self.token}"
        try:
            response = send(self.http, method, self.base_url + path, headers=sent, timeout=self.timeout, **kwargs)
        except requests.RequestException:
            raise ApiError(503, {"title": "Dịch vụ tạm thời không sẵn sàng",
                                 "detail": UNAVAILABLE.format(name=self.name)}) from None
        if response.status_code >= 400:
            raise ApiError(response.status_code, _problem(response), dict(response.headers))
        return response

    def get_json(self, path: str, **kwargs: Any) -> Any:
        return self.request("GET", path, **kwargs).json()

    def send_json(self, method: str, path: str, body: Any, **kwargs: Any) -> Any:
        response = self.request(method, path, json=body, **kwargs)
        return response.json() if response.content else None


def send(http: requests.Session, method: str, url: str, **kwargs: Any) -> requests.Response:
    """One request on the portal's shared session, sent again when a kept-alive connection was closed under it."""
    attempts_left = _STALE_CONNECTION_ATTEMPTS
    while True:
        try:
            return http.request(method, url, **kwargs)
        except requests.ConnectionError as error:
            attempts_left -= 1
            if not attempts_left or not _closed_before_answering(error):
                raise


def _closed_before_answering(error: requests.ConnectionError) -> bool:
    """The connection was closed or reset before the status line: what a kept-alive connection's close looks like
    (urllib3's "Connection aborted."), as opposed to a refused connection or an answer broken off midway."""
    aborted = error.args[0] if error.args else None
    return isinstance(aborted, ProtocolError) and any(
        isinstance(cause, (ConnectionResetError, BrokenPipeError)) for cause in aborted.args)


def _problem(response: requests.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict):
        return body
    return {"title": "Lỗi", "detail": f"Dịch vụ trả lời với mã lỗi {response.status_code}."}


def etag_of(response: requests.Response) -> str | None:
    return response.headers.get("ETag")

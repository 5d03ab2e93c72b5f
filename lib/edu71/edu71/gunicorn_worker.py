"""The gunicorn worker every service API runs: gunicorn's threaded worker, answering its own errors
as problem details.

gunicorn refuses some requests before the application sees them — a request
line over its limit (414), headers over theirs (431), a malformed request
(400) — and answers those with an English HTML page. Clients of the APIs get
RFC 9457 problem details in Vietnamese for every other error, so they do here too.
"""
from __future__ import annotations

import json

from gunicorn import util
from gunicorn.http import errors
from gunicorn.workers.gthread import ThreadWorker

from edu71.problems import PROBLEM_JSON, Problem

#: gunicorn's refusals and the status gunicorn itself gives each (see gunicorn.workers.base.handle_error).
STATUS = (
    (errors.LimitRequestLine, 414, "URI Too Long"),
    (errors.LimitRequestHeaders, 431, "Request Header Fields Too Large"),
    (errors.ForbiddenProxyRequest, 403, "Forbidden"),
    (errors.UnsupportedTransferCoding, 501, "Not Implemented"),
    (errors.ParseException, 400, "Bad Request"),
)


class ProblemWorker(ThreadWorker):
    def handle_error(self, req, client, addr, exc):
        refused = next(((status, reason) for kind, status, reason in STATUS if isinstance(exc, kind)), None)
        if refused is None:
            super().handle_error(req, client, addr, exc)
            return
        status, reason = refused
        self.log.warning("Invalid request from ip=%s: %s", (addr or ("",))[0], exc)
        body = json.dumps(Problem(status).to_dict(), ensure_ascii=False).encode("utf-8")
        head = (f"HTTP/1.1 {status} {reason}\r\nConnection: close\r\nContent-Type: {PROBLEM_JSON}\r\n"
                f"Content-Length: {len(body)}\r\n\r\n").encode("latin-1")
        try:
            util.write_nonblock(client, head + body)
        except Exception:  # noqa: BLE001 - the client may be gone; gunicorn ignores this too
            self.log.debug("Failed to send error message.")

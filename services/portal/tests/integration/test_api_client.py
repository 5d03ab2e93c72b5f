"""The backing-API client against a real socket server that closes a kept-alive connection the way gunicorn does
when the connection has sat idle for its keep-alive time: the request on it gets no answer at all."""
from __future__ import annotations

import socket
import struct
import threading

import pytest
import requests

from portal.clients.base import ApiClient, ApiError
from portal.clients.ops import OpsClient


class _ClosingServer:
    """Answers every connection's first request with keep-alive, then drops the connection on its next one,
    either with a FIN (``reset=False``: the client reads nothing) or a reset (``reset=True``)."""

    def __init__(self, reset: bool):
        self.reset = reset
        self.answered = 0
        self.dropped = 0
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._connection, args=(conn,), daemon=True).start()

    def _connection(self, conn: socket.socket) -> None:
        with conn:
            if not _read_request(conn):
                return
            self.answered += 1  # before the answer: the client may assert as soon as it has it
            body = b'{"ok": true}'
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: keep-alive\r\n"
                         b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
            if not _read_request(conn):
                return
            self.dropped += 1
            if self.reset:
                conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))

    def close(self) -> None:
        self.listener.close()


def _read_request(conn: socket.socket) -> bool:
    """Reads one request (headers and a Content-Length body); False when the client went away."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return False
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
    while len(rest) < length:
        rest += conn.recv(65536)
    return True


@pytest.fixture(params=[False, True], ids=["fin", "reset"])
def server(request):
    server = _ClosingServer(reset=request.param)
    yield server
    server.close()


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_a_kept_alive_connection_the_service_closed_is_not_an_outage(server, method):
    client = ApiClient(server.url, timeout=5)
    assert client.send_json(method, "/sessions", {"username": "a"}) == {"ok": True}

    assert client.send_json(method, "/sessions", {"username": "a"}) == {"ok": True}

    assert server.dropped == 1
    assert server.answered == 2


def test_a_service_that_is_not_there_is_reported_at_once():
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    listener.close()
    client = ApiClient(f"http://127.0.0.1:{port}", timeout=5)
    client.name = "tài khoản"

    with pytest.raises(ApiError) as refused:
        client.get_json("/me")

    assert refused.value.status == 503
    assert "Dịch vụ tài khoản tạm thời không phản hồi" in refused.value.detail


def test_the_operator_page_does_not_show_a_service_down_for_a_closed_connection(server):
    probe = OpsClient(requests.Session()).probe(server.url)

    assert (probe.live, probe.ready, probe.metrics) == (True, True, '{"ok": true}')
    assert server.dropped == 2

"""A best-effort wake-up for whoever polls a work queue: rung when work is put, waited on between polls.

A poller (the outbox relay, the reports projector) finds its work by reading its
queue (:mod:`edu71.store.queue`) and, finding none, waits before reading again.
Each :meth:`~edu71.store.queue.WorkQueue.put` rings the queue's bell so that the
poller reads at once instead of at its next poll:

- in the writer's own process (the reports consumer and projector, the projector
  and its relay) by a condition variable;
- to pollers in other processes of the same host (an API and its worker) by a
  datagram to the Unix socket each listening process binds in the bell's
  directory, under the system's temporary directory.

A ring is only a hint. It is lost when the poller runs on another host, is
starting, or its socket's buffer is full; the poll still finds the work, later.
Nothing relies on it for correctness: what is put is in the store before the
ring, and the poller reads the store, never the ring.
"""
from __future__ import annotations

import errno
import hashlib
import itertools
import logging
import os
import socket
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

log = logging.getLogger(__name__)

#: Where the listening processes' sockets are, one directory per bell.
ROOT = Path(tempfile.gettempdir()) / f"edu71-bells-{os.getuid()}"
#: How often a listener looks whether it should stop.
_TICK = 0.5


class Bell:
    """The bell of one queue (``key``: its database and name) in this process."""

    def __init__(self, key: str):
        self.key = key
        self.directory = ROOT / hashlib.sha1(key.encode()).hexdigest()[:20]
        self._rung = 0
        self._changed = threading.Condition()
        self._listeners = 0
        self._listening: _Listener | None = None
        self._lock = threading.Lock()

    @property
    def rung(self) -> int:
        """How many rings this process has heard: read it before looking for work, and :meth:`wait` on it."""
        with self._changed:
            return self._rung

    def wait(self, seen: int, timeout: float) -> int:
        """Wait until the bell rings after ``seen`` was read (at once if it already has), at most ``timeout``
        seconds; return the rings heard by then."""
        with self._changed:
            self._changed.wait_for(lambda: self._rung != seen, timeout)
            return self._rung

    def ring(self) -> None:
        """Wake this process's pollers and tell the other processes' listeners."""
        self._heard()
        try:
            names = os.listdir(self.directory)
        except OSError:
            return  # nobody has listened on this host
        own = self._listening.name if self._listening is not None else None
        for name in names:
            if name != own:
                _send(self.directory / name)

    def _heard(self) -> None:
        with self._changed:
            self._rung += 1
            self._changed.notify_all()

    @contextmanager
    def listening(self) -> Iterator[None]:
        """Hear other processes' rings while inside (pollers nest: the socket lives until the last one leaves)."""
        with self._lock:
            self._listeners += 1
            if self._listeners == 1:
                self._listening = _Listener.start(self)
        try:
            yield
        finally:
            with self._lock:
                self._listeners -= 1
                if self._listeners == 0 and self._listening is not None:
                    self._listening.stop()
                    self._listening = None


class _Listener:
    """One process's socket in a bell's directory, and the thread that turns its datagrams into rings."""

    _serial = itertools.count(1)

    def __init__(self, bell: Bell, sock: socket.socket, name: str):
        self.bell, self.sock, self.name = bell, sock, name
        self.path = bell.directory / name
        self.halt = threading.Event()

    @classmethod
    def start(cls, bell: Bell) -> _Listener | None:
        name = f"{os.getpid()}.{next(cls._serial)}"
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        try:
            bell.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
            sock.bind(str(bell.directory / name))
        except OSError as exc:  # e.g. a path too long for a socket: polling alone still finds the work
            sock.close()
            log.warning("doorbell %s: cannot listen (%s); polling only", bell.key, exc)
            return None
        sock.settimeout(_TICK)
        listener = cls(bell, sock, name)
        threading.Thread(target=listener._run, name=f"doorbell-{name}", daemon=True).start()
        return listener

    def _run(self) -> None:
        try:
            while not self.halt.is_set():
                try:
                    self.sock.recv(16)
                except socket.timeout:
                    continue
                except OSError as exc:
                    log.warning("doorbell %s: stopped listening (%s); polling only", self.bell.key, exc)
                    return
                self.bell._heard()
        finally:
            self.sock.close()
            self.path.unlink(missing_ok=True)

    def stop(self) -> None:
        self.halt.set()


_sender: tuple[int, socket.socket] | None = None
_bells: dict[str, Bell] = {}
_bells_lock = threading.Lock()


def _send(path: Path) -> None:
    global _sender
    if _sender is None or _sender[0] != os.getpid():  # a forked process makes its own
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        sock.setblocking(False)
        _sender = (os.getpid(), sock)
    try:
        _sender[1].sendto(b"!", str(path))
    except ConnectionRefusedError:
        path.unlink(missing_ok=True)  # its process ended without removing it: nobody reads it any more
    except OSError as exc:
        if exc.errno not in (errno.EAGAIN, errno.ENOENT, errno.ENOBUFS):  # a full buffer rings anyway; gone: fine
            log.debug("doorbell: cannot ring %s (%s)", path, exc)


def bell(key: str) -> Bell:
    """This process's bell for ``key``."""
    with _bells_lock:
        found = _bells.get(key)
        if found is None:
            found = _bells[key] = Bell(key)
        return found

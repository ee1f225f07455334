"""A real central server for tests: a fresh PostgreSQL database, ``daftar-central init``
and ``daftar-central serve`` in a child process on a loopback port; and a fault proxy
that sits between the client and the server and, request by request, passes, drops
the connection after the server answered, answers 500 itself, stalls past the
client's timeout, or resets before forwarding."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections import deque
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
TABLES = ("api_key", "transfer", "repair", "objection", "record_code", "inquiry", "legacy_diploma",
          "update_feed", "permit",
          "document", "change_request", "student", "grade_row", "sheet", "batch", "deadline",
          "reviewer", "school")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def central_cli(db_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "central.cli", "--db", db_url, *args],
                          capture_output=True, text=True, cwd=ROOT, check=False)


class CentralServer:
    def __init__(self, db_url: str, now: str) -> None:
        self.db_url = db_url
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = dict(os.environ, DAFTAR_CENTRAL_DB=db_url, DAFTAR_CENTRAL_NOW=now)
        self.log = open(Path(os.environ.get("TMPDIR", "/tmp")) / f"central-{self.port}.log", "w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "central.cli", "serve", "--port", str(self.port)],
            cwd=ROOT, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(self.url + "/v1/status", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError(f"central server did not start; see {self.log.name}")
            time.sleep(0.1)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(10)
        self.log.close()


class FaultProxy:
    """Loopback HTTP/1.1 proxy with a script of per-request faults.

    ``script`` items: "pass", "drop" (forward, let the server answer, close on the client),
    "500" (answer 500 without forwarding), "stall" (forward, then hold the answer until
    the client gives up), "reset" (close before forwarding).  When the script is empty
    every request passes.  ``forwarded`` counts requests the server answered."""

    def __init__(self, target_port: int) -> None:
        self.target = ("127.0.0.1", target_port)
        self.script: deque[str] = deque()
        self.forwarded = 0
        self.seen: list[tuple[str, str]] = []   # (request line, action)
        self.lock = threading.Lock()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.stalled = threading.Event()
        self._stop = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def close(self) -> None:
        self._stop.set()
        self.listener.close()

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        with conn:
            while True:
                request = _read_message(conn)
                if request is None:
                    return
                with self.lock:
                    action = self.script.popleft() if self.script else "pass"
                    self.seen.append((request.split(b"\r\n", 1)[0].decode(), action))
                if action == "reset":
                    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\0\0\0\0\0\0\0")
                    return
                if action == "500":
                    conn.sendall(b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n")
                    continue
                answer = self._forward(request)
                if action == "drop":
                    return
                if action == "stall":
                    self.stalled.set()
                    conn.settimeout(None)
                    try:
                        while conn.recv(1024):
                            pass
                    except OSError:
                        pass
                    return
                conn.sendall(answer)

    def _forward(self, request: bytes) -> bytes:
        with socket.create_connection(self.target) as upstream:
            upstream.sendall(request)
            answer = _read_message(upstream, response=True)
        with self.lock:
            self.forwarded += 1
        return answer or b""


def _read_message(sock: socket.socket, response: bool = False) -> bytes | None:
    data = b""
    while b"\r\n\r\n" not in data:
        try:
            chunk = sock.recv(65536)
        except OSError:
            return None
        if not chunk:
            return None
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = sock.recv(65536)
        if not chunk:
            break
        body += chunk
    return head + b"\r\n\r\n" + body

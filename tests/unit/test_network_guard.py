"""The suite blocks sockets: proof that the guard is active (Mathroom opens no connection
but to the department library server the teacher names; its tests use loopback only)."""

from __future__ import annotations

import socket

import pytest

OUTSIDE = "192.0.2.1"  # TEST-NET-1: never a real host


def test_outbound_connections_are_refused() -> None:
    with pytest.raises(RuntimeError, match="network access"):
        socket.create_connection((OUTSIDE, 9))
    with (
        socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock,
        pytest.raises(RuntimeError, match="network access"),
    ):
        sock.connect((OUTSIDE, 9))
    with pytest.raises(RuntimeError, match="network access"):
        socket.getaddrinfo("example.org", 443)


def test_loopback_stays_open_for_the_local_postgresql() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        port = server.getsockname()[1]
        with socket.create_connection(("127.0.0.1", port), timeout=5):
            accepted, _ = server.accept()
            accepted.close()

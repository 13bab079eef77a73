"""The suite blocks sockets: proof that the guard is active (Mathroom never needs one)."""

from __future__ import annotations

import socket

import pytest


def test_outbound_connections_are_refused() -> None:
    with pytest.raises(RuntimeError, match="network access"):
        socket.create_connection(("127.0.0.1", 9))
    with (
        socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock,
        pytest.raises(RuntimeError, match="network access"),
    ):
        sock.connect(("127.0.0.1", 9))

"""Reaching the department's PostgreSQL server: the address the teacher names, libpq's own
credentials (``.pgpass``/``PGPASSFILE``, ``PGSSLMODE``...), then the system keychain.

Mathroom never stores a password: libpq reads its usual places itself, and only when the
server asks for a password none of them had does the keychain get asked (service
``mathroom-library``, user ``USER@HOST/DB``). Every connection is opened for one action and
closed after it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, create_engine
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.pool import NullPool

from mathroom.domain.errors import MathroomError, ValidationError

log = logging.getLogger(__name__)

KEYRING_SERVICE = "mathroom-library"
CONNECT_TIMEOUT_SECONDS = 10
_TLS_MODES = ("require", "verify-ca", "verify-full")
_ALL_SSL_MODES = ("disable", "allow", "prefer", *_TLS_MODES)


class LibraryUnreachableError(MathroomError):
    """The department server could not be reached or refused the sign-in; nothing changed."""


@dataclass(frozen=True, slots=True)
class ServerAddress:
    """``postgresql://USER@HOST[:PORT]/DB[?sslmode=...]``, checked, without any password."""

    url: URL
    require_tls: bool = False

    @classmethod
    def parse(cls, text: str, *, require_tls: bool = False) -> ServerAddress:
        try:
            url = make_url(text.strip())
        except ArgumentError:
            raise ValidationError(
                "server", f"{text!r} is not a postgresql://USER@HOST/DB address"
            ) from None
        if url.get_backend_name() != "postgresql":
            raise ValidationError("server", "the address must start with postgresql://")
        if url.password is not None:
            raise ValidationError(
                "server",
                "leave the password out of the address: put it in ~/.pgpass (or PGPASSFILE) "
                "or the system keychain",
            )
        if not url.username or not url.host or not url.database:
            raise ValidationError("server", "write the address as postgresql://USER@HOST/DB")
        sslmode = url.query.get("sslmode")
        if sslmode is not None and sslmode not in _ALL_SSL_MODES:
            raise ValidationError("server", f"sslmode {sslmode!r} is not one libpq knows")
        if require_tls and sslmode is None:
            url = url.update_query_dict({"sslmode": "require"})
        elif require_tls and sslmode not in _TLS_MODES:
            raise ValidationError("server", f"--require-tls contradicts sslmode={sslmode}")
        return cls(url.set(drivername="postgresql+psycopg"), require_tls)

    @property
    def user(self) -> str:
        return str(self.url.username)

    @property
    def database(self) -> str:
        return str(self.url.database)

    @property
    def identity(self) -> str:
        """The library as the laptop's bookkeeping names it: host, port and database."""
        return f"{self.url.host}:{self.url.port or 5432}/{self.url.database}"

    @property
    def text(self) -> str:
        """The address as the teacher writes it (with any sslmode), never a password."""
        return self.url.set(drivername="postgresql").render_as_string(hide_password=True)

    @property
    def display(self) -> str:
        return f"postgresql://{self.url.username}@{self.identity}"

    @property
    def teacher_role(self) -> str:
        return f"{self.database[:50]}_teacher"

    @property
    def lead_role(self) -> str:
        return f"{self.database[:50]}_lead"


def _keychain_password(address: ServerAddress) -> str | None:
    """The keychain's password for this library, or None (no keychain, or nothing saved)."""
    try:
        import keyring
        from keyring.errors import KeyringError
    except ImportError:  # pragma: no cover - keyring is a dependency; a trimmed install
        return None
    try:
        return keyring.get_password(KEYRING_SERVICE, f"{address.user}@{address.identity}")
    except KeyringError as exc:
        log.info("no keychain for the library password: %s", exc)
        return None


def _engine(address: ServerAddress, password: str | None) -> Engine:
    connect_args: dict[str, Any] = {
        "connect_timeout": CONNECT_TIMEOUT_SECONDS,
        "application_name": "mathroom",
    }
    if password is not None:
        connect_args["password"] = password
    return create_engine(address.url, poolclass=NullPool, connect_args=connect_args)


def _asks_for_password(exc: OperationalError) -> bool:
    text = str(exc.orig).lower()
    return "no password supplied" in text or "password authentication failed" in text


@contextmanager
def connect(address: ServerAddress) -> Iterator[Connection]:
    """One connection to the library for one action; LibraryUnreachableError when it cannot be
    opened (the message says why, never a password)."""
    engine = _engine(address, None)
    try:
        try:
            connection = engine.connect()
        except OperationalError as exc:
            password = _keychain_password(address) if _asks_for_password(exc) else None
            if password is None:
                raise LibraryUnreachableError(_reason(address, exc)) from exc
            engine.dispose()
            engine = _engine(address, password)
            try:
                connection = engine.connect()
            except OperationalError as again:
                raise LibraryUnreachableError(_reason(address, again)) from again
        with connection:
            yield connection
    finally:
        engine.dispose()


def _reason(address: ServerAddress, exc: OperationalError) -> str:
    detail = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else str(exc)
    return f"Could not reach the department library {address.display}: {detail}"

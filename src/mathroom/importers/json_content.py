"""Shared checks for the JSON content files the app ships (skill map, tasks, demo)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mathroom.domain.errors import ContentError


def load_json_object(path: Path, expected_format: int) -> dict[str, Any]:
    """Read a UTF-8 JSON object whose ``format`` field must match."""
    source = path.name
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ContentError(source, "file not found") from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ContentError(source, f"not valid UTF-8 JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise ContentError(source, "expected a JSON object at the top")
    if data.get("format") != expected_format:
        raise ContentError(source, f"format {data.get('format')!r}, expected {expected_format}")
    return data


def text(item: dict[str, Any], key: str, where: str, *, optional: bool = False) -> str | None:
    value = item.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, str) or (not optional and not value.strip()):
        raise ContentError(where, f"'{key}' must be a non-empty string")
    return value


def required_text(item: dict[str, Any], key: str, where: str) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value.strip():
        raise ContentError(where, f"'{key}' must be a non-empty string")
    return value


def string_list(item: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = item.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ContentError(where, f"'{key}' must be a list of strings")
    return tuple(value)


def object_list(data: dict[str, Any], key: str, where: str) -> list[dict[str, Any]]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ContentError(where, f"'{key}' must be a list of objects")
    return value

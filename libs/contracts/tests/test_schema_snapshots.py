"""A published message schema must not change incompatibly (a committed JSON-schema snapshot per type)."""

from __future__ import annotations

import json

from marketbridge.contracts.snapshot import SNAPSHOT_DIR, current_schemas, incompatibilities


def test_every_published_message_has_a_committed_snapshot() -> None:
    missing = [name for name in current_schemas() if not (SNAPSHOT_DIR / f"{name}.json").exists()]
    assert not missing, f"run `python -m marketbridge.contracts.snapshot` and commit: {missing}"


def test_no_published_schema_changed_incompatibly() -> None:
    current = current_schemas()
    problems = {}
    for path in SNAPSHOT_DIR.glob("*.json"):
        name = path.stem
        assert name in current, f"{name} was published and has been removed; add a new version instead"
        found = incompatibilities(json.loads(path.read_text()), current[name])
        if found:
            problems[name] = found
    assert not problems, f"incompatible schema changes (publish a new .v<major> instead): {problems}"


def test_the_check_catches_a_removed_field_and_a_new_required_field() -> None:
    old = {"properties": {"a": {"type": "string"}, "b": {"type": "integer"}}, "required": ["a"]}
    new = {"properties": {"a": {"type": "integer"}, "c": {"type": "string"}}, "required": ["a", "c"]}
    assert sorted(incompatibilities(old, new)) == ["a: type changed", "b: removed", "c: newly required"]


def test_adding_an_optional_field_is_compatible() -> None:
    old = {"properties": {"a": {"type": "string"}}, "required": ["a"]}
    new = {"properties": {"a": {"type": "string"}, "b": {"type": "string", "default": None}}, "required": ["a"]}
    assert incompatibilities(old, new) == []

"""Committed JSON-schema snapshots of every published message, and the compatibility rule they enforce.

`python -m marketbridge.contracts.snapshot` rewrites the snapshots after a deliberate, compatible change.
Incompatible (caught by the test): removing a field, changing a field's type, making a field required
that was optional or new. Compatible: adding an optional field. Breaking changes need a new `.v<major>`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from marketbridge.contracts.base import REGISTRY

SNAPSHOT_DIR = Path(__file__).resolve().parents[3] / "schemas"


def current_schemas() -> dict[str, dict[str, Any]]:
    import marketbridge.contracts  # noqa: F401  (registers every message)

    return {name: cls.model_json_schema() for name, cls in sorted(REGISTRY.items())}


def incompatibilities(old: dict[str, Any], new: dict[str, Any], path: str = "") -> list[str]:
    problems: list[str] = []
    old_props, new_props = old.get("properties", {}), new.get("properties", {})
    for name, old_prop in old_props.items():
        if name not in new_props:
            problems.append(f"{path}{name}: removed")
        elif _shape(old_prop, old) != _shape(new_props[name], new):
            problems.append(f"{path}{name}: type changed")
    for name in set(new.get("required", [])) - set(old.get("required", [])):
        problems.append(f"{path}{name}: newly required")
    for def_name, old_def in old.get("$defs", {}).items():
        new_def = new.get("$defs", {}).get(def_name)
        if new_def is None:
            problems.append(f"{path}$defs.{def_name}: removed")
        else:
            problems += incompatibilities(old_def, new_def, f"{path}{def_name}.")
    return problems


def _shape(prop: dict[str, Any], root: dict[str, Any]) -> str:
    keep = {k: v for k, v in prop.items() if k not in ("title", "description", "default", "examples")}
    return json.dumps(keep, sort_keys=True)


def write() -> None:
    SNAPSHOT_DIR.mkdir(exist_ok=True)
    for name, schema in current_schemas().items():
        (SNAPSHOT_DIR / f"{name}.json").write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    write()
    print(f"wrote {len(REGISTRY)} schemas to {SNAPSHOT_DIR}")

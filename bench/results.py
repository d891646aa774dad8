"""Collects figures from every benchmark of a run into bench/results/latest.json."""

from __future__ import annotations

import json
from pathlib import Path

LATEST = Path(__file__).parent / "results" / "latest.json"


class Results:
    def __init__(self) -> None:
        self.figures: list[dict[str, object]] = []

    def add(self, name: str, value: float, unit: str) -> None:
        self.figures.append({"name": name, "value": round(value, 3), "unit": unit})
        print(f"  {name:<58} {value:>14,.2f} {unit}")

    def write(self) -> None:
        LATEST.parent.mkdir(parents=True, exist_ok=True)
        LATEST.write_text(json.dumps(self.figures, ensure_ascii=False, indent=2) + "\n")
        print(f"wrote {len(self.figures)} figures to {LATEST}")

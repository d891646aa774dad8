"""Fault injection rules: match a request by method and path regex, then misbehave.

Kinds: `latency` (delay, then answer normally), `http_500`, `http_503`, `http_429`, `timeout` (hang for
`latency_ms`, default 30 s, then 504), `malformed` (200 with a truncated JSON body). `phase="after"`
runs the real handler first (its effect is applied) and only then replaces the answer: the outcome of
the call is unknown to the client, which is what a crash-safe connector must cope with.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from typing import Any, Literal

FaultKind = Literal["latency", "http_500", "http_503", "http_429", "timeout", "malformed"]
FaultPhase = Literal["before", "after"]
FAULT_KINDS: tuple[str, ...] = ("latency", "http_500", "http_503", "http_429", "timeout", "malformed")


@dataclass(slots=True)
class FaultRule:
    id: int
    path_pattern: str
    kind: str
    probability: float = 1.0
    latency_ms: int = 0
    count: int | None = None
    method: str | None = None
    phase: str = "before"
    injected: int = 0
    regex: re.Pattern[str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.regex = re.compile(self.path_pattern)

    def exhausted(self) -> bool:
        return self.count is not None and self.injected >= self.count

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "path_pattern": self.path_pattern, "kind": self.kind,
            "probability": self.probability, "latency_ms": self.latency_ms, "count": self.count,
            "method": self.method, "phase": self.phase, "injected": self.injected,
        }


class FaultInjector:
    def __init__(self, rng: random.Random | None = None) -> None:
        self._rng = rng or random.Random()
        self._rules: list[FaultRule] = []
        self._next_id = 1

    def add(self, path_pattern: str, kind: str, *, probability: float = 1.0, latency_ms: int = 0,
            count: int | None = None, method: str | None = None, phase: str = "before") -> FaultRule:
        if kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {kind!r}")
        if phase not in ("before", "after"):
            raise ValueError(f"unknown fault phase {phase!r}")
        rule = FaultRule(self._next_id, path_pattern, kind, probability, latency_ms, count,
                         method.upper() if method else None, phase)
        self._next_id += 1
        self._rules.append(rule)
        return rule

    def remove(self, rule_id: int) -> bool:
        before = len(self._rules)
        self._rules = [r for r in self._rules if r.id != rule_id]
        return len(self._rules) != before

    def clear(self) -> None:
        self._rules.clear()

    def rules(self) -> list[FaultRule]:
        return list(self._rules)

    def pick(self, method: str, path: str) -> FaultRule | None:
        """The first active rule that matches and fires (by its probability); counts the injection."""
        for rule in self._rules:
            if rule.exhausted() or (rule.method is not None and rule.method != method):
                continue
            if rule.regex.search(path) is None:
                continue
            if rule.probability < 1.0 and self._rng.random() >= rule.probability:
                continue
            rule.injected += 1
            return rule
        return None

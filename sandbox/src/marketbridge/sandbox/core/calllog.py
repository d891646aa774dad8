"""Call log of a dialect: counts per route and status, peak requests per second, recent calls."""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(slots=True, frozen=True)
class CallRecord:
    at: float
    method: str
    path: str
    route: str
    status: int
    client_id: str | None
    duration_ms: float
    fault: str | None


class CallLog:
    def __init__(self, clock: Callable[[], float], recent_max: int = 5000) -> None:
        self._clock = clock
        self._recent: deque[CallRecord] = deque(maxlen=recent_max)
        self.reset()

    def reset(self) -> None:
        self.total = 0
        self._by_route: Counter[str] = Counter()
        self._by_route_status: Counter[tuple[str, int]] = Counter()
        self._per_second: Counter[int] = Counter()
        self.peak_per_second = 0
        self.peak_second: int | None = None
        self._recent.clear()

    def record(self, method: str, path: str, route: str, status: int, client_id: str | None,
               duration_ms: float, fault: str | None = None) -> None:
        now = self._clock()
        key = f"{method} {route}"
        self.total += 1
        self._by_route[key] += 1
        self._by_route_status[(key, status)] += 1
        second = int(now)
        self._per_second[second] += 1
        if self._per_second[second] > self.peak_per_second:
            self.peak_per_second = self._per_second[second]
            self.peak_second = second
        self._recent.append(CallRecord(now, method, path, route, status, client_id, duration_ms, fault))

    def count(self, method: str, route: str) -> int:
        return self._by_route[f"{method} {route}"]

    def snapshot(self, recent: int = 100) -> dict[str, Any]:
        by_path: dict[str, dict[str, Any]] = {}
        for key, count in self._by_route.items():
            by_path[key] = {"count": count, "statuses": {}}
        for (key, status), count in self._by_route_status.items():
            by_path[key]["statuses"][str(status)] = count
        recent_rows = list(self._recent)[-recent:] if recent > 0 else []
        return {
            "total": self.total,
            "by_path": by_path,
            "peak_per_second": self.peak_per_second,
            "peak_second": self.peak_second,
            "recent": [
                {"at": r.at, "method": r.method, "path": r.path, "route": r.route, "status": r.status,
                 "client_id": r.client_id, "duration_ms": round(r.duration_ms, 3), "fault": r.fault}
                for r in recent_rows
            ],
        }


class SellerPeaks:
    """Peak requests per second of each seller, for per-key limits. Only the last ~300-600 seconds are kept
    per seller: a peak, once reached, is remembered, so older seconds are of no use."""

    def __init__(self, clock: Callable[[], float]) -> None:
        self._clock = clock
        self.seconds: dict[str, Counter[int]] = {}
        self.peak: dict[str, int] = {}

    def record(self, *seller_ids: str) -> None:
        second = int(self._clock())
        for sid in seller_ids:
            counter = self.seconds.setdefault(sid, Counter())
            counter[second] += 1
            if counter[second] > self.peak.get(sid, 0):
                self.peak[sid] = counter[second]
            if len(counter) > 600:
                for old in sorted(counter)[:-300]:
                    del counter[old]

    def clear(self) -> None:
        self.seconds.clear()
        self.peak.clear()

"""The daily session of 롯데홈쇼핑: `createCertification.lotte?strUserId&strPassWd` answers a
`SubscriptionId` that every call passes as `subscriptionId`. It is cached for the KST day and issued
again when the day changes or a call is refused with E0001 (invalid/expired session)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime

from marketbridge.connectors.homeshopping_common.dates import KST


class DailySession:
    def __init__(self, now: Callable[[], datetime] = lambda: datetime.now(KST)) -> None:
        self._now = now
        self._id: str | None = None
        self._day: str | None = None
        self.lock = asyncio.Lock()

    def today(self) -> str:
        return self._now().astimezone(KST).strftime("%Y%m%d")

    def current(self) -> str | None:
        return self._id if self._id is not None and self._day == self.today() else None

    def store(self, session_id: str) -> None:
        self._id, self._day = session_id, self.today()

    def invalidate(self, session_id: str) -> None:
        if self._id == session_id:
            self._id = None

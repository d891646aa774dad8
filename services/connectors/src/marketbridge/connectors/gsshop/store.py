"""Where the orders GS SHOP pushes are kept until the adapter reads them (the `PushedOrderStore` port).

GS pushes rows (`ordTypeCd` O 주문 / R 반품 / X 교환주문 / C 취소) for one supplier (`supCd`) and one day
(`sdDt`); rows are kept per supplier code (what GS names in every push), a row is identified by
(supCd, ordTypeCd, ordNo, ordItemNo) and a newer push replaces it.
The connectors service keeps them in a table (see the GS section of the hand-over notes):

    gsshop_pushed_orders(sup_cd text, ord_type_cd char(1), ord_no text, ord_item_no text, sd_dt char(8),
                         payload jsonb, received_at timestamptz,
                         primary key (sup_cd, ord_type_cd, ord_no, ord_item_no));
    index on (sup_cd, sd_dt); index on (sup_cd, ord_no, ord_item_no)

`InMemoryPushedOrderStore` serves tests and the embedded mode; `default_store()` is what the factory uses
unless the service installs its own with `configure(store)` at start-up.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, Protocol


class PushedOrderStore(Protocol):
    async def save(self, sup_cd: str, sd_dt: str, rows: Sequence[Mapping[str, Any]], received_at: datetime) -> int:
        """Upsert the pushed rows; answers how many were stored."""

    async def rows_for_day(self, sup_cd: str, sd_dt: str) -> list[dict[str, Any]]:
        """Every stored row pushed for that day, in push order."""

    async def rows_for_lines(self, sup_cd: str, line_ids: Sequence[str]) -> list[dict[str, Any]]:
        """Every stored row (any ordTypeCd) of the order lines `ordNo:ordItemNo`."""


def line_id(row: Mapping[str, Any]) -> str:
    return f"{row.get('ordNo')}:{row.get('ordItemNo')}"


class InMemoryPushedOrderStore:
    def __init__(self) -> None:
        self._rows: dict[tuple[str, str, str], dict[str, Any]] = {}

    async def save(self, sup_cd: str, sd_dt: str, rows: Sequence[Mapping[str, Any]], received_at: datetime) -> int:
        for row in rows:
            key = (sup_cd, str(row.get("ordTypeCd", "")), line_id(row))
            self._rows.pop(key, None)  # re-insert so the newest push comes last
            self._rows[key] = {**row, "sdDt": sd_dt, "receivedAt": received_at.isoformat()}
        return len(rows)

    async def rows_for_day(self, sup_cd: str, sd_dt: str) -> list[dict[str, Any]]:
        return [row for (supplier, _, _), row in self._rows.items() if supplier == sup_cd and row["sdDt"] == sd_dt]

    async def rows_for_lines(self, sup_cd: str, line_ids: Sequence[str]) -> list[dict[str, Any]]:
        wanted = set(line_ids)
        return [row for (supplier, _, line), row in self._rows.items() if supplier == sup_cd and line in wanted]


_default: PushedOrderStore = InMemoryPushedOrderStore()


def configure(store: PushedOrderStore) -> None:
    global _default
    _default = store


def default_store() -> PushedOrderStore:
    return _default

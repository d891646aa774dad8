"""발송처리 for the 11번가 adapter. 11번가 ships a whole bundle (`dlvNo`) per call; its partial variant
names one order's lines (`…/{dlvNo}/Y/{ordNo}/{ordPrdSeq[,…]}`).

The whole-bundle call is used only when the bundle is known to hold nothing else: every line of it was
looked up (`orderlistall`), none is already shipped, every open line ships with this invoice, and no
line says it is bundled with other orders (`bndlDlvYN` != `Y`; our reading of that flag, modelled).
Otherwise the partial variant is used, one call per order, so nothing unintended is shipped.
A line still at 202 is confirmed (발주확인) first: 11번가 ships only confirmed lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from marketbridge.connectors.errors import PermanentMarketplaceError
from marketbridge.connectors.ports import BulkResult, DispatchItem, ItemFailure
from marketbridge.connectors.st11.couriers import to_st11
from marketbridge.connectors.st11.dates import minute
from marketbridge.connectors.st11.http import path
from marketbridge.connectors.st11.orders import line_id, split_line_id

if TYPE_CHECKING:
    from marketbridge.connectors.st11.adapter import St11Adapter

SHIPPED = frozenset({"401", "501", "901"})
Group = tuple[str, str, str, str]  # dlvNo, courier, invoice, sendDt


async def dispatch(adapter: St11Adapter, items: Sequence[DispatchItem]) -> BulkResult:
    result = BulkResult()
    wanted = {i.order_line_id: i for i in items}
    rows = await adapter.lookups(wanted, "dispatch")
    groups: dict[Group, list[str]] = {}
    for item in wanted.values():
        courier, row = to_st11(item.courier_code), rows.get(item.order_line_id)
        if courier is None:
            result.failed[item.order_line_id] = ItemFailure(
                "UNMAPPED_COURIER", f"11번가에 등록되지 않은 택배사입니다: {item.courier_code}"
            )
        elif row is None:
            result.failed[item.order_line_id] = ItemFailure("NOT_FOUND", "11번가에서 주문을 찾을 수 없습니다.")
        elif row.get("ordPrdStat") != "202" or await adapter.confirm(row, result):
            if row.get("ordPrdStat") == "202":
                row["ordPrdStat"] = "301"
            key = (row["dlvNo"], courier, item.tracking_number, minute(item.dispatched_at))
            groups.setdefault(key, []).append(item.order_line_id)
    for key, ids in groups.items():
        result.merge(await _ship(adapter, rows, key, ids))
    return result


def _whole_bundle(rows: dict[str, dict[str, str]], dlv_no: str, ids: list[str]) -> bool:
    bundle = [r for r in rows.values() if r.get("dlvNo") == dlv_no and r.get("ordCnStatCd") != "02"]
    return (
        all(r.get("bndlDlvYN") != "Y" for r in bundle)
        and not any(r.get("ordPrdStat") in SHIPPED for r in bundle)
        and {line_id(r) for r in bundle} <= set(ids)
    )


async def _ship(adapter: St11Adapter, rows: dict[str, dict[str, str]], key: Group, ids: list[str]) -> BulkResult:
    dlv_no, courier, invoice, send_dt = key
    base = ("ordservices", "reqdelivery", send_dt, "01", courier, invoice, dlv_no)
    calls: list[tuple[str, list[str]]] = []
    if _whole_bundle(rows, dlv_no, ids):
        calls.append((path(*base), ids))
    else:
        by_order: dict[str, list[str]] = {}
        for i in ids:
            by_order.setdefault(split_line_id(i)[0], []).append(i)
        for ord_no, part in by_order.items():
            seqs = ",".join(split_line_id(i)[1] for i in part)
            calls.append((path(*base, "Y", ord_no) + "/" + seqs, part))
    result = BulkResult()
    for url, part in calls:
        try:
            await adapter.http.call("GET", url, "dispatch", idempotent=False)
        except PermanentMarketplaceError as error:
            result.failed.update({i: ItemFailure(error.code, error.message) for i in part})
        else:
            result.succeeded.extend(part)
    return result

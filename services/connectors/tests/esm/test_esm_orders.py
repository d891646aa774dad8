"""Orders: JWT, 5-second pacing, window splitting, acknowledge, dispatch (once), states, seller cancel."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
import pytest
from marketbridge.connectors.errors import TransientMarketplaceError
from marketbridge.connectors.esm import EsmAdapter, EsmCredentials, make_token
from marketbridge.connectors.ports import DispatchItem, OrderStatus, SellerCancel, SellerCancelReason
from marketbridge.sandbox.testing import FakeClock

from .conftest import AdminCall, FakeSleep, make_adapter, place

LIST = "POST /shipping/v1/Order/RequestOrders"


def now(clock: FakeClock) -> datetime:
    return datetime.fromtimestamp(clock(), UTC)


async def list_statuses(admin: AdminCall) -> dict[str, int]:
    statuses: dict[str, int] = (await admin("GET", "/calls"))["by_path"][LIST]["statuses"]
    return statuses


def test_token_has_the_documented_header_and_payload() -> None:
    creds = EsmCredentials("master1", "k" * 40, "gseller", site="G", issuer="www.shop.example")
    token = make_token(creds, 1_700_000_000)
    assert jwt.get_unverified_header(token) == {"alg": "HS256", "typ": "JWT", "kid": "master1"}
    payload = jwt.decode(token, "k" * 40, algorithms=["HS256"], audience="sa.esmplus.com")
    assert payload == {
        "iss": "www.shop.example",
        "sub": "sell",
        "aud": "sa.esmplus.com",
        "iat": 1_700_000_000,
        "ssi": "G:gseller",
    }


async def test_new_orders_are_collected_with_the_goods_number(
    gmarket: EsmAdapter, admin: AdminCall, goods: dict[str, Any], clock: FakeClock
) -> None:
    ids = await place(admin, goods, 3)
    pages = [p async for p in gmarket.fetch_orders(now(clock) - timedelta(hours=1), now(clock))]
    orders = [o for page in pages for o in page]
    assert [o.order_line_id for o in orders] == ids
    first = orders[0]
    assert first.marketplace == "gmarket" and first.status == OrderStatus.NEW and first.raw_status == "결제완료"
    assert first.product_id == str(goods["goodsNo"]) and first.seller_product_code == "SOCK-1"
    assert first.unit_price == 9900 and first.quantity == 1 and first.receiver_zip and first.paid_at is not None


async def test_order_lists_are_paced_to_one_call_per_5_seconds(
    gmarket: EsmAdapter, admin: AdminCall, clock: FakeClock, sleep: FakeSleep
) -> None:
    pages = [p async for p in gmarket.fetch_orders(now(clock) - timedelta(hours=1), now(clock))]
    assert pages == []
    assert await list_statuses(admin) == {"200": 2}  # one call per order status (1, 2), none refused (3000)
    assert len(sleep.slept) == 1 and sleep.slept[0] == pytest.approx(5.1)


async def test_long_windows_are_split_into_31_day_slices(
    sandbox_url: str, seller: dict[str, Any], admin: AdminCall, clock: FakeClock
) -> None:
    async with make_adapter(sandbox_url, seller, clock, order_statuses=(1,)) as adapter:
        end = now(clock)
        assert [p async for p in adapter.fetch_orders(end - timedelta(days=70), end)] == []
    assert await list_statuses(admin) == {"200": 3}


async def test_paging_walks_every_order(
    sandbox_url: str, seller: dict[str, Any], admin: AdminCall, goods: dict[str, Any], clock: FakeClock
) -> None:
    ids = await place(admin, goods, 7)
    async with make_adapter(sandbox_url, seller, clock, order_statuses=(1,), order_page_size=3) as adapter:
        pages = [p async for p in adapter.fetch_orders(now(clock) - timedelta(hours=1), now(clock))]
    assert [len(p) for p in pages] == [3, 3, 1] and [o.order_line_id for p in pages for o in p] == ids


async def test_result_code_3000_of_the_call_limit_is_transient(
    sandbox_url: str, seller: dict[str, Any], clock: FakeClock
) -> None:
    async with (
        make_adapter(sandbox_url, seller, clock, order_statuses=(1,)) as first,
        make_adapter(sandbox_url, seller, clock, order_statuses=(1,)) as second,
    ):
        window = (now(clock) - timedelta(hours=1), now(clock))
        assert [p async for p in first.fetch_orders(*window)] == []
        with pytest.raises(TransientMarketplaceError) as caught:
            _ = [p async for p in second.fetch_orders(*window)]
    assert caught.value.code == "3000" and caught.value.retry_after == pytest.approx(5.1)


async def test_acknowledge_dispatch_and_states(
    gmarket: EsmAdapter, admin: AdminCall, goods: dict[str, Any], clock: FakeClock
) -> None:
    ids = await place(admin, goods, 2)
    ack = await gmarket.acknowledge([*ids, "1"])
    assert ack.succeeded == ids and ack.failed["1"].code == "99999"
    result = await gmarket.dispatch(
        [
            DispatchItem(ids[0], "CJ_LOGISTICS", "123456789012", now(clock)),
            DispatchItem(ids[1], "YONGMA", "5555", now(clock)),
        ]
    )
    assert result.succeeded == [ids[0]] and result.failed[ids[1]].code == "UNMAPPED_COURIER"
    assert "용마로지스(YONGMA)" in result.failed[ids[1]].message  # ESM's courier list has no 용마로지스
    again = await gmarket.dispatch([DispatchItem(ids[0], "CJ_LOGISTICS", "999999999999", now(clock))])
    assert again.failed[ids[0]].code == "8668"
    ledger = await admin("GET", "/dispatches")
    assert ledger["count"] == 1 and ledger["refused_attempts"] == 1
    states = await gmarket.get_order_states([*ids, "42"])
    assert set(states) == set(ids)
    assert states[ids[0]].status == OrderStatus.DISPATCHED and states[ids[0]].tracking_number == "123456789012"
    assert states[ids[0]].courier_code == "CJ_LOGISTICS"
    assert states[ids[1]].status == OrderStatus.ACKNOWLEDGED and states[ids[1]].acknowledged


async def test_couriers_without_a_documented_code_are_matched_by_name_on_esms_own_list(
    gmarket: EsmAdapter, admin: AdminCall, goods: dict[str, Any], clock: FakeClock
) -> None:
    ids = await place(admin, goods, 3)
    await gmarket.acknowledge(ids)
    documented = await gmarket.dispatch([DispatchItem(ids[0], "HANJIN", "123456789012", now(clock))])
    assert documented.succeeded == [ids[0]]
    calls = (await admin("GET", "/calls"))["by_path"]
    assert "GET /item/v1/shipping/delivery-company" not in calls  # documented codes need no lookup
    by_name = await gmarket.dispatch(
        [
            DispatchItem(ids[1], "KDEXP", "123456789", now(clock)),  # 경동택배
            DispatchItem(ids[2], "ILYANG", "123456789", now(clock)),  # ESM writes 일양로지스
        ]
    )
    assert by_name.succeeded == ids[1:]
    states = await gmarket.get_order_states(ids)
    assert [states[i].courier_code for i in ids] == ["HANJIN", "KDEXP", "ILYANG"]  # read back by name
    calls = (await admin("GET", "/calls"))["by_path"]
    assert calls["GET /item/v1/shipping/delivery-company"]["count"] == 1  # read once per adapter


async def test_an_interrupted_dispatch_is_resolved_by_asking(
    gmarket: EsmAdapter, admin: AdminCall, goods: dict[str, Any], clock: FakeClock
) -> None:
    ids = await place(admin, goods)
    await admin("POST", "/faults", json={"path_pattern": "ShippingInfo", "kind": "malformed", "phase": "after"})
    with pytest.raises(TransientMarketplaceError) as caught:
        await gmarket.dispatch([DispatchItem(ids[0], "HANJIN", "123456789012", now(clock))])
    assert caught.value.outcome_unknown
    state = (await gmarket.get_order_states(ids))[ids[0]]
    assert state.status == OrderStatus.DISPATCHED and state.tracking_number == "123456789012"


async def test_seller_cancel_is_sold_out(gmarket: EsmAdapter, admin: AdminCall, goods: dict[str, Any]) -> None:
    ids = await place(admin, goods, 1)
    result = await gmarket.cancel_by_seller(
        [SellerCancel(ids[0], SellerCancelReason.SOLD_OUT), SellerCancel("1", SellerCancelReason.OTHER)]
    )
    assert result.succeeded == ids and result.failed["1"].code == "99999"
    state = (await gmarket.get_order_states(ids))[ids[0]]
    assert state.status == OrderStatus.CANCELLED and state.raw_claim_status == "3"


async def test_auction_orders_use_site_type_1(
    auction: EsmAdapter, admin: AdminCall, goods: dict[str, Any], clock: FakeClock
) -> None:
    ids = await place(admin, goods, 2, site="A")
    await place(admin, goods, 1, site="G")
    orders = [o async for page in auction.fetch_orders(now(clock) - timedelta(hours=1), now(clock)) for o in page]
    assert [o.order_line_id for o in orders] == ids and orders[0].marketplace == "auction"
    assert (await auction.acknowledge(ids)).all_succeeded


async def test_every_status_can_be_collected_and_stays_paced(
    sandbox_url: str, seller: dict[str, Any], admin: AdminCall, goods: dict[str, Any], clock: FakeClock
) -> None:
    ids = await place(admin, goods, 2)
    sleep = FakeSleep(clock)
    async with make_adapter(sandbox_url, seller, clock, sleep, order_statuses=(1, 2, 3, 4, 5)) as adapter:
        await adapter.dispatch([DispatchItem(ids[0], "EPOST", "1234567890123", now(clock))])
        orders = [o async for page in adapter.fetch_orders(now(clock) - timedelta(hours=1), now(clock)) for o in page]
    assert {(o.order_line_id, o.status) for o in orders} == {
        (ids[1], OrderStatus.NEW),
        (ids[0], OrderStatus.DISPATCHED),
    }
    assert await list_statuses(admin) == {"200": 5} and len(sleep.slept) == 4
    dispatched = next(o for o in orders if o.order_line_id == ids[0])
    assert dispatched.courier_code == "EPOST" and dispatched.tracking_number == "1234567890123"

"""Marketplace connectors, per dialect, against their emulators (in-process, loopback HTTP):

1. orders fetched and parsed per second: a page-by-page collection with every rate limit lifted (the
   adapter's and the emulator's), so the figure is the adapter's parsing plus the emulator's answering;
   beside it, the raw baseline of the same run: `orjson.loads` of the same number of orders' JSON;
2. a collection of N orders (default 10,000) at the marketplace's documented rate limit: wall time, and the
   peak request rate the emulator observed for the seller, next to the limit it must never exceed.

`MB_BENCH_CONNECTOR_ORDERS` sets N; `MB_BENCH_MARKETPLACES` (comma-separated) limits the marketplaces.
"""

from __future__ import annotations

import asyncio
import importlib
import os
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import orjson
from marketbridge.connectors.config import DEFAULT_RATE_LIMITS
from marketbridge.connectors.factories import PACKAGES, connectable, factory_module
from marketbridge.connectors.ports import Listing, MarketplaceAdapter
from marketbridge.connectors.registry import AdapterConfig
from marketbridge.sandbox.app import create_app
from marketbridge.sandbox.core.ratelimit import RateLimitConfig
from marketbridge.sandbox.state import SandboxState
from marketbridge.sandbox.testing import serve_in_loop

from bench.results import Results

UNLIMITED = 1_000_000.0
# published limits (calls/s per seller); where none is published, our configured limit is the one to keep
DOCUMENTED_LIMITS = {"coupang": 10.0, "lotteon": 10_000 / 60}


def _driver(marketplace: str, client: httpx.AsyncClient) -> Any:
    module = importlib.import_module(f"marketbridge.sandbox.{PACKAGES[marketplace]}.driver")
    return module.Driver(client, site=marketplace) if PACKAGES[marketplace] == "esm" else module.Driver(client)


def _adapter(marketplace: str, seller: dict[str, str], base: str, rate: float) -> MarketplaceAdapter:
    module = factory_module(marketplace)
    assert module is not None
    credentials = {k: v for k, v in seller.items() if k != "seller_id"}
    config = AdapterConfig(
        marketplace, "bench", seller["seller_id"], credentials, f"{base}/{PACKAGES[marketplace]}/external", rate, 60.0
    )
    adapter: MarketplaceAdapter = module.build(config)
    return adapter


def _listing(category: str) -> Listing:
    return Listing(
        seller_product_code="BENCH-1",
        name="벤치 티셔츠",
        category_id=category,
        sale_price=19900,
        stock_quantity=100_000,
        description_html="<p>면</p>",
        image_urls=("https://img.example/b.jpg",),
        brand="벤치",
        manufacturer="벤치",
        after_service_phone="0212345678",
        after_service_guide="판매자에게 문의",
    )


async def _collect(marketplace: str, orders: int, limited: bool) -> tuple[float, int, float]:
    """(wall seconds, orders fetched, peak requests/s seen by the emulator)."""
    rate_limit = None if limited else RateLimitConfig(enabled=False)
    app = create_app(SandboxState.create(rate_limit=rate_limit))
    async with serve_in_loop(app) as base, httpx.AsyncClient(base_url=base, timeout=300) as client:
        driver = _driver(marketplace, client)
        seller = await driver.create_seller()
        rate = DEFAULT_RATE_LIMITS.get(marketplace, 5.0) if limited else UNLIMITED
        async with _adapter(marketplace, seller, base, rate) as adapter:
            product = await adapter.publish_listing(_listing(getattr(driver, "category_id", "50000804")))
            await driver.create_orders_bulk(seller, product.market_product_id, orders)
            now = datetime.now(UTC)
            started = time.perf_counter()
            fetched = 0
            async for page in adapter.fetch_orders(now - timedelta(hours=2), now + timedelta(minutes=5)):
                fetched += len(page)
            elapsed = time.perf_counter() - started
        return elapsed, fetched, await driver.peak_rate(seller)


def _json_baseline(orders: int) -> float:
    order = {
        "productOrderId": "2026112810000001",
        "orderId": "2026112810000000",
        "productName": "벤치 티셔츠",
        "quantity": 1,
        "unitPrice": 19900,
        "totalPaymentAmount": 19900,
        "ordererName": "홍길동",
        "shippingAddress": {
            "name": "홍길동",
            "tel1": "010-1234-5678",
            "baseAddress": "서울특별시 중구 세종대로 110",
            "detailedAddress": "1층",
            "zipCode": "04524",
        },
        "paymentDate": "2026-11-28T10:00:00.000+09:00",
        "productOrderStatus": "PAYED",
    }
    page = orjson.dumps({"data": [order] * 300})
    pages = max(1, orders // 300)
    started = time.perf_counter()
    for _ in range(pages):
        orjson.loads(page)
    return pages * 300 / (time.perf_counter() - started)


async def run(results: Results, orders: int, marketplaces: list[str]) -> None:
    baseline = _json_baseline(orders)
    results.add("raw baseline: orjson.loads of order JSON", baseline, "orders/s")
    for marketplace in marketplaces:
        elapsed, fetched, _ = await _collect(marketplace, orders, limited=False)
        assert fetched >= orders, f"{marketplace}: fetched {fetched} of {orders}"
        results.add(f"connector {marketplace} orders fetched and parsed (no rate limit)", fetched / elapsed, "orders/s")
        elapsed, fetched, peak = await _collect(marketplace, orders, limited=True)
        assert fetched >= orders, f"{marketplace}: fetched {fetched} of {orders}"
        limit = DOCUMENTED_LIMITS.get(marketplace, DEFAULT_RATE_LIMITS.get(marketplace, 5.0))
        results.add(f"connector {marketplace} collection of {orders} orders at its rate limit", elapsed, "s")
        results.add(f"connector {marketplace} peak request rate observed by the emulator", peak, "req/s")
        results.add(f"connector {marketplace} rate limit (documented, else configured)", limit, "req/s")
        if peak > limit + 1e-9:
            raise AssertionError(f"{marketplace}: the emulator saw {peak} req/s, above the limit {limit}")


def main(results: Results) -> None:
    orders = int(os.environ.get("MB_BENCH_CONNECTOR_ORDERS", "10000"))
    chosen = os.environ.get("MB_BENCH_MARKETPLACES")
    marketplaces = chosen.split(",") if chosen else connectable()
    print(f"connectors: {orders} orders per marketplace through each emulator ({', '.join(marketplaces)})")
    asyncio.run(run(results, orders, marketplaces))

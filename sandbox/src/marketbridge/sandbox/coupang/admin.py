"""Admin API of the Coupang emulator, mounted at /coupang/admin (JSON, no auth; our own design).

POST   /sellers                    {vendor_id?, access_key?, secret_key?, name?} -> credentials
GET    /sellers
POST   /sellers/{vendor_id}/revoke  the keys stop working (401 "Invalid access key.")
POST   /products                   {vendor_id?, name, sale_price, stock, category_code, external_sku?,
                                    option_names[], options[{values[], price_delta, stock, external_sku?}]}
GET    /products?vendor_id=
POST   /orders                     {vendor_id?, seller_product_id | vendor_item_id, quantity, count,
                                    items_per_box, ordered_at?, shipping_price, return_ids}
                                    -> {vendor_id, box_count, shipment_box_ids[], order_line_ids[]}
GET    /ordersheets/{shipmentBoxId}  the order sheet plus dispatch bookkeeping
POST   /ordersheets/{shipmentBoxId}/advance {to: DELIVERING|FINAL_DELIVERY}
POST   /claims                     {kind: cancel|return|exchange, order_line_id | shipment_box_id
                                    (+vendor_item_id), reason_code?} -> {kind, claim_id, status}
POST   /exchanges/{exchangeId}/complete   the re-shipped exchange is delivered (SUCCESS)
POST   /inquiries                  {kind: online|callcenter, vendor_id?, seller_product_id?, vendor_item_id?,
                                    order_line_id?, content?, category, count, inquiry_at?} -> {ids[]}
GET    /inquiries?vendor_id=        both kinds with their answers
GET    /dispatches?vendor_id=       the dispatch ledger (accepted invoices) and refused attempts
GET    /calls?recent=100&vendor_id= counts per route and status, peak requests/second (per vendor too)
DELETE /calls
POST   /faults  {path_pattern, kind, probability, latency_ms, count?, method?, phase}; GET; DELETE; DELETE /{id}
GET|PUT /rate-limit                 {rate, burst, enabled} (default 10/s, burst 10, per vendor)
POST   /reset                       {keep_sellers: true}
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, FastAPI, Request
from marketbridge.sandbox.core.admin import AdminError, admin_app, dispatch_ledger, instrumentation_router
from marketbridge.sandbox.core.responses import ORJSONResponse
from marketbridge.sandbox.coupang import admin_ops, claimflow
from marketbridge.sandbox.coupang.admin_models import (
    AdvanceIn,
    ClaimIn,
    InquiryIn,
    OrdersIn,
    ProductIn,
    RateLimitIn,
    ResetIn,
    SellerIn,
)
from marketbridge.sandbox.coupang.errors import CoupangError
from marketbridge.sandbox.coupang.models import Exchange, Vendor
from marketbridge.sandbox.coupang.serialize import box_view, callcenter_view, online_view, product_view
from marketbridge.sandbox.coupang.state import CoupangState
from marketbridge.sandbox.coupang.store import VendorStore
from marketbridge.sandbox.coupang.timefmt import iso
from starlette.responses import Response

router = APIRouter()


def _state(request: Request) -> CoupangState:
    state: CoupangState = request.app.state.coupang
    return state


def _stores(state: CoupangState, vendor_id: str | None) -> list[VendorStore]:
    return [admin_ops.store_of(state, vendor_id)] if vendor_id else list(state.stores.values())


def _seller(v: Vendor) -> dict[str, Any]:
    return {
        "vendor_id": v.vendor_id,
        "access_key": v.access_key,
        "secret_key": v.secret_key,
        "name": v.name,
        "revoked": v.revoked,
    }


@router.post("/sellers", status_code=201)
async def create_seller(body: SellerIn, request: Request) -> ORJSONResponse:
    vendor = _state(request).register_vendor(
        vendor_id=body.vendor_id, access_key=body.access_key, secret_key=body.secret_key, name=body.name
    )
    return ORJSONResponse(_seller(vendor), status_code=201)


@router.get("/sellers")
async def list_sellers(request: Request) -> ORJSONResponse:
    return ORJSONResponse([_seller(v) for v in _state(request).vendors.values()])


@router.post("/sellers/{vendor_id}/revoke")
async def revoke(vendor_id: str, request: Request) -> ORJSONResponse:
    if not _state(request).revoke(vendor_id):
        raise AdminError(404, f"vendor {vendor_id} not found")
    return ORJSONResponse({"vendor_id": vendor_id, "revoked": True})


@router.post("/products", status_code=201)
async def seed_product(body: ProductIn, request: Request) -> ORJSONResponse:
    state = _state(request)
    with state.lock:
        product = admin_ops.seed_product(state, admin_ops.store_of(state, body.vendor_id), body)
    return ORJSONResponse(product_view(product), status_code=201)


@router.get("/products")
async def list_products(request: Request, vendor_id: str | None = None) -> ORJSONResponse:
    stores = _stores(_state(request), vendor_id)
    return ORJSONResponse(
        [{"vendor_id": s.vendor_id, "writes": p.writes, **product_view(p)} for s in stores for p in s.products.values()]
    )


@router.post("/orders", status_code=201)
async def create_orders(body: OrdersIn, request: Request) -> ORJSONResponse:
    state = _state(request)
    with state.lock:
        store, boxes = admin_ops.create_orders(state, body)
    answer: dict[str, Any] = {"vendor_id": store.vendor_id, "box_count": len(boxes)}
    if body.return_ids:
        answer["shipment_box_ids"] = [b.shipment_box_id for b in boxes]
        answer["order_ids"] = [b.order_id for b in boxes]
        answer["order_line_ids"] = [f"{b.shipment_box_id}-{i.vendor_item_id}" for b in boxes for i in b.items]
    return ORJSONResponse(answer, status_code=201)


def _dispatch(d: Any) -> dict[str, Any]:
    return {
        "order_line_id": f"{d.shipment_box_id}-{d.vendor_item_id}",
        "shipmentBoxId": d.shipment_box_id,
        "orderId": d.order_id,
        "vendorItemId": d.vendor_item_id,
        "deliveryCompanyCode": d.delivery_company_code,
        "invoiceNumber": d.invoice_number,
        "source": d.source,
        "receivedAt": iso(d.received_ms),
    }


@router.get("/ordersheets/{box_id}")
async def get_box(box_id: int, request: Request) -> ORJSONResponse:
    store, box = admin_ops.find_box(_state(request), box_id)
    return ORJSONResponse(
        {
            "vendor_id": store.vendor_id,
            "dispatch_attempts": box.dispatch_attempts,
            "dispatches": [_dispatch(d) for d in store.dispatches if d.shipment_box_id == box_id],
            "detail": box_view(box),
        }
    )


@router.post("/ordersheets/{box_id}/advance")
async def advance(box_id: int, body: AdvanceIn, request: Request) -> ORJSONResponse:
    state = _state(request)
    with state.lock:
        _, box = admin_ops.find_box(state, box_id)
        admin_ops.advance(box, body.to, state.now_ms())
        return ORJSONResponse(box_view(box))


@router.post("/claims", status_code=201)
async def create_claim(body: ClaimIn, request: Request) -> ORJSONResponse:
    state = _state(request)
    box_id, item_id = (
        admin_ops.split_line(body.order_line_id) if body.order_line_id else (body.shipment_box_id, body.vendor_item_id)
    )
    if box_id is None:
        raise AdminError(400, "order_line_id or shipment_box_id is required")
    with state.lock:
        store, box = admin_ops.find_box(state, box_id)
        claim = claimflow.buyer_claim(state, store, box, item_id, body.kind, body.reason_code, state.now_ms())
    if isinstance(claim, Exchange):
        return ORJSONResponse(
            {
                "kind": body.kind,
                "claim_id": str(claim.exchange_id),
                "exchange_id": claim.exchange_id,
                "status": claim.status,
            },
            status_code=201,
        )
    return ORJSONResponse(
        {
            "kind": body.kind,
            "claim_id": str(claim.receipt_id),
            "receipt_id": claim.receipt_id,
            "receipt_type": claim.receipt_type,
            "status": claim.status,
        },
        status_code=201,
    )


@router.post("/exchanges/{exchange_id}/complete")
async def complete_exchange(exchange_id: int, request: Request) -> ORJSONResponse:
    state = _state(request)
    with state.lock:
        for store in state.stores.values():
            if exchange_id in store.exchanges:
                claimflow.exchange_complete(store, exchange_id, state.now_ms())
                return ORJSONResponse({"exchange_id": exchange_id, "status": "SUCCESS"})
    raise AdminError(404, f"exchange {exchange_id} not found")


@router.post("/inquiries", status_code=201)
async def create_inquiries(body: InquiryIn, request: Request) -> ORJSONResponse:
    state = _state(request)
    with state.lock:
        store, ids = admin_ops.create_inquiries(state, body)
    return ORJSONResponse({"vendor_id": store.vendor_id, "kind": body.kind, "ids": ids}, status_code=201)


@router.get("/inquiries")
async def list_inquiries(request: Request, vendor_id: str | None = None) -> ORJSONResponse:
    stores = _stores(_state(request), vendor_id)
    return ORJSONResponse(
        {
            "online": [online_view(q) for s in stores for q in s.online.values()],
            "callcenter": [callcenter_view(q) for s in stores for q in s.callcenter.values()],
        }
    )


@router.get("/dispatches")
async def list_dispatches(request: Request, vendor_id: str | None = None) -> ORJSONResponse:
    stores = _stores(_state(request), vendor_id)
    rows = [_dispatch(d) for s in stores for d in s.dispatches]
    attempts = sum(b.dispatch_attempts for s in stores for b in s.boxes.values())
    boxes = len({r["shipmentBoxId"] for r in rows})
    return ORJSONResponse(dispatch_ledger(rows, (row["order_line_id"] for row in rows), attempts - boxes))


def _calls(state: CoupangState, recent: int, vendor_id: str | None) -> dict[str, Any]:
    if vendor_id is not None:
        return state.vendor_call_log(vendor_id).snapshot(recent)
    snapshot = state.calls.snapshot(recent)
    snapshot["peak_per_second_by_vendor"] = {v: log.peak_per_second for v, log in state.vendor_calls.items()}
    return snapshot


def _clear_calls(state: CoupangState) -> None:
    state.calls.reset()
    state.vendor_calls.clear()


def create_admin_app(state: CoupangState) -> FastAPI:
    instrumentation = instrumentation_router(
        _state,
        calls_scope="vendor_id",
        calls_view=_calls,
        clear_calls=_clear_calls,
        rate_limit_model=RateLimitIn,
        reset_model=ResetIn,
        keep_field="keep_sellers",
    )
    app = admin_app("Coupang sandbox admin", "coupang", state, router, instrumentation)

    @app.exception_handler(CoupangError)
    async def coupang_error(request: Request, exc: CoupangError) -> Response:
        return ORJSONResponse(exc.body(), status_code=exc.status)

    return app

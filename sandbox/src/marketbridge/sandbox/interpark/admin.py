"""Admin API of the 인터파크 emulator, mounted at /interpark/admin (JSON, no auth; our own design).

POST /suppliers {entr_id?} -> {entr_id, supply_entr_no, supply_ctrt_seq, cite_key, secret_key}; GET /suppliers
POST /suppliers/{entr_id}/revoke      order and product calls are refused from then on
POST /products {entr_id?, name, price, qty, category, seller_code?, options[{name, value, price, qty}]}
GET  /products?entr_id=               products (as pulled from the seller's dataUrl) and the URLs fetched
POST /orders {prd_no, count, quantity, items_per_order, option_index?, ordered_at?, delivery_fee, return_ids}
POST /claims {line_id, type: cancel|return|exchange, reason} -> {clmreq_seq, clm_no}
GET  /lines/{line_id};  POST /lines/{line_id}/deliver
GET  /dispatches?entr_id=             accepted dispatches, refused attempts, duplicated lines
GET  /calls?entr_id=&recent=;  DELETE /calls;  POST|GET|DELETE /faults;  GET|PUT /rate-limit;  POST /reset
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, FastAPI, Request
from marketbridge.sandbox.core import admin as core
from marketbridge.sandbox.core.admin import admin_app, dispatch_ledger, instrumentation_router
from marketbridge.sandbox.core.responses import ORJSONResponse
from marketbridge.sandbox.interpark import admin_ops
from marketbridge.sandbox.interpark.admin_ops import ClaimIn, OrdersIn, ProductIn, SupplierIn
from marketbridge.sandbox.interpark.models import Line, Product, SupplierData
from marketbridge.sandbox.interpark.state import InterparkState
from pydantic import Field

router = APIRouter()


class RateLimitIn(core.RateLimitIn):
    rate: float = Field(5.0, gt=0)
    burst: int = Field(10, ge=1)


def _state(request: Request) -> InterparkState:
    state: InterparkState = request.app.state.interpark
    return state


def _all(state: InterparkState, entr_id: str | None) -> list[SupplierData]:
    return [admin_ops.supplier(state, entr_id)] if entr_id else list(state.data.values())


def _product(p: Product) -> dict[str, Any]:
    return {
        "prdNo": p.prd_no,
        "entr_id": p.entr_id,
        "name": p.name,
        "seller_code": p.seller_code,
        "price": p.price,
        "qty": p.qty,
        "status": p.status,
        "category": p.category,
        "writes": p.writes,
        "xml": p.xml,
        "options": [
            {
                "opt_no": o.opt_no,
                "name": o.name,
                "value": o.value,
                "price": o.price,
                "qty": o.qty,
                "seller_code": o.seller_code,
            }
            for o in p.options
        ],
    }


def _line(ln: Line) -> dict[str, Any]:
    c = ln.claim
    return {
        "line_id": ln.line_id,
        "ord_no": ln.ord_no,
        "ord_seq": ln.seq,
        "prd_no": ln.prd_no,
        "status": ln.status,
        "courier": ln.courier,
        "invoice": ln.invoice,
        "dispatch_attempts": ln.dispatch_attempts,
        "claim": {"clmreq_seq": c.seq, "clm_no": c.clm_no, "tp": c.tp, "stat": c.stat} if c else None,
    }


@router.post("/suppliers", status_code=201)
async def create_supplier(body: SupplierIn, request: Request) -> ORJSONResponse:
    s = _state(request).register(body.entr_id)
    return ORJSONResponse(
        {
            "entr_id": s.entr_id,
            "supply_entr_no": s.supply_entr_no,
            "supply_ctrt_seq": s.supply_ctrt_seq,
            "cite_key": s.cite_key,
            "secret_key": s.secret_key,
        },
        status_code=201,
    )


@router.get("/suppliers")
async def list_suppliers(request: Request) -> ORJSONResponse:
    return ORJSONResponse([{"entr_id": s.entr_id, "revoked": s.revoked} for s in _state(request).suppliers.values()])


@router.post("/suppliers/{entr_id}/revoke")
async def revoke(entr_id: str, request: Request) -> ORJSONResponse:
    admin_ops.supplier(_state(request), entr_id).supplier.revoked = True
    return ORJSONResponse({"entr_id": entr_id, "revoked": True})


@router.post("/products", status_code=201)
async def seed_product(body: ProductIn, request: Request) -> ORJSONResponse:
    state = _state(request)
    with state.lock:
        return ORJSONResponse(_product(admin_ops.seed_product(state, body)), status_code=201)


@router.get("/products")
async def list_products(request: Request, entr_id: str | None = None) -> ORJSONResponse:
    sellers = _all(_state(request), entr_id)
    return ORJSONResponse(
        {
            "products": [_product(p) for d in sellers for p in d.products.values()],
            "fetched_urls": [u for d in sellers for u in d.fetches],
        }
    )


@router.post("/orders", status_code=201)
async def create_orders(body: OrdersIn, request: Request) -> ORJSONResponse:
    state = _state(request)
    with state.lock:
        data, lines = admin_ops.create_orders(state, body)
    return ORJSONResponse(
        {
            "entr_id": data.supplier.entr_id,
            "order_count": body.count,
            "line_count": len(lines),
            "line_ids": [ln.line_id for ln in lines] if body.return_ids else [],
        },
        status_code=201,
    )


@router.post("/claims", status_code=201)
async def create_claim(body: ClaimIn, request: Request) -> ORJSONResponse:
    state = _state(request)
    with state.lock:
        claim = admin_ops.open_claim(state, body)
    return ORJSONResponse({"clmreq_seq": str(claim.seq), "clm_no": claim.clm_no}, status_code=201)


@router.get("/lines/{line_id}")
async def get_line(line_id: str, request: Request) -> ORJSONResponse:
    return ORJSONResponse(_line(admin_ops.line(_state(request), line_id)))


@router.post("/lines/{line_id}/deliver")
async def deliver(line_id: str, request: Request) -> ORJSONResponse:
    state = _state(request)
    with state.lock:
        return ORJSONResponse(_line(admin_ops.deliver(state, line_id)))


@router.get("/dispatches")
async def dispatches(request: Request, entr_id: str | None = None) -> ORJSONResponse:
    sellers = _all(_state(request), entr_id)
    rows = [
        {"line_id": r.line_id, "delvEntrNo": r.courier, "invoNo": r.invoice, "delvDt": r.delv_dt}
        for d in sellers
        for r in d.dispatches
    ]
    refused = sum(d.refused_dispatches for d in sellers)
    return ORJSONResponse(dispatch_ledger(rows, (row["line_id"] for row in rows), refused))


def _calls(state: InterparkState, recent: int, entr_id: str | None) -> dict[str, Any]:
    return (state.supplier_log(entr_id) if entr_id else state.calls).snapshot(recent)


def _clear_calls(state: InterparkState) -> None:
    state.calls.reset()
    state.supplier_calls.clear()


def create_admin_app(state: InterparkState) -> FastAPI:
    instrumentation = instrumentation_router(
        _state, calls_scope="entr_id", calls_view=_calls, clear_calls=_clear_calls, rate_limit_model=RateLimitIn
    )
    return admin_app("Interpark sandbox admin", "interpark", state, router, instrumentation)

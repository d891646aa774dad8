"""Admin API of the 11번가 emulator, mounted at /st11/admin (JSON, no auth; our own design).

POST /sellers {seller_id?, api_key?, allowed_ips[]} -> {seller_id, api_key};  GET /sellers
POST /sellers/{seller_id}/revoke      the key stops working (HTTP 401 from then on)
POST /products {seller_id?, name, sel_prc, stock, category, seller_prd_cd?, options[{name, price, qty}]}
GET  /products?seller_id=             products as received through the API (with their raw XML)
POST /orders {prd_no, count, quantity, items_per_order, option_index?, paid_at?, delivery_fee, return_ids}
POST /claims {line_id, type: cancel|return|exchange, reason} -> {claim_seq}
GET  /lines/{line_id};  POST /lines/{line_id}/advance {to: delivered|purchase_decided}
POST /qnas {prd_no, count, title?, content?} -> {ids};  GET /qnas?seller_id=
POST /alimis {seller_id?, ord_no?, category, subject?, content?, count} -> {ids};  GET /alimis?seller_id=
GET  /dispatches?seller_id=           accepted dispatches, refused attempts, duplicated lines
GET  /calls?seller_id=&recent=        call log (whole dialect, or one seller with its peak calls/second)
DELETE /calls;  POST|GET|DELETE /faults;  DELETE /faults/{id};  GET|PUT /rate-limit;  POST /reset
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, FastAPI, Request
from marketbridge.sandbox.core.admin import admin_app, dispatch_ledger, instrumentation_router
from marketbridge.sandbox.core.responses import ORJSONResponse
from marketbridge.sandbox.st11 import admin_ops
from marketbridge.sandbox.st11.admin_models import (
    AdvanceIn,
    AlimiIn,
    ClaimIn,
    OrdersIn,
    ProductIn,
    QnaIn,
    RateLimitIn,
    SellerIn,
)
from marketbridge.sandbox.st11.models import Line, Product, SellerData
from marketbridge.sandbox.st11.state import St11State

router = APIRouter()


def _state(request: Request) -> St11State:
    state: St11State = request.app.state.st11
    return state


def _sellers(state: St11State, seller_id: str | None) -> list[SellerData]:
    return [admin_ops.seller(state, seller_id)] if seller_id else list(state.data.values())


def _product(p: Product) -> dict[str, object]:
    return {
        "prdNo": p.prd_no,
        "seller_id": p.seller_id,
        "name": p.name,
        "sellerPrdCd": p.seller_prd_cd,
        "selPrc": p.sel_prc,
        "status": p.status,
        "category": p.category,
        "writes": p.writes,
        "xml": p.xml,
        "stocks": [{"prdStckNo": s.stck_no, "name": s.name, "price": s.price, "qty": s.qty} for s in p.stocks],
    }


def _line(ln: Line) -> dict[str, object]:
    return {
        "line_id": ln.line_id,
        "ordNo": ln.ord_no,
        "ordPrdSeq": ln.seq,
        "dlvNo": ln.dlv_no,
        "prdNo": ln.prd_no,
        "seller_id": ln.seller_id,
        "ordPrdStat": ln.status,
        "dlvEtprsCd": ln.courier,
        "invcNo": ln.invoice,
        "dispatch_attempts": ln.dispatch_attempts,
        "cancel": {"seq": ln.cancel.seq, "stat": ln.cancel.stat} if ln.cancel else None,
        "claim": {"seq": ln.claim.seq, "kind": ln.claim.kind, "stat": ln.claim.stat} if ln.claim else None,
    }


@router.post("/sellers", status_code=201)
async def create_seller(body: SellerIn, request: Request) -> ORJSONResponse:
    s = _state(request).register_seller(body.seller_id, body.api_key, tuple(body.allowed_ips))
    return ORJSONResponse(
        {"seller_id": s.seller_id, "api_key": s.api_key, "allowed_ips": list(s.allowed_ips)}, status_code=201
    )


@router.get("/sellers")
async def list_sellers(request: Request) -> ORJSONResponse:
    return ORJSONResponse(
        [
            {"seller_id": s.seller_id, "api_key": s.api_key, "revoked": s.revoked}
            for s in _state(request).sellers.values()
        ]
    )


@router.post("/sellers/{seller_id}/revoke")
async def revoke(seller_id: str, request: Request) -> ORJSONResponse:
    data = admin_ops.seller(_state(request), seller_id)
    data.seller.revoked = True
    return ORJSONResponse({"seller_id": seller_id, "revoked": True})


@router.post("/products", status_code=201)
async def seed_product(body: ProductIn, request: Request) -> ORJSONResponse:
    state = _state(request)
    with state.lock:
        return ORJSONResponse(_product(admin_ops.seed_product(state, body)), status_code=201)


@router.get("/products")
async def list_products(request: Request, seller_id: str | None = None) -> ORJSONResponse:
    state = _state(request)
    return ORJSONResponse([_product(p) for d in _sellers(state, seller_id) for p in d.products.values()])


@router.post("/orders", status_code=201)
async def create_orders(body: OrdersIn, request: Request) -> ORJSONResponse:
    state = _state(request)
    with state.lock:
        data, lines = admin_ops.create_orders(state, body)
    return ORJSONResponse(
        {
            "seller_id": data.seller.seller_id,
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
        seq = admin_ops.open_claim(state, body)
        return ORJSONResponse({"claim_seq": str(seq), **_line(admin_ops.line(state, body.line_id)[1])}, status_code=201)


@router.get("/lines/{line_id}")
async def get_line(line_id: str, request: Request) -> ORJSONResponse:
    return ORJSONResponse(_line(admin_ops.line(_state(request), line_id)[1]))


@router.post("/lines/{line_id}/advance")
async def advance(line_id: str, body: AdvanceIn, request: Request) -> ORJSONResponse:
    state = _state(request)
    with state.lock:
        return ORJSONResponse(_line(admin_ops.advance(state, line_id, body.to)))


@router.post("/qnas", status_code=201)
async def create_qnas(body: QnaIn, request: Request) -> ORJSONResponse:
    state = _state(request)
    with state.lock:
        return ORJSONResponse({"ids": admin_ops.add_qnas(state, body)}, status_code=201)


@router.get("/qnas")
async def list_qnas(request: Request, seller_id: str | None = None) -> ORJSONResponse:
    return ORJSONResponse(
        [
            {"brdInfoNo": q.brd_no, "prdNo": q.prd_no, "content": q.content, "answer": q.answer}
            for d in _sellers(_state(request), seller_id)
            for q in d.qnas.values()
        ]
    )


@router.post("/alimis", status_code=201)
async def create_alimis(body: AlimiIn, request: Request) -> ORJSONResponse:
    state = _state(request)
    with state.lock:
        return ORJSONResponse({"ids": admin_ops.add_alimis(state, body)}, status_code=201)


@router.get("/alimis")
async def list_alimis(request: Request, seller_id: str | None = None) -> ORJSONResponse:
    return ORJSONResponse(
        [
            {"emerNtceSeq": a.seq, "subject": a.subject, "status": a.status, "answer": a.answer}
            for d in _sellers(_state(request), seller_id)
            for a in d.alimis.values()
        ]
    )


@router.get("/dispatches")
async def dispatches(request: Request, seller_id: str | None = None) -> ORJSONResponse:
    sellers = _sellers(_state(request), seller_id)
    rows = [
        {
            "line_id": r.line_id,
            "dlvNo": r.dlv_no,
            "dlvEtprsCd": r.courier,
            "invcNo": r.invoice,
            "sendDt": r.send_dt,
            "partial": r.partial,
        }
        for d in sellers
        for r in d.dispatches
    ]
    refused = sum(d.refused_dispatches for d in sellers)
    return ORJSONResponse(dispatch_ledger(rows, (str(row["line_id"]) for row in rows), refused))


def _calls(state: St11State, recent: int, seller_id: str | None) -> dict[str, Any]:
    return (state.seller_log(seller_id) if seller_id else state.calls).snapshot(recent)


def _clear_calls(state: St11State) -> None:
    state.calls.reset()
    state.seller_calls.clear()


def create_admin_app(state: St11State) -> FastAPI:
    instrumentation = instrumentation_router(
        _state, calls_view=_calls, clear_calls=_clear_calls, rate_limit_model=RateLimitIn
    )
    return admin_app("11st sandbox admin", "st11", state, router, instrumentation)

"""Admin API of the 롯데ON emulator, mounted at /lotteon/admin (JSON, no auth; our own design).

POST /sellers {api_key?, tr_no?, lrtr_no?}; GET /sellers; POST /sellers/{tr_no}/revoke
POST /products {tr_no?, name, price, stock, epd_no?, options[]}; GET /products
POST /orders {spd_no, sitm_no?, count ≤ 200000, quantity, created_at?, delivery_fee, return_ids}
     -> {count, line_ids ["odNo-odSeq"]};  GET /orders/{odNo};  POST /orders/{line_id}/advance {to: 14|15}
POST /claims {line_id, kind: cancel|return|exchange, reason?} -> {clm_no};  POST /claims/{clm_no}/withdraw
POST /questions {kind: qna|inquiry, tr_no?, spd_no?, line_id?, title?, content?, count}; GET /questions/{no}
GET  /dispatches?tr_no=;  GET|DELETE /calls;  POST|GET|DELETE /faults;  GET|PUT /rate-limit;  POST /reset
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, FastAPI, Request
from marketbridge.sandbox.core.admin import (
    AdminError,
    admin_app,
    clear_log_and_seller_peaks,
    dispatch_ledger,
    instrumentation_router,
    log_with_seller_peaks,
)
from marketbridge.sandbox.core.responses import ORJSONResponse
from marketbridge.sandbox.lotteon import admin_ops as ops
from marketbridge.sandbox.lotteon.admin_models import (
    AdvanceIn,
    ClaimIn,
    OrdersIn,
    ProductIn,
    QuestionIn,
    RateLimitIn,
    SellerIn,
)
from marketbridge.sandbox.lotteon.models import Seller
from marketbridge.sandbox.lotteon.routes_cs import inquiry_view, qna_view
from marketbridge.sandbox.lotteon.routes_delivery import row_view
from marketbridge.sandbox.lotteon.routes_product import Refused, item_view
from marketbridge.sandbox.lotteon.state import LotteOnState

router = APIRouter()


def _state(request: Request) -> LotteOnState:
    state: LotteOnState = request.app.state.lotteon
    return state


def _seller(state: LotteOnState, tr_no: str | None) -> Seller:
    if tr_no is None and len(state.sellers) == 1:
        return next(iter(state.sellers.values()))
    found = state.seller_by_tr(tr_no or "")
    if found is None:
        raise AdminError(404, f"seller {tr_no} not found")
    return found


def _view(s: Seller) -> dict[str, Any]:
    return {"api_key": s.api_key, "tr_no": s.tr_no, "lrtr_no": s.lrtr_no, "revoked": s.revoked}


@router.post("/sellers", status_code=201)
async def create_seller(body: SellerIn, request: Request) -> ORJSONResponse:
    return ORJSONResponse(_view(_state(request).register(**body.model_dump())), status_code=201)


@router.get("/sellers")
async def list_sellers(request: Request) -> ORJSONResponse:
    return ORJSONResponse([_view(s) for s in _state(request).sellers.values()])


@router.post("/sellers/{tr_no}/revoke")
async def revoke(tr_no: str, request: Request) -> ORJSONResponse:
    found = _seller(_state(request), tr_no)
    found.revoked = True
    return ORJSONResponse(_view(found))


@router.post("/products", status_code=201)
async def seed_product(body: ProductIn, request: Request) -> ORJSONResponse:
    state = _state(request)
    with state.lock:
        try:
            p = ops.seed_product(
                state, _seller(state, body.tr_no).tr_no, body.name, body.price, body.stock, body.epd_no, body.options
            )
        except Refused as error:
            raise AdminError(400, error.message) from None
    return ORJSONResponse({"spdNo": p.spd_no, "itmLst": [item_view(i) for i in p.items]}, status_code=201)


@router.get("/products")
async def list_products(request: Request) -> ORJSONResponse:
    return ORJSONResponse(
        [
            {
                "spdNo": p.spd_no,
                "trNo": p.tr_no,
                "slStatCd": p.status,
                "writes": p.writes,
                "body": p.body,
                "itmLst": [item_view(i) for i in p.items],
            }
            for p in _state(request).products.values()
        ]
    )


@router.post("/orders", status_code=201)
async def create_orders(body: OrdersIn, request: Request) -> ORJSONResponse:
    state = _state(request)
    with state.lock:
        rows = ops.create_orders(
            state,
            ops.product(state, body.spd_no),
            count=body.count,
            quantity=body.quantity,
            sitm_no=body.sitm_no,
            created_at=body.created_at,
            delivery_fee=body.delivery_fee,
        )
    ids = [f"{r.od_no}-{r.od_seq}" for r in rows] if body.return_ids else []
    return ORJSONResponse({"count": len(rows), "tr_no": rows[0].tr_no, "line_ids": ids}, status_code=201)


@router.get("/orders/{od_no}")
async def get_order(od_no: str, request: Request) -> ORJSONResponse:
    rows = _state(request).order_rows.get(od_no)
    if not rows:
        raise AdminError(404, f"order {od_no} not found")
    return ORJSONResponse(
        {"rows": [{**row_view(r), "cancelled": r.cancelled, "dispatch_attempts": r.dispatch_attempts} for r in rows]}
    )


@router.post("/orders/{line_id}/advance")
async def advance(line_id: str, body: AdvanceIn, request: Request) -> ORJSONResponse:
    state = _state(request)
    row = ops.order_row(state, line_id)
    if row.step not in ("13", "14"):
        raise AdminError(409, "the order line is not dispatched")
    row.step, row.step_ms = body.to, state.now_ms()
    return ORJSONResponse(row_view(row))


@router.post("/claims", status_code=201)
async def create_claim(body: ClaimIn, request: Request) -> ORJSONResponse:
    state = _state(request)
    with state.lock:
        claim = ops.buyer_claim(state, ops.order_row(state, body.line_id), body.kind, body.reason)
    return ORJSONResponse({"clm_no": claim.clm_no, "kind": claim.kind, "procSeq": claim.proc_seq}, status_code=201)


@router.post("/claims/{clm_no}/withdraw")
async def withdraw(clm_no: str, request: Request) -> ORJSONResponse:
    state = _state(request)
    claim = state.claims.get(clm_no)
    if claim is None or claim.step not in ("02",):
        raise AdminError(409, "no open claim to withdraw")
    claim.step = "22"
    for row in claim.rows:
        row.cancelled = True
    return ORJSONResponse({"clm_no": clm_no, "step": claim.step})


@router.post("/questions", status_code=201)
async def create_questions(body: QuestionIn, request: Request) -> ORJSONResponse:
    state = _state(request)
    with state.lock:
        row = ops.order_row(state, body.line_id) if body.line_id else None
        p = ops.product(state, body.spd_no) if body.spd_no else None
        tr_no = row.tr_no if row else (p.tr_no if p else _seller(state, body.tr_no).tr_no)
        ids = ops.create_questions(
            state, body.kind, tr_no, p, row, count=body.count, title=body.title, content=body.content
        )
    return ORJSONResponse({"ids": ids}, status_code=201)


@router.get("/questions/{number}")
async def get_question(number: int, request: Request) -> ORJSONResponse:
    q = _state(request).questions.get(number)
    if q is None:
        raise AdminError(404, "question not found")
    return ORJSONResponse(qna_view(q) if q.kind == "qna" else inquiry_view(q))


@router.get("/dispatches")
async def dispatches(request: Request, tr_no: str | None = None) -> ORJSONResponse:
    state = _state(request)
    records = [d for d in state.dispatches if tr_no is None or d.tr_no == tr_no]
    attempts = sum(r.dispatch_attempts for r in state.rows.values() if tr_no is None or r.tr_no == tr_no)
    rows = [
        {
            "odNo": d.od_no,
            "odSeq": d.od_seq,
            "procSeq": d.proc_seq,
            "trNo": d.tr_no,
            "dvCoCd": d.dv_co_cd,
            "invcNo": d.invc_no,
        }
        for d in records
    ]
    line_ids = (f"{d.od_no}-{d.od_seq}" for d in records)
    return ORJSONResponse(dispatch_ledger(rows, line_ids, attempts - len(records)))


def create_admin_app(state: LotteOnState) -> FastAPI:
    instrumentation = instrumentation_router(
        _state, calls_view=log_with_seller_peaks, clear_calls=clear_log_and_seller_peaks, rate_limit_model=RateLimitIn
    )
    return admin_app("롯데ON sandbox admin", "lotteon", state, router, instrumentation)

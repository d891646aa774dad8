"""Admin API of the ESM emulator, mounted at /esm/admin (JSON, no auth; our own design).

POST /sellers {master_id?, secret_key?, gmarket_seller_id?, auction_seller_id?}; GET /sellers
POST /sellers/{master_id}/revoke (every JWT of that master is refused); PUT /sellers/{id}/permissions
POST /goods {master_id, sites: [G, A], name, price, stock, seller_code?}; GET /goods
POST /orders {goods_no | site_goods_no, site: G|A, count ≤ 200000, quantity, paid_at?, option_text?,
              option_price, shipping_fee, return_ids} -> {count, order_nos[]}
GET  /orders/{no};  POST /orders/{no}/advance {to: delivered|decided};  POST /orders/{no}/address
POST /claims {order_no, kind: cancel|return|exchange, reason?} -> {claim_id};  POST /claims/{no}/advance {to}
POST /messages {site, master_id?, goods_no?, order_no?, title?, comments?, secret, count}; GET /messages[/{no}]
POST /notices {site, master_id?, order_no?, title?, contents?, count} (긴급알리미)
GET  /dispatches?seller_id=   accepted dispatches, refused attempts, duplicates
GET  /calls (+ peak_per_second_by_seller); DELETE /calls;  POST|GET|DELETE /faults, DELETE /faults/{id}
GET|PUT /rate-limit {rate, burst, enabled, order_list_interval_seconds, search_per_minute};  POST /reset
(the last two lines: marketbridge.sandbox.core.admin)
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, FastAPI, Request
from marketbridge.sandbox.core import admin as core
from marketbridge.sandbox.core.admin import (
    AdminError,
    admin_app,
    clear_log_and_seller_peaks,
    configure_limiter,
    dispatch_ledger,
    instrumentation_router,
    limiter_view,
    log_with_seller_peaks,
)
from marketbridge.sandbox.core.responses import ORJSONResponse
from marketbridge.sandbox.esm import admin_ops as ops
from marketbridge.sandbox.esm.admin_models import (
    AdvanceIn,
    ClaimIn,
    GoodsIn,
    MessageIn,
    NoticeIn,
    OrdersIn,
    PermissionsIn,
    RateLimitIn,
    SellerIn,
)
from marketbridge.sandbox.esm.common import GoodsError
from marketbridge.sandbox.esm.models import Master, Order
from marketbridge.sandbox.esm.serialize import lookup_row, message_row
from marketbridge.sandbox.esm.state import EsmState
from starlette.responses import Response

router = APIRouter()


def _state(request: Request) -> EsmState:
    state: EsmState = request.app.state.esm
    return state


def _master(state: EsmState, master_id: str | None) -> Master:
    if master_id is None and len(state.masters) == 1:
        return next(iter(state.masters.values()))
    master = state.masters.get(master_id or "")
    if master is None:
        raise AdminError(404, f"master {master_id} not found")
    return master


def _seller_view(m: Master) -> dict[str, Any]:
    return {
        "master_id": m.master_id,
        "secret_key": m.secret_key,
        "gmarket_seller_id": m.sellers["G"],
        "auction_seller_id": m.sellers["A"],
        "permissions": sorted(m.permissions),
        "revoked": m.revoked,
    }


@router.post("/sellers", status_code=201)
async def create_seller(body: SellerIn, request: Request) -> ORJSONResponse:
    try:
        master = _state(request).register(**body.model_dump())
    except ValueError as exc:
        raise AdminError(409, str(exc)) from None
    return ORJSONResponse(_seller_view(master), status_code=201)


@router.get("/sellers")
async def list_sellers(request: Request) -> ORJSONResponse:
    return ORJSONResponse([_seller_view(m) for m in _state(request).masters.values()])


@router.post("/sellers/{master_id}/revoke")
async def revoke(master_id: str, request: Request) -> ORJSONResponse:
    master = _master(_state(request), master_id)
    master.revoked = True
    return ORJSONResponse(_seller_view(master))


@router.put("/sellers/{master_id}/permissions")
async def permissions(master_id: str, body: PermissionsIn, request: Request) -> ORJSONResponse:
    master = _master(_state(request), master_id)
    master.permissions = set(body.permissions)
    return ORJSONResponse(_seller_view(master))


@router.post("/goods", status_code=201)
async def seed_goods(body: GoodsIn, request: Request) -> ORJSONResponse:
    state = _state(request)
    with state.lock:
        goods = ops.seed_goods(
            state,
            _master(state, body.master_id).master_id,
            list(body.sites),
            body.name,
            body.price,
            body.stock,
            body.seller_code,
        )
    return ORJSONResponse({"goodsNo": goods.goods_no, "siteGoodsNo": goods.site_goods_no}, status_code=201)


@router.get("/goods")
async def list_goods(request: Request, master_id: str | None = None) -> ORJSONResponse:
    return ORJSONResponse(
        [
            {
                "goodsNo": g.goods_no,
                "master_id": g.master_id,
                "siteGoodsNo": g.site_goods_no,
                "isSell": g.is_sell,
                "price": g.price,
                "stock": g.stock,
                "writes": g.writes,
                "body": g.body,
            }
            for g in _state(request).goods.values()
            if master_id is None or g.master_id == master_id
        ]
    )


@router.post("/orders", status_code=201)
async def create_orders(body: OrdersIn, request: Request) -> ORJSONResponse:
    state = _state(request)
    with state.lock:
        goods = ops.find_goods(state, body.goods_no, body.site_goods_no)
        orders = ops.create_orders(
            state,
            goods,
            body.site,
            count=body.count,
            quantity=body.quantity,
            paid_at=body.paid_at,
            option_text=body.option_text,
            option_price=body.option_price,
            shipping_fee=body.shipping_fee,
        )
    return ORJSONResponse(
        {
            "count": len(orders),
            "seller_id": orders[0].seller_id,
            "order_nos": [o.order_no for o in orders] if body.return_ids else [],
        },
        status_code=201,
    )


def _order_view(state: EsmState, o: Order) -> dict[str, Any]:
    return {
        **lookup_row(o),
        "site": o.site,
        "dispatch_attempts": o.dispatch_attempts,
        "claim": None
        if o.claim is None
        else {
            "kind": o.claim.kind,
            "status": o.claim.status,
            "on_hold": o.claim.on_hold,
            "requested_by": o.claim.requested_by,
        },
    }


@router.get("/orders/{order_no}")
async def get_order(order_no: int, request: Request) -> ORJSONResponse:
    state = _state(request)
    return ORJSONResponse(_order_view(state, ops.order(state, order_no)))


@router.post("/orders/{order_no}/advance")
async def advance_order(order_no: int, body: AdvanceIn, request: Request) -> ORJSONResponse:
    state = _state(request)
    with state.lock:
        o = ops.order(state, order_no)
        ops.advance_order(state, o, body.to)
    return ORJSONResponse(_order_view(state, o))


@router.post("/orders/{order_no}/address")
async def change_address(order_no: int, request: Request) -> ORJSONResponse:
    state = _state(request)
    o = ops.order(state, order_no)
    o.address_changed, o.back_address = True, o.back_address + " (변경)"
    return ORJSONResponse(_order_view(state, o))


@router.post("/claims", status_code=201)
async def create_claim(body: ClaimIn, request: Request) -> ORJSONResponse:
    state = _state(request)
    with state.lock:
        o = ops.order(state, body.order_no)
        ops.buyer_claim(state, o, body.kind, body.reason)
    return ORJSONResponse({"claim_id": f"{o.order_no}-{body.kind}", **_order_view(state, o)}, status_code=201)


@router.post("/claims/{order_no}/advance")
async def advance_claim(order_no: int, body: AdvanceIn, request: Request) -> ORJSONResponse:
    state = _state(request)
    with state.lock:
        o = ops.order(state, order_no)
        ops.advance_claim(state, o, body.to)
    return ORJSONResponse(_order_view(state, o))


@router.post("/messages", status_code=201)
async def create_messages(body: MessageIn, request: Request) -> ORJSONResponse:
    state = _state(request)
    with state.lock:
        o = ops.order(state, body.order_no) if body.order_no is not None else None
        goods = ops.find_goods(state, body.goods_no, None) if body.goods_no is not None else None
        master = _master(
            state,
            body.master_id
            or (goods.master_id if goods else None)
            or (state.owner.get((o.site, o.seller_id)) if o else None),
        )
        site = o.site if o is not None else body.site
        ids = ops.create_messages(
            state,
            site,
            master.sellers[site],
            goods,
            o,
            count=body.count,
            title=body.title,
            comments=body.comments,
            secret=body.secret,
        )
    return ORJSONResponse({"ids": ids}, status_code=201)


@router.get("/messages")
async def list_messages(request: Request) -> ORJSONResponse:
    return ORJSONResponse([message_row(m) for m in _state(request).messages.values()])


@router.get("/messages/{number}")
async def get_message(number: int, request: Request) -> ORJSONResponse:
    message = _state(request).messages.get(number)
    if message is None:
        raise AdminError(404, "message not found")
    return ORJSONResponse(message_row(message))


@router.post("/notices", status_code=201)
async def create_notices(body: NoticeIn, request: Request) -> ORJSONResponse:
    state = _state(request)
    with state.lock:
        o = ops.order(state, body.order_no) if body.order_no is not None else None
        master = _master(state, body.master_id or (state.owner.get((o.site, o.seller_id)) if o else None))
        site = o.site if o is not None else body.site
        ids = ops.create_notices(
            state, site, master.sellers[site], o, count=body.count, title=body.title, contents=body.contents
        )
    return ORJSONResponse({"ids": ids}, status_code=201)


@router.get("/dispatches")
async def dispatches(request: Request, seller_id: str | None = None) -> ORJSONResponse:
    state = _state(request)
    rows = [
        {
            "OrderNo": d.order_no,
            "site": d.site,
            "SellerId": d.seller_id,
            "DeliveryCompanyCode": d.company,
            "InvoiceNo": d.invoice,
            "ShippingDate": d.shipping_date,
        }
        for d in state.dispatches
        if seller_id is None or d.seller_id == seller_id
    ]
    attempts = sum(o.dispatch_attempts for o in state.orders.values() if seller_id is None or o.seller_id == seller_id)
    order_nos = (d.order_no for d in state.dispatches if seller_id is None or d.seller_id == seller_id)
    return ORJSONResponse(dispatch_ledger(rows, order_nos, attempts - len(rows)))


def _rate_limit(state: EsmState) -> dict[str, Any]:
    return {
        **limiter_view(state),
        "order_list_interval_seconds": state.order_list_interval,
        "search_per_minute": state.search_per_minute,
    }


def _apply_rate_limit(state: EsmState, body: core.RateLimitIn) -> None:
    """Besides the gateway bucket: the 5-second order-list interval and the goods/search per-minute limit."""
    assert isinstance(body, RateLimitIn)
    configure_limiter(state, body)
    state.order_list_interval, state.search_per_minute = body.order_list_interval_seconds, body.search_per_minute
    state.last_order_list.clear()


def create_admin_app(state: EsmState) -> FastAPI:
    instrumentation = instrumentation_router(
        _state,
        calls_view=log_with_seller_peaks,
        clear_calls=clear_log_and_seller_peaks,
        rate_limit_model=RateLimitIn,
        rate_limit_view=_rate_limit,
        apply_rate_limit=_apply_rate_limit,
    )
    app = admin_app("ESM sandbox admin", "esm", state, router, instrumentation)

    @app.exception_handler(GoodsError)
    async def goods_error(request: Request, exc: GoodsError) -> Response:
        return ORJSONResponse({"code": str(exc.code), "message": exc.message}, status_code=400)

    return app

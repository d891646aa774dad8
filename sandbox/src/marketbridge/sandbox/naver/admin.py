"""Admin API of the Naver emulator, mounted at /naver/admin (JSON, no auth; our own design).

    POST   /apps                       {client_id?, client_secret?, account_id?, name?} -> the application
    GET    /apps
    DELETE /apps/{client_id}            revoke the application: its tokens stop working, none is issued
    POST   /products                   {account_id?, name, sale_price, stock_quantity, leaf_category_id,
                                        seller_management_code?, option_group_names[], options[{names[],
                                        stock, price, seller_manager_code?}]} -> product as the API shows it
    GET    /products?account_id=        products received (through the API or seeded), full stored body
    POST   /orders                     {product_no, option_id?|option_names?, quantity, count, items_per_order,
                                        buyer?, receiver?, paid_at?, ordered_at?, delivery_fee, shipping_memo?,
                                        return_ids} -> {account_id, order_count, product_order_ids[]}
    POST   /claims                     {product_order_id, type: cancel|return|exchange, reason?, detailed_reason}
    POST   /product-orders/{id}/advance {to: DELIVERED|PURCHASE_DECIDED|COLLECTING|EXCHANGE_DONE}
    POST   /product-orders/{id}/address {name?, phone?, base_address?, detailed_address?, zip_code?}
    GET    /product-orders/{id}         the Naver detail item plus change-feed and dispatch bookkeeping
    GET    /product-orders?account_id=&status=&limit=
    GET    /dispatches?account_id=      every accepted dispatch (courier, tracking) and refused attempts
    POST   /inquiries                  {kind: qna|inquiry, account_id?, product_no?, product_order_id?,
                                        category, title?, content?, count} -> {ids[]}
    GET    /inquiries?account_id=
    GET    /calls?recent=100            counts per route and status, peak requests/second, recent calls
    DELETE /calls
    POST   /faults                     {path_pattern (regex, searched in the full path), kind: latency|http_500|
                                        http_503|http_429|timeout|malformed, probability 0..1, latency_ms,
                                        count?, method?, phase: before|after}
    GET    /faults;  DELETE /faults;  DELETE /faults/{id}
    GET|PUT /rate-limit                {rate, burst, enabled}
    POST   /tokens/expire              {client_id?} -> every (or that client's) token stops working
    POST   /reset                      {keep_apps: true}
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, FastAPI, Request
from marketbridge.sandbox.core.admin import AdminError, admin_app, instrumentation_router
from marketbridge.sandbox.core.responses import ORJSONResponse
from marketbridge.sandbox.core.timefmt import fmt_kst
from marketbridge.sandbox.naver import admin_ops, claimflow
from marketbridge.sandbox.naver.admin_models import (
    AdvanceIn,
    AppIn,
    ClaimIn,
    ExpireIn,
    InquiryIn,
    OrdersIn,
    PartyIn,
    ProductIn,
)
from marketbridge.sandbox.naver.errors import NaverError
from marketbridge.sandbox.naver.models import ProductOrder
from marketbridge.sandbox.naver.orderflow import ItemFailure
from marketbridge.sandbox.naver.serialize import product_order_detail, product_view
from marketbridge.sandbox.naver.state import NaverState
from marketbridge.sandbox.naver.store import SellerStore
from starlette.responses import Response

router = APIRouter()


def _state(request: Request) -> NaverState:
    state: NaverState = request.app.state.naver
    return state


def _store(state: NaverState, account_id: str | None) -> SellerStore:
    if account_id:
        if account_id not in state.accounts:
            raise AdminError(404, f"account {account_id} not found")
        return state.accounts[account_id]
    store = state.default_account()
    if store is None:
        raise AdminError(400, "account_id is required when there is not exactly one seller account")
    return store


def _po(state: NaverState, po_id: str) -> tuple[SellerStore, ProductOrder]:
    found = state.find_po(po_id)
    if found is None:
        raise AdminError(404, f"product order {po_id} not found")
    return found


def _po_view(store: SellerStore, po: ProductOrder) -> dict[str, Any]:
    return {"account_id": store.account_id, "lastChangedType": po.last_changed_type,
            "lastChangedDate": fmt_kst(po.last_changed_ms), "dispatch_attempts": po.dispatch_attempts,
            "dispatches": [_dispatch(d) for d in store.dispatches if d.product_order_id == po.product_order_id],
            "detail": product_order_detail(po)}


def _dispatch(d: Any) -> dict[str, Any]:
    return {"productOrderId": d.product_order_id, "deliveryMethod": d.delivery_method,
            "deliveryCompanyCode": d.delivery_company_code, "trackingNumber": d.tracking_number,
            "dispatchDate": d.dispatch_date, "receivedAt": fmt_kst(d.received_ms)}


@router.post("/apps", status_code=201)
async def create_app_(body: AppIn, request: Request) -> ORJSONResponse:
    try:
        app = _state(request).register_app(client_id=body.client_id, client_secret=body.client_secret,
                                           account_id=body.account_id, name=body.name)
    except ValueError as exc:
        raise AdminError(400, f"client_secret must be a canonical bcrypt salt: {exc}") from None
    return ORJSONResponse({"client_id": app.client_id, "client_secret": app.client_secret,
                           "account_id": app.account_id, "name": app.name}, status_code=201)


@router.get("/apps")
async def list_apps(request: Request) -> ORJSONResponse:
    return ORJSONResponse([{"client_id": a.client_id, "client_secret": a.client_secret, "account_id": a.account_id,
                            "name": a.name} for a in _state(request).apps.values()])


@router.delete("/apps/{client_id}")
async def revoke_app(client_id: str, request: Request) -> ORJSONResponse:
    if not _state(request).revoke_app(client_id):
        raise AdminError(404, f"no application {client_id}")
    return ORJSONResponse({"revoked": client_id})


@router.post("/products", status_code=201)
async def seed_product(body: ProductIn, request: Request) -> ORJSONResponse:
    state = _state(request)
    with state.lock:
        product = admin_ops.seed_product(state, _store(state, body.account_id), body)
    return ORJSONResponse(product_view(product), status_code=201)


@router.get("/products")
async def list_products(request: Request, account_id: str | None = None) -> ORJSONResponse:
    state = _state(request)
    stores = [_store(state, account_id)] if account_id else list(state.accounts.values())
    return ORJSONResponse([{"account_id": s.account_id, "status": p.status, "writes": p.writes,
                            "smartstoreChannelProductNo": p.channel_no, **product_view(p)}
                           for s in stores for p in s.products.values()])


@router.post("/orders", status_code=201)
async def create_orders(body: OrdersIn, request: Request) -> ORJSONResponse:
    state = _state(request)
    with state.lock:
        store, pos = admin_ops.create_orders(state, body)
    ids = [po.product_order_id for po in pos] if body.return_ids else []
    return ORJSONResponse({"account_id": store.account_id, "order_count": body.count,
                           "product_order_count": len(pos), "product_order_ids": ids}, status_code=201)


@router.post("/claims", status_code=201)
async def create_claim(body: ClaimIn, request: Request) -> ORJSONResponse:
    state = _state(request)
    with state.lock:
        store, po = _po(state, body.product_order_id)
        claimflow.buyer_claim(state, store, po, body.type.upper(), body.reason, body.detailed_reason,
                              state.now_ms())
        return ORJSONResponse(_po_view(store, po), status_code=201)


@router.post("/product-orders/{po_id}/advance")
async def advance(po_id: str, body: AdvanceIn, request: Request) -> ORJSONResponse:
    state = _state(request)
    with state.lock:
        store, po = _po(state, po_id)
        admin_ops.advance(store, po, body.to, state.now_ms())
        return ORJSONResponse(_po_view(store, po))


@router.post("/product-orders/{po_id}/address")
async def change_address(po_id: str, body: PartyIn, request: Request) -> ORJSONResponse:
    state = _state(request)
    with state.lock:
        store, po = _po(state, po_id)
        admin_ops.change_address(store, po, body, state.now_ms())
        return ORJSONResponse(_po_view(store, po))


@router.get("/product-orders/{po_id}")
async def get_product_order(po_id: str, request: Request) -> ORJSONResponse:
    state = _state(request)
    with state.lock:
        store, po = _po(state, po_id)
        return ORJSONResponse(_po_view(store, po))


@router.get("/product-orders")
async def list_product_orders(request: Request, account_id: str | None = None, status: str | None = None,
                              limit: int = 1000) -> ORJSONResponse:
    state = _state(request)
    stores = [_store(state, account_id)] if account_id else list(state.accounts.values())
    rows = []
    for store in stores:
        for po in store.pos.values():
            if status is None or po.status == status:
                rows.append({"productOrderId": po.product_order_id, "orderId": po.order_id,
                             "account_id": store.account_id, "productOrderStatus": po.status,
                             "placeOrderStatus": po.place_order_status,
                             "claimType": po.claim.type if po.claim else None,
                             "claimStatus": po.claim.status if po.claim else None})
                if len(rows) >= limit:
                    break
    return ORJSONResponse({"count": len(rows), "product_orders": rows})


@router.get("/dispatches")
async def list_dispatches(request: Request, account_id: str | None = None) -> ORJSONResponse:
    state = _state(request)
    stores = [_store(state, account_id)] if account_id else list(state.accounts.values())
    rows = [_dispatch(d) for s in stores for d in s.dispatches]
    per_po: dict[str, int] = {}
    for row in rows:
        per_po[row["productOrderId"]] = per_po.get(row["productOrderId"], 0) + 1
    attempts = sum(po.dispatch_attempts for s in stores for po in s.pos.values())
    return ORJSONResponse({"count": len(rows), "refused_attempts": attempts - len(rows),
                           "duplicates": sorted(k for k, v in per_po.items() if v > 1), "dispatches": rows})


@router.post("/inquiries", status_code=201)
async def create_inquiries(body: InquiryIn, request: Request) -> ORJSONResponse:
    state = _state(request)
    with state.lock:
        store = _store(state, body.account_id)
        if body.product_no is not None and store.product_by_any_no(body.product_no) is None:
            store = admin_ops.find_product(state, body.product_no)[0]
        ids = admin_ops.create_questions(state, store, body)
    return ORJSONResponse({"account_id": store.account_id, "kind": body.kind, "ids": ids}, status_code=201)


@router.get("/inquiries")
async def list_inquiries(request: Request, account_id: str | None = None) -> ORJSONResponse:
    state = _state(request)
    stores = [_store(state, account_id)] if account_id else list(state.accounts.values())
    return ORJSONResponse({
        "qnas": [{"questionId": q.question_id, "account_id": q.account_id, "question": q.question,
                  "answer": q.answer} for s in stores for q in s.qnas.values()],
        "inquiries": [{"inquiryNo": i.inquiry_no, "account_id": i.account_id, "title": i.title,
                       "answer": i.answer} for s in stores for i in s.inquiries.values()],
    })


@router.post("/tokens/expire")
async def expire_tokens(body: ExpireIn, request: Request) -> ORJSONResponse:
    return ORJSONResponse({"expired": _state(request).expire_tokens(body.client_id)})


def create_admin_app(state: NaverState) -> FastAPI:
    app = admin_app("Naver sandbox admin", "naver", state, router, instrumentation_router(_state))

    @app.exception_handler(ItemFailure)
    async def item_failure(request: Request, exc: ItemFailure) -> Response:
        return ORJSONResponse({"code": exc.code, "message": exc.message}, status_code=409)

    @app.exception_handler(NaverError)
    async def naver_error(request: Request, exc: NaverError) -> Response:
        return ORJSONResponse(exc.body("admin", state.now_ms()), status_code=exc.status)

    return app

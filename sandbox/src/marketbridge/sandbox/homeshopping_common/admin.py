"""Admin API shared by the home-shopping emulators, mounted at /<dialect>/admin (JSON, our own design).

POST   /sellers                 {seller_id?, receiver_url?} -> {seller_id, credentials{…}}
GET    /sellers;  POST /sellers/{id}/revoke (authentication then fails);  PUT /sellers/{id}/receiver {receiver_url}
POST   /products                {seller_id, name, sale_price, stock, seller_product_code, category_id, notice}
GET    /products?seller_id=
POST   /orders                  {product_id, count (≤ 200,000), quantity, lines_per_order, ordered_at?, return_ids}
POST   /claims                  {order_line_id, kind: cancel|return|exchange, reason}
POST   /inquiries               {seller_id?, product_id?, order_line_id?, title?, content?}
GET    /inquiries?seller_id=;  GET /inquiries/{id}
GET    /order-lines/{id};  POST /order-lines/{id}/deliver
GET    /dispatches?seller_id=   the dispatch ledger, refused attempts and duplicates (must stay empty)
GET    /calls?seller_id=        counts per route/status, peak requests/s overall and per seller;  DELETE /calls
POST   /faults {path_pattern, kind, probability, latency_ms, count, method, phase};  GET|DELETE /faults
GET|PUT /rate-limit {rate, burst, enabled};  POST /reset {keep_apps}
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, Literal

from fastapi import APIRouter, FastAPI, Request
from marketbridge.sandbox.core import admin as core
from marketbridge.sandbox.core.admin import AdminError, admin_app, dispatch_ledger, instrumentation_router
from marketbridge.sandbox.core.responses import ORJSONResponse
from marketbridge.sandbox.core.timefmt import KST, fmt_kst
from marketbridge.sandbox.homeshopping_common.models import Line, Product, Refusal, Seller
from marketbridge.sandbox.homeshopping_common.state import HomeShoppingState
from pydantic import BaseModel, Field
from starlette.responses import Response

CredentialMaker = Callable[[HomeShoppingState, str], dict[str, str]]


class SellerIn(BaseModel):
    seller_id: str | None = None
    receiver_url: str | None = None


class ReceiverIn(BaseModel):
    receiver_url: str


class ProductIn(BaseModel):
    seller_id: str | None = None
    name: str = "샌드박스 홈쇼핑 상품"
    sale_price: int = 39_900
    stock: int = 1000
    seller_product_code: str = "SB-001"
    category_id: str = "1001"
    notice: dict[str, str] = Field(default_factory=lambda: {"품목": "기타 재화", "제조자": "상세페이지 참조"})


class OrdersIn(BaseModel):
    product_id: str
    count: int = Field(1, ge=1, le=200_000)
    quantity: int = Field(1, ge=1, le=999)
    lines_per_order: int = Field(1, ge=1, le=20)
    ordered_at: str | None = None
    return_ids: bool = True


class ClaimIn(BaseModel):
    order_line_id: str
    kind: Literal["cancel", "return", "exchange"]
    reason: str = "고객 변심"


class InquiryIn(BaseModel):
    seller_id: str | None = None
    product_id: str | None = None
    order_line_id: str | None = None
    title: str = "상품 문의"
    content: str = "배송은 언제 되나요?"


class FaultIn(core.FaultIn):
    """Looser than the other dialects' (kept as the home-shopping API always took it): count may be 0."""

    probability: float = Field(1.0, ge=0, le=1)
    count: int | None = None


class RateLimitIn(core.RateLimitIn):
    """Unbounded, unlike the other dialects' (kept as the home-shopping API always took it)."""

    rate: float = 20.0
    burst: int = 40


def seller_view(seller: Seller) -> dict[str, Any]:
    return {
        "seller_id": seller.seller_id,
        "credentials": seller.credentials,
        "revoked": seller.revoked,
        "receiver_url": seller.receiver_url,
    }


def product_view(p: Product) -> dict[str, Any]:
    return {
        "product_id": p.product_id,
        "seller_id": p.seller_id,
        "seller_product_code": p.seller_product_code,
        "name": p.name,
        "sale_price": p.sale_price,
        "stock": p.stock,
        "status": p.status,
        "category_id": p.category_id,
        "notice": p.notice,
        "writes": p.writes,
        "raw": p.raw,
    }


def line_view(line: Line) -> dict[str, Any]:
    claim = line.claim
    return {
        "order_line_id": line.line_id,
        "order_no": line.order_no,
        "seller_id": line.seller_id,
        "product_id": line.product_id,
        "status": line.status,
        "quantity": line.quantity,
        "courier_code": line.courier,
        "tracking_number": line.tracking,
        "dispatch_attempts": line.dispatch_attempts,
        "ordered_at": fmt_kst(line.ordered_ms),
        "claim": None if claim is None else {"claim_id": claim.claim_id, "kind": claim.kind, "status": claim.status},
    }


def _seller(state: HomeShoppingState, seller_id: str | None) -> Seller:
    if seller_id:
        if seller_id not in state.sellers:
            raise AdminError(404, f"seller {seller_id} not found")
        return state.sellers[seller_id]
    if len(state.sellers) != 1:
        raise AdminError(400, "seller_id is required when there is not exactly one seller")
    return next(iter(state.sellers.values()))


def _line(state: HomeShoppingState, line_id: str) -> Line:
    line = state.lines.get(line_id)
    if line is None:
        raise AdminError(404, f"order line {line_id} not found")
    return line


def build_router(make_credentials: CredentialMaker) -> APIRouter:
    router = APIRouter()

    @router.post("/sellers", status_code=201)
    async def create_seller(body: SellerIn, request: Request) -> ORJSONResponse:
        state = _state(request)
        seller_id = body.seller_id or f"{state.rng.randrange(100_000, 1_000_000)}"
        seller = state.add_seller(make_credentials(state, seller_id), seller_id, body.receiver_url)
        return ORJSONResponse(seller_view(seller), status_code=201)

    @router.get("/sellers")
    async def list_sellers(request: Request) -> ORJSONResponse:
        return ORJSONResponse([seller_view(s) for s in _state(request).sellers.values()])

    @router.post("/sellers/{seller_id}/revoke")
    async def revoke(seller_id: str, request: Request) -> ORJSONResponse:
        seller = _seller(_state(request), seller_id)
        seller.revoked = True
        seller.session_ids.clear()
        return ORJSONResponse(seller_view(seller))

    @router.put("/sellers/{seller_id}/receiver")
    async def set_receiver(seller_id: str, body: ReceiverIn, request: Request) -> ORJSONResponse:
        seller = _seller(_state(request), seller_id)
        seller.receiver_url = body.receiver_url
        return ORJSONResponse(seller_view(seller))

    @router.post("/products", status_code=201)
    async def add_product(body: ProductIn, request: Request) -> ORJSONResponse:
        state = _state(request)
        seller = _seller(state, body.seller_id)
        product = state.add_product(
            seller.seller_id,
            name=body.name,
            sale_price=body.sale_price,
            stock=body.stock,
            seller_product_code=body.seller_product_code,
            category_id=body.category_id,
            notice=body.notice,
        )
        return ORJSONResponse(product_view(product), status_code=201)

    @router.get("/products")
    async def list_products(request: Request, seller_id: str | None = None) -> ORJSONResponse:
        return ORJSONResponse(
            [product_view(p) for p in _state(request).products.values() if seller_id is None or p.seller_id == seller_id]
        )

    @router.post("/orders", status_code=201)
    async def create_orders(body: OrdersIn, request: Request) -> ORJSONResponse:
        state = _state(request)
        product = state.products.get(body.product_id)
        if product is None:
            raise AdminError(404, f"product {body.product_id} not found")
        ordered = None
        if body.ordered_at:
            moment = datetime.fromisoformat(body.ordered_at)
            ordered = int((moment if moment.tzinfo else moment.replace(tzinfo=KST)).timestamp() * 1000)
        lines = state.create_orders(
            product, count=body.count, quantity=body.quantity, lines_per_order=body.lines_per_order, ordered_ms=ordered
        )
        return ORJSONResponse(
            {
                "seller_id": product.seller_id,
                "order_count": body.count,
                "line_count": len(lines),
                "order_line_ids": [ln.line_id for ln in lines] if body.return_ids else [],
            },
            status_code=201,
        )

    @router.post("/claims", status_code=201)
    async def create_claim(body: ClaimIn, request: Request) -> ORJSONResponse:
        state = _state(request)
        line = _line(state, body.order_line_id)
        claim = state.buyer_claim(line, body.kind, body.reason)
        return ORJSONResponse({"claim_id": claim.claim_id, **line_view(line)}, status_code=201)

    @router.post("/inquiries", status_code=201)
    async def create_inquiry(body: InquiryIn, request: Request) -> ORJSONResponse:
        state = _state(request)
        seller_id = body.seller_id
        if seller_id is None and body.order_line_id:
            seller_id = _line(state, body.order_line_id).seller_id
        if seller_id is None and body.product_id and body.product_id in state.products:
            seller_id = state.products[body.product_id].seller_id
        seller = _seller(state, seller_id)
        inquiry = state.add_inquiry(
            seller.seller_id, body.product_id, body.order_line_id, title=body.title, content=body.content
        )
        return ORJSONResponse({"inquiry_id": inquiry.inquiry_id, "seller_id": seller.seller_id}, status_code=201)

    @router.get("/inquiries")
    async def list_inquiries(request: Request, seller_id: str | None = None) -> ORJSONResponse:
        return ORJSONResponse(
            [
                {"inquiry_id": i.inquiry_id, "seller_id": i.seller_id, "answer": i.answer}
                for i in _state(request).inquiries.values()
                if seller_id in (None, i.seller_id)
            ]
        )

    @router.get("/inquiries/{inquiry_id}")
    async def get_inquiry(inquiry_id: str, request: Request) -> ORJSONResponse:
        inquiry = _state(request).inquiries.get(inquiry_id)
        if inquiry is None:
            raise AdminError(404, f"inquiry {inquiry_id} not found")
        return ORJSONResponse(
            {
                "inquiry_id": inquiry.inquiry_id,
                "seller_id": inquiry.seller_id,
                "content": inquiry.content,
                "answer": inquiry.answer,
            }
        )

    @router.get("/order-lines/{line_id}")
    async def get_line(line_id: str, request: Request) -> ORJSONResponse:
        return ORJSONResponse(line_view(_line(_state(request), line_id)))

    @router.post("/order-lines/{line_id}/deliver")
    async def deliver(line_id: str, request: Request) -> ORJSONResponse:
        state = _state(request)
        line = _line(state, line_id)
        state.deliver(line)
        return ORJSONResponse(line_view(line))

    @router.get("/dispatches")
    async def dispatches(request: Request, seller_id: str | None = None) -> ORJSONResponse:
        state = _state(request)
        rows = [
            {
                "order_line_id": d.line_id,
                "courier_code": d.courier_code,
                "tracking_number": d.tracking_number,
                "seller_id": d.seller_id,
                "at": fmt_kst(d.at_ms),
            }
            for d in state.dispatches
            if seller_id in (None, d.seller_id)
        ]
        refused = [r for r in state.refused if seller_id is None or state.lines[r["line_id"]].seller_id == seller_id]
        line_ids = (row["order_line_id"] for row in rows)
        return ORJSONResponse(dispatch_ledger(rows, line_ids, len(refused), refused=refused))

    return router


def _calls(state: HomeShoppingState, recent: int, seller_id: str | None) -> dict[str, Any]:
    snapshot = state.calls.snapshot(recent)
    snapshot["peak_per_second_by_seller"] = dict(state.peaks)
    if seller_id is not None:
        snapshot["seller_peak_per_second"] = state.peaks.get(seller_id, 0)
    return snapshot


def _clear_calls(state: HomeShoppingState) -> None:
    state.calls.reset()
    state.peaks.clear()


def _state(request: Request) -> HomeShoppingState:
    state: HomeShoppingState = request.app.state.homeshopping
    return state


def create_admin_app(
    state: HomeShoppingState, make_credentials: CredentialMaker, extra: APIRouter | None = None
) -> FastAPI:
    instrumentation = instrumentation_router(
        _state,
        calls_view=_calls,
        clear_calls=_clear_calls,
        fault_model=FaultIn,
        fault_by_id=False,
        rate_limit_model=RateLimitIn,
    )
    routers = [build_router(make_credentials), instrumentation] + ([extra] if extra is not None else [])
    app = admin_app(
        f"{state.rules.name} sandbox admin",
        "homeshopping",
        state,
        *routers,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )

    @app.exception_handler(Refusal)
    async def refusal(request: Request, exc: Refusal) -> Response:
        return ORJSONResponse({"code": exc.code, "message": exc.message}, status_code=409)

    return app

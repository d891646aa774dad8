"""Claim actions under /v1/pay-order/seller/product-orders/{productOrderId}/claim/..."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import APIRouter, Request
from marketbridge.sandbox.core.responses import ORJSONResponse
from marketbridge.sandbox.naver import claimflow, orderflow
from marketbridge.sandbox.naver.routes.common import bulk_envelope, json_body, naver_state, seller_store

router = APIRouter(prefix="/v1/pay-order/seller/product-orders/{product_order_id}/claim")


@router.post("/cancel/request")
async def seller_cancel(product_order_id: str, request: Request) -> ORJSONResponse:
    body = await json_body(request)
    state, store = naver_state(request), seller_store(request)
    with state.lock:
        ok, failed = orderflow.seller_cancel(state, store, product_order_id, body, state.now_ms())
    return bulk_envelope(request, ok, failed)


def _action_endpoint(action: str) -> Callable[[str, Request], Awaitable[ORJSONResponse]]:
    async def endpoint(product_order_id: str, request: Request) -> ORJSONResponse:
        body = await json_body(request)
        state, store = naver_state(request), seller_store(request)
        with state.lock:
            ok, failed = claimflow.decide(state, store, product_order_id, action, body, state.now_ms())
        return bulk_envelope(request, ok, failed)

    endpoint.__name__ = "claim_" + action.replace("/", "_")
    return endpoint


for _action in claimflow.ACTIONS:
    router.add_api_route(f"/{_action}", _action_endpoint(_action), methods=["POST"])

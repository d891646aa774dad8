"""Goods (`/item/v1`): register, modify, read, delete, sell-status (price / stock / on-off), search, categories,
and the courier list (`/shipping/delivery-company`).

Bodies follow the documented camelCase outline (`itemBasicInfo`, `itemAddtionalInfo` (sic) with `price{Gmkt, Iac}`,
`stock{Gmkt, Iac}`, images, descriptions); the option block (`recommendedOpts.combination`) and the search answer
shape are (modelled). Failures answer `{resultCode != 0, message}` with HTTP 200.
"""

from __future__ import annotations

import copy
from typing import Any

from fastapi import APIRouter, Request
from marketbridge.sandbox.core.responses import ORJSONResponse
from marketbridge.sandbox.esm import categories, couriers
from marketbridge.sandbox.esm.common import GoodsError, body, ctx, esm_state
from marketbridge.sandbox.esm.gateway import status_body
from marketbridge.sandbox.esm.models import Goods
from marketbridge.sandbox.esm.state import EsmState

router = APIRouter(prefix="/item/v1")
KEYS = {"G": "gmkt", "A": "iac"}
PRICE_KEYS = {"G": "Gmkt", "A": "Iac"}


def _sites(item: dict[str, Any]) -> dict[str, str]:
    sites: dict[str, str] = {}
    for entry in ((item.get("itemBasicInfo") or {}).get("category") or {}).get("site") or ():
        site = {1: "A", 2: "G"}.get(int(entry.get("siteType") or 0))
        if site is None:
            raise GoodsError(2000, "category.site.siteType은 1(옥션) 또는 2(G마켓)이어야 합니다.")
        if str(entry.get("catCode")) not in categories.leaves(site):
            raise GoodsError(2000, f"category.site.catCode: {entry.get('catCode')}는 최하위 카테고리가 아닙니다.")
        sites[site] = str(entry["catCode"])
    if not sites:
        raise GoodsError(2000, "category.site: 판매할 사이트를 한 곳 이상 지정해야 합니다.")
    return sites


def validate(item: dict[str, Any]) -> tuple[str, dict[str, str], dict[str, int], dict[str, int]]:
    basic, extra = item.get("itemBasicInfo") or {}, item.get("itemAddtionalInfo") or {}
    name = str((basic.get("goodsName") or {}).get("kor") or "").strip()
    if not name or len(name) > 100:
        raise GoodsError(2000, "goodsName.kor: 상품명은 1~100자여야 합니다.")
    sites = _sites(item)
    price, stock = {}, {}
    for site in sites:
        price[site] = int((extra.get("price") or {}).get(PRICE_KEYS[site]) or 0)
        stock[site] = int((extra.get("stock") or {}).get(PRICE_KEYS[site]) or 0)
        if not 10 <= price[site] <= 1_000_000_000:
            raise GoodsError(2000, "price: 판매가는 10원 이상 10억원 이하여야 합니다.")
        if stock[site] < 1:
            raise GoodsError(2000, "stock: 재고는 1개 이상이어야 합니다.")
    if not (extra.get("images") or {}).get("basicImgURL"):
        raise GoodsError(2000, "images.basicImgURL: 대표 이미지는 필수입니다.")
    return name, sites, price, stock


def _detail(goods: Goods) -> dict[str, Any]:
    return {KEYS[s]: {"SiteGoodsNo": no, "SiteGoodsComment": "성공"} for s, no in goods.site_goods_no.items()}


def _summary(goods: Goods) -> dict[str, Any]:
    return {
        "goodsNo": goods.goods_no,
        "goodsName": goods.name,
        "siteGoodsNo": {KEYS[s]: n for s, n in goods.site_goods_no.items()},
        "sellStatus": {KEYS[s]: 11 if on else 21 for s, on in goods.is_sell.items()},
        "price": {KEYS[s]: p for s, p in goods.price.items()},
        "stock": {KEYS[s]: q for s, q in goods.stock.items()},
        "managedCode": goods.seller_code,
        "category": {KEYS[s]: c for s, c in goods.category.items()},
    }


def find(state: EsmState, request: Request, goods_no: str) -> Goods:
    goods = state.goods.get(int(goods_no)) if goods_no.isdigit() else None
    if goods is None or goods.master_id != ctx(request).master.master_id:
        raise GoodsError(1000, f"상품번호 {goods_no}를 찾을 수 없습니다.")
    return goods


def create_goods(state: EsmState, master_id: str, item: dict[str, Any]) -> Goods:
    name, sites, price, stock = validate(item)
    now = state.now_ms()
    goods = Goods(
        state.next_goods_no(),
        master_id,
        copy.deepcopy(item),
        {s: state.next_site_goods_no(s) for s in sites},
        name,
        price,
        stock,
        dict.fromkeys(sites, True),
        (item.get("itemAddtionalInfo") or {}).get("managedCode"),
        sites,
        now,
        now,
    )
    state.goods[goods.goods_no] = goods
    for no in goods.site_goods_no.values():
        state.site_goods[no] = goods.goods_no
    return goods


@router.post("/goods")
async def register(request: Request) -> ORJSONResponse:
    state, item = esm_state(request), await body(request)
    with state.lock:
        goods = create_goods(state, ctx(request).master.master_id, item)
    return ORJSONResponse({"siteDetail": _detail(goods), "goodsNo": goods.goods_no, "resultCode": 0, "message": None})


@router.put("/goods/{goods_no}")
async def modify(goods_no: str, request: Request) -> ORJSONResponse:
    state, item = esm_state(request), await body(request)
    with state.lock:
        goods = find(state, request, goods_no)
        name, sites, price, stock = validate(item)
        for site in sites:
            if site not in goods.site_goods_no:
                goods.site_goods_no[site] = state.next_site_goods_no(site)
                state.site_goods[goods.site_goods_no[site]] = goods.goods_no
                goods.is_sell[site] = True
        goods.body, goods.name, goods.price, goods.stock, goods.category = (
            copy.deepcopy(item),
            name,
            price,
            stock,
            sites,
        )
        goods.seller_code = (item.get("itemAddtionalInfo") or {}).get("managedCode")
        goods.updated_ms, goods.writes = state.now_ms(), goods.writes + 1
    return ORJSONResponse({"siteDetail": _detail(goods), "goodsNo": goods.goods_no, "resultCode": 0, "message": None})


@router.get("/goods/{goods_no}")
async def read(goods_no: str, request: Request) -> ORJSONResponse:
    state = esm_state(request)
    goods = find(state, request, goods_no)
    return ORJSONResponse(
        {**copy.deepcopy(goods.body), **_summary(goods), "siteDetail": _detail(goods), "resultCode": 0, "message": None}
    )


@router.delete("/goods/{goods_no}")
async def delete(goods_no: str, request: Request) -> ORJSONResponse:
    state = esm_state(request)
    with state.lock:
        goods = find(state, request, goods_no)
        if any(goods.is_sell.values()):
            raise GoodsError(8668, "판매중지 후 삭제할 수 있습니다.")
        del state.goods[goods.goods_no]
    return ORJSONResponse({"resultCode": 0, "message": None})


@router.put("/goods/{goods_no}/sell-status")
async def sell_status(goods_no: str, request: Request) -> ORJSONResponse:
    state, data = esm_state(request), await body(request)
    with state.lock:
        goods = find(state, request, goods_no)
        basic = data.get("itemBasicInfo") or {}
        for site, key in KEYS.items():
            if site not in goods.site_goods_no:
                continue
            on = (data.get("isSell") or {}).get(key)
            price = (basic.get("price") or {}).get(key)
            stock = (basic.get("stock") or {}).get(key)
            if price is not None and not 10 <= int(price) <= 1_000_000_000:
                raise GoodsError(2000, "price: 판매가는 10원 이상 10억원 이하여야 합니다.")
            if stock is not None and int(stock) < 0:
                raise GoodsError(2000, "stock: 재고는 0 이상이어야 합니다.")
            if on is not None:
                goods.is_sell[site] = bool(on)
            if price is not None:
                goods.price[site] = int(price)
            if stock is not None:
                goods.stock[site] = int(stock)
        goods.updated_ms, goods.writes = state.now_ms(), goods.writes + 1
    return ORJSONResponse({"resultCode": 0, "message": None, "goodsNo": goods.goods_no})


@router.post("/goods/search")
async def search(request: Request) -> ORJSONResponse:
    state, data = esm_state(request), await body(request)
    master = ctx(request).master.master_id
    with state.lock:
        if not state.search_allowed(master):
            return status_body(429, "goods/search: 분당 호출 허용량을 초과했습니다.")
        size = max(1, min(int(data.get("pageSize") or 100), 100))
        page = max(1, int(data.get("pageIndex") or 1))
        sites = {s for s, k in KEYS.items() if k in ((data.get("query") or {}).get("siteId") or list(KEYS.values()))}
        rows = [
            g
            for g in sorted(state.goods.values(), key=lambda g: g.goods_no)
            if g.master_id == master and sites & set(g.site_goods_no)
        ]
        page_rows = [_summary(g) for g in rows[(page - 1) * size : page * size]]
    return ORJSONResponse({"resultCode": 0, "message": None, "data": {"totalCount": len(rows), "goods": page_rows}})


@router.get("/site-goods/{site_goods_no}/goods-no")
async def goods_no_of(site_goods_no: str, request: Request) -> ORJSONResponse:
    state = esm_state(request)
    number = state.site_goods.get(site_goods_no)
    goods = state.goods.get(number) if number is not None else None
    if goods is None or goods.master_id != ctx(request).master.master_id:
        raise GoodsError(1000, f"사이트 상품번호 {site_goods_no}를 찾을 수 없습니다.")
    return ORJSONResponse({"goodsNo": goods.goods_no, "resultCode": 0, "message": None})


@router.get("/categories/site-cats/{code}")
async def site_categories(code: str, request: Request, siteType: int = 2) -> ORJSONResponse:
    site = {1: "A", 2: "G"}.get(siteType)
    node = categories.tree(site, code) if site else None
    if node is None:
        raise GoodsError(1000, f"카테고리 {code}를 찾을 수 없습니다.")
    return ORJSONResponse(node)


@router.get("/shipping/delivery-company")
async def delivery_companies() -> ORJSONResponse:
    return ORJSONResponse(couriers.listing())

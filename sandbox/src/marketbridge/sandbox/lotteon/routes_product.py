"""Products (`/v1/openapi/product/v1`): registration, modification, detail, product / item sale status, item
stock and price. The field set of the bodies is (modelled) on the names the clients show (`spdNo`, `sitmNo`,
`epdNo`, `eitmNo`, `slPrc`, `stkQty`, `slStatCd`); answers are per-item `{resultCode, resultMessage}`.

롯데ON is a 종합몰: every item (option) of a product sells at one price (OPT-1) — the emulator refuses
products whose items have different prices (`3003`, modelled)."""

from __future__ import annotations

import copy
from typing import Any

from fastapi import APIRouter, Request
from marketbridge.sandbox.core.responses import ORJSONResponse
from marketbridge.sandbox.lotteon.common import OK, OK_MESSAGE, LotteOnError, body, lo_state, ok, seller
from marketbridge.sandbox.lotteon.models import Item, Product
from marketbridge.sandbox.lotteon.state import LotteOnState

router = APIRouter(prefix="/v1/openapi/product/v1")
STATUSES = ("SALE", "SOUT", "END")


class Refused(Exception):
    def __init__(self, code: str, message: str) -> None:
        self.code, self.message = code, message
        super().__init__(message)


def _result(keys: dict[str, Any], code: str = OK, message: str = OK_MESSAGE) -> dict[str, Any]:
    return {**keys, "resultCode": code, "resultMessage": message}


def _entries(data: dict[str, Any], name: str) -> list[dict[str, Any]]:
    entries = data.get(name)
    if not isinstance(entries, list) or not entries or not all(isinstance(e, dict) for e in entries):
        raise LotteOnError("1001", f"{name}: 필수 입력 항목입니다.")
    return entries


def validate(spec: dict[str, Any], tr_no: str) -> list[dict[str, Any]]:
    if str(spec.get("trNo") or "") != tr_no:
        raise Refused("1003", "trNo가 인증키의 거래처와 다릅니다.")
    name = str(spec.get("spdNm") or "").strip()
    if not name or len(name) > 150:
        raise Refused("3001", "spdNm: 상품명은 1~150자여야 합니다.")
    if not spec.get("scatNo"):
        raise Refused("3001", "scatNo: 표준카테고리는 필수입니다.")
    if not spec.get("imgLst"):
        raise Refused("3001", "imgLst: 대표 이미지는 필수입니다.")
    items = spec.get("itmLst")
    if not isinstance(items, list) or not items:
        raise Refused("3001", "itmLst: 단품 정보는 필수입니다.")
    prices = {int(i.get("slPrc") or 0) for i in items}
    if min(prices) < 10:
        raise Refused("3002", "slPrc: 판매가는 10원 이상이어야 합니다.")
    if len(prices) > 1:
        raise Refused("3003", "종합몰은 옵션(단품)별 판매가를 다르게 설정할 수 없습니다.")
    return items


def _items(spd_no: str, items: list[dict[str, Any]]) -> list[Item]:
    return [
        Item(
            f"{spd_no}_{n + 1}",
            i.get("eitmNo"),
            " / ".join(str(o.get("optVal")) for o in i.get("itmOptLst") or ()) or "단품",
            list(i.get("itmOptLst") or []),
            int(i["slPrc"]),
            int(i.get("stkQty") or 0),
        )
        for n, i in enumerate(items)
    ]


def find(state: LotteOnState, tr_no: str, spd_no: Any) -> Product:
    product = state.products.get(str(spd_no or ""))
    if product is None or product.tr_no != tr_no:
        raise Refused("2001", f"상품 {spd_no}을(를) 찾을 수 없습니다.")
    return product


def register_one(state: LotteOnState, tr_no: str, spec: dict[str, Any]) -> Product:
    items = validate(spec, tr_no)
    spd_no = state.next_spd_no()
    product = Product(
        spd_no,
        tr_no,
        spec.get("epdNo"),
        str(spec["spdNm"]),
        copy.deepcopy(spec),
        _items(spd_no, items),
        "SALE",
        state.now_ms(),
    )
    state.products[spd_no] = product
    return product


@router.post("/product/registration/request")
async def register(request: Request) -> ORJSONResponse:
    data, state, me = await body(request), lo_state(request), seller(request)
    results = []
    with state.lock:
        for spec in _entries(data, "spdLst"):
            try:
                product = register_one(state, me.tr_no, spec)
                results.append(_result({"epdNo": spec.get("epdNo"), "spdNo": product.spd_no}))
            except Refused as error:
                results.append(_result({"epdNo": spec.get("epdNo"), "spdNo": None}, error.code, error.message))
    return ok(results)


@router.post("/product/modification/request")
async def modify(request: Request) -> ORJSONResponse:
    data, state, me = await body(request), lo_state(request), seller(request)
    results = []
    with state.lock:
        for spec in _entries(data, "spdLst"):
            try:
                product = find(state, me.tr_no, spec.get("spdNo"))
                items = validate(spec, me.tr_no)
                product.body, product.name, product.epd_no = copy.deepcopy(spec), str(spec["spdNm"]), spec.get("epdNo")
                product.items, product.writes = _items(product.spd_no, items), product.writes + 1
                results.append(_result({"epdNo": spec.get("epdNo"), "spdNo": product.spd_no}))
            except Refused as error:
                results.append(
                    _result({"epdNo": spec.get("epdNo"), "spdNo": spec.get("spdNo")}, error.code, error.message)
                )
    return ok(results)


def item_view(i: Item) -> dict[str, Any]:
    return {
        "sitmNo": i.sitm_no,
        "eitmNo": i.eitm_no,
        "sitmNm": i.name,
        "itmOptLst": i.options,
        "slPrc": i.price,
        "stkQty": i.stock,
        "slStatCd": i.status,
    }


@router.post("/product/detail")
async def detail(request: Request) -> ORJSONResponse:
    data, state, me = await body(request), lo_state(request), seller(request)
    try:
        product = find(state, me.tr_no, data.get("spdNo"))
    except Refused as error:
        raise LotteOnError(error.code, error.message) from None
    return ok(
        {
            **copy.deepcopy(product.body),
            "spdNo": product.spd_no,
            "slStatCd": product.status,
            "itmLst": [item_view(i) for i in product.items],
        }
    )


@router.post("/product/status/change")
async def product_status(request: Request) -> ORJSONResponse:
    data, state, me = await body(request), lo_state(request), seller(request)
    results = []
    with state.lock:
        for entry in _entries(data, "spdLst"):
            try:
                product = find(state, me.tr_no, entry.get("spdNo"))
                status = str(entry.get("slStatCd") or "")
                if status not in STATUSES:
                    raise Refused("1001", "slStatCd는 SALE, SOUT, END 중 하나여야 합니다.")
                if product.status == "END":
                    raise Refused("3004", "판매종료된 상품은 상태를 바꿀 수 없습니다.")
                product.status = status
                results.append(_result({"spdNo": product.spd_no}))
            except Refused as error:
                results.append(_result({"spdNo": entry.get("spdNo")}, error.code, error.message))
    return ok(results)


def _item(product: Product, sitm_no: Any) -> Item:
    found = next((i for i in product.items if i.sitm_no == str(sitm_no)), None)
    if found is None:
        raise Refused("2001", f"단품 {sitm_no}을(를) 찾을 수 없습니다.")
    return found


async def _item_change(request: Request, list_name: str, field: str) -> ORJSONResponse:
    data, state, me = await body(request), lo_state(request), seller(request)
    results: list[dict[str, Any]] = []
    with state.lock:
        touched: dict[str, tuple[Product, list[tuple[Item, int, int]]]] = {}
        for entry in _entries(data, list_name):
            try:
                product = find(state, me.tr_no, entry.get("spdNo"))
                item = _item(product, entry.get("sitmNo"))
                value = entry.get(field)
                if field == "slStatCd" and value not in STATUSES:
                    raise Refused("1001", "slStatCd는 SALE, SOUT, END 중 하나여야 합니다.")
                if field != "slStatCd" and (not isinstance(value, int) or value < (10 if field == "slPrc" else 0)):
                    raise Refused("1001", f"{field} 값을 확인해 주세요.")
                touched.setdefault(product.spd_no, (product, []))[1].append((item, len(results), item.price))
                setattr(item, {"slPrc": "price", "stkQty": "stock", "slStatCd": "status"}[field], value)
                results.append(_result({"spdNo": product.spd_no, "sitmNo": item.sitm_no}))
            except Refused as error:
                results.append(
                    _result({"spdNo": entry.get("spdNo"), "sitmNo": entry.get("sitmNo")}, error.code, error.message)
                )
        if field == "slPrc":
            for product, changed in touched.values():
                if len({i.price for i in product.items}) > 1:
                    for item, index, old_price in changed:
                        item.price = old_price
                        results[index] = _result(
                            {"spdNo": product.spd_no, "sitmNo": results[index]["sitmNo"]},
                            "3003",
                            "종합몰은 옵션(단품)별 판매가를 다르게 설정할 수 없습니다.",
                        )
    return ok(results)


@router.post("/item/status/change")
async def item_status(request: Request) -> ORJSONResponse:
    return await _item_change(request, "itmLst", "slStatCd")


@router.post("/item/stock/change")
async def item_stock(request: Request) -> ORJSONResponse:
    return await _item_change(request, "itmStkLst", "stkQty")


@router.post("/item/price/change")
async def item_price(request: Request) -> ORJSONResponse:
    return await _item_change(request, "itmPrcLst", "slPrc")

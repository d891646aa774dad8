"""Products of the 롯데ON adapter: registration, modification, item price / stock, end sale.

롯데ON is a 종합몰: no per-option prices (OPT-1) and no add-on products (ADD-3) — a listing whose options carry
different prices is refused with UnsupportedOperation before anything is sent. The body's field set is
(modelled) on the names clients show (`spdLst`, `itmLst`, `slPrc`, `stkQty`, `scatNo`, `dcatLst`, `epdNo`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from marketbridge.connectors.errors import PermanentMarketplaceError, UnsupportedOperation
from marketbridge.connectors.lotteon.http import MARKETPLACE, OK, LotteOnHttp
from marketbridge.connectors.ports import Listing, OptionStock, PriceStockUpdate, PublishResult

PRODUCT = "/product/v1"
OPTION_PRICE_REASON = (
    "롯데ON은 종합몰로 옵션별 추가금액을 지원하지 않습니다. 옵션 가격이 다른 상품은 "
    "단품으로 나누어 등록해 주세요. (OPT-1)"
)


def deep_merge(base: dict[str, Any], extra: Mapping[str, Any]) -> dict[str, Any]:
    for key, value in extra.items():
        if isinstance(base.get(key), dict) and isinstance(value, Mapping):
            deep_merge(base[key], value)
        else:
            base[key] = value
    return base


def refuse_option_prices(operation: str, deltas: list[int | None]) -> None:
    if any(d for d in deltas):
        raise UnsupportedOperation(MARKETPLACE, operation, OPTION_PRICE_REASON)


def product_spec(listing: Listing, tr_no: str, lrtr_no: str | None) -> dict[str, Any]:
    refuse_option_prices("publish_listing", [o.price_delta for o in listing.options])
    items = [
        {
            "eitmNo": o.seller_option_code,
            "itmOptLst": [
                {"optNm": n, "optVal": v} for n, v in zip(listing.option_group_names, o.values, strict=False)
            ],
            "slPrc": listing.sale_price,
            "stkQty": o.stock_quantity,
            "slStatCd": "SALE" if o.usable else "SOUT",
        }
        for o in listing.options
    ] or [
        {
            "eitmNo": listing.seller_product_code,
            "itmOptLst": [],
            "slPrc": listing.sale_price,
            "stkQty": listing.stock_quantity,
            "slStatCd": "SALE",
        }
    ]
    spec: dict[str, Any] = {
        "trGrpCd": "SR",
        "trNo": tr_no,
        "scatNo": listing.category_id,
        "dcatLst": [{"mallCd": "LTON", "lfDcatNo": listing.category_id}],
        "epdNo": listing.seller_product_code,
        "spdNm": listing.name,
        "brdNm": listing.brand,
        "mfcrNm": listing.manufacturer or "기타",
        "oplcCd": listing.origin_area,
        "dtlCnts": listing.description_html or listing.name,
        "imgLst": [{"imgUrl": url, "rprtImgYn": "Y" if n == 0 else "N"} for n, url in enumerate(listing.image_urls)],
        "dvCstPolNo": None,
        "dvCst": listing.shipping.base_fee,
        "rtngDvCst": listing.shipping.return_fee,
        "xchgDvCst": listing.shipping.exchange_fee,
        "asTelNo": listing.after_service_phone,
        "asCnts": listing.after_service_guide,
        "itmLst": items,
    }
    if lrtr_no:
        spec["lrtrNo"] = lrtr_no
    return deep_merge(spec, listing.attributes) if listing.attributes else spec


def first_result(data: Any, operation: str) -> dict[str, Any]:
    rows = [r for r in data or () if isinstance(r, dict)]
    if not rows:
        raise PermanentMarketplaceError(MARKETPLACE, "NO_RESULT", "처리 결과가 없습니다.", operation=operation)
    failed = next((r for r in rows if str(r.get("resultCode")) != OK), None)
    if failed is not None:
        raise PermanentMarketplaceError(
            MARKETPLACE, str(failed.get("resultCode")), str(failed.get("resultMessage") or ""), operation=operation
        )
    return rows[0]


async def publish(http: LotteOnHttp, listing: Listing, tr_no: str, lrtr_no: str | None) -> PublishResult:
    body = {"spdLst": [product_spec(listing, tr_no, lrtr_no)]}
    row = first_result(
        await http.post(f"{PRODUCT}/product/registration/request", "publish_listing", body, idempotent=False),
        "publish_listing",
    )
    return PublishResult(market_product_id=str(row["spdNo"]))


async def update(http: LotteOnHttp, spd_no: str, listing: Listing, tr_no: str, lrtr_no: str | None) -> PublishResult:
    body = {"spdLst": [{**product_spec(listing, tr_no, lrtr_no), "spdNo": spd_no}]}
    row = first_result(
        await http.post(f"{PRODUCT}/product/modification/request", "update_listing", body, idempotent=True),
        "update_listing",
    )
    return PublishResult(market_product_id=str(row.get("spdNo") or spd_no))


def _match(item: dict[str, Any], wanted: OptionStock) -> bool:
    if wanted.market_option_id is not None:
        return bool(item.get("sitmNo") == wanted.market_option_id)
    if wanted.seller_option_code is not None:
        return bool(item.get("eitmNo") == wanted.seller_option_code)
    values = tuple(str(o.get("optVal")) for o in item.get("itmOptLst") or ())
    return bool(wanted.values) and values == wanted.values


async def update_price_stock(http: LotteOnHttp, update: PriceStockUpdate, tr_no: str) -> None:
    refuse_option_prices("update_price_stock", [o.price_delta for o in update.options])
    spd_no = update.market_product_id
    detail = await http.post(
        f"{PRODUCT}/product/detail",
        "update_price_stock",
        {"trGrpCd": "SR", "trNo": tr_no, "spdNo": spd_no},
        idempotent=True,
    )
    items: list[dict[str, Any]] = list((detail or {}).get("itmLst") or ())
    base = {"trGrpCd": "SR", "trNo": tr_no, "spdNo": spd_no}
    if update.sale_price is not None:  # one price for every item (no option prices)
        body = {"itmPrcLst": [{**base, "sitmNo": i["sitmNo"], "slPrc": update.sale_price} for i in items]}
        first_result(
            await http.post(f"{PRODUCT}/item/price/change", "update_price_stock", body, idempotent=True),
            "update_price_stock",
        )
    stocks: list[dict[str, Any]] = []
    for wanted in update.options:
        hits = [i for i in items if _match(i, wanted)]
        if not hits:
            raise PermanentMarketplaceError(
                MARKETPLACE,
                "OPTION_NOT_FOUND",
                f"롯데ON 상품에서 단품을 찾을 수 없습니다: {wanted.values or wanted.seller_option_code}",
                operation="update_price_stock",
            )
        stocks += [{**base, "sitmNo": i["sitmNo"], "stkQty": wanted.stock_quantity} for i in hits]
    if update.stock_quantity is not None and not update.options:
        if len(items) != 1:
            raise PermanentMarketplaceError(
                MARKETPLACE,
                "OPTION_STOCK_REQUIRED",
                "단품이 여러 개인 상품은 단품별 재고를 지정해야 합니다.",
                operation="update_price_stock",
            )
        stocks.append({**base, "sitmNo": items[0]["sitmNo"], "stkQty": update.stock_quantity})
    if stocks:
        first_result(
            await http.post(
                f"{PRODUCT}/item/stock/change", "update_price_stock", {"itmStkLst": stocks}, idempotent=True
            ),
            "update_price_stock",
        )


async def end_sale(http: LotteOnHttp, spd_no: str, tr_no: str) -> None:
    body = {"spdLst": [{"trGrpCd": "SR", "trNo": tr_no, "spdNo": spd_no, "slStatCd": "END"}]}
    first_result(await http.post(f"{PRODUCT}/product/status/change", "end_sale", body, idempotent=True), "end_sale")

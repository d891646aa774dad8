"""Listings -> 11번가 `<Product>` XML; product, stock-row and category XML -> neutral types.

Option rows follow the 11번가 combination form (`colTitle` + `ProductOption` rows with `colValue0..`,
`colOptPrice`, `colCount`, `colSellerStockCd`). 11번가 refuses 100 or more options (OPT-7); the adapter
leaves that rule to the marketplace and maps its refusal (`ClientMessage`) to PermanentMarketplaceError.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from typing import Any

from marketbridge.connectors.ports import Category, ImportedListing, Listing, ListingStatus, OptionStock

FEE_BASIS = {"free": "01", "paid": "02", "conditional_free": "03"}  # dlvCstInstBasiCd
LISTING_STATUS = {
    "103": ListingStatus.ON_SALE,
    "104": ListingStatus.OUT_OF_STOCK,
    "105": ListingStatus.SUSPENDED,
    "106": ListingStatus.ENDED,
    "101": ListingStatus.PENDING,
}


def _add(parent: ET.Element, name: str, value: object) -> ET.Element:
    node = ET.SubElement(parent, name)
    node.text = "" if value is None else str(value)
    return node


def product_xml(listing: Listing) -> ET.Element:
    root = ET.Element("Product")
    shipping = listing.shipping
    values: list[tuple[str, object]] = [
        ("selMthdCd", "01"),
        ("dispCtgrNo", listing.category_id),
        ("prdTypCd", "01"),
        ("prdNm", listing.name),
        ("brand", listing.brand or ""),
        ("orgnTypCd", "01" if listing.origin_area == "국산" else "03"),
        ("orgnNmVal", listing.origin_area),
        ("sellerPrdCd", listing.seller_product_code),
        ("prdStatCd", "01"),
        ("minorSelCnYn", "Y"),
    ]
    values += [(f"prdImage{i + 1:02d}", url) for i, url in enumerate(listing.image_urls[:4])]
    stock = sum(o.stock_quantity for o in listing.options) if listing.options else listing.stock_quantity
    values += [
        ("htmlDetail", listing.description_html or listing.name),
        ("selPrc", listing.sale_price),
        ("prdSelQty", stock),
        ("dlvCnAreaCd", "01"),
        ("dlvWyCd", "01"),
        ("dlvCstInstBasiCd", FEE_BASIS.get(shipping.fee_type, "01")),
        ("dlvCst1", shipping.base_fee),
        ("PrdFrDlvBasiAmt", shipping.free_if_over or 0),
        ("rtngdDlvCst", shipping.return_fee),
        ("exchDlvCst", shipping.exchange_fee),
        ("asDetail", listing.after_service_guide or listing.after_service_phone),
    ]
    for name, value in values:
        _add(root, name, value)
    if listing.options:
        _add(root, "optSelectYn", "Y")
        _add(root, "txtColCnt", len(listing.option_group_names) or 1)
        _add(root, "colTitle", ",".join(listing.option_group_names) or "옵션")
        for option in listing.options:
            row = ET.SubElement(root, "ProductOption")
            _add(row, "colOptPrice", option.price_delta)
            for i, value in enumerate(option.values):
                _add(row, f"colValue{i}", value)
            _add(row, "colCount", option.stock_quantity if option.usable else 0)
            if option.seller_option_code:
                _add(row, "colSellerStockCd", option.seller_option_code)
    _merge(root, listing.attributes)
    return root


def _merge(root: ET.Element, attributes: Mapping[str, Any]) -> None:
    """Marketplace-specific fields: element name -> text (replacing an element of that name)."""
    for name, value in attributes.items():
        node = root.find(name)
        if node is None:
            node = ET.SubElement(root, name)
        node.text = str(value)


def parse_categories(rows: Iterable[dict[str, str]]) -> list[Category]:
    rows = list(rows)
    names = {r.get("dispNo", ""): r.get("dispNm", "") for r in rows}
    parents = {r.get("dispNo", ""): r.get("parentDispNo", "") for r in rows}
    out: list[Category] = []
    for row in rows:
        number, path = row.get("dispNo", ""), [row.get("dispNm", "")]
        parent = parents.get(number)
        while parent and parent != "0" and parent in names and len(path) < 10:
            path.insert(0, names[parent])
            parent = parents.get(parent)
        out.append(
            Category(
                id=number,
                name=row.get("dispNm", ""),
                full_name=">".join(path),
                parent_id=(row.get("parentDispNo") or None) if row.get("parentDispNo") != "0" else None,
                is_leaf=row.get("leafYn") == "Y",
            )
        )
    return out


def parse_product(row: dict[str, str]) -> ImportedListing:
    raw_status = row.get("selStatCd", "")
    return ImportedListing(
        market_product_id=row.get("prdNo", ""),
        channel_product_id=None,
        name=row.get("prdNm", ""),
        seller_product_code=row.get("sellerPrdCd") or None,
        sale_price=int(row.get("selPrc") or 0),
        stock_quantity=int(row.get("prdSelQty") or 0),
        status=LISTING_STATUS.get(raw_status, ListingStatus.OTHER),
        raw_status=raw_status,
        category_id=row.get("dispCtgrNo") or None,
        category_path=None,
        raw=row,
    )


def match_stock_row(rows: list[dict[str, str]], option: OptionStock) -> dict[str, str] | None:
    for row in rows:
        if option.market_option_id and row.get("prdStckNo") == option.market_option_id:
            return row
        if option.seller_option_code and row.get("sellerStockCd") == option.seller_option_code:
            return row
        if option.values:
            values = [part.split(":", 1)[-1] for part in row.get("mixDtlOptNm", "").split(",")]
            if values == list(option.values):
                return row
    return None


def stock_body(prd_no: str, stck_no: str, qty: int) -> ET.Element:
    root = ET.Element("ProductStock")
    _add(root, "prdNo", prd_no)
    _add(root, "prdStckNo", stck_no)
    _add(root, "stckQty", qty)
    return root


def search_body(start: int, limit: int) -> ET.Element:
    """Multi-product search body (element names modelled)."""
    root = ET.Element("SearchProduct")
    _add(root, "start", start)
    _add(root, "limit", limit)
    return root

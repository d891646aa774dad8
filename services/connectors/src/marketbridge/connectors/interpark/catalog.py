"""Listings -> the product XML 인터파크 pulls from `dataUrl` (field names after the integrations seen;
the document layout is modelled), and category rows -> neutral categories."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from typing import Any

from marketbridge.connectors.ports import Category, Listing, OptionStock

SALE, SOLD_OUT, STOPPED = "01", "02", "03"  # saleStatTp (modelled)


def _add(parent: ET.Element, name: str, value: object) -> None:
    ET.SubElement(parent, name).text = "" if value is None else str(value)


def document(items: Iterable[tuple[str, object]], options: list[dict[str, Any]] | None = None) -> ET.Element:
    root = ET.Element("result")
    _add(root, "title", "Interpark Product API")
    item = ET.SubElement(root, "item")
    for name, value in items:
        _add(item, name, value)
    if options is not None:
        opt_list = ET.SubElement(item, "optList")
        for option in options:
            node = ET.SubElement(opt_list, "opt")
            for name, value in option.items():
                _add(node, name, value)
    return root


def product_document(listing: Listing, prd_no: str | None = None) -> ET.Element:
    stock = sum(o.stock_quantity for o in listing.options) if listing.options else listing.stock_quantity
    items: list[tuple[str, object]] = [("prdNo", prd_no)] if prd_no else []
    items += [
        ("prdStat", "01"),
        ("omDispNo", listing.category_id),
        ("prdNm", listing.name),
        ("hdelvMafcEntrNm", listing.manufacturer or listing.brand or ""),
        ("prdOriginTp", listing.origin_area),
        ("taxTp", "01"),
        ("ordAgeRstrYn", "N"),
        ("saleStatTp", SALE),
        ("saleUnitcost", listing.sale_price),
        ("saleLmtQty", stock),
        ("originPrdNo", listing.seller_product_code),
        ("brandNm", listing.brand or ""),
        ("zoomImg", listing.image_urls[0] if listing.image_urls else ""),
        ("prdBasisExplanEd", listing.description_html or listing.name),
        ("delvCost", listing.shipping.base_fee),
        ("asInfo", listing.after_service_guide or listing.after_service_phone),
    ]
    items += [(str(k), v) for k, v in listing.attributes.items()]
    options = None
    if listing.options:
        group = "/".join(listing.option_group_names) or "옵션"
        options = [
            {
                "optNm": group,
                "optVal": "/".join(o.values),
                "optAddPrice": o.price_delta,
                "optQty": o.stock_quantity if o.usable else 0,
                "optEntrCd": o.seller_option_code or "",
            }
            for o in listing.options
        ]
    return document(items, options)


def stock_document(
    prd_no: str, quantity: int | None, options: Iterable[OptionStock], status: str | None = None
) -> ET.Element:
    items: list[tuple[str, object]] = [("prdNo", prd_no)]
    if status is not None:
        items.append(("saleStatTp", status))
    if quantity is not None:
        items.append(("saleLmtQty", quantity))
    rows = [
        {"optVal": "/".join(o.values), "optEntrCd": o.seller_option_code or "", "optQty": o.stock_quantity}
        for o in options
    ]
    return document(items, rows or None)


def parse_categories(root: ET.Element) -> list[Category]:
    rows = [{c.tag: (c.text or "") for c in node} for node in root.iter("category")]
    names = {r.get("dispNo", ""): r.get("dispNm", "") for r in rows}
    parents = {r.get("dispNo", ""): r.get("parentDispNo", "") for r in rows}
    out = []
    for r in rows:
        number, path, parent = r.get("dispNo", ""), [r.get("dispNm", "")], r.get("parentDispNo", "")
        while parent and parent in names and len(path) < 10:
            path.insert(0, names[parent])
            parent = parents.get(parent, "")
        out.append(
            Category(
                id=number,
                name=r.get("dispNm", ""),
                full_name=">".join(path),
                parent_id=r.get("parentDispNo") or None,
                is_leaf=r.get("leafYn") == "Y",
            )
        )
    return out

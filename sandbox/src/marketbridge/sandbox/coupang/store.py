"""One vendor's data in the Coupang emulator: products, order sheets (shipment boxes), receipts,
exchanges, inquiries and the dispatch ledger, with sorted indexes for the time-window queries."""

from __future__ import annotations

import bisect
from collections.abc import Iterator

from marketbridge.sandbox.coupang.models import (
    Box,
    CallCenterInquiry,
    DispatchRecord,
    Exchange,
    OnlineInquiry,
    Product,
    Receipt,
    VendorItem,
)


class VendorStore:
    def __init__(self, vendor_id: str) -> None:
        self.vendor_id = vendor_id
        self.products: dict[int, Product] = {}
        self.vendor_items: dict[int, tuple[Product, VendorItem]] = {}
        self.boxes: dict[int, Box] = {}
        self.order_boxes: dict[int, list[int]] = {}
        self.box_index: list[tuple[int, int]] = []  # (orderedAt ms, shipmentBoxId), sorted
        self.receipts: dict[int, Receipt] = {}
        self.receipt_index: list[tuple[int, int]] = []
        self.exchanges: dict[int, Exchange] = {}
        self.online: dict[int, OnlineInquiry] = {}
        self.callcenter: dict[int, CallCenterInquiry] = {}
        self.dispatches: list[DispatchRecord] = []
        self.used_invoices: dict[tuple[str, str], int] = {}  # (company, number) -> shipmentBoxId

    # -- products -------------------------------------------------------------------------------
    def add_product(self, product: Product) -> None:
        self.products[product.seller_product_id] = product
        for item in product.items:
            self.vendor_items[item.vendor_item_id] = (product, item)

    # -- order sheets ---------------------------------------------------------------------------
    def add_boxes(self, boxes: list[Box]) -> None:
        index = self.box_index
        in_order = True
        last = index[-1] if index else None
        for box in boxes:
            entry = (box.ordered_ms, box.shipment_box_id)
            if last is not None and entry < last:
                in_order = False
            self.boxes[box.shipment_box_id] = box
            self.order_boxes.setdefault(box.order_id, []).append(box.shipment_box_id)
            index.append(entry)
            last = entry
        if not in_order:
            index.sort()

    def boxes_between(self, from_ms: int, to_ms: int, after: tuple[int, int] | None = None) -> Iterator[Box]:
        """Boxes ordered in [from_ms, to_ms) by (orderedAt, shipmentBoxId), strictly after `after`."""
        start = (
            bisect.bisect_right(self.box_index, after) if after else bisect.bisect_left(self.box_index, (from_ms, 0))
        )
        index = self.box_index
        for position in range(start, len(index)):
            ordered_ms, box_id = index[position]
            if ordered_ms >= to_ms:
                break
            if ordered_ms >= from_ms:
                yield self.boxes[box_id]

    # -- receipts -------------------------------------------------------------------------------
    def add_receipt(self, receipt: Receipt) -> None:
        self.receipts[receipt.receipt_id] = receipt
        bisect.insort(self.receipt_index, (receipt.created_ms, receipt.receipt_id))

    def receipts_between(self, from_ms: int, to_ms: int, after: tuple[int, int] | None = None) -> Iterator[Receipt]:
        start = (
            bisect.bisect_right(self.receipt_index, after)
            if after
            else bisect.bisect_left(self.receipt_index, (from_ms, 0))
        )
        for position in range(start, len(self.receipt_index)):
            created_ms, receipt_id = self.receipt_index[position]
            if created_ms >= to_ms:
                break
            yield self.receipts[receipt_id]

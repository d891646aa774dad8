"""JSON shapes of the Coupang emulator (field names follow the public v4/v5 samples; values synthetic)."""

from __future__ import annotations

from typing import Any

from marketbridge.sandbox.core.synthetic import mask_name
from marketbridge.sandbox.coupang.couriers import NAMES
from marketbridge.sandbox.coupang.models import (
    Box,
    CallCenterInquiry,
    Exchange,
    OnlineInquiry,
    Product,
    Receipt,
    VendorItem,
)
from marketbridge.sandbox.coupang.timefmt import day, iso, spaced

RECEIPT_STATUS_CODES = {
    "RELEASE_STOP_UNCHECKED": "RU",
    "RETURNS_UNCHECKED": "UC",
    "VENDOR_WAREHOUSE_CONFIRM": "UC",
    "REQUEST_COUPANG_CHECK": "PR",
    "RETURNS_COMPLETED": "CC",
}
STATUS_NAMES = {
    "SAVED": "임시저장",
    "APPROVING": "승인대기중",
    "APPROVED": "승인완료",
    "PARTIAL_APPROVED": "부분승인완료",
    "DENIED": "승인반려",
    "DELETED": "상품삭제",
}


def box_view(box: Box) -> dict[str, Any]:
    if box.cache is not None:
        return box.cache
    items = []
    for item in box.items:
        items.append(
            {
                "vendorItemPackageId": 0,
                "vendorItemPackageName": item.seller_product_name,
                "productId": item.product_id,
                "vendorItemId": item.vendor_item_id,
                "vendorItemName": f"{item.seller_product_name}, {item.item_name}",
                "shippingCount": item.shipping_count,
                "salesPrice": item.sales_price,
                "orderPrice": item.sales_price * item.shipping_count,
                "discountPrice": 0,
                "instantCouponDiscount": 0,
                "downloadableCouponDiscount": 0,
                "coupangDiscount": 0,
                "externalVendorSkuCode": item.external_sku,
                "etcInfoHeader": None,
                "etcInfoValue": None,
                "etcInfoValues": [],
                "sellerProductId": item.seller_product_id,
                "sellerProductName": item.seller_product_name,
                "sellerProductItemName": item.item_name,
                "firstSellerProductItemName": item.item_name,
                "cancelCount": item.cancel_count,
                "holdCountForCancel": item.hold_count_for_cancel,
                "estimatedShippingDate": day(box.estimated_shipping_ms),
                "plannedShippingDate": "",
                "invoiceNumberUploadDate": iso(box.invoice_ms),
                "extraProperties": {},
                "pricingBadge": False,
                "usedProduct": False,
                "confirmDate": spaced(item.confirm_ms),
                "deliveryChargeTypeName": "무료",
                "canceled": item.canceled,
            }
        )
    o, r = box.orderer, box.receiver
    box.cache = {
        "shipmentBoxId": box.shipment_box_id,
        "orderId": box.order_id,
        "orderedAt": iso(box.ordered_ms),
        "orderer": {"name": mask_name(o.name), "email": "", "safeNumber": o.safe_number, "ordererNumber": None},
        "paidAt": iso(box.paid_ms),
        "status": box.status,
        "shippingPrice": box.shipping_price,
        "remotePrice": 0,
        "remoteArea": False,
        "parcelPrintMessage": box.parcel_message,
        "splitShipping": False,
        "ableSplitShipping": len(box.items) > 1,
        "receiver": {
            "name": r.name,
            "safeNumber": r.safe_number,
            "receiverNumber": None,
            "addr1": r.addr1,
            "addr2": r.addr2,
            "postCode": r.post_code,
        },
        "orderItems": items,
        "overseaShippingInfoDto": {
            "personalCustomsClearanceCode": None,
            "ordererSsn": None,
            "ordererPhoneNumber": None,
        },
        "deliveryCompanyName": NAMES.get(box.delivery_company or "", ""),
        "invoiceNumber": box.invoice_number or "",
        "inTrasitDateTime": spaced(box.in_transit_ms) or "",
        "deliveredDate": spaced(box.delivered_ms) or "",
        "refer": "안드로이드앱",
        "shipmentType": "THIRD_PARTY",
    }
    return box.cache


def receipt_view(r: Receipt) -> dict[str, Any]:
    p = r.requester
    return {
        "receiptId": r.receipt_id,
        "orderId": r.order_id,
        "paymentId": r.order_id + 7,
        "receiptType": r.receipt_type,
        "receiptStatus": r.status,
        "createdAt": iso(r.created_ms),
        "modifiedAt": iso(r.modified_ms),
        "requesterName": mask_name(p.name),
        "requesterPhoneNumber": p.safe_number,
        "requesterRealPhoneNumber": None,
        "requesterAddress": p.addr1,
        "requesterAddressDetail": p.addr2,
        "requesterZipCode": p.post_code,
        "cancelReasonCategory1": "고객변심" if r.fault_by == "CUSTOMER" else "업체과실",
        "cancelReasonCategory2": r.reason_text,
        "cancelReason": r.reason_text,
        "cancelCountSum": sum(i.cancel_count for i in r.items),
        "returnDeliveryId": r.receipt_id + 11,
        "returnDeliveryType": "연동택배",
        "releaseStopStatus": "미처리" if r.status == "RELEASE_STOP_UNCHECKED" else "처리",
        "enclosePrice": 0,
        "faultByType": r.fault_by,
        "preRefund": False,
        "completeConfirmType": r.complete_type or "UNDEFINED",
        "completeConfirmDate": iso(r.complete_ms) or "",
        "reasonCode": r.reason_code,
        "reasonCodeText": r.reason_text,
        "returnItems": [
            {
                "vendorItemPackageId": 0,
                "vendorItemPackageName": i.seller_product_name,
                "vendorItemId": i.vendor_item_id,
                "vendorItemName": i.vendor_item_name,
                "purchaseCount": i.purchase_count,
                "cancelCount": i.cancel_count,
                "shipmentBoxId": i.shipment_box_id,
                "sellerProductId": i.seller_product_id,
                "sellerProductName": i.seller_product_name,
                "releaseStatus": "N",
                "cancelCompleteUser": None,
            }
            for i in r.items
        ],
        "returnDeliveryDtos": [{"deliveryCompanyCode": c, "deliveryInvoiceNo": n} for c, n in r.return_invoices],
    }


def exchange_view(e: Exchange) -> dict[str, Any]:
    p = e.requester
    invoices = (
        [{"shipmentBoxId": e.shipment_box_id, "deliverCode": e.invoice_company, "invoiceNumber": e.invoice_number}]
        if e.invoice_number
        else []
    )
    return {
        "exchangeId": e.exchange_id,
        "orderId": e.order_id,
        "vendorId": e.vendor_id,
        "orderDeliveryStatusCode": "FINAL_DELIVERY",
        "exchangeStatus": e.status,
        "referType": "VENDOR",
        "faultType": "CUSTOMER",
        "exchangeAmount": 0,
        "reason": e.reason_text,
        "reasonCode": e.reason_code,
        "reasonCodeText": e.reason_text,
        "reasonEtcDetail": "",
        "cancelReason": None,
        "createdByType": "CUSTOMER",
        "createdAt": iso(e.created_ms),
        "modifiedAt": iso(e.modified_ms),
        "collectStatus": e.collect_status,
        "exchangeRejectCode": e.reject_code,
        "exchangeItemDtoV1s": [
            {
                "exchangeItemId": e.exchange_id + 1,
                "orderItemId": e.vendor_item_id,
                "vendorItemId": e.vendor_item_id,
                "orderItemName": e.item_name,
                "targetItemId": e.vendor_item_id,
                "targetItemName": e.item_name,
                "quantity": e.quantity,
                "shipmentBoxId": e.shipment_box_id,
            }
        ],
        "exchangeAddressDtoV1": {
            "returnCustomerName": mask_name(p.name),
            "returnMobile": p.safe_number,
            "returnAddress": p.addr1,
            "returnAddressDetail": p.addr2,
            "returnZipCode": p.post_code,
        },
        "deliveryInvoiceGroupDtos": invoices,
    }


def online_view(q: OnlineInquiry) -> dict[str, Any]:
    return {
        "inquiryId": q.inquiry_id,
        "productId": q.product_id,
        "sellerProductId": q.seller_product_id,
        "vendorItemId": q.vendor_item_id,
        "content": q.content,
        "inquiryAt": spaced(q.inquiry_ms),
        "orderIds": q.order_ids,
        "buyerEmail": "",
        "commentDtoList": [
            {
                "inquiryCommentId": c.comment_id,
                "inquiryId": q.inquiry_id,
                "content": c.content,
                "inquiryCommentAt": spaced(c.at_ms),
            }
            for c in q.comments
        ],
    }


def callcenter_view(q: CallCenterInquiry) -> dict[str, Any]:
    return {
        "inquiryId": q.inquiry_id,
        "inquiryStatus": "progress" if q.counseling_status != "ANSWER" else "complete",
        "csPartnerCounselingStatus": q.counseling_status,
        "vendorItemId": q.vendor_item_id,
        "orderId": q.order_id,
        "itemName": q.item_name,
        "receiptCategory": q.category,
        "content": q.content,
        "inquiryAt": spaced(q.inquiry_ms),
        "confirmedBy": q.confirmed_by,
        "replies": [
            {
                "answerId": c.comment_id,
                "parentAnswerId": None,
                "content": c.content,
                "receptionistName": c.by,
                "replyAt": spaced(c.at_ms),
                "partnerTransferStatus": "ANSWER",
            }
            for c in q.replies
        ],
    }


def item_view(product: Product, item: VendorItem) -> dict[str, Any]:
    return {
        **item.raw,
        "sellerProductItemId": item.seller_product_item_id,
        "vendorItemId": item.vendor_item_id,
        "itemName": item.item_name,
        "originalPrice": item.original_price,
        "salePrice": item.sale_price,
        "maximumBuyCount": item.stock,
        "externalVendorSku": item.external_sku,
        "attributes": [{"attributeTypeName": t, "attributeValueName": v} for t, v in item.attributes],
        "saleStatus": "ON_SALE" if item.on_sale else "STOP_SALE",
    }


def product_view(product: Product) -> dict[str, Any]:
    return {
        **product.body,
        "sellerProductId": product.seller_product_id,
        "productId": product.product_id,
        "vendorId": product.vendor_id,
        "sellerProductName": product.name,
        "displayCategoryCode": product.display_category_code,
        "status": product.status,
        "statusName": STATUS_NAMES.get(product.status, product.status),
        "items": [item_view(product, i) for i in product.items],
    }


def product_row(product: Product) -> dict[str, Any]:
    return {
        "sellerProductId": product.seller_product_id,
        "sellerProductName": product.name,
        "displayCategoryCode": product.display_category_code,
        "categoryId": product.display_category_code,
        "productId": product.product_id,
        "vendorId": product.vendor_id,
        "mdId": None,
        "mdName": None,
        "saleStartedAt": product.body.get("saleStartedAt"),
        "saleEndedAt": product.body.get("saleEndedAt"),
        "brand": product.body.get("brand"),
        "status": product.status,
        "statusName": STATUS_NAMES.get(product.status, product.status),
        "createdAt": iso(product.created_ms),
    }

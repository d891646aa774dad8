"""인터파크 XML shapes in EUC-KR: `<ORDER_LIST><RESULT><CODE>000</CODE><MESSAGE/></RESULT><ORDER>…` for
lists, `<RESULT><CODE/><MESSAGE/></RESULT>` for actions. Per-line delivery fields (`DELV_ENTR_NO`,
`INVO_NO`, `DELV_DT`) and the claim item fields beyond the documented ones are modelled."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta, timezone
from xml.sax.saxutils import escape

from marketbridge.sandbox.interpark.models import Line
from starlette.responses import Response

KST = timezone(timedelta(hours=9))
DECLARATION = '<?xml version="1.0" encoding="euc-kr"?>'
MEDIA_TYPE = "text/xml;charset=euc-kr"
MESSAGES = {
    "000": "정상 처리되었습니다.",
    "100": "업체 인증에 실패했습니다. 업체ID/공급업체번호/공급계약일련번호를 확인해 주세요.",
    "110": "인증키(citeKey/secretKey)가 올바르지 않습니다.",
    "200": "필수 파라미터가 누락되었습니다.",
    "201": "조회기간은 1일 이내로 요청해 주세요.",
    "202": "날짜 형식이 올바르지 않습니다.(yyyyMMddHHmmss)",
    "300": "주문 정보가 없습니다.",
    "301": "이미 발송처리된 주문입니다.",
    "302": "처리할 수 없는 주문상태입니다.",
    "303": "취소요청된 주문은 발송처리할 수 없습니다.",
    "304": "택배사 코드가 올바르지 않습니다.",
    "305": "송장번호가 올바르지 않습니다.",
    "306": "처리할 수 없는 클레임 상태입니다.",
    "400": "상품 데이터(dataUrl)를 가져오지 못했습니다.",
    "401": "상품 데이터 XML 오류입니다.",
    "402": "상품 정보가 없습니다.",
    "900": "허용된 호출 횟수를 초과했습니다.",
    "990": "지원하지 않는 메소드입니다.",
}


def dts(ms: int | None) -> str:
    return "" if ms is None else datetime.fromtimestamp(ms / 1000, KST).strftime("%Y%m%d%H%M%S")


def fields(values: Iterable[tuple[str, object]]) -> str:
    return "".join(f"<{n}>{'' if v is None else escape(str(v))}</{n}>" for n, v in values)


def xml_response(document: str, status: int = 200) -> Response:
    body = (DECLARATION + document).encode("euc-kr", errors="xmlcharrefreplace")
    return Response(body, status_code=status, media_type=MEDIA_TYPE)


def result_xml(code: str, message: str | None = None, **extra: object) -> str:
    return (
        f"<RESULT>{fields([('CODE', code), ('MESSAGE', message or MESSAGES.get(code, '')), *extra.items()])}</RESULT>"
    )


def result(code: str, message: str | None = None, status: int = 200, **extra: object) -> Response:
    return xml_response(result_xml(code, message, **extra), status)


def order_list(orders: Iterable[str], code: str = "000", message: str | None = None) -> Response:
    return xml_response(f"<ORDER_LIST>{result_xml(code, message)}{''.join(orders)}</ORDER_LIST>")


def _prd(line: Line) -> str:
    if line.cache is not None:
        return line.cache
    opt = line.opt
    text = (
        "<PRD>"
        + fields(
            (
                ("ORD_SEQ", line.seq),
                ("PRD_NO", line.prd_no),
                ("PRD_NM", line.prd_nm),
                ("OPT_NO", opt.opt_no if opt else ""),
                ("OPT_NM", opt.name if opt else ""),
                ("SEL_OPT_NM", f"{opt.name}:{opt.value}" if opt else ""),
                ("OPT_PRD_TP", "01"),
                ("OPT_PARENT_SEQ", line.seq),
                ("ENTR_PRD_NO", line.seller_code or ""),
                ("ORD_QTY", line.qty),
                ("ORD_AMT", line.unit_price * line.qty),
                ("SALE_UNITCOST", line.price),
                ("REAL_SALE_UNITCOST", line.unit_price),
                ("DC_COUPON_AMT", 0),
                ("ENTR_DC_COUPON_AMT", 0),
                ("SUPPLY_ENTR_NO", ""),
                ("SUPPLY_CTRT_SEQ", "1"),
                ("ORDCLM_STAT_DTS", dts(line.paid_ms)),
                ("IS_COLLECTED", "Y" if line.collected else "N"),
                ("DELV_ENTR_NO", line.courier or ""),
                ("INVO_NO", line.invoice or ""),
                ("DELV_DT", line.delv_dt or ""),
            )
        )
        + "</PRD>"
    )
    line.cache = text
    return text


def order(lines: list[Line]) -> str:
    first = lines[0]
    b, r = first.buyer, first.receiver
    head = fields(
        (
            ("ORD_NO", first.ord_no),
            ("ORDER_DT", dts(first.ord_ms)[:8]),
            ("ORDER_DTS", dts(first.ord_ms)),
            ("PAY_DTS", dts(first.paid_ms)),
            ("ORD_NM", b.name),
            ("TEL", b.phone),
            ("MOBILE_TEL", b.phone),
            ("EMAIL", f"{b.login_id}@example.com"),
            ("RCVR_NM", r.name),
            ("DELI_TEL", r.phone),
            ("DELI_MOBILE", r.phone),
            ("DEL_ZIP", r.zip_code),
            ("DELI_ADDR1", r.base_address),
            ("DELI_ADDR2", r.detailed_address),
            ("DEL_ZIP_DORO", r.zip_code),
            ("DELI_ADDR1_DORO", r.base_address),
            ("DELI_ADDR2_DORO", r.detailed_address),
            ("DELI_COMMENT", r.memo),
        )
    )
    delivery = fields((("DEL_AMT", first.del_amt), ("ADD_DEL_AMT", 0), ("INITIAL_DELV_AMT", first.del_amt)))
    products = "".join(_prd(ln) for ln in lines)
    return (
        f"<ORDER>{head}<PRODUCT>{products}</PRODUCT><DELIVERY><DELV>{delivery}</DELV></DELIVERY>"
        f"<DELIVERY_DETAIL><PRD_DELV>{delivery}</PRD_DELV></DELIVERY_DETAIL></ORDER>"
    )


def claim_order(line: Line) -> str:
    c = line.claim
    assert c is not None
    head = fields(
        (
            ("ORD_NO", line.ord_no),
            ("CLM_NO", c.clm_no),
            ("CLMREQ_SEQ", c.seq),
            ("CLMREQ_TP", c.tp),
            ("CLM_CRT_TP", f"0{c.tp}"),
            ("CLMREQ_DTS", dts(c.req_ms)),
            ("CLM_DTS", dts(c.done_ms)),
        )
    )
    item = fields(
        (
            ("ORD_SEQ", line.seq),
            ("PRD_NO", line.prd_no),
            ("PRD_NM", line.prd_nm),
            ("CLMREQ_STAT", c.stat),
            ("CURRENT_CLMPRD_STAT", c.stat),
            ("CLMREQ_QTY", c.qty),
            ("CLMREQ_RSN_TPNM", c.reason_tp),
            ("CLMREQ_RSN", c.reason),
            ("CLMREQ_CRT_TP", "02" if c.by_seller else "01"),
        )
    )
    return f"<ORDER>{head}<PRODUCT><PRD>{item}</PRD></PRODUCT></ORDER>"

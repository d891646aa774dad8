"""11번가 XML shapes, rendered as EUC-KR bytes with the matching declaration.

Lists: `<ns2:orders xmlns:ns2="…">` with `<ns2:order>` rows whose children are unprefixed; order
actions: `<ResultOrder><result_code>0</result_code><result_text/></ResultOrder>`; product actions:
`<ClientMessage>`. Line fragments are cached on the line (rebuilt after a change) so a 10,000-line
answer costs little more than joining strings.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta, timezone
from xml.sax.saxutils import escape

from marketbridge.sandbox.st11.models import Alimi, Claim, Line, Product, Qna
from starlette.responses import Response

NS = "http://skt.tmall.business.openapi.spring.service.client.domain/"
DECLARATION = '<?xml version="1.0" encoding="euc-kr" standalone="yes"?>'
MEDIA_TYPE = "text/xml;charset=EUC-KR"
KST = timezone(timedelta(hours=9))


def body_time(ms: int | None) -> str:
    """`yyyy-MM-dd HH:mm:ss` (KST), the format of dates inside 11번가 bodies."""
    if ms is None:
        return ""
    return datetime.fromtimestamp(ms / 1000, KST).strftime("%Y-%m-%d %H:%M:%S")


def fields(values: Iterable[tuple[str, object]]) -> str:
    parts = []
    for name, value in values:
        text = "" if value is None else escape(str(value))
        parts.append(f"<{name}>{text}</{name}>")
    return "".join(parts)


def xml_bytes(document: str) -> bytes:
    return (DECLARATION + document).encode("euc-kr", errors="xmlcharrefreplace")


def xml_response(document: str, status: int = 200, headers: Mapping[str, str] | None = None) -> Response:
    return Response(xml_bytes(document), status_code=status, media_type=MEDIA_TYPE, headers=dict(headers or {}))


def result_order(code: int, text: str) -> Response:
    return xml_response(f"<ResultOrder>{fields([('result_code', code), ('result_text', text)])}</ResultOrder>")


def client_message(
    code: int | str, message: str, product_no: int | str | None = None, status: int = 200, **extra: object
) -> Response:
    values: list[tuple[str, object]] = []
    if product_no is not None:
        values.append(("productNo", product_no))
    values += [("message", message), ("resultCode", code), *extra.items()]
    return xml_response(f"<ClientMessage>{fields(values)}</ClientMessage>", status)


def ns_list(root: str, row: str, rows: Iterable[str], code: int | None = None, text: str = "") -> Response:
    """`<ns2:{root}>` with `<ns2:{row}>` children, or the result_code/result_text pair when given."""
    inner = "".join(f"<ns2:{row}>{r}</ns2:{row}>" for r in rows)
    if code is not None:
        inner += f"<ns2:result_code>{code}</ns2:result_code><ns2:result_text>{escape(text)}</ns2:result_text>"
    return xml_response(f'<ns2:{root} xmlns:ns2="{NS}">{inner}</ns2:{root}>')


def line_fields(line: Line) -> str:
    if line.cache is not None:
        return line.cache
    b, r = line.buyer, line.receiver
    opt_total = line.opt_prc * line.qty
    text = fields(
        (
            ("ordNo", line.ord_no),
            ("ordPrdSeq", line.seq),
            ("ordPrdStat", line.status),
            ("ordDt", body_time(line.ord_ms)),
            ("ordStlEndDt", body_time(line.paid_ms)),
            ("plcodrCnfDt", body_time(line.confirmed_ms) or "null"),
            ("dlvNo", line.dlv_no),
            ("bndlDlvSeq", line.dlv_no),
            ("bndlDlvYN", "N"),
            ("addPrdYn", "N"),
            ("addPrdNo", "null"),
            ("prdNo", line.prd_no),
            ("prdNm", line.prd_nm),
            ("prdStckNo", line.stck_no),
            ("sellerPrdCd", line.seller_prd_cd or ""),
            ("slctPrdOptNm", line.opt_nm or ""),
            ("ordQty", line.qty),
            ("selPrc", line.sel_prc),
            ("ordAmt", line.amount),
            ("ordPayAmt", line.amount + line.dlv_cst),
            ("ordOptWonStl", opt_total),
            ("sellerDscPrc", 0),
            ("tmallDscPrc", 0),
            ("dlvCst", line.dlv_cst),
            ("dlvCstType", "03" if line.dlv_cst == 0 else "01"),
            ("dlvMthdCd", "01"),
            ("dlvEtprsCd", line.courier or ""),
            ("invcNo", line.invoice or ""),
            ("sendDt", body_time(line.send_ms)),
            ("ordNm", b.name),
            ("memID", b.login_id[:3] + "****"),
            ("ordPrtblTel", b.phone),
            ("ordTlphnNo", b.phone),
            ("rcvrNm", r.name),
            ("rcvrPrtblNo", r.phone),
            ("rcvrTlphn", r.phone),
            ("rcvrMailNo", r.zip_code),
            ("rcvrBaseAddr", r.base_address),
            ("rcvrDtlsAddr", r.detailed_address),
            ("ordDlvReqCont", r.memo),
            ("typeAdd", "02"),
            ("gblDlvYn", "N"),
            ("visitDlvYn", "N"),
        )
    )
    line.cache = text
    return text


def line_state_fields(line: Line) -> str:
    """orderlistall rows: the line plus its claim keys (the claim elements are modelled)."""
    extra: list[tuple[str, object]] = []
    if line.cancel is not None:
        extra += [("ordPrdCnSeq", line.cancel.seq), ("ordCnStatCd", line.cancel.stat)]
    if line.claim is not None:
        extra += [
            ("clmReqSeq", line.claim.seq),
            ("clmStat", line.claim.stat),
            ("clmTyp", "RETURN" if line.claim.kind == "return" else "EXCHANGE"),
        ]
    return line_fields(line) + fields(extra)


def cancel_fields(line: Line) -> str:
    c = line.cancel
    assert c is not None
    return fields(
        (
            ("ordNo", line.ord_no),
            ("ordPrdSeq", line.seq),
            ("ordPrdCnSeq", c.seq),
            ("ordCnStatCd", c.stat),
            ("ordCnMnbdCd", c.who),
            ("ordCnRsnCd", c.reason_code),
            ("ordCnDtlsRsn", c.reason),
            ("ordCnQty", c.qty),
            ("createDt", body_time(c.req_ms)),
            ("cnclDt", body_time(c.done_ms)),
            ("prdNo", line.prd_no),
            ("prdNm", line.prd_nm),
            ("ordPrdStat", line.status),
            ("dlvNo", line.dlv_no),
        )
    )


def claim_fields(line: Line, claim: Claim) -> str:
    return fields(
        (
            ("ordNo", line.ord_no),
            ("ordPrdSeq", line.seq),
            ("clmReqSeq", claim.seq),
            ("clmStat", claim.stat),
            ("clmReqRsn", claim.reason_code),
            ("clmReqCont", claim.reason),
            ("clmReqQty", claim.qty),
            ("reqDt", body_time(claim.req_ms)),
            ("clmCmplDt", body_time(claim.done_ms)),
            ("twMthd", "06"),
            ("prdNo", line.prd_no),
            ("prdNm", line.prd_nm),
            ("dlvNo", line.dlv_no),
            ("exchDlvEtprsCd", claim.exch_courier or ""),
            ("exchInvcNo", claim.exch_invoice or ""),
        )
    )


def qna_fields(q: Qna) -> str:
    return fields(
        (
            ("brdInfoNo", q.brd_no),
            ("brdInfoClfNo", q.prd_no),
            ("prdNm", q.prd_nm),
            ("brdInfoSbjct", q.title),
            ("brdInfoCont", q.content),
            ("createDt", body_time(q.created_ms)),
            ("memID", q.writer),
            ("answerYn", "Y" if q.answer is not None else "N"),
            ("answerCont", q.answer or ""),
            ("answerDt", body_time(q.answered_ms)),
            ("qnaDtlsCdNm", "상품"),
        )
    )


def alimi_fields(a: Alimi) -> str:
    return fields(
        (
            ("emerNtceSeq", a.seq),
            ("emerNtceClfNm", a.category),
            ("emerNtceSubject", a.subject),
            ("emerNtceCont", a.content),
            ("emerNtceCrntCd", a.status),
            ("ordNo", a.ord_no or ""),
            ("createDt", body_time(a.created_ms)),
            ("answerCtnt", a.answer or ""),
        )
    )


def product_fields(p: Product) -> str:
    stock = sum(s.qty for s in p.stocks)
    return fields(
        (
            ("prdNo", p.prd_no),
            ("prdNm", p.name),
            ("sellerPrdCd", p.seller_prd_cd or ""),
            ("selPrc", p.sel_prc),
            ("prdSelQty", stock),
            ("selStatCd", p.status),
            ("selStatNm", STATUS_NAMES.get(p.status, "")),
            ("dispCtgrNo", p.category),
        )
    )


STATUS_NAMES = {"103": "판매중", "104": "품절", "105": "판매중지"}

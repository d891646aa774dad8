"""Helpers shared by the 11번가 routes: the caller's data, windows, and XML request bodies."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from fastapi import Request
from marketbridge.sandbox.st11.flow import St11Failure, fail_if, parse_minute
from marketbridge.sandbox.st11.gateway import SELLER_KEY
from marketbridge.sandbox.st11.models import SellerData
from marketbridge.sandbox.st11.state import St11State

WEEK_MS = 7 * 24 * 3_600_000
MINUTE_MS = 60_000


def st11_state(request: Request) -> St11State:
    state: St11State = request.app.state.st11
    return state


def seller_data(request: Request) -> SellerData:
    return st11_state(request).data[request.scope[SELLER_KEY]]


def window(start: str, end: str, limit_ms: int = WEEK_MS) -> tuple[int, int]:
    """[start minute, end minute] both inclusive; at most 7 days (the 11번가 limit)."""
    lo, hi = parse_minute(start), parse_minute(end)
    fail_if(hi < lo, -998, "조회 종료일시가 시작일시보다 빠릅니다.")
    fail_if(hi - lo > limit_ms, -997)
    return lo, hi + MINUTE_MS - 1


async def xml_body(request: Request) -> ET.Element:
    """Parse a request body by its declared charset (EUC-KR is the norm; UTF-8 is accepted too)."""
    raw = await request.body()
    try:
        return parse_xml(raw)
    except (ET.ParseError, UnicodeDecodeError, LookupError) as exc:
        raise St11Failure(-999, f"요청 XML을 해석할 수 없습니다: {exc}") from None


def parse_xml(raw: bytes) -> ET.Element:
    text = raw.decode("ascii", errors="ignore")
    encoding = "utf-8"
    if text.startswith("<?xml"):
        head = text[: text.find("?>")]
        for quote in ('"', "'"):
            marker = f"encoding={quote}"
            if marker in head:
                encoding = head.split(marker, 1)[1].split(quote, 1)[0]
    codec = "cp949" if encoding.lower().replace("_", "-") in ("euc-kr", "ks-c-5601-1987", "cp949") else encoding
    decoded = raw.decode(codec)
    if decoded.startswith("<?xml"):
        decoded = decoded[decoded.find("?>") + 2 :]
    return ET.fromstring(decoded)


def text_of(node: ET.Element, name: str, default: str = "") -> str:
    found = node.find(name)
    return (found.text or "").strip() if found is not None and found.text else default

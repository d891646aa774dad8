"""CJ온스타일 XML: `<tns:ifRequest tns:ifId="IF_xx_yy">` with `tns:vendorId`/`tns:vendorCertKey` in the body,
encoded in EUC-KR; answers `<ns1:ifResponse><ns1:successYn>` (+ `errorMsg`; `errorCode` is modelled)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping

from marketbridge.connectors.homeshopping_common.xml import fields, parse, sub, to_bytes

NS = "http://www.example.org/ifpa"
ENCODING = "euc-kr"


def q(tag: str) -> str:
    """An element name as written: prefix `tns`, declared on the root (no global ElementTree registry)."""
    return f"tns:{tag}"


def request(
    if_id: str,
    vendor_id: str,
    cert_key: str,
    contents: Mapping[str, object] | None = None,
    **groups: Iterable[Mapping[str, object]],
) -> bytes:
    root = ET.Element(q("ifRequest"), {"xmlns:tns": NS, q("ifId"): if_id})
    sub(root, q("vendorId"), vendor_id)
    sub(root, q("vendorCertKey"), cert_key)
    if contents is not None:
        element = sub(root, q("contents"))
        for key, value in contents.items():
            sub(element, q(key), value)
    for tag, rows in groups.items():
        for row in rows:
            element = sub(root, q(tag))
            for key, value in row.items():
                sub(element, q(key), value)
    return to_bytes(root, ENCODING)


def read(body: bytes, content_type: str | None) -> tuple[bool, str, str, ET.Element]:
    """(successYn, errorCode, errorMsg, root); raises MalformedXml / ValueError."""
    root = parse(body, content_type)
    head = fields(root)
    if "successYn" not in head:
        raise ValueError("no successYn")
    return head["successYn"].lower() == "true", head.get("errorCode", ""), head.get("errorMsg", ""), root


def children(root: ET.Element, tag: str) -> list[ET.Element]:
    return [child for child in root if child.tag.rsplit("}", 1)[-1] == tag]

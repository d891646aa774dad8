"""XML in the emulators: read request bodies in their declared charset (EUC-KR included, which expat
cannot read by itself) and write answers as bytes with the matching XML declaration."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable

from starlette.responses import Response

_DECL = re.compile(rb"^\s*<\?xml[^>]*?encoding=[\"']([A-Za-z0-9_\-]+)[\"'][^>]*\?>")


class BadXml(ValueError):
    pass


def declared_charset(body: bytes, content_type: str | None = None, default: str = "utf-8") -> str:
    match = _DECL.match(body)
    if match:
        return match.group(1).decode("ascii").lower()
    if content_type and "charset=" in content_type.lower():
        return content_type.lower().split("charset=", 1)[1].split(";")[0].strip()
    return default


def parse_xml(body: bytes, content_type: str | None = None) -> ET.Element:
    """Decode by the declared charset, drop the declaration, parse."""
    charset = declared_charset(body, content_type)
    try:
        text = body.decode(charset)
    except (LookupError, UnicodeDecodeError) as exc:
        raise BadXml(f"cannot decode the body as {charset}: {exc}") from exc
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text, count=1)
    try:
        return ET.fromstring(text)
    except ET.ParseError as exc:
        raise BadXml(str(exc)) from exc


def xml_bytes(root: ET.Element, encoding: str = "utf-8") -> bytes:
    """`<?xml version="1.0" encoding="…"?>` + the tree encoded in that charset."""
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="{encoding.upper()}"?>'.encode("ascii") + body.encode(encoding, "replace")


def xml_response(root: ET.Element, encoding: str = "utf-8", status: int = 200) -> Response:
    return Response(xml_bytes(root, encoding), status_code=status, media_type=f"text/xml; charset={encoding.upper()}")


def sub(parent: ET.Element, tag: str, text: object = None) -> ET.Element:
    element = ET.SubElement(parent, tag)
    if text is not None:
        element.text = str(text)
    return element


def fields(element: ET.Element | None) -> dict[str, str]:
    """Child elements' local names -> stripped text (namespaces dropped)."""
    if element is None:
        return {}
    return {child.tag.rsplit("}", 1)[-1]: (child.text or "").strip() for child in element}


def add_record(
    parent: ET.Element, tag: str, values: dict[str, object], name: Callable[[str], str] = str
) -> ET.Element:
    """`<tag><key>value</key>…</tag>` under parent; `name` qualifies every tag (e.g. a namespace prefix)."""
    element = sub(parent, name(tag))
    for key, value in values.items():
        sub(element, name(key), value)
    return element


def html_error(kind: str) -> Response:
    """What a home-shopping front end (a web server before the API) answers to a 5xx/timeout fault."""
    status = {"http_500": 500, "http_503": 503, "timeout": 504}.get(kind, 500)
    return Response(f"<html><body>{status}</body></html>".encode(), status_code=status, media_type="text/html")

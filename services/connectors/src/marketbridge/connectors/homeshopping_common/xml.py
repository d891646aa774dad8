"""XML for the adapters: decode bytes by the declared charset (expat cannot read EUC-KR itself), parse with
the standard library, and encode requests with the matching declaration."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping

_DECL = re.compile(rb"^\s*<\?xml[^>]*?encoding=[\"']([A-Za-z0-9_\-]+)[\"'][^>]*\?>")
_DECL_TEXT = re.compile(r"^\s*<\?xml[^>]*\?>")


class MalformedXml(ValueError):
    pass


def charset_of(body: bytes, content_type: str | None = None, default: str = "utf-8") -> str:
    match = _DECL.match(body)
    if match:
        return match.group(1).decode("ascii").lower()
    if content_type and "charset=" in content_type.lower():
        return content_type.lower().split("charset=", 1)[1].split(";")[0].strip()
    return default


def parse(body: bytes, content_type: str | None = None) -> ET.Element:
    charset = charset_of(body, content_type)
    try:
        text = body.decode(charset)
        return ET.fromstring(_DECL_TEXT.sub("", text, count=1))
    except (LookupError, UnicodeDecodeError, ET.ParseError) as exc:
        raise MalformedXml(f"{type(exc).__name__}: {exc}") from exc


def to_bytes(root: ET.Element, encoding: str = "utf-8") -> bytes:
    text = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="{encoding.upper()}"?>'.encode("ascii") + text.encode(encoding, "replace")


def sub(parent: ET.Element, tag: str, text: object = None) -> ET.Element:
    element = ET.SubElement(parent, tag)
    if text is not None:
        element.text = str(text)
    return element


def add_fields(parent: ET.Element, values: Mapping[str, object]) -> ET.Element:
    for key, value in values.items():
        if value is not None:
            sub(parent, key, value)
    return parent


def local(tag: str) -> str:
    return tag[tag.index("}") + 1 :] if tag[:1] == "{" else tag


def fields(element: ET.Element | None) -> dict[str, str]:
    """Child elements (namespace dropped) -> stripped text."""
    if element is None:
        return {}
    return {local(child.tag): (child.text or "").strip() for child in element}

"""인터파크 XML: decode by the declared charset (EUC-KR via CP949), parse with the standard library,
and write feed documents in EUC-KR with a matching declaration."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

_DECLARED = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_KOREAN = {"euc-kr", "euckr", "ks_c_5601-1987", "ks-c-5601-1987", "cp949", "ms949"}
DECLARATION = '<?xml version="1.0" encoding="euc-kr"?>'


def parse(raw: bytes, http_charset: str | None = None) -> ET.Element:
    match = _DECLARED.match(raw[:200])
    name = match.group(1).decode("ascii") if match else (http_charset or "utf-8")
    text = raw.decode("cp949" if name.lower() in _KOREAN else name).lstrip("\ufeff \r\n\t")
    if text.startswith("<?xml"):
        text = text[text.index("?>") + 2 :]
    return ET.fromstring(text)


def encode(root: ET.Element) -> bytes:
    return (DECLARATION + ET.tostring(root, encoding="unicode")).encode("euc-kr", errors="xmlcharrefreplace")


def row(node: ET.Element) -> dict[str, str]:
    """Leaf children of a node as a flat dict."""
    return {child.tag: (child.text or "").strip() for child in node if len(child) == 0}


def result(root: ET.Element) -> tuple[str | None, str]:
    node = root if root.tag == "RESULT" else root.find("RESULT")
    if node is None:
        return None, ""
    return (node.findtext("CODE") or "").strip(), (node.findtext("MESSAGE") or "").strip()

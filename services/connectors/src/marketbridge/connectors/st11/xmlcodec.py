"""XML in the charset the document declares (11번가 answers EUC-KR), and EUC-KR request bodies.

The standard library's expat cannot decode multi-byte charsets itself, so the bytes are decoded here
by the declared encoding (EUC-KR via its superset CP949; else the HTTP charset; else UTF-8) and the
declaration is dropped before parsing.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

_DECLARED = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_KOREAN = {"euc-kr", "euckr", "ks_c_5601-1987", "ks-c-5601-1987", "cp949", "ms949", "uhc"}
DECLARATION = '<?xml version="1.0" encoding="euc-kr"?>'


def declared_encoding(raw: bytes, http_charset: str | None = None) -> str:
    match = _DECLARED.match(raw[:200])
    name = match.group(1).decode("ascii") if match else (http_charset or "utf-8")
    return "cp949" if name.lower() in _KOREAN else name


def decode(raw: bytes, http_charset: str | None = None) -> str:
    text = raw.decode(declared_encoding(raw, http_charset))
    text = text.lstrip("\ufeff \r\n\t")
    if text.startswith("<?xml"):
        text = text[text.index("?>") + 2 :]
    return text


def parse(raw: bytes, http_charset: str | None = None) -> ET.Element:
    """Raises ET.ParseError, UnicodeDecodeError or LookupError on a body that is not XML."""
    return ET.fromstring(decode(raw, http_charset))


def encode(root: ET.Element) -> bytes:
    """A request body in EUC-KR with its declaration (characters outside EUC-KR as references)."""
    return (DECLARATION + ET.tostring(root, encoding="unicode")).encode("euc-kr", errors="xmlcharrefreplace")


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def row(node: ET.Element) -> dict[str, str]:
    """The unprefixed children of one row as a flat dict (empty text -> "")."""
    return {local(child.tag): (child.text or "") for child in node}


def rows(root: ET.Element, name: str) -> list[dict[str, str]]:
    return [row(child) for child in root if local(child.tag) == name]


def child_text(root: ET.Element, name: str) -> str | None:
    for child in root:
        if local(child.tag) == name:
            return (child.text or "").strip()
    return None

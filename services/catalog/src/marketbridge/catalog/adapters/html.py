"""상품상세: the seller's detail HTML, sanitised with nh3 (the ammonia sanitiser) before it is stored."""

from __future__ import annotations

import nh3

SAFE_STYLE_PROPERTIES = frozenset(
    {
        "color", "background-color", "font-size", "font-weight", "font-style", "font-family", "text-align",
        "text-decoration", "line-height", "letter-spacing", "width", "max-width", "height", "margin", "margin-top",
        "margin-bottom", "margin-left", "margin-right", "padding", "padding-top", "padding-bottom", "padding-left",
        "padding-right", "border", "border-collapse", "vertical-align", "display",
    }
)  # fmt: skip
_ATTRIBUTES = {
    **nh3.ALLOWED_ATTRIBUTES,
    "*": {"style", "class", "align"},
    "img": {"src", "alt", "width", "height", "title"},
    "td": {"colspan", "rowspan", "width"},
    "th": {"colspan", "rowspan", "width"},
}


def sanitize_detail_html(html: str) -> str:
    """Scripts, event handlers, `javascript:` URLs and unknown tags are removed; layout and images stay."""
    if not any(c in html for c in "<>&"):
        return html  # plain text: nothing to clean
    return nh3.clean(
        html,
        attributes=_ATTRIBUTES,
        url_schemes={"http", "https"},
        filter_style_properties=set(SAFE_STYLE_PROPERTIES),
    )

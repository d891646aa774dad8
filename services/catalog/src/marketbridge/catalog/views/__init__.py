"""Read side of the catalog service: product search and detail (`products`), edit history (`history`)."""

from marketbridge.catalog.views.history import product_history
from marketbridge.catalog.views.products import (
    ProductQuery,
    get_product,
    has_active_listings,
    products_on_sale,
    search_products,
    search_products_in,
    seller_code_owner,
)

__all__ = [
    "ProductQuery",
    "get_product",
    "has_active_listings",
    "product_history",
    "products_on_sale",
    "search_products",
    "search_products_in",
    "seller_code_owner",
]

"""Listing events: a product published to one marketplace account."""

from __future__ import annotations

from marketbridge.contracts.base import Message
from marketbridge.contracts.catalog import ProductSnapshot


class ListingPublishRequested(Message):
    """Routed to the marketplace's connector worker: `listing.listing_publish_requested.v1.<marketplace>`."""

    TYPE = "listing.listing_publish_requested.v1"
    listing_id: str
    account_id: str
    marketplace: str
    product: ProductSnapshot
    sale_price: int
    market_category_id: str | None = None
    attempt_key: str  # idempotency key of this publish attempt (listing id + revision)
    image_urls: list[str] = []
    detail_html: str | None = None
    after_service_phone: str | None = None
    after_service_guide: str | None = None


class ListingPublished(Message):
    TYPE = "listing.listing_published.v1"
    listing_id: str
    account_id: str
    marketplace: str
    market_product_id: str


class ListingPublishFailed(Message):
    TYPE = "listing.listing_publish_failed.v1"
    listing_id: str
    account_id: str
    marketplace: str
    code: str
    message: str

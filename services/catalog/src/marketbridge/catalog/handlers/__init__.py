"""Application layer of the catalog service: one small function per command (see `products`), image
uploads (`images`) and the bulk Excel import jobs (`imports`)."""

from marketbridge.catalog.handlers.products import CatalogHandlers

__all__ = ["CatalogHandlers"]

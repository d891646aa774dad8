"""Domain Product → the integration contract's ProductSnapshot (what listings publish)."""

from __future__ import annotations

from marketbridge.catalog.domain import CombinationOptions, Product
from marketbridge.contracts.catalog import OptionRow, ProductSnapshot


def snapshot(p: Product) -> ProductSnapshot:
    spec = p.options
    rows: list[OptionRow] = []
    if isinstance(spec, CombinationOptions):
        rows = [
            OptionRow(
                option_key=r.label,
                values=list(r.values),
                add_price=r.signed_add_price,
                sellable=r.sale_flag == "sellable",
                stock=r.stock,
            )
            for r in spec.rows
        ]
    stock = sum(r.stock for r in rows) if isinstance(spec, CombinationOptions) else (p.stock or 0)
    return ProductSnapshot(
        product_id=p.product_id,
        product_code=p.product_code,
        name=p.name,
        category_id=p.category_id,
        price=p.price,
        tax_type=p.tax_type,
        manufacturer=p.manufacturer,
        brand=p.brand,
        status=p.status,
        option_type=spec.type if spec is not None else "none",
        option_names=[n.name for n in spec.names] if spec is not None else [],
        options=rows,
        stock=stock,
    )

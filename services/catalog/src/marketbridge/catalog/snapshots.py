"""Domain Product → the integration contract's ProductSnapshot (what listings publish)."""

from __future__ import annotations

from marketbridge.catalog.domain import CombinationOptions, Product, total_stock
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
        stock=total_stock(p),
        seller_product_code=p.seller_product_code,
        model_name=p.model_name,
        model_no=p.model_no,
        keywords=list(p.keywords),
        adult_only=p.adult_only,
        sales_region=p.sales_region,
        main_image_key=p.images.main.key if p.images.main is not None else None,
        notice_group=p.notice.group if p.notice is not None else None,
        add_on_groups=len(p.add_ons),
        deleted=p.deleted,
    )

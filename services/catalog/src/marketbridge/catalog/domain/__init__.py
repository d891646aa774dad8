"""The pure catalog domain: the event-sourced Product aggregate (no I/O).

Entry points: `decide(state, command, *, company_name) -> Decision` and `evolve(state, event) -> Product`.
"""

from marketbridge.catalog.domain.attributes import (
    AddOnGroup,
    AddOnItem,
    Certification,
    ImageRef,
    Images,
    Notice,
    NoticeValue,
    Origin,
    RawMaterial,
)
from marketbridge.catalog.domain.commands import (
    AdjustStock,
    ChangeProductStatus,
    DeleteProduct,
    ProductCommand,
    RegisterProduct,
    RestoreProduct,
    ReviseProduct,
)
from marketbridge.catalog.domain.events import (
    Change,
    ProductDeleted,
    ProductEvent,
    ProductRegistered,
    ProductRestored,
    ProductRevised,
    ProductStatusChanged,
    StockAdjusted,
    parse_event,
)
from marketbridge.catalog.domain.fields import FIELD_LABELS, ProductFields
from marketbridge.catalog.domain.option_rules import check_add_price_bounds, check_zero_add_price_row
from marketbridge.catalog.domain.options import (
    BuyerInputName,
    BuyerInputOptions,
    CombinationOptions,
    OptionName,
    OptionRow,
    OptionSpec,
    apply_bulk_setting,
    apply_bulk_stock,
    combinations,
    generate_rows,
)
from marketbridge.catalog.domain.problems import DomainWarning
from marketbridge.catalog.domain.product import Decision, Product, decide, evolve, replay
from marketbridge.catalog.domain.product_code import (
    format_product_code,
    is_valid_product_code,
    parse_product_code,
)
from marketbridge.catalog.domain.reference import CategoryInfo, NoticeFieldInfo, NoticeGroupInfo, Reference
from marketbridge.catalog.domain.stock import total_stock
from marketbridge.catalog.domain.text_rules import display_units
from marketbridge.catalog.domain.vocabulary import ProductStatus, SaleFlag, Sign, TaxType

__all__ = [
    "FIELD_LABELS",
    "AddOnGroup",
    "AddOnItem",
    "AdjustStock",
    "BuyerInputName",
    "BuyerInputOptions",
    "CategoryInfo",
    "Certification",
    "Change",
    "ChangeProductStatus",
    "CombinationOptions",
    "Decision",
    "DeleteProduct",
    "DomainWarning",
    "ImageRef",
    "Images",
    "Notice",
    "NoticeFieldInfo",
    "NoticeGroupInfo",
    "NoticeValue",
    "OptionName",
    "OptionRow",
    "OptionSpec",
    "Origin",
    "Product",
    "ProductCommand",
    "ProductDeleted",
    "ProductEvent",
    "ProductFields",
    "ProductRegistered",
    "ProductRestored",
    "ProductRevised",
    "ProductStatus",
    "ProductStatusChanged",
    "RawMaterial",
    "Reference",
    "RegisterProduct",
    "RestoreProduct",
    "ReviseProduct",
    "SaleFlag",
    "Sign",
    "StockAdjusted",
    "TaxType",
    "apply_bulk_setting",
    "apply_bulk_stock",
    "check_add_price_bounds",
    "check_zero_add_price_row",
    "combinations",
    "decide",
    "display_units",
    "evolve",
    "format_product_code",
    "generate_rows",
    "is_valid_product_code",
    "parse_event",
    "parse_product_code",
    "replay",
    "total_stock",
]

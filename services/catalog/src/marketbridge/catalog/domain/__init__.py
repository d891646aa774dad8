"""The pure catalog domain: the event-sourced Product aggregate (no I/O).

Entry points: `decide(state, command, *, company_name) -> Decision` and `evolve(state, event) -> Product`.
"""

from marketbridge.catalog.domain.commands import (
    ChangeProductStatus,
    ProductCommand,
    RegisterProduct,
    ReviseProduct,
)
from marketbridge.catalog.domain.events import (
    Change,
    ProductEvent,
    ProductRegistered,
    ProductRevised,
    ProductStatusChanged,
    parse_event,
)
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
from marketbridge.catalog.domain.text_rules import display_units
from marketbridge.catalog.domain.vocabulary import ProductStatus, SaleFlag, Sign, TaxType

__all__ = [
    "BuyerInputName",
    "BuyerInputOptions",
    "Change",
    "ChangeProductStatus",
    "CombinationOptions",
    "Decision",
    "DomainWarning",
    "OptionName",
    "OptionRow",
    "OptionSpec",
    "Product",
    "ProductCommand",
    "ProductEvent",
    "ProductRegistered",
    "ProductRevised",
    "ProductStatus",
    "ProductStatusChanged",
    "RegisterProduct",
    "ReviseProduct",
    "SaleFlag",
    "Sign",
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
]

"""Shared machinery of the five 종합몰/TV-homeshopping emulators (GS SHOP, CJ온스타일, 현대Hmall, 롯데홈쇼핑,
공영홈쇼핑): one in-memory store of sellers, products, order lines, claims and inquiries, a gateway
middleware (faults, call log with per-seller peak rate), XML helpers and the generic admin API. Each
dialect package only adds its own wire format, authentication and error envelope."""

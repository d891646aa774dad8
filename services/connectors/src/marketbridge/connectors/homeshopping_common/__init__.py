"""Shared pieces of the five 종합몰/TV-homeshopping adapters (GS SHOP, CJ온스타일, 현대Hmall, 롯데홈쇼핑,
공영홈쇼핑): HTTP transport with error mapping, XML in any declared charset, KST day windows, the rules
every 종합몰 shares (OPT-1, ADD-3, ORD-CANCEL-2, CAT-NOTICE-4) and courier lookups."""

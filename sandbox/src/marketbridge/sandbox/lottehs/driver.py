"""Driver of the 롯데홈쇼핑 emulator for the contract suite and benchmarks (see CONNECTORS.md)."""

from __future__ import annotations

from marketbridge.sandbox.homeshopping_common.driver import HomeShoppingDriver


class Driver(HomeShoppingDriver):
    prefix = "/lottehs"
    marketplace = "lottehs"

"""Driver of the 현대Hmall emulator for the contract suite and benchmarks (see CONNECTORS.md)."""

from __future__ import annotations

from marketbridge.sandbox.homeshopping_common.driver import HomeShoppingDriver


class Driver(HomeShoppingDriver):
    prefix = "/hmall"
    marketplace = "hmall"

"""ESM delivery company codes (5-digit ints) the emulator accepts (subset of the ~180 official ones)."""

from __future__ import annotations

COMPANIES: dict[int, str] = {
    10013: "CJ대한통운",
    10007: "한진택배",
    10008: "롯데택배",
    10005: "우체국택배",
    10003: "로젠택배",
    10022: "DHL",
    10023: "FedEx",
    10036: "EMS",
    10031: "직접배송",
    10039: "우리택배",
    10143: "농협택배",
}


def name(code: int | None) -> str | None:
    return COMPANIES.get(code) if code is not None else None

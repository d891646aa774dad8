"""ESM delivery company codes (5-digit ints) the emulator lists at `GET /item/v1/shipping/delivery-company` and
accepts on invoices. The first block is the public record (spec esm.md §4); the rest of ESM's ~180 codes
are not public, so the codes of the second block are (modelled) — our adapter never hard-codes them: it
reads this list and matches couriers by name, as it does against the real ESM."""

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
    # (modelled) codes for couriers the public record names without a code
    10011: "경동택배",
    10014: "대신택배",
    10015: "일양로지스",
    10016: "천일택배",
    10017: "합동택배",
    10018: "GS Postbox 택배",
    10019: "CU 편의점택배",
    10020: "건영택배",
    10021: "호남택배",
    10024: "UPS",
    10025: "TNT",
    10026: "SLX택배",
}


def name(code: int | None) -> str | None:
    return COMPANIES.get(code) if code is not None else None


def listing() -> dict[str, object]:
    """The answer of the courier list call."""
    companies = [{"deliveryCompCode": code, "deliveryCompName": label} for code, label in COMPANIES.items()]
    return {"deliveryCompanies": companies, "resultCode": 0, "message": None}

"""Our carrier codes (marketbridge `Carrier` values) <-> ESM `DeliveryCompanyCode` (5-digit ints).

Only the codes the public record shows (spec esm.md §4: 10013 CJ대한통운, 10007 한진, 10008 롯데, 10005 우체국,
10003 로젠, 10022 DHL, 10023 FedEx, 10036 EMS, 10143 농협). ESM's ~180-code list (`GET /item/v1/shipping/
delivery-company`) holds the rest; until it is captured, other carriers are refused by name."""

from __future__ import annotations

from marketbridge.connectors.errors import PermanentMarketplaceError

TO_ESM: dict[str, int] = {
    "CJ_LOGISTICS": 10013,
    "HANJIN": 10007,
    "LOTTE": 10008,
    "EPOST": 10005,
    "LOGEN": 10003,
    "DHL": 10022,
    "FEDEX": 10023,
    "EMS": 10036,
    "NONGHYUP": 10143,
}
FROM_ESM: dict[int, str] = {code: ours for ours, code in TO_ESM.items()}
NAMES: dict[str, str] = {
    "CJ대한통운": "CJ_LOGISTICS",
    "한진택배": "HANJIN",
    "롯데택배": "LOTTE",
    "우체국택배": "EPOST",
    "로젠택배": "LOGEN",
    "DHL": "DHL",
    "FedEx": "FEDEX",
    "EMS": "EMS",
    "농협택배": "NONGHYUP",
}


def to_esm(courier_code: str) -> int | None:
    return TO_ESM.get(courier_code)


def require_esm(marketplace: str, courier_code: str, operation: str) -> int:
    code = TO_ESM.get(courier_code)
    if code is None:
        raise PermanentMarketplaceError(
            marketplace,
            "UNMAPPED_COURIER",
            f"G마켓/옥션(ESM)에 매핑된 택배사가 아닙니다: {courier_code}",
            operation=operation,
        )
    return code


def from_esm_name(name: str | None) -> str | None:
    return NAMES.get(name) if name else None

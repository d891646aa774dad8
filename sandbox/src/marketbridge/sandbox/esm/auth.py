"""ESM self-signed JWT (HS256) verification, as sa2.esmplus.com does it.

header {alg: HS256, typ: JWT, kid: <ESM+ master id>}; payload {iss, sub: "sell", aud: "sa.esmplus.com",
iat?, ssi: "A:<auction seller id>,G:<gmarket seller id>"} signed with the master's secret key. Every seller
named in `ssi` must belong to the master of `kid`; a call may only act for a site its `ssi` names.
"""

from __future__ import annotations

from dataclasses import dataclass

import jwt
from marketbridge.sandbox.esm.models import Master
from marketbridge.sandbox.esm.state import EsmState

AUDIENCE = "sa.esmplus.com"
NO_RIGHT = "The user does not have right access to the api"


class EsmAuthError(Exception):
    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


@dataclass(slots=True)
class EsmContext:
    master: Master
    sellers: dict[str, str]  # site ("A" / "G") -> site seller id, as named in ssi


def parse_ssi(ssi: str) -> dict[str, str]:
    sellers: dict[str, str] = {}
    for part in ssi.split(","):
        site, sep, seller = part.strip().partition(":")
        if not sep or site not in ("A", "G") or not seller or site in sellers:
            raise EsmAuthError(f"invalid ssi: {ssi}")
        sellers[site] = seller
    return sellers


def authenticate(state: EsmState, authorization: str) -> EsmContext:
    if authorization[:7].lower() != "bearer ":
        raise EsmAuthError("Authorization Bearer token is required")
    token = authorization[7:].strip()
    try:
        header = jwt.get_unverified_header(token)
    except jwt.PyJWTError:
        raise EsmAuthError("invalid token") from None
    if header.get("alg") != "HS256":
        raise EsmAuthError("alg must be HS256")
    master = state.masters.get(str(header.get("kid") or ""))
    if master is None or master.revoked:
        raise EsmAuthError("unknown or revoked kid (ESM+ master id)")
    try:
        claims = jwt.decode(
            token,
            master.secret_key,
            algorithms=["HS256"],
            audience=AUDIENCE,
            options={"require": ["iss", "sub", "aud", "ssi"], "verify_iat": False, "verify_exp": False},
        )
    except jwt.PyJWTError as exc:
        raise EsmAuthError(f"token verification failed: {type(exc).__name__}") from None
    if claims.get("sub") != "sell":
        raise EsmAuthError("sub must be 'sell'")
    sellers = parse_ssi(str(claims.get("ssi") or ""))
    for site, seller in sellers.items():
        if master.sellers.get(site) != seller:
            raise EsmAuthError(f"seller {seller} is not linked to master {master.master_id}")
    return EsmContext(master, sellers)


def permission_for(path: str) -> str:
    if path.startswith("/shipping/"):
        return "shipping"
    if path.startswith("/claim/"):
        return "claim"
    if path.startswith("/item/v1/communications/"):
        return "cs"
    if path.startswith("/assist/"):
        return "assist"
    return "item"

"""Base class of every integration message payload, and the registry that names them."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict

REGISTRY: dict[str, type[Message]] = {}


class Message(BaseModel):
    """An integration event or command payload. `TYPE` is `<context>.<name>.v<major>`; messages routed to
    one marketplace's connector worker get the marketplace appended (`routing_key(marketplace)`)."""

    model_config = ConfigDict(frozen=True, extra="ignore")
    TYPE: ClassVar[str]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        type_name = cls.__dict__.get("TYPE")
        if type_name:
            REGISTRY[type_name] = cls

    @classmethod
    def routing_key(cls, marketplace: str | None = None) -> str:
        return f"{cls.TYPE}.{marketplace}" if marketplace else cls.TYPE

    @classmethod
    def matches(cls, type_: str) -> bool:
        return type_ == cls.TYPE or type_.startswith(cls.TYPE + ".")


def base_type(routing_key: str) -> str:
    """`fulfillment.invoice_send_requested.v1.naver` → `fulfillment.invoice_send_requested.v1`."""
    parts = routing_key.split(".")
    for i, part in enumerate(parts):
        if part.startswith("v") and part[1:].isdigit():
            return ".".join(parts[: i + 1])
    return routing_key

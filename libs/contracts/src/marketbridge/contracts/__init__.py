"""MarketBridge integration contracts: the envelope and the schemas of every event and command that
crosses a service boundary. Pydantic only; no runtime behaviour."""

from marketbridge.contracts.envelope import Envelope, new_message_id

__all__ = ["Envelope", "new_message_id"]

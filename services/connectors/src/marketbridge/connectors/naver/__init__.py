"""Naver Commerce API (스마트스토어) adapter."""

from marketbridge.connectors.naver.adapter import NaverAdapter
from marketbridge.connectors.naver.auth import NaverCredentials, client_secret_sign

__all__ = ["NaverAdapter", "NaverCredentials", "client_secret_sign"]

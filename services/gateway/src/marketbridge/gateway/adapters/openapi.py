"""One OpenAPI document for the whole public API: the gateway's own paths plus, for each service, the
paths the route table gives it and the components they use. Service documents are fetched through the
same transports as requests, cached, and fetched again while a service is unavailable."""

from __future__ import annotations

import asyncio
import copy
import time
from collections.abc import Callable, Mapping
from typing import Any

import httpx
import structlog
from marketbridge.gateway.adapters.upstream import Upstreams
from marketbridge.gateway.domain import routes

log = structlog.get_logger(__name__)

Document = dict[str, Any]
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
SECURITY_SCHEME = "OAuth2PasswordBearer"


class MergedOpenApi:
    def __init__(
        self,
        upstreams: Upstreams,
        own: Callable[[], Document],
        *,
        cache_seconds: float,
        timeout: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._upstreams, self._own, self._clock = upstreams, own, clock
        self._cache_seconds, self._timeout = cache_seconds, timeout
        self._docs: dict[str, tuple[float, Document]] = {}
        self._merged: Document | None = None
        self._lock = asyncio.Lock()

    def _services(self) -> list[str]:
        return [s for s in routes.SERVICES if s in self._upstreams.services]

    async def document(self) -> Document:
        async with self._lock:
            now = self._clock()
            stale = [s for s in self._services() if s not in self._docs or now - self._docs[s][0] >= self._cache_seconds]
            fetched = await asyncio.gather(*(self._fetch(s) for s in stale))
            for service, doc in zip(stale, fetched, strict=True):
                if doc is None:
                    self._docs.pop(service, None)
                else:
                    self._docs[service] = (now, doc)
            if stale or self._merged is None:
                docs = {s: self._docs[s][1] for s in self._services() if s in self._docs}
                unavailable = [s for s in self._services() if s not in self._docs]
                self._merged = merge(self._own(), docs, unavailable)
            return self._merged

    async def _fetch(self, service: str) -> Document | None:
        try:
            response = await self._upstreams.client(service).get("/openapi.json", timeout=self._timeout)
            response.raise_for_status()
            doc = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            log.warning("openapi_fetch_failed", service=service, error=type(exc).__name__)
            return None
        return doc if isinstance(doc, dict) else None


def merge(own: Document, services: Mapping[str, Document], unavailable: list[str]) -> Document:
    doc = copy.deepcopy(own)
    paths: dict[str, Any] = doc.setdefault("paths", {})
    components: dict[str, dict[str, Any]] = doc.setdefault("components", {})
    for service, original in services.items():
        spec = _without_conflicts(service, original, components)
        for path, item in spec.get("paths", {}).items():
            if routes.owner_of(path) == service and path not in paths:
                paths[path] = _public(item)
        for section, items in spec.get("components", {}).items():
            for name, value in items.items():
                components.setdefault(section, {}).setdefault(name, value)
        _merge_tags(doc, spec.get("tags", []))
    if unavailable:
        doc["x-marketbridge-unavailable-services"] = sorted(unavailable)
    return doc


def _public(item: dict[str, Any]) -> dict[str, Any]:
    """As the public sees the operation: bearer auth instead of the gateway's internal X-MB-* headers."""
    item = copy.deepcopy(item)
    item["parameters"] = _without_internal(item.get("parameters", []))
    if not item["parameters"]:
        del item["parameters"]
    for method in HTTP_METHODS:
        operation = item.get(method)
        if isinstance(operation, dict):
            operation["parameters"] = _without_internal(operation.get("parameters", []))
            operation["security"] = [{SECURITY_SCHEME: []}]
    return item


def _without_internal(parameters: list[Any]) -> list[Any]:
    def internal(p: Any) -> bool:
        return isinstance(p, dict) and p.get("in") == "header" and str(p.get("name", "")).lower().startswith("x-mb-")

    return [p for p in parameters if not internal(p)]


def _without_conflicts(service: str, spec: Document, merged: dict[str, dict[str, Any]]) -> Document:
    """Renames a service's component that differs from a same-named one already merged (`<service>_<Name>`)."""
    renames: dict[str, str] = {}
    for _ in range(20):
        current: Document = _rename(spec, renames)
        found = {
            f"#/components/{section}/{name}": f"#/components/{section}/{service}_{name}"
            for section, items in current.get("components", {}).items()
            for name, value in items.items()
            if name in merged.get(section, {}) and merged[section][name] != value
        }
        if not found:
            return current
        renames.update({_original(ref, renames): new for ref, new in found.items()})
    renamed: Document = _rename(spec, renames)
    return renamed


def _original(ref: str, renames: dict[str, str]) -> str:
    return next((old for old, new in renames.items() if new == ref), ref)


def _rename(value: Any, renames: dict[str, str]) -> Any:
    if not renames:
        return value
    if isinstance(value, list):
        return [_rename(v, renames) for v in value]
    if not isinstance(value, dict):
        return value
    out = {k: renames.get(v, v) if k == "$ref" and isinstance(v, str) else _rename(v, renames) for k, v in value.items()}
    components = out.get("components")
    if isinstance(components, dict):
        out["components"] = {
            section: {_renamed_key(section, name, renames): v for name, v in items.items()}
            for section, items in components.items()
        }
    return out


def _renamed_key(section: str, name: str, renames: dict[str, str]) -> str:
    return renames.get(f"#/components/{section}/{name}", f"#/components/{section}/{name}").rsplit("/", 1)[1]


def _merge_tags(doc: Document, tags: list[Any]) -> None:
    known = {t.get("name") for t in doc.get("tags", []) if isinstance(t, dict)}
    for tag in tags:
        if isinstance(tag, dict) and tag.get("name") not in known:
            doc.setdefault("tags", []).append(tag)
            known.add(tag.get("name"))

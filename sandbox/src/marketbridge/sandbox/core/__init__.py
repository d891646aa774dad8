"""Dialect-agnostic building blocks of the sandbox: time formats, orjson responses, faults, call log,
rate limiting, synthetic Korean data and an in-process server helper."""

"""Gateway adapters: tables and repository, password hashing, tokens, upstream services, OpenAPI merge."""

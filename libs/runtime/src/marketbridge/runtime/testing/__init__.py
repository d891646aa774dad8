"""Test support: real PostgreSQL databases and RabbitMQ namespaces, created per run and removed after."""

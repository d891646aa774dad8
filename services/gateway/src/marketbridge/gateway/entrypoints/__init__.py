"""HTTP and command-line entrypoints of the gateway."""

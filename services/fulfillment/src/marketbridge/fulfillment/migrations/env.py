from marketbridge.fulfillment.adapters.tables import metadata
from marketbridge.runtime.migrations import run_env

run_env(metadata)

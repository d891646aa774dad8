"""`python -m marketbridge.gateway serve | migrate | create-owner --tenant-name … --email … --password …`."""

from marketbridge.gateway.entrypoints.cli import main

raise SystemExit(main())

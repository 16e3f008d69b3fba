"""The bundled reference case system: a small aiohttp service implementing the contract in
docs/case-system.openapi.yaml, so the product runs on one machine and tests have a real peer.
`python -m case_system --host 127.0.0.1 --port 5080`."""

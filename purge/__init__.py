"""The scheduled purge, a process of its own: applies the retention policy (retention.py) to the
tracker store, the handoff store, the outbox and the ended sessions.
`python -m purge.once` runs it once; `python -m purge.service` runs it on a schedule."""

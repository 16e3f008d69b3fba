"""Durable local store of submitted applications (the outbox the delivery worker reads)."""

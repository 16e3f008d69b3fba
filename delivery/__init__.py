"""Delivery of submitted applications from the outbox to the case system (issue 4).

- `signing`: the HMAC signature both sides compute.
- `body`: the outbox record turned into the contract's body (docs/case-system.openapi.yaml).
- `client`: sends one application and classifies the answer.
- `queue`: claim/lease/record operations on the outbox table.
- `worker`: `python -m delivery.worker`, the delivery loop.
- `admin`: `python -m delivery.admin {list,show,retry,export}` for staff.
"""

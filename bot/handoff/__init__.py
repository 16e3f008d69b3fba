"""Handing a conversation to a person: the queue, the operators, the hours, the audit trail."""

"""The handoff queue, its audit trail, the operators and their hours: written by the action server, read by the Rasa server's console."""

"""Rasa input channels for residents.

Both channels wrap Rasa's own (REST and socket.io) so that every message a resident sends
passes through :mod:`bot.channels.sanitise` before Rasa sees it.
"""

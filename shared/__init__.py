"""Code that neither server owns: the settings, the stores both servers and the services use
(handoff queue, outbox), the contracts between the assistant and the case system, and the
safeguarding reader (no Rasa import anywhere here)."""

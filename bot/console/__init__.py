"""The operator console: staff take conversations from the assistant, chat, and hand back."""

"""The scale-out test starts its own stack (launcher/scaled/); `model_path` comes from tests/conftest.py."""

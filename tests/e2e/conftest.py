"""The e2e tests use the shared live product: `stack` and `sender` in tests/conftest.py."""

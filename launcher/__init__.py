"""For whoever runs the product on one machine: `make run` (python -m launcher.run) trains if
needed and starts every service under one supervisor. Not deployed with the product."""

"""For developers: benchmarks. `make bench` runs bench.run (the load benchmark against a bare Rasa baseline)."""

"""Development tooling, the top layer of the import contracts: the fictional demo (`demo/`, one module per app label,
loaded by `seed_demo`), the volume generator (`volume/`, `generate_volume`), the benchmarks (`benchmarks/`, one module
per app label plus the measurement at volume, `benchmark`) and the load test (`loadtest/`, `loadtest`).

Only those management commands and the tests import it; production code never does (import-linter holds that line).
"""

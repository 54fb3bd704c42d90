"""The acceptance tests here run against a served app (bench/bench_openapi.py, the acceptance
harness), never as part of `pytest tests`: they need ACCEPTANCE_BASE_URL and a generated app."""

collect_ignore_glob = ["acceptance/*", "heldout/*"]

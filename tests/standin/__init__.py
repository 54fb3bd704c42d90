"""pytest fixtures for the GitHub stand-in (`bot/standin`): see `tests/standin/fixtures.py`."""

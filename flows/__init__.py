"""Prefect flows: thin orchestration around the `pipeline` library."""

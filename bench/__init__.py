"""Benchmarks of the pipeline (`make bench`): generated inputs, measured in child processes. Not installed."""

"""Benchmarks (`make bench`): each prints its figures beside a raw baseline measured in the same run and
writes them to bench/results/latest.json as a list of {"name", "value", "unit"}."""

"""Benchmarks: accuracy on public corpora and throughput/memory, each next to a baseline run alongside."""

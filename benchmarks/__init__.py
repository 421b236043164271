"""Benchmarks of issue 6: speed at scale, measured against the floor. See README.md."""

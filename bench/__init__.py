"""Benchmarks of the Lunova meetings service: `make bench` (see README.md here)."""

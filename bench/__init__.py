"""Benchmarks: `python -m bench [--only NAME ...] [--size quick|full] [--out FILE]`. Never run by pytest."""

"""Benchmarks of the Học vụ số site build (issue 7). Not part of the test suite; see README.md."""

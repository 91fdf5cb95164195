"""Throughput and latency harness for zonewatch (``make bench``); separate from the test suite."""

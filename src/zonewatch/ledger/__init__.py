"""The ledger: documents, projects merged across sources, findings and reviews in SQLite or PostgreSQL.

The public API is :mod:`zonewatch.ledger.query` (its docstring lists every function).
"""

"""Scaling out: extraction distributed over Dask workers, with the ledger's writes kept on the driver."""

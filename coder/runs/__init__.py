"""Batch runs: parts and manifest, worker processes, progress, the Dask engine."""

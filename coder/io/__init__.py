"""Input and output: reading articles, the event schema, writing Parquet or JSONL atomically."""

"""Use cases: what the CLI and the API do, written once (ingest; retraction next)."""

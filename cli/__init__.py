"""The `kg` command line (the only package that imports typer)."""

"""`python -m kg.cli`: the same as the `kg` command."""

from kg.cli.main import run

run()

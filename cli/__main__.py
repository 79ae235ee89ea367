"""`python -m cli`: the same as the `kg` command."""

from cli.main import run

run()

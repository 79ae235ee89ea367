"""kg.ingest_dask without a cluster: its sentences, an address that is none, and Dask
imported only when a cluster is asked for (`kg ingest` without it works, and `--scheduler`
says what to install). The cluster itself: tests/integration/test_ingest_dask.py."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from kg.ingest_dask import (
    MISSING,
    PREPARE_MODULES,
    WRITTEN,
    ClusterUnavailable,
    code_files,
    on_dask,
    one_sentence,
    task_failure,
    unreachable,
)

ROOT = Path(__file__).resolve().parents[3]
NO_DASK = "import sys; sys.modules['distributed'] = None; sys.modules['dask'] = None; "


def _python(code: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True)


def test_a_message_becomes_a_clause_of_one_sentence() -> None:
    assert one_sentence("Bad input.\nSee the log. Or not.  ") == "Bad input; See the log; Or not"
    assert one_sentence("x" * 300) == "x" * 200
    said = task_failure(KeyError("article"))
    assert said == f"An ingest task failed on a Dask worker (KeyError: 'article'); {WRITTEN}"
    assert said.count(". ") == 0 and said.endswith(".")
    assert task_failure(RuntimeError()).startswith("An ingest task failed on a Dask worker (RuntimeError); ")  # fmt: skip


def test_a_scheduler_that_does_not_answer_is_one_sentence() -> None:
    exc = OSError("Timed out trying to connect to tcp://h:8786 after 10 s")
    assert unreachable("tcp://h:8786", exc, 10.0) == (
        "Cannot reach the Dask scheduler at tcp://h:8786: no answer in 10 s."
    )
    refused = ConnectionRefusedError("Connection refused")
    assert unreachable("tcp://h:1", refused, 3).endswith(": connection refused.")


@pytest.mark.parametrize("address", ["nonsense", "tcp://host", "foo://h:1"])
def test_what_is_not_an_address_is_said_at_once(address: str) -> None:
    pytest.importorskip("distributed")
    with pytest.raises(ClusterUnavailable) as said, on_dask(address):
        pass
    assert str(said.value).startswith(f"{address} is not a Dask scheduler address like tcp://HOST:8786 (")  # fmt: skip


def test_kg_ingest_imports_no_dask_without_a_scheduler() -> None:
    code = (
        "import sys, cli.main, kg.services.ingest, kg.ingest, kg.wiring, cli.ingest_cmd; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))"
    )
    done = _python(code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_without_dask_the_scheduler_option_names_the_extra(tmp_path: Path) -> None:
    run = f"sys.argv = ['kg', '--store', {str(tmp_path / 's')!r}, 'ingest', '--scheduler', 'tcp://127.0.0.1:1', 'x']; "  # fmt: skip
    done = _python(NO_DASK + run + "from cli.main import run; run()")
    assert done.returncode == 2, done.stderr
    assert " ".join(done.stderr.split()) == f"error: {MISSING}"
    alone = _python(NO_DASK + "from kg.ingest_dask import on_dask\nwith on_dask('tcp://h:1'): pass")
    assert alone.stderr.strip().splitlines()[-1] == f"kg.ingest_dask.ClusterUnavailable: {MISSING}"


def test_the_fingerprint_holds_what_prepares_an_article() -> None:
    """kg.prepare's and kg.ingest_workers' own imports from kg/ are in PREPARE_MODULES."""
    imported = {
        node.module
        for name in ("prepare", "ingest_workers")
        for node in ast.walk(ast.parse((ROOT / "kg" / f"{name}.py").read_text()))
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("kg.")
    }
    assert imported <= set(PREPARE_MODULES)
    names = {f"{p.parent.name}/{p.name}" for p in code_files()}
    assert {"extraction/extractor.py", "ontology/shapes.ttl", "kg/prepare.py"} <= names


def test_jobs_and_a_scheduler_do_not_go_together(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from cli import main
    from cli.common import CliError

    main._register()
    args = ["--store", str(tmp_path / "s"), "ingest", "--jobs", "2", "--scheduler", "tcp://h:1"]
    result = CliRunner().invoke(main.app, [*args, str(ROOT / "tests" / "fixtures" / "articles")])
    assert isinstance(result.exception, CliError) and result.exception.code == 2
    assert str(result.exception) == (
        "--jobs and --scheduler do not go together: the cluster's workers extract."
    )
    assert not (tmp_path / "s").exists()

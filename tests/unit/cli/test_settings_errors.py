"""A setting the environment gets wrong is one sentence naming the variable and exit code
2 for every `kg` command, never a pydantic traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize(
    ("variable", "value", "said"),
    [
        ("KG_MIN_CONFIDENCE", "abc", "KG_MIN_CONFIDENCE: Input should be a valid number"),
        ("KG_PARSER", "stanza", "KG_PARSER: Input should be 'none' or 'spacy'"),
    ],
)
def test_a_bad_setting_is_one_sentence(variable: str, value: str, said: str) -> None:
    env = {**os.environ, variable: value}
    done = subprocess.run(
        [sys.executable, "-m", "cli", "lookup", "Xi"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert said in done.stderr
    assert "Traceback" not in done.stderr + done.stdout

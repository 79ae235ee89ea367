"""The notebook client's own errors, with no server: the missing optional extra is one
sentence saying how to install it, and an answer that is not a problem still gives one."""

from __future__ import annotations

import sys

import pytest

from client.errors import GeokgError, MissingExtra, problem_error
from client.neighbourhood import Neighbourhood

ANSWER = {
    "centre": "CHN",
    "at": "1961",
    "years": 10,
    "events_from": "1951-01-01",
    "events_to": "1961-12-31",
    "nodes": [{"id": "CHN", "kind": "State", "name": "China", "centre": True}],
    "edges": [],
}


@pytest.mark.parametrize("module", ["pandas", "networkx"])
def test_a_missing_extra_says_how_to_install_it(
    module: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # what `import` meets when it is absent
    with pytest.raises(MissingExtra) as missing:
        hood = Neighbourhood(ANSWER)
        hood.to_networkx() if module == "networkx" else hood.nodes
    message = str(missing.value)
    assert message.count(".") <= 2 and "\n" not in message  # one sentence
    assert module in message and "pip install 'geokg[client]'" in message
    assert isinstance(missing.value, ImportError)


def test_a_problem_gives_its_title_and_detail() -> None:
    body = {"type": "about:blank", "title": "Unknown state", "status": 404, "detail": "no NKR"}
    error = problem_error(404, body, "Not Found", "http://h/timeline/CHN/NKR")
    assert (error.status, error.title, error.detail) == (404, "Unknown state", "no NKR")
    assert str(error) == "404 Unknown state: no NKR (http://h/timeline/CHN/NKR)"


def test_an_answer_that_is_no_problem_gives_the_reason_and_the_body() -> None:
    error = problem_error(502, "<html>Bad gateway</html>", "Bad Gateway", "http://h/health")
    assert isinstance(error, GeokgError)
    assert (error.status, error.title, error.detail) == (
        502,
        "Bad Gateway",
        "<html>Bad gateway</html>",
    )
    assert problem_error(500, "", "Internal Server Error", "u").detail == "no detail in the answer"

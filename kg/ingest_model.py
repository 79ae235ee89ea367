"""What the record step of ingest takes and gives (kg.ingest re-exports them): the items in,
an article's report and the run's totals out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from rdflib import Graph

from loaders.article import Article
from loaders.errors import LoadError
from loaders.extraction.model import Extraction
from loaders.sources import FileInput

Status = Literal["new", "replaced", "unchanged"]
Extractor = Callable[[Article], Extraction]
Rejected = tuple[str, str]  # (input, reason): an item that did not load or validate


@dataclass(frozen=True)
class ArticleGraph:
    """An article's facts built as a graph already (a dataset loader's rows), to be validated
    and stored as the named graph `{base}article/{article_id}`, as an extracted article is."""

    article_id: str
    graph: Graph
    source: str = ""


Item = Article | ArticleGraph | LoadError
Input = Item | FileInput  # a FileInput is read where it is prepared (kg.ingest_workers)


@dataclass
class ArticleReport:
    """What one article contributed."""

    article_id: str
    article_iri: str
    status: Status
    events: int
    new_events: int
    corroborated_events: int
    extraction: Extraction | None  # None for an ArticleGraph
    known_events: int = 0  # in the record already, from an earlier version of this article
    # refinement graph -> kept (not dropped): those written with it (in a batch of many
    # articles, those the batch wrote in this article's groups)
    derived: dict[str, bool] = field(default_factory=dict)


Outcome = ArticleReport | Rejected


@dataclass
class IngestSummary:
    """Totals over one `kg ingest` run; `rejected` holds (input, reason) pairs."""

    articles: int = 0
    new: int = 0
    replaced: int = 0
    unchanged: int = 0
    events: int = 0
    new_events: int = 0
    corroborated_events: int = 0
    known_events: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)

    def add(self, report: ArticleReport) -> None:
        self.articles += 1
        setattr(self, report.status, getattr(self, report.status) + 1)
        self.events += report.events
        self.new_events += report.new_events
        self.corroborated_events += report.corroborated_events
        self.known_events += report.known_events

    def count(self, outcome: Outcome) -> None:
        """Add a report, or a rejected item."""
        if isinstance(outcome, tuple):
            self.rejected.append(outcome)
        else:
            self.add(outcome)

"""An article read back from its named graph, as the API's ArticlePublic
(kg.queries.article_facts reads it)."""

from __future__ import annotations

from api.schemas import ArticlePublic
from kg.queries.article_facts import article_facts
from kg.stores.base import RecordStore


def read_article(store: RecordStore, base_iri: str, art_id: str) -> ArticlePublic | None:
    """The article with this id, or None when the store has no such article graph."""
    found = article_facts(store, base_iri, art_id)
    return None if found is None else ArticlePublic.model_validate(found)

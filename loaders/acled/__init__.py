"""ACLED's CSV export (docs/loaders.md, "ACLED"): rows of the published file mapped onto the
ontology's event types, states, organizations and non-state actors, as plain records; no store
and no RDF here."""

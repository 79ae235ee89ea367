"""GDELT 2.0 events export (docs/loaders.md, "GDELT"): rows of the published file mapped onto
the ontology's event types and states, as plain records; no store and no RDF here."""

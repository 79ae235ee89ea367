"""The geokg ontology, SHACL shapes, closed vocabulary and reference data files."""

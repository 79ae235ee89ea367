"""Loaders: articles in, extraction JSON and RDF graphs out; never touches a store."""

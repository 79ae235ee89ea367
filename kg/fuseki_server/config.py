"""The Fuseki server's configuration: one dataset, TDB2 in a folder, with the union of its
named graphs as the default graph (what the record's queries read) and the endpoints geokg
uses, named as Fuseki names them. Pure text; the launcher writes it into its home folder."""

from __future__ import annotations

from pathlib import Path

DATASET = "geokg"
CONFIG_FILE = "fuseki-config.ttl"

_TEMPLATE = """\
# Written by geokg's Fuseki launcher (kg/fuseki_server/config.py): regenerated at each start.
PREFIX fuseki: <http://jena.apache.org/fuseki#>
PREFIX rdf:    <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX tdb2:   <http://jena.apache.org/2016/tdb#>

[] rdf:type fuseki:Server .

<#service> rdf:type fuseki:Service ;
    fuseki:name "{dataset}" ;
    fuseki:endpoint [ fuseki:operation fuseki:query ; fuseki:name "query" ] ;
    fuseki:endpoint [ fuseki:operation fuseki:query ; fuseki:name "sparql" ] ;
    fuseki:endpoint [ fuseki:operation fuseki:update ; fuseki:name "update" ] ;
    fuseki:endpoint [ fuseki:operation fuseki:gsp-rw ; fuseki:name "data" ] ;
    fuseki:endpoint [ fuseki:operation fuseki:query ] ;
    fuseki:endpoint [ fuseki:operation fuseki:update ] ;
    fuseki:endpoint [ fuseki:operation fuseki:gsp-rw ] ;
    fuseki:dataset <#dataset> .

# The default graph of queries is the union of the named graphs, as in the embedded store.
<#dataset> rdf:type tdb2:DatasetTDB2 ;
    tdb2:location "{location}" ;
    tdb2:unionDefaultGraph true .
"""


def config_text(location: Path, dataset: str = DATASET) -> str:
    """The assembler configuration of one TDB2 dataset at `location`, served as /`dataset`."""
    quoted = str(location.resolve()).replace("\\", "\\\\").replace('"', '\\"')
    return _TEMPLATE.format(dataset=dataset, location=quoted)

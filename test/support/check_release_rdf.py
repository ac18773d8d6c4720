"""Parses a release's graph.ttl with rdflib and says, for each fact given on stdin (JSON: subject,
predicate, object, source IRIs and the evidence text), whether one rdf:Statement carries all five.
Prints JSON: {"statements": <number of rdf:Statement>, "found": [true|false, ...]}."""
import json
import sys

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF

graph = Graph()
graph.parse(sys.argv[1], format="turtle")
evidence = URIRef(sys.argv[2])
facts = json.load(sys.stdin)


def carried(fact):
    for statement in graph.subjects(RDF.subject, URIRef(fact["subject"])):
        if (
            (statement, RDF.predicate, URIRef(fact["predicate"])) in graph
            and (statement, RDF.object, URIRef(fact["object"])) in graph
            and (statement, PROV.wasDerivedFrom, URIRef(fact["source"])) in graph
            and (statement, evidence, Literal(fact["evidence"])) in graph
            and (URIRef(fact["subject"]), URIRef(fact["predicate"]), URIRef(fact["object"])) in graph
        ):
            return True
    return False


print(json.dumps({"statements": len(set(graph.subjects(RDF.type, RDF.Statement))), "found": [carried(f) for f in facts]}))

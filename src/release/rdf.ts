// The graph as RDF 1.1 Turtle. Nodes become resources with one triple per property; each
// relationship is the direct triple (subject, type, object) plus an rdf:Statement that reifies it
// and keeps the relationship's properties: its source (prov:wasDerivedFrom), evidence, dates and
// certainty stay attached to that one fact, as they are on the edge in Neo4j.
import { type GraphNode, type GraphRelationship, type NodeRef, type PropertyValue, type ReleaseGraph, ReleaseError, type Scalar, scalarText, scalarType } from "./graph.ts";

export const NAMESPACE = "urn:china-llm-graph:";
export const VOCABULARY = `${NAMESPACE}vocab:`;
const PREFIXES = {
  clg: VOCABULARY,
  rdf: "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
  xsd: "http://www.w3.org/2001/XMLSchema#",
  prov: "http://www.w3.org/ns/prov#",
};

/** A node's IRI: its id space and id, percent-encoded. */
export const nodeIri = (ref: NodeRef) => `${NAMESPACE}${ref.idSpace.toLowerCase()}:${encodeURIComponent(ref.id)}`;

/** Properties that name a Source: written as links to it, not as text. */
const SOURCE_LINKS: Record<string, string> = { sourceId: "prov:wasDerivedFrom", citedSourceId: "clg:citedSource", corroboratingSourceIds: "clg:corroboratingSource" };
const LANGUAGE: Record<string, string> = { nameZhHans: "zh-Hans", nameZhHant: "zh-Hant" };
const XSD = { long: "xsd:integer", double: "xsd:double", boolean: "xsd:boolean", date: "xsd:date", datetime: "xsd:dateTime" } as const;

function term(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new ReleaseError(`'${name}' cannot be an RDF term of the release's vocabulary`);
  return `clg:${name}`;
}

/** A Turtle string: the four characters the grammar forbids in "..." escaped, and other controls as \\u. */
export function turtleString(text: string): string {
  let escaped = "";
  for (const c of text) {
    const code = c.codePointAt(0)!;
    escaped += ESCAPES[c] ?? (code < 0x20 || code === 0x7f ? `\\u${code.toString(16).padStart(4, "0")}` : c);
  }
  return `"${escaped}"`;
}
const ESCAPES: Record<string, string> = { "\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t" };

function literal(value: Scalar, property: string): string {
  const type = scalarType(value);
  if (type === "string") return turtleString(value as string) + (LANGUAGE[property] ? `@${LANGUAGE[property]}` : "");
  return `${turtleString(scalarText(value))}^^${XSD[type]}`;
}

function propertyObjects(key: string, value: PropertyValue): [string, string[]] {
  const values = Array.isArray(value) ? value : [value];
  if (SOURCE_LINKS[key]) return [SOURCE_LINKS[key], values.map((v) => `<${nodeIri({ idSpace: "Source", id: String(v) })}>`)];
  return [term(key), values.map((v) => literal(v, key))];
}

function block(subject: string, pairs: [string, string[]][]): string {
  const lines = pairs.filter(([, objects]) => objects.length > 0).map(([p, objects]) => `    ${p} ${objects.join(", ")}`);
  return `${subject}\n${lines.join(" ;\n")} .\n`;
}

function nodeBlock(node: GraphNode): string {
  const types = node.labels.map(term);
  if (node.idSpace === "Source") types.push("prov:Entity");
  return block(`<${nodeIri(node)}>`, [["a", types], ...Object.entries(node.properties).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => propertyObjects(k, v))]);
}

function relationshipBlock(rel: GraphRelationship, index: number): string {
  const [s, p, o] = [`<${nodeIri(rel.start)}>`, term(rel.type), `<${nodeIri(rel.end)}>`];
  const statement = block(`_:fact${index}`, [
    ["a", ["rdf:Statement"]],
    ["rdf:subject", [s]],
    ["rdf:predicate", [p]],
    ["rdf:object", [o]],
    ...Object.entries(rel.properties).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => propertyObjects(k, v)),
  ]);
  return `${s} ${p} ${o} .\n${statement}`;
}

export function renderTurtle(graph: ReleaseGraph, header: string): string {
  const prefixes = Object.entries(PREFIXES).map(([p, iri]) => `@prefix ${p}: <${iri}> .`).join("\n");
  const comment = header.split("\n").map((line) => `# ${line}`).join("\n");
  return [comment, prefixes, "", ...graph.nodes.map(nodeBlock), ...graph.relationships.map(relationshipBlock)].join("\n");
}

// The type definitions switch off what @neo4j/graphql 7.6 cannot answer on an interface (directives
// in schema/*.graphql; test/library-workarounds.test.ts shows each still fails with them off).
// A field added later must carry the same directive, or the shape comes back as an internal error.
import { Kind, parse, type ConstDirectiveNode, type FieldDefinitionNode } from "graphql";
import { describe, expect, it } from "vitest";
import { readTypeDefs } from "../../src/api/schema.ts";

const document = parse(readTypeDefs());
const objects = document.definitions.filter((d) => d.kind === Kind.OBJECT_TYPE_DEFINITION);
const interfaces = document.definitions.filter((d) => d.kind === Kind.INTERFACE_TYPE_DEFINITION);
const interfaceNames = new Set(interfaces.map((d) => d.name.value));

const directive = (field: FieldDefinitionNode, name: string): ConstDirectiveNode | undefined => field.directives?.find((d) => d.name.value === name);
const argument = (node: ConstDirectiveNode | undefined, name: string) => {
  const value = node?.arguments?.find((a) => a.name.value === name)?.value;
  return value?.kind === Kind.BOOLEAN ? value.value : undefined;
};
const namedType = (field: FieldDefinitionNode): string => {
  let type = field.type;
  while (type.kind !== Kind.NAMED_TYPE) type = type.type;
  return type.name.value;
};

describe("the type definitions' guards for interfaces", () => {
  it("make an interface field that a type computes with @cypher unsortable", () => {
    const checked: string[] = [];
    for (const face of interfaces) {
      const computed = objects
        .filter((o) => o.interfaces?.some((i) => i.name.value === face.name.value))
        .flatMap((o) => (o.fields ?? []).filter((f) => directive(f, "cypher")).map((f) => f.name.value));
      for (const field of face.fields ?? []) {
        if (!computed.includes(field.name.value)) continue;
        checked.push(`${face.name.value}.${field.name.value}`);
        expect(argument(directive(field, "sortable"), "byValue"), `${face.name.value}.${field.name.value} needs @sortable(byValue: false)`).toBe(false);
      }
    }
    expect(checked).toContain("Entity.type");
  });

  it("make a relationship declared on an interface unfilterable", () => {
    const declared = interfaces.flatMap((face) => (face.fields ?? []).filter((f) => directive(f, "declareRelationship")).map((f) => ({ face, f })));
    expect(declared.map(({ face, f }) => `${face.name.value}.${f.name.value}`)).toContain("Entity.mentionedIn");
    for (const { face, f } of declared) {
      const filterable = directive(f, "filterable");
      expect([argument(filterable, "byValue"), argument(filterable, "byAggregate")], `${face.name.value}.${f.name.value}`).toEqual([false, false]);
    }
  });

  it("give a relationship to an interface no aggregate", () => {
    const toInterfaces = objects.flatMap((o) => (o.fields ?? []).filter((f) => directive(f, "relationship") && interfaceNames.has(namedType(f))).map((f) => ({ o, f })));
    expect(toInterfaces.map(({ o, f }) => `${o.name.value}.${f.name.value}`)).toContain("Source.mentions");
    for (const { o, f } of toInterfaces) expect(argument(directive(f, "relationship"), "aggregate"), `${o.name.value}.${f.name.value}`).toBe(false);
  });
});

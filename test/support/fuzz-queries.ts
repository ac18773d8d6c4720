// Generates schema-valid GraphQL queries from a schema, deterministically from a seed, for the API's
// fuzz test (test/api-fuzz.test.ts): random root fields and selections (aliases, fragments on
// interfaces), random arguments and filters, variables with and without defaults, and extreme and
// hostile values (negative, huge, null, empty, unicode, long strings, injection text, cursors that
// are not cursors). Pure: the same schema and seed give the same queries, with no I/O.
import {
  astFromValue,
  getNamedType,
  getNullableType,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  print,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLInterfaceType,
  type GraphQLSchema,
  type ValueNode,
} from "graphql";

/** A small, fast, seeded generator (mulberry32): the same seed gives the same sequence. */
export class Random {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(max: number): number {
    return Math.floor(this.next() * max);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
  /** Up to n distinct items, in their original order. */
  some<T>(items: readonly T[], n: number): T[] {
    const chosen = new Set<number>();
    const want = Math.min(n, items.length);
    while (chosen.size < want) chosen.add(this.int(items.length));
    return [...chosen].sort((a, b) => a - b).map((i) => items[i]!);
  }
}

// Values chosen to break things: bounds, signs, sizes, scripts, escapes and query syntax.
const INTS = [0, 1, 2, 3, 5, 10, 20, 99, 100, 101, 1000, 100000, 2147483647, -1, -5, -100, -2147483648];
const FLOATS = [0, 0.5, 1, -1, 3.14, 1e10, -1e10, 1e-9, 71.1, 2147483648.5];
const LONG = "x".repeat(3000);
const STRINGS = [
  "", " ", "a", "ai", "Zhipu AI", "MiniMax", "智谱", "智譜", "月之暗面", "zhi pu", "zhìpǔ", "😀🔥", "\u0000", "\u202e", "é",
  "x".repeat(201), LONG, "' OR 1=1 //", '") MATCH (n) DETACH DELETE n //', "}) RETURN 1 //", "$x", "\\", '"', "%", "*", "~", "?",
  "AND", "OR NOT", "title:(x)", "[1 TO 9]", "revenue", "USD",
];
const IDS = [
  "zhipu-ai", "minimax", "moonshot-ai", "tsinghua-university", "six-tigers", "alibaba-cloud", "alibaba", "sensetime", "yan-junjie",
  "hong-kong-stock-exchange", "src-article", "no-such-id", "", "../etc/passwd", "zhipu-ai' OR '1'='1", LONG,
];
const DATES = ["2020-01-01", "2024-12-31", "2025-06-30", "2026-01-08", "1900-01-01", "9999-12-31"];
// after: cursors @neo4j/graphql gives out (base64 of arrayconnection:n) and strings that are not.
const CURSORS = [
  Buffer.from("arrayconnection:0").toString("base64"),
  Buffer.from("arrayconnection:3").toString("base64"),
  Buffer.from("arrayconnection:99999").toString("base64"),
  Buffer.from("arrayconnection:-1").toString("base64"),
  "garbage", "", "YXJyYXljb25uZWN0aW9uOg==",
];

export interface FuzzOptions {
  /** Deepest selection below a root field. */
  maxDepth: number;
  /** Deepest nesting of input objects (filters). */
  maxInputDepth: number;
}

export const DEFAULT_FUZZ_OPTIONS: FuzzOptions = { maxDepth: 4, maxInputDepth: 3 };

export interface FuzzQuery {
  query: string;
  variables: Record<string, unknown>;
  /** The root fields asked for, e.g. ["companies", "search"]. */
  roots: string[];
}

type Composite = GraphQLObjectType | GraphQLInterfaceType;

class QueryBuilder {
  private variableDefinitions: string[] = [];
  readonly variables: Record<string, unknown> = {};
  private variableCount = 0;

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly random: Random,
    private readonly options: FuzzOptions,
  ) {}

  get definitions(): string {
    return this.variableDefinitions.length ? `(${this.variableDefinitions.join(", ")})` : "";
  }

  /** A JSON value for an input type: valid for the type, often extreme or hostile. */
  inputValue(type: GraphQLInputType, name: string, depth: number): unknown {
    if (!isNonNullType(type) && this.random.chance(0.08)) return null;
    const inner = getNullableType(type) as GraphQLInputType;
    if (isListType(inner)) {
      const length = this.random.chance(0.03) ? 101 : this.random.pick([0, 1, 1, 2, 3]);
      if (depth >= this.options.maxInputDepth && length > 0 && isInputObjectType(getNamedType(inner.ofType))) return [];
      return Array.from({ length }, () => this.inputValue(inner.ofType, name, depth + 1));
    }
    if (isInputObjectType(inner)) return this.inputObject(inner, depth);
    if (isEnumType(inner)) return this.random.pick(inner.getValues()).name;
    if (isScalarType(inner)) return this.scalar(inner.name, name);
    return null;
  }

  private inputObject(type: GraphQLInputObjectType, depth: number): Record<string, unknown> {
    const fields = Object.values(type.getFields()).filter((f) => !f.deprecationReason);
    const required = fields.filter((f) => isNonNullType(f.type) && f.defaultValue === undefined);
    const deeper = depth < this.options.maxInputDepth;
    const optional = fields.filter((f) => !required.includes(f) && (deeper || isLeafType(getNamedType(f.type))));
    const chosen = [...required, ...this.random.some(optional, this.random.pick([0, 1, 1, 2, 3]))];
    return Object.fromEntries(chosen.map((f) => [f.name, this.inputValue(f.type, f.name, depth + 1)]));
  }

  private scalar(type: string, name: string): unknown {
    switch (type) {
      case "Int":
        return this.random.pick(INTS);
      case "Float":
        return this.random.pick(FLOATS);
      case "Boolean":
        return this.random.chance(0.5);
      case "ID":
        return this.random.pick(IDS);
      case "Date":
        return this.random.pick(DATES);
      default:
        if (name === "after") return this.random.pick(CURSORS);
        return this.random.pick(STRINGS);
    }
  }

  /** An argument's value, written as a literal or as a variable (sometimes with a default). */
  argument(argument: GraphQLArgument): string | null {
    const required = isNonNullType(argument.type) && argument.defaultValue === undefined;
    if (!required && !this.random.chance(0.5)) return null;
    const value = this.inputValue(argument.type, argument.name, 0);
    if (this.random.chance(0.3)) {
      const variable = `v${this.variableCount++}`;
      const typeText = String(argument.type);
      const useDefault = this.random.chance(0.5);
      if (useDefault) {
        const defaultValue = this.literal(value, argument.type);
        // A variable of a non-null type may have a default; it is used when the variable is omitted.
        this.variableDefinitions.push(`$${variable}: ${typeText} = ${defaultValue}`);
        if (this.random.chance(0.3)) this.variables[variable] = this.inputValue(argument.type, argument.name, 0);
      } else {
        this.variableDefinitions.push(`$${variable}: ${typeText}`);
        this.variables[variable] = value;
      }
      return `${argument.name}: $${variable}`;
    }
    return `${argument.name}: ${this.literal(value, argument.type)}`;
  }

  private literal(value: unknown, type: GraphQLInputType): string {
    const node: ValueNode | null | undefined = astFromValue(value, type);
    return node ? print(node) : "null";
  }

  private aliasCount = 0;

  /**
   * A field with its arguments and, for an object, a selection below it. In a fragment every field
   * gets an alias of its own, so it never merges with the same field selected beside the fragment
   * with other arguments (which validation would refuse as a conflict).
   */
  field(field: GraphQLField<unknown, unknown>, depth: number, ownAlias = false): string {
    const args = field.args.filter((a) => !a.deprecationReason || isNonNullType(a.type)).map((a) => this.argument(a)).filter(Boolean);
    const alias = ownAlias || this.random.chance(0.1) ? `a${this.aliasCount++}: ` : "";
    const head = `${alias}${field.name}${args.length ? `(${args.join(", ")})` : ""}`;
    const named = getNamedType(field.type);
    return isLeafType(named) ? head : `${head} ${this.selection(named, depth + 1)}`;
  }

  /** A selection set on an object, interface or union: some fields, sometimes a fragment. */
  selection(type: GraphQLNamedType, depth: number): string {
    if (isAbstractType(type)) {
      const parts = ["__typename"];
      if (!("getFields" in type) || this.random.chance(0.5)) {
        const concrete = this.random.pick(this.schema.getPossibleTypes(type));
        parts.push(`... on ${concrete.name} { ${this.fields(concrete, depth, true).join(" ")} }`);
      }
      if ("getFields" in type) parts.push(...this.fields(type as Composite, depth));
      return `{ ${parts.join(" ")} }`;
    }
    if (!isObjectType(type)) return "{ __typename }";
    return `{ ${this.fields(type, depth).join(" ")} }`;
  }

  private fields(type: Composite, depth: number, ownAliases = false): string[] {
    const all = Object.values(type.getFields()).filter((f) => !f.deprecationReason);
    const leaves = all.filter((f) => isLeafType(getNamedType(f.type)));
    const candidates = depth >= this.options.maxDepth ? leaves : all;
    if (candidates.length === 0) return ["__typename"];
    const chosen = this.random.some(candidates, 1 + this.random.int(4));
    return chosen.map((f) => this.field(f, depth, ownAliases));
  }
}

/** One schema-valid query with its variables, chosen by `random`. */
export function generateQuery(schema: GraphQLSchema, random: Random, options: FuzzOptions = DEFAULT_FUZZ_OPTIONS): FuzzQuery {
  const queryType = schema.getQueryType();
  if (!queryType) throw new Error("the schema has no query type");
  const builder = new QueryBuilder(schema, random, options);
  const roots = random.some(Object.values(queryType.getFields()), random.chance(0.8) ? 1 : 2);
  const body = roots.map((f) => builder.field(f, 0)).join(" ");
  const name = random.chance(0.3) ? ` Fuzz${random.int(100)}` : "";
  const head = name || builder.definitions ? `query${name}${builder.definitions} ` : "";
  return { query: `${head}{ ${body} }`, variables: builder.variables, roots: roots.map((f) => f.name) };
}

/** `count` queries from `seed`: the same seed and schema always give the same list. */
export function generateQueries(schema: GraphQLSchema, seed: number, count: number, options?: FuzzOptions): FuzzQuery[] {
  const random = new Random(seed);
  return Array.from({ length: count }, () => generateQuery(schema, random, options));
}

// Resolvers of the custom queries in schema/30-relational.graphql. Arguments are checked here (a
// metric and its kind are enums, checked by validation) and passed to Cypher as parameters only.
import { MAX_QUERY_LENGTH, searchHits, searchStatement, type SearchHit as SearchHitEntity } from "../graph/search.ts";
import type { GraphQLResolveInfo } from "graphql";
import { expandEntity, hitAnswers, newExpansionBatch, type ExpansionBatch } from "./entity-expansion.ts";
import { ErrorCode, userError } from "./errors.ts";
import { changesSince, checkChangesLimit, parseSince } from "./changes.ts";
import type { GenerationPin } from "./one-generation.ts";
import { parseTimeView } from "./time-view.ts";
import { vocabularies } from "./vocabulary.ts";
import { allShortestConnections, derivedFigureAudit, disagreements, MAX_HOPS, MAX_PATHS, metricSeries, metricSummary, neighbourhood, read, shortestConnection, sourceDigest, type QueryContext } from "./relational.ts";

export interface ApiContext {
  reqId: string;
  /** The generation this request's reads saw (one-generation.ts); query.pin is the same object. */
  pin: GenerationPin;
  query: QueryContext;
  maxPageSize: number;
  /** Called once the request log has this request's line, so the HTTP log does not add a second. */
  onLogged?: () => void;
}

const MAX_COMPARED = 20;

/** The optional date arguments of the relational queries (time-view.ts). */
interface Dated {
  asOf?: unknown;
  knownAt?: unknown;
}

export const resolvers = {
  SearchHit: {
    // The hit's entity, with whatever the client selected under it, from the generated API.
    // Ids, names and type come with the hit; anything more is asked of the generated API.
    entity: (hit: { entity: SearchHitEntity; batch: ExpansionBatch }, _: unknown, ctx: ApiContext, info: GraphQLResolveInfo) =>
      hitAnswers(info) ? { ...hit.entity, __resolveType: hit.entity.type } : expandEntity(hit.batch, hit.entity.id, info, ctx),
  },
  Query: {
    search: async (_: unknown, args: { text: string; limit: number }, ctx: ApiContext) => {
      if (args.text.length > MAX_QUERY_LENGTH) throw userError(`text is longer than ${MAX_QUERY_LENGTH} characters`);
      if (args.limit < 1) throw userError("limit must be at least 1");
      const statement = searchStatement(args.text, args.limit);
      const hits = statement ? searchHits(await read(ctx.query, statement.cypher, statement.params)) : [];
      const batch = newExpansionBatch(hits.map((hit) => hit.id));
      return hits.map(({ score, ...entity }) => ({ score, entity, batch }));
    },

    shortestConnection: async (_: unknown, args: { fromId: string; toId: string; maxHops: number } & Dated, ctx: ApiContext) => {
      if (args.maxHops < 1 || args.maxHops > MAX_HOPS) throw userError(`maxHops must be between 1 and ${MAX_HOPS}`);
      if (args.fromId === args.toId) throw userError("fromId and toId are the same entity");
      return shortestConnection(ctx.query, args.fromId, args.toId, args.maxHops, parseTimeView(args));
    },

    allShortestConnections: async (_: unknown, args: { fromId: string; toId: string; maxHops: number; limit: number } & Dated, ctx: ApiContext) => {
      if (args.maxHops < 1 || args.maxHops > MAX_HOPS) throw userError(`maxHops must be between 1 and ${MAX_HOPS}`);
      if (args.fromId === args.toId) throw userError("fromId and toId are the same entity");
      if (args.limit < 1 || args.limit > MAX_PATHS) throw userError(`limit must be between 1 and ${MAX_PATHS} paths`, ErrorCode.PAGE_SIZE_LIMIT_EXCEEDED);
      return allShortestConnections(ctx.query, args.fromId, args.toId, args.maxHops, args.limit, parseTimeView(args));
    },

    metricSeries: async (_: unknown, args: { companyId: string; metric: string; kind: string } & Dated, ctx: ApiContext) => {
      const [series] = await metricSeries(ctx.query, [args.companyId], args.metric, args.kind, null, parseTimeView(args));
      if (!series) throw userError(`No company with id '${args.companyId}'`, ErrorCode.NOT_FOUND);
      return series;
    },

    compareCompanies: async (_: unknown, args: { companyIds: string[]; metric: string; kind: string; currency?: string | null } & Dated, ctx: ApiContext) => {
      if (args.companyIds.length === 0 || args.companyIds.length > MAX_COMPARED) {
        throw userError(`companyIds must name between 1 and ${MAX_COMPARED} companies`, ErrorCode.PAGE_SIZE_LIMIT_EXCEEDED);
      }
      const view = parseTimeView(args);
      const series = await metricSeries(ctx.query, args.companyIds, args.metric, args.kind, args.currency ?? null, view);
      const found = new Set(series.map((s) => (s.company as { id: string }).id));
      const missing = args.companyIds.filter((id) => !found.has(id));
      if (missing.length > 0) throw userError(`No company with id ${missing.map((id) => `'${id}'`).join(", ")}`, ErrorCode.NOT_FOUND);
      return series;
    },

    vocabularies: () => vocabularies(),

    metricSummary: async (_: unknown, args: { subjectId?: string | null; metric?: string | null; kind?: string | null; unit?: string | null }, ctx: ApiContext) =>
      metricSummary(ctx.query, { subjectId: args.subjectId ?? null, metric: args.metric ?? null, kind: args.kind ?? null, unit: args.unit ?? null }),

    neighbourhood: async (_: unknown, args: { id: string; limit: number } & Dated, ctx: ApiContext) => {
      if (args.limit < 1) throw userError("limit must be at least 1");
      return neighbourhood(ctx.query, args.id, args.limit, parseTimeView(args));
    },

    sourceDigest: async (_: unknown, args: { id: string }, ctx: ApiContext) => sourceDigest(ctx.query, args.id),

    disagreements: async (_: unknown, args: { subjectId?: string | null }, ctx: ApiContext) => disagreements(ctx.query, args.subjectId ?? null),

    changes: async (_: unknown, args: { since: string; limit: number }, ctx: ApiContext) => {
      checkChangesLimit(args.limit);
      return changesSince(ctx.query, parseSince(args.since), args.limit);
    },

    derivedFigureAudit: async (_: unknown, args: { sourceId?: string | null }, ctx: ApiContext) =>
      (await derivedFigureAudit(ctx.query, args.sourceId ?? null)).map((row) => ({
        ...row,
        // GraphQL has no Infinity: an open upper bound is null.
        computedHigh: row.computedHigh === null || Number.isFinite(row.computedHigh) ? row.computedHigh : null,
      })),
  },
};

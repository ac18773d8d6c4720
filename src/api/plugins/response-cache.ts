// Whole-response caching for a read-mostly graph. Every answer is cacheable (the API is read-only
// and public). The key includes the graph's generation (graph-version.ts), which no later load
// repeats, and an answer is stored only when the generation its transactions read (the request's
// pin, one-generation.ts) is the one it is keyed by and still the current one when it is stored:
// an answer computed across a load is not kept. When the generation changes every entry goes.
//
// An answer with a cut list (plugins/cut-lists.ts) is cached too, with its notice: the response
// cache plugin stores only `data`, so the cut lists ride inside the stored data under a key no
// GraphQL field or alias can have, and are moved back into extensions.cutLists on a hit. One
// stored entry holds both, so a hit can never return the list without saying it is cut.
import { createHash } from "node:crypto";
import type { ApolloServerPlugin, BaseContext, GraphQLRequestContext } from "@apollo/server";
import { ApolloServerPluginCacheControl } from "@apollo/server/plugin/cacheControl";
import responseCachePlugin from "@apollo/server-plugin-response-cache";
import { InMemoryLRUCache, type KeyValueCache, type KeyValueCacheSetOptions } from "@apollo/utils.keyvaluecache";
import type { GraphVersion } from "../graph-version.ts";
import { TOTALS_EXTENSION, type CutList } from "./cut-lists.ts";
import type { GenerationPin } from "../one-generation.ts";
import type { ApiContext } from "../resolvers.ts";

/** Where a stored answer keeps its cut lists: not a GraphQL name (it has a hyphen), so never a field's key. */
export const STORED_CUT_LISTS_KEY = "cut-lists";

/** The cut lists an answer about to be stored carries, or null. */
function cutListsOf<Context extends BaseContext>(requestContext: GraphQLRequestContext<Context>): CutList[] | null {
  const body = requestContext.response.body;
  const cutLists = body?.kind === "single" ? body.singleResult.extensions?.cutLists : undefined;
  return Array.isArray(cutLists) && cutLists.length > 0 ? (cutLists as CutList[]) : null;
}

/**
 * The response cache's store: an answer written with cut lists pending for its key gets them
 * inside its stored data. The plugin calls generateCacheKey and then set() for that key at once.
 */
export class CutListCarryingCache implements KeyValueCache<string> {
  private readonly pending = new Map<string, CutList[]>();
  private store: KeyValueCache<string>;

  constructor(private readonly newStore: () => KeyValueCache<string> = () => new InMemoryLRUCache<string>()) {
    this.store = newStore();
  }

  /** Drops every entry: the graph they were computed on is no longer the one loaded. */
  clear(): void {
    this.store = this.newStore();
    this.pending.clear();
  }

  /** The next write of `key` (the plugin prefixes it) stores these cut lists with the answer. */
  carry(key: string, cutLists: CutList[]): void {
    this.pending.set(key, cutLists);
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    const pendingKey = [...this.pending.keys()].find((k) => key.endsWith(k));
    if (pendingKey === undefined) return this.store.set(key, value, options);
    const cutLists = this.pending.get(pendingKey)!;
    this.pending.delete(pendingKey);
    const stored = JSON.parse(value) as { data: Record<string, unknown> };
    stored.data[STORED_CUT_LISTS_KEY] = cutLists;
    return this.store.set(key, JSON.stringify(stored), options);
  }

  get(key: string): Promise<string | undefined> {
    return this.store.get(key);
  }

  delete(key: string): Promise<boolean | void> {
    return this.store.delete(key);
  }
}

/** A served cached answer: its stored cut lists go back to extensions, out of data. */
export function restoreCutLists(requestContext: GraphQLRequestContext<ApiContext>): void {
  const body = requestContext.response.body;
  if (!requestContext.metrics.responseCacheHit || body?.kind !== "single" || !body.singleResult.data) return;
  const data = body.singleResult.data as Record<string, unknown>;
  const cutLists = data[STORED_CUT_LISTS_KEY];
  if (cutLists === undefined) return;
  delete data[STORED_CUT_LISTS_KEY];
  body.singleResult.extensions = { ...body.singleResult.extensions, cutLists };
}

export function responseCache(graphVersion: GraphVersion, cache = new CutListCarryingCache()): ApolloServerPlugin<ApiContext>[] {
  graphVersion.onChange(() => cache.clear());
  /** The generation each request's key was made with (the one current when it started). */
  const keyGeneration = new WeakMap<ApiContext, string | null>();
  return [
    // Answers change only with the graph's generation; the age is an upper bound for HTTP caches.
    ApolloServerPluginCacheControl({ defaultMaxAge: 60, calculateHttpHeaders: false }),
    responseCachePlugin<ApiContext>({
      cache,
      // The plugin's own key (a hash of the request and the graph's generation), noting the cut
      // lists of an answer about to be written under it.
      generateCacheKey: (requestContext, keyData) => {
        const key = createHash("sha256").update(JSON.stringify(keyData)).digest("hex");
        const cutLists = requestContext.metrics.responseCacheHit ? null : cutListsOf(requestContext);
        if (cutLists) cache.carry(key, cutLists);
        return key;
      },
      extraCacheKeyData: async ({ contextValue, request }) => {
        keyGeneration.set(contextValue, graphVersion.current);
        // An answer with its cut lists' totals differs from one without (cut-lists.ts).
        return { generation: graphVersion.current, totals: request.extensions?.[TOTALS_EXTENSION] === true };
      },
      // Without a known generation, neither read nor write: never serve across an unseen load.
      shouldReadFromCache: async () => graphVersion.current !== null,
      shouldWriteToCache: async ({ contextValue }) => storable(keyGeneration.get(contextValue) ?? null, contextValue.pin, graphVersion.current),
    }),
    {
      async requestDidStart() {
        return { willSendResponse: async (requestContext) => restoreCutLists(requestContext) };
      },
    },
  ];
}

/**
 * An answer may be stored under the generation its key was made with only when that generation is
 * still the current one and its transactions, if it read the graph at all, read that same one.
 */
export function storable(keyedBy: string | null, pin: Pick<GenerationPin, "seen" | "spanned">, current: string | null): boolean {
  if (keyedBy === null || keyedBy !== current || pin.spanned) return false;
  return pin.seen === null || pin.seen === keyedBy;
}

// Whole-response caching for a read-mostly graph. Every answer is cacheable (the API is read-only
// and public), and the cache key includes the graph's version, so a load retires old answers.
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

  constructor(private readonly store: KeyValueCache<string> = new InMemoryLRUCache<string>()) {}

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
  return [
    // Answers change only with the graph's version; the age is an upper bound for HTTP caches.
    ApolloServerPluginCacheControl({ defaultMaxAge: 60, calculateHttpHeaders: false }),
    responseCachePlugin<ApiContext>({
      cache,
      // The plugin's own key (a hash of the request and the graph's version), noting the cut
      // lists of an answer about to be written under it.
      generateCacheKey: (requestContext, keyData) => {
        const key = createHash("sha256").update(JSON.stringify(keyData)).digest("hex");
        const cutLists = requestContext.metrics.responseCacheHit ? null : cutListsOf(requestContext);
        if (cutLists) cache.carry(key, cutLists);
        return key;
      },
      // An answer with its cut lists' totals differs from one without (cut-lists.ts).
      extraCacheKeyData: async ({ request }) => ({ version: graphVersion.current, totals: request.extensions?.[TOTALS_EXTENSION] === true }),
      // Without a known version, neither read nor write: never serve across an unseen load.
      shouldReadFromCache: async () => graphVersion.current !== null,
      shouldWriteToCache: async () => graphVersion.current !== null,
    }),
    {
      async requestDidStart() {
        return { willSendResponse: async (requestContext) => restoreCutLists(requestContext) };
      },
    },
  ];
}

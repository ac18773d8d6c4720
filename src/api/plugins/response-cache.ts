// Whole-response caching for a read-mostly graph. Every answer is cacheable (the API is read-only
// and public), and the cache key includes the graph's version, so a load retires old answers.
import type { ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginCacheControl } from "@apollo/server/plugin/cacheControl";
import responseCachePlugin from "@apollo/server-plugin-response-cache";
import type { GraphVersion } from "../graph-version.ts";
import { hasCutLists } from "./cut-lists.ts";
import type { ApiContext } from "../resolvers.ts";

export function responseCache(graphVersion: GraphVersion): ApolloServerPlugin<ApiContext>[] {
  return [
    // Answers change only with the graph's version; the age is an upper bound for HTTP caches.
    ApolloServerPluginCacheControl({ defaultMaxAge: 60, calculateHttpHeaders: false }),
    responseCachePlugin<ApiContext>({
      extraCacheKeyData: async () => graphVersion.current,
      // Without a known version, neither read nor write: never serve across an unseen load.
      shouldReadFromCache: async () => graphVersion.current !== null,
      // An answer with a cut list carries it in extensions, which a cached answer would lose.
      shouldWriteToCache: async (requestContext) => graphVersion.current !== null && !hasCutLists(requestContext),
    }),
  ];
}

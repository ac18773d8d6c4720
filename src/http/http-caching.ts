// HTTP caching of GET /graphql answers. An answer depends only on the request (its URL), the
// graph (its generation, src/api/graph-version.ts: no two loads share one, even of the same files)
// and the API's schema, so a successful GET carries `Cache-Control: public, max-age=60` and an ETag
// made of the generation and the schema's hash. A load changes the generation, so every ETag (an
// ETag of an earlier load never matches again); a deploy changes the schema's.
//
// A conditional GET whose If-None-Match holds the current ETag is answered 304 only where it would
// have been answered 200: after CSRF prevention, parsing, validation and the request rules (cost,
// page sizes: their didResolveOperation hooks), for a query, and before execution, so no Neo4j work
// is done. The tag of an answer is the generation it was computed on, read in its own transactions
// (the request's pin, one-generation.ts), or for an answer that read no graph (a response-cache hit,
// the vocabularies) the one current when the request started.
import { createHash } from "node:crypto";
import { HeaderMap, type ApolloServerPlugin } from "@apollo/server";
import type { GraphVersion } from "../api/graph-version.ts";
import type { ApiContext } from "../api/resolvers.ts";

/** How long a browser or proxy may reuse an answer before it revalidates with its ETag. */
export const HTTP_MAX_AGE_SECONDS = 60;
const CACHE_CONTROL = `public, max-age=${HTTP_MAX_AGE_SECONDS}`;

/** The ETag of every answer of one generation and one schema; null while the generation is unknown. */
export function answerEtag(generation: string | null, schemaHash: string): string | null {
  return generation ? `W/"${generation}-${schemaHash}"` : null;
}

/** A short hash of the type definitions, for the ETag. */
export const schemaHashOf = (typeDefs: string): string => createHash("sha256").update(typeDefs).digest("hex").slice(0, 12);

/**
 * True when If-None-Match lists `etag`, compared weakly as RFC 9110 says for GET. `*` alone is no
 * match: it says "any stored answer", and every URL here is a different question; only the tag of
 * this graph and schema confirms that the client's stored answer is the current one.
 */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  return header.split(",").some((tag) => tag.trim() !== "*" && opaque(tag) === opaque(etag));
}

/**
 * Apollo plugin for GET requests: a query whose client holds the current answer gets 304 instead
 * of being executed; a successful answer carries Cache-Control and the ETag; an error is not stored.
 */
export function httpCaching(graphVersion: Pick<GraphVersion, "current">, schemaHash: string): ApolloServerPlugin<ApiContext> {
  return {
    async requestDidStart({ request }) {
      if (request.http?.method !== "GET") return;
      // Read now: a 304 confirms the generation current when the request came.
      const current = graphVersion.current;
      const etag = answerEtag(current, schemaHash);
      return {
        // Runs after didResolveOperation (the request rules); Apollo has refused a GET mutation by then.
        async responseForOperation({ operation, request: { http } }) {
          if (!etag || operation?.operation !== "query" || !matchesIfNoneMatch(http?.headers.get("if-none-match"), etag)) return null;
          return { http: { status: 304, headers: new HeaderMap() }, body: { kind: "single", singleResult: {} } };
        },
        async willSendResponse({ response, contextValue: { pin } }) {
          const status = response.http.status ?? 200;
          const failed = response.body.kind !== "single" || Boolean(response.body.singleResult.errors?.length) || status >= 400;
          const answerTag = status === 304 ? etag : answerEtag(pin.seen ?? current, schemaHash);
          if (failed || pin.spanned || !answerTag) {
            response.http.headers.set("cache-control", "no-store");
            return;
          }
          response.http.headers.set("cache-control", CACHE_CONTROL);
          response.http.headers.set("etag", answerTag);
        },
      };
    },
  };
}

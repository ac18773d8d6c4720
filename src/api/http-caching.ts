// HTTP caching of GET /graphql answers. An answer depends only on the request (its URL), the
// graph (GraphMeta.contentHash, src/api/graph-version.ts) and the API's schema, so a successful GET
// carries `Cache-Control: public, max-age=60` and an ETag made of the graph's version and the
// schema's hash; a conditional GET whose If-None-Match holds the current ETag is answered 304
// before the query runs. A load changes the version, so every ETag; a deploy changes the schema's.
import { createHash } from "node:crypto";
import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import type { NextFunction, Request, Response } from "express";
import type { GraphVersion } from "./graph-version.ts";

/** How long a browser or proxy may reuse an answer before it revalidates with its ETag. */
export const HTTP_MAX_AGE_SECONDS = 60;
const CACHE_CONTROL = `public, max-age=${HTTP_MAX_AGE_SECONDS}`;

/** The ETag of every answer of one graph and one schema; null while the graph's version is unknown. */
export function answerEtag(graphVersion: string | null, schemaHash: string): string | null {
  return graphVersion ? `W/"${graphVersion.slice(0, 16)}-${schemaHash}"` : null;
}

/** A short hash of the type definitions, for the ETag. */
export const schemaHashOf = (typeDefs: string): string => createHash("sha256").update(typeDefs).digest("hex").slice(0, 12);

/** True when If-None-Match lists `etag` (or is *), compared weakly as RFC 9110 says for GET. */
export function matchesIfNoneMatch(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  return header.split(",").some((tag) => tag.trim() === "*" || opaque(tag) === opaque(etag));
}

/** Express middleware before Apollo: a GET whose cached answer is still current gets 304. */
export function conditionalGet(graphVersion: GraphVersion, schemaHash: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== "GET") return next();
    const etag = answerEtag(graphVersion.current, schemaHash);
    if (etag && matchesIfNoneMatch(req.headers["if-none-match"], etag)) {
      res.setHeader("etag", etag);
      res.setHeader("cache-control", CACHE_CONTROL);
      res.status(304).end();
      return;
    }
    next();
  };
}

/** Apollo plugin: a successful GET answer carries Cache-Control and the ETag; an error is not stored. */
export function httpCacheHeaders<Context extends BaseContext>(graphVersion: GraphVersion, schemaHash: string): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ request }) {
      if (request.http?.method !== "GET") return;
      return {
        async willSendResponse({ response }) {
          const etag = answerEtag(graphVersion.current, schemaHash);
          const failed = response.body.kind !== "single" || Boolean(response.body.singleResult.errors?.length) || (response.http.status ?? 200) >= 400;
          if (failed || !etag) {
            response.http.headers.set("cache-control", "no-store");
            return;
          }
          response.http.headers.set("cache-control", CACHE_CONTROL);
          response.http.headers.set("etag", etag);
        },
      };
    },
  };
}

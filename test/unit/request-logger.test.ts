// The request log (src/api/plugins/request-logger.ts) through Apollo's plugin hooks, as Apollo
// calls them: each request's line says its real outcome with the codes it was answered with, and
// an internal error is logged at error level with the request id and its stack.
import { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import { requestLogger } from "../../src/api/plugins/request-logger.ts";
import { createLogger } from "../../src/logger.ts";

async function logOf(errorsSent: Array<{ extensions?: Record<string, unknown> }>, encountered: GraphQLError[] = []) {
  let output = "";
  const plugin = requestLogger(createLogger("info", { write: (line: string) => void (output += line) }));
  const hooks = (await plugin.requestDidStart!({ request: { operationName: "Q" }, contextValue: { reqId: "req-1" } } as never))!;
  if (encountered.length) await hooks.didEncounterErrors!({ errors: encountered, operationName: "Q" } as never);
  const singleResult = { data: errorsSent.length ? null : { x: 1 }, ...(errorsSent.length ? { errors: errorsSent } : {}) };
  await hooks.willSendResponse!({ response: { body: { kind: "single", singleResult }, http: { status: undefined } }, operationName: "Q" } as never);
  return output.trim().split("\n").map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("the request log", () => {
  it("says ok for a request answered without errors", async () => {
    expect(await logOf([])).toEqual([expect.objectContaining({ msg: "graphql request", reqId: "req-1", outcome: "ok", errorCodes: [] })]);
  });

  it("says error with the code for an error raised during execution, such as QUERY_TIMEOUT", async () => {
    const [line] = await logOf([{ extensions: { code: "QUERY_TIMEOUT" } }]);
    expect(line).toMatchObject({ outcome: "error", errorCodes: ["QUERY_TIMEOUT"] });
  });

  it("logs an internal error at error level with the request id and the original error's stack", async () => {
    const cause = new TypeError("Cannot convert undefined or null to object");
    const internal = new GraphQLError(cause.message, { path: ["companies"], originalError: cause });
    const lines = await logOf([{ extensions: { code: "INTERNAL_SERVER_ERROR" } }], [internal]);
    const errorLine = lines.find((l) => l.msg === "graphql internal error");
    expect(errorLine).toMatchObject({ level: 50, reqId: "req-1", path: ["companies"] });
    expect(String((errorLine!.err as { stack: string }).stack)).toMatch(/TypeError: Cannot convert/);
    expect(lines.find((l) => l.msg === "graphql request")).toMatchObject({ outcome: "error", errorCodes: ["INTERNAL_SERVER_ERROR"] });
  });

  it("does not log a coded client error as internal", async () => {
    const lines = await logOf([{ extensions: { code: "BAD_USER_INPUT" } }], [new GraphQLError("bad", { extensions: { code: "BAD_USER_INPUT" } })]);
    expect(lines.map((l) => l.msg)).toEqual(["graphql request"]);
  });
});

// Request bodies are UTF-8 JSON (src/http/body-charset.ts): a UTF-16 body, labelled or not, and bytes
// that are not UTF-8 are refused before they are decoded. Through the endpoint (415 with
// UNSUPPORTED_MEDIA_TYPE): test/api-protection.test.ts.
import { describe, expect, it } from "vitest";
import { requireUtf8Body } from "../../src/http/body-charset.ts";

const json = JSON.stringify({ query: "{ companies(where: { name: { eq: \"智谱\" } }) { id } }" });
const check = (body: Buffer, charset: string | null) => () => requireUtf8Body({} as never, {}, body, charset);

describe("a request body", () => {
  it("in UTF-8, with or without the charset named, passes", () => {
    expect(check(Buffer.from(json, "utf8"), "utf-8")).not.toThrow();
    expect(check(Buffer.from(json, "utf8"), null)).not.toThrow();
  });

  it.each([
    ["labelled UTF-16", Buffer.from(json, "utf16le"), "utf-16", /unsupported charset "UTF-16"/],
    ["labelled UTF-16LE, its bytes UTF-8", Buffer.from(json, "utf8"), "utf-16le", /unsupported charset "UTF-16LE"/],
    ["labelled UTF-32", Buffer.from(json, "utf8"), "utf-32", /unsupported charset "UTF-32"/],
    ["in UTF-16 without a label", Buffer.from(json, "utf16le"), null, /NUL bytes, as UTF-16 and UTF-32 do/],
    ["in UTF-16 with its byte order mark", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json, "utf16le")]), null, /NUL bytes/],
    ["in Latin-1 bytes labelled UTF-8", Buffer.from('{"query":"{ search(text: \\"caf\xe9\\") { score } }"}', "latin1"), "utf-8", /not valid UTF-8/],
  ])("%s is refused as 415, saying why", (_what, body, charset, message) => {
    expect(check(body, charset)).toThrow(message);
    try {
      check(body, charset)();
    } catch (error) {
      // What the endpoint's error handler reads to answer 415 UNSUPPORTED_MEDIA_TYPE.
      expect(error).toMatchObject({ status: 415, type: "charset.unsupported" });
    }
  });
});

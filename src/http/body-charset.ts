// JSON requests are UTF-8 (RFC 8259 §8.1). body-parser refuses charsets that do not start with
// "utf-" but decodes UTF-16 and UTF-32 when the Content-Type names them, so a UTF-16 body used to be
// accepted; one sent without a charset reached JSON.parse as UTF-8 and came back as "not JSON".
// This check runs on the raw bytes, before they are decoded or parsed.
import type { IncomingMessage } from "node:http";

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** A refusal the endpoint's error handler answers as 415 UNSUPPORTED_MEDIA_TYPE. */
class NotUtf8Error extends Error {
  readonly status = 415;
  readonly type = "charset.unsupported";
}

/** body-parser's `verify`: throws unless the body is UTF-8 and says so (or names no charset). */
export function requireUtf8Body(_req: IncomingMessage, _res: unknown, body: Buffer, charset: string | null): void {
  if (charset !== null && charset !== "utf-8") throw new NotUtf8Error(`unsupported charset "${charset.toUpperCase()}"`);
  // No JSON text holds a raw NUL byte; UTF-16 and UTF-32 put one beside every ASCII character.
  if (body.includes(0)) throw new NotUtf8Error("the body holds NUL bytes, as UTF-16 and UTF-32 do; it is not UTF-8");
  try {
    utf8.decode(body);
  } catch {
    throw new NotUtf8Error("the body is not valid UTF-8");
  }
}

/**
 * Bearer-token check for writes. With no token configured, writes are off (403) rather than open: a server
 * started without ROUNDUP_TOKEN is read-only. Tokens are compared in constant time (hashes of equal length).
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { HttpError } from "./errors.ts";

/** The environment variable that holds the write token. */
export const TOKEN_ENV = "ROUNDUP_TOKEN";

const digest = (s: string) => createHash("sha256").update(s).digest();

/** Throws 403 when writes are off, 401 when the Authorization header is missing, malformed or wrong. */
export function checkWriteToken(configured: string | undefined, authorization: string | undefined): void {
  if (!configured)
    throw new HttpError(
      403,
      `writes are disabled on this server: start it with ${TOKEN_ENV}=<secret> set, then send "Authorization: Bearer <secret>"`,
    );
  const challenge = { "WWW-Authenticate": 'Bearer realm="roundup"' };
  if (!authorization) throw new HttpError(401, 'missing "Authorization: Bearer <token>" header', challenge);
  const match = /^Bearer +(\S+) *$/i.exec(authorization);
  if (!match) throw new HttpError(401, 'the Authorization header must be "Bearer <token>"', challenge);
  if (!timingSafeEqual(digest(match[1]), digest(configured)))
    throw new HttpError(401, "invalid token", {
      "WWW-Authenticate": 'Bearer realm="roundup", error="invalid_token"',
    });
}

import type { Response } from 'express';
import { createHash } from 'node:crypto';

/** A JSON answer serialized once, with its entity tag, to be sent many times from a cache. */
export interface PreparedJson {
  body: Buffer;
  etag: string;
}

/**
 * Serializes an answer for the cache. A long series (90 days hourly is ~17,000 points, close to
 * a megabyte) then costs neither JSON.stringify nor hashing for the ETag on each cache hit.
 */
export function prepareJson(value: unknown): PreparedJson {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  return { body, etag: `W/"${createHash('sha1').update(body).digest('base64url')}"` };
}

/** Sends a prepared answer; Express still answers 304 when the client's copy is current. */
export function sendPrepared(res: Response, prepared: PreparedJson): void {
  res.set('ETag', prepared.etag);
  res.type('application/json').send(prepared.body);
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from './errors.js';

const MAX_BODY_BYTES = 1024 * 1024;

/** Reads the whole request body as UTF-8. A body over 1 MiB is a 413. */
export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new ApiError(413, 'bad_request', `Request body is larger than ${MAX_BODY_BYTES} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Parses a JSON request body. An empty body is `undefined`. */
export function parseJsonBody(text: string, contentType: string | undefined): unknown {
  if (text === '') return undefined;
  if (!contentType?.toLowerCase().startsWith('application/json')) {
    throw new ApiError(400, 'bad_request', `Content-Type "${contentType ?? ''}" is not supported: send application/json`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(400, 'bad_request', 'Request body is not valid JSON');
  }
}

/**
 * Sends `body` as JSON, or an empty body when it is undefined. With `stall`
 * it writes the headers and the first half of the body and never ends the
 * response, so the connection stays open until the client or the server closes it.
 */
export function sendResponse(response: ServerResponse, status: number, body: unknown, headers: Record<string, string>, stall = false): void {
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
  if (body === undefined) {
    response.writeHead(status).end();
    return;
  }
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  if (stall) {
    response.write(text.slice(0, Math.floor(text.length / 2)));
    return;
  }
  response.end(text);
}

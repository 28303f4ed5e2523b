import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { pathOf, readSmallBody, sendJson } from '../cognito/emulator-http.ts';
import { DevApiError, type DevUsers, isDevUserAction } from './dev-users.ts';

const PREFIX = '/_dev/api/pools';
/** A create's body is a few attributes, not megabytes. */
const MAX_BODY_BYTES = 64 * 1024;

/**
 * The test API's users calls (local/dev-api/dev-api-types.ts; README, "Test API"), in front of
 * `next`:
 * - `GET /_dev/api/pools`; `GET|POST|DELETE /_dev/api/pools/<pool>/users` (`?filter=` on GET);
 * - `DELETE /_dev/api/pools/<pool>/users/<username>`; `POST …/users/<username>/<action>`.
 * Reads answer with the emulator's CORS header, as /_dev/inbox does; a change is the local
 * stack's only: refused from a page of another host (`Origin`), answered without CORS headers.
 */
export function withDevUsersRoutes(
  users: DevUsers,
  next: RequestListener,
  log: (message: string) => void = console.error,
): RequestListener {
  return (request, response) => {
    const path = pathOf(request);
    if (path !== PREFIX && !path.startsWith(`${PREFIX}/`)) {
      next(request, response);
      return;
    }
    answer(users, request, response, path).catch((error: unknown) => {
      if (error instanceof DevApiError) {
        send(request, response, error.status, { message: error.message });
      } else {
        log(`[dev-api] ${request.method} ${path} failed: ${(error as Error)?.stack ?? String(error)}`);
        send(request, response, 500, {
          message: `The local test API failed: ${(error as Error)?.message ?? String(error)} (the emulator's log has more).`,
        });
      }
    });
  };
}

async function answer(users: DevUsers, request: IncomingMessage, response: ServerResponse, path: string): Promise<void> {
  let parts: string[];
  try {
    parts = path.slice(PREFIX.length).split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    throw new DevApiError(400, `${path} is not a well-escaped path: escape the pool id and username with encodeURIComponent.`);
  }
  const method = request.method ?? 'GET';
  const [pool, users_, username, action, ...rest] = parts;
  const wrongMethod = (allowed: string) => {
    response.setHeader('Allow', allowed);
    send(request, response, 405, { message: `${method} ${path} is not a call of the test API; it takes ${allowed} (README, "Test API").` });
  };
  if (method !== 'GET' && method !== 'HEAD') refuseOtherHosts(request);
  if (pool === undefined) {
    if (method === 'GET' || method === 'HEAD') return send(request, response, 200, await users.pools());
    return wrongMethod('GET');
  }
  if (users_ !== 'users' || rest.length > 0) {
    throw new DevApiError(404, `The test API has no ${path}: its calls are under /_dev/api/pools/<pool>/users (README, "Test API").`);
  }
  if (username === undefined) {
    if (method === 'GET' || method === 'HEAD') {
      const filter = new URL(request.url ?? '/', 'http://local').searchParams.get('filter') ?? '';
      return send(request, response, 200, await users.list(pool, filter));
    }
    if (method === 'POST') return send(request, response, 201, await users.create(pool, await readJson(request)));
    if (method === 'DELETE') return send(request, response, 200, { deleted: await users.deleteAll(pool) });
    return wrongMethod('GET, POST, DELETE');
  }
  if (action === undefined) {
    if (method === 'GET' || method === 'HEAD') return send(request, response, 200, await users.get(pool, username));
    if (method === 'DELETE') {
      await users.delete(pool, username);
      response.writeHead(204).end();
      return;
    }
    return wrongMethod('GET, DELETE');
  }
  if (!isDevUserAction(action)) {
    throw new DevApiError(
      404,
      `The test API has no action ${action}: POST …/users/<username>/disable, enable, sign-out or reset-password.`,
    );
  }
  if (method !== 'POST') return wrongMethod('POST');
  return send(request, response, 200, await users.act(pool, username, action));
}

/**
 * A page of another host may not change the local stack's users: the test API is local-only.
 * A browser names the page's origin on a cross-origin request; a test's client sends none.
 */
function refuseOtherHosts(request: IncomingMessage): void {
  const origin = request.headers.origin;
  if (origin === undefined) return;
  let originHost: string;
  try {
    originHost = new URL(origin).hostname;
  } catch {
    originHost = '';
  }
  const host = (request.headers.host ?? '').replace(/:\d+$/, '');
  if (originHost !== host) throw new DevApiError(403, `The local test API only takes changes from pages of ${host}, not ${origin}.`);
}

/** Reads answer as the emulator's other dev routes do (CORS `*`); changes without CORS headers. */
function send(request: IncomingMessage, response: ServerResponse, status: number, body: unknown): void {
  if (request.method === 'GET' || request.method === 'HEAD') {
    sendJson(response, status, body);
    return;
  }
  const text = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  response.end(text);
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const body = await readSmallBody(request, MAX_BODY_BYTES);
  if (body === undefined)
    throw new DevApiError(400, `The body is larger than ${MAX_BODY_BYTES} bytes, or was cut off: a user is a few attributes.`);
  try {
    return JSON.parse(body);
  } catch {
    throw new DevApiError(400, 'The body is not JSON: send the user as a JSON object (Content-Type: application/json).');
  }
}

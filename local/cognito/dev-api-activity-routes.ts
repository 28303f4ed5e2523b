import type { RequestListener } from 'node:http';
import { readApiRequests } from '../dev-api/api-request-log.ts';
import type { DevRequest, DevTriggerInvocation } from '../dev-api/dev-api-types.ts';
import { pathOf, sendJson } from './emulator-http.ts';
import type { TriggerInvocations } from './triggers/trigger-invocations.ts';

/** What the local stack did lately, for the test API's activity calls. */
export interface DevActivity {
  /** The API process's request log (local/dev-api/api-request-log.ts); none: no API writes one. */
  readonly apiRequestsFile?: string;
  readonly triggers: TriggerInvocations;
}

const ROUTES = ['/_dev/api/requests', '/_dev/api/triggers'];

/**
 * `GET /_dev/api/requests?since=<epoch ms>` → `{ requests: DevRequest[] }` (the API's, newest
 * last, at most 500) and `GET /_dev/api/triggers?since=<epoch ms>` → `{ triggers:
 * DevTriggerInvocation[] }` (the Cognito triggers', at most 200). Read-only: they change nothing,
 * and answer with the CORS header every answer of the emulator carries (emulator-http.ts).
 */
export function withDevActivityRoutes(activity: DevActivity, next: RequestListener): RequestListener {
  return (request, response) => {
    const path = pathOf(request);
    if (!ROUTES.includes(path)) return next(request, response);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      return sendJson(response, 405, { message: `${path} answers GET only.` });
    }
    const since = sinceOf(request.url ?? '');
    if (since === undefined) {
      return sendJson(response, 400, { message: `since must be a time in epoch ms, 0 or more: GET ${path}?since=${Date.now()}` });
    }
    if (path === '/_dev/api/triggers') {
      const triggers: DevTriggerInvocation[] = activity.triggers.since(since);
      return sendJson(response, 200, { triggers });
    }
    const file = activity.apiRequestsFile;
    (file ? readApiRequests(file, since) : Promise.resolve([] as DevRequest[])).then(
      (requests) => sendJson(response, 200, { requests }),
      (error: Error) => sendJson(response, 500, { message: `${file}: ${error.message}` }),
    );
  };
}

/** `since` from the query: absent is 0 (everything kept); anything but a number, 0 or more, is undefined. */
function sinceOf(url: string): number | undefined {
  const value = new URL(url, 'http://localhost').searchParams.get('since');
  if (value === null || value === '') return 0;
  const since = Number(value);
  return Number.isFinite(since) && since >= 0 ? since : undefined;
}

import type { RequestListener, ServerResponse } from 'node:http';
import type { MovableClock } from '../clock.ts';
import { pathOf, readSmallBody, sendJson } from './emulator-http.ts';

/** A body bigger than this is not `{"advanceSeconds": n}`. */
const MAX_BODY_BYTES = 1024;

/** What GET and POST answer: the local stack's time. */
export interface ClockAnswer {
  /** The local now, ISO 8601. */
  readonly now: string;
  /** The same, in the unit of a token's `iat` and `exp`. */
  readonly epochSeconds: number;
  /** How far ahead of the real time the local stack runs. */
  readonly offsetSeconds: number;
}

export function clockAnswer(clock: MovableClock): ClockAnswer {
  const now = clock.now();
  return { now: new Date(now).toISOString(), epochSeconds: Math.floor(now / 1000), offsetSeconds: clock.offsetMs() / 1000 };
}

const USAGE =
  'POST /_dev/clock with a JSON body {"advanceSeconds": <seconds, 0 or more>} moves the local clock forward; DELETE /_dev/clock sets it back to the real time.';

/**
 * `GET /_dev/clock` tells the local stack's time; `POST /_dev/clock` with `{"advanceSeconds": n}`
 * moves it forward and tells the new time; `DELETE /_dev/clock` sets it back to the real time.
 * Every time-dependent rule of the local stack reads this clock (tokens' `iat`/`exp`, sign-in
 * Sessions, lockouts, the API's authorizers), so a test or a developer moves it instead of
 * waiting. Never behind the real time (local/clock.ts says why).
 */
export function withDevClockRoute(clock: MovableClock, next: RequestListener): RequestListener {
  return (request, response) => {
    if (pathOf(request) !== '/_dev/clock') {
      next(request, response);
    } else if (request.method === 'GET' || request.method === 'HEAD') {
      try {
        sendJson(response, 200, clockAnswer(clock));
      } catch (error) {
        sendJson(response, 500, { message: (error as Error).message });
      }
    } else if (request.method === 'POST') {
      readSmallBody(request, MAX_BODY_BYTES)
        .then((body) => answerMove(clock, body, response))
        // A clock file that holds no offset (ClockFileError) says what to do with it.
        .catch((error: Error) => sendJson(response, 500, { message: error.message }));
    } else if (request.method === 'DELETE') {
      try {
        clock.reset();
        sendJson(response, 200, clockAnswer(clock));
      } catch (error) {
        sendJson(response, 500, { message: (error as Error).message });
      }
    } else {
      response.setHeader('Allow', 'GET, HEAD, POST, DELETE');
      sendJson(response, 405, { message: USAGE });
    }
  };
}

function answerMove(clock: MovableClock, body: string | undefined, response: ServerResponse): void {
  let advanceSeconds: unknown;
  try {
    advanceSeconds = (JSON.parse(body ?? '') as { advanceSeconds?: unknown } | null)?.advanceSeconds;
  } catch {
    advanceSeconds = undefined;
  }
  if (advanceSeconds === undefined) {
    sendJson(response, 400, { message: USAGE });
  } else if (typeof advanceSeconds !== 'number' || !Number.isFinite(advanceSeconds) || advanceSeconds < 0) {
    const message = `The local clock only moves forward: advanceSeconds must be a number, 0 or more (not ${JSON.stringify(advanceSeconds)}). DELETE /_dev/clock sets it back to the real time.`;
    sendJson(response, 400, { message });
  } else {
    clock.advance(advanceSeconds * 1000);
    sendJson(response, 200, clockAnswer(clock));
  }
}

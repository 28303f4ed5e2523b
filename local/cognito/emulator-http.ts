import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { answerClientErrorsWithJson } from '../json-client-errors.ts';
import { ClientGoneError, readOperationRequest } from './aws-json-protocol.ts';
import { CognitoError, type Context, type ExpressHandler, handOverBody, type Router } from './cognito-local.ts';
import { CognitoRequestError } from './cognito-request-error.ts';
import { InternalErrorException } from './emulator-errors.ts';
import type { CognitoOperations } from './operation-input.ts';
import type { CallDescription } from './request-context.ts';
import { signingRegion } from './user-pool-ids.ts';

export type { ExpressHandler };

export interface EmulatorHandlerOptions {
  /** cognito-local's app with the project's routes: what is not a Cognito API call (`POST /`). */
  readonly app: ExpressHandler;
  /** The Cognito operations, by name, each run with the request's checked input. */
  readonly router: Router;
  /** The context each call is run with (request-context.ts; cognito-local's operations log through it). */
  readonly context: (call: CallDescription) => Context;
  readonly operations: Promise<CognitoOperations>;
  /** Where an unexpected failure is reported; the client only learns that there was one. */
  readonly log?: (message: string) => void;
}

/** cognito-local answers browsers from any origin; so do its errors that we answer. */
const CORS = { 'Access-Control-Allow-Origin': '*' };
/** The JSON protocol's media type, which Cognito answers in, errors included. */
const AMZ_JSON = 'application/x-amz-json-1.1';

/**
 * The emulator's HTTP front. A Cognito API call is read and checked the way Cognito reads it,
 * run by its operation and answered here, as Cognito answers: 200 with the output, 400 with
 * `{"__type","message"}` for a Cognito error, each with an `x-amzn-RequestId`. The OAuth 2.0
 * endpoints and sign-in pages are not here, as they are not at Cognito's API endpoint: they are the
 * pool domain's (managed-login/, on its own HTTPS port); cognito-local's own, unescaped, are never
 * reached. Anything else goes to cognito-local's app (the dev routes); what that leaves unanswered
 * (no such route, a body its parsers refuse, a failure) gets a JSON answer instead of express's HTML page.
 */
export function emulatorRequestHandler({ app, router, context, operations, log = console.error }: EmulatorHandlerOptions) {
  return (request: IncomingMessage, response: ServerResponse): void => {
    const done = (error?: unknown) => answerUnhandled(request, response, error, log);
    if (request.method === 'POST' && pathOf(request) === '/') {
      operations
        .then((model) => readOperationRequest(request, model))
        .then(({ operation, input }) =>
          router(operation)(context({ operation, input, signedRegion: signingRegion(request.headers.authorization) }), input),
        )
        .then(
          (output) => sendJson(response, 200, output, AMZ_JSON, epochSeconds),
          (error) =>
            error instanceof CognitoError ? sendJson(response, 400, { __type: error.code, message: error.message }, AMZ_JSON) : done(error),
        );
      return;
    }
    if (MANAGED_LOGIN_PATH.test(pathOf(request))) {
      sendJson(response, 404, {
        __type: 'UnknownOperationException',
        message: `Cognito serves ${pathOf(request)} at a user pool's domain, not at its API endpoint: locally, at the managed login's HTTPS port (README, "Managed login").`,
      });
      return;
    }
    handOverBody(request);
    app(request, response, done);
  };
}

/** The managed login's paths, which cognito-local's app also has (unescaped forms): a pool domain's, never the API endpoint's. */
const MANAGED_LOGIN_PATH = /^\/(?:oauth2\/|login$|logout$)/;

/** Cognito's JSON protocol writes dates (UserCreateDate, …) as epoch seconds. */
function epochSeconds(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const original = this[key];
  return original instanceof Date ? Math.floor(original.getTime() / 1000) : value;
}

/** Node's answer to a request its parser refuses, in the emulator's JSON. */
export function answerEmulatorClientErrors(server: Server): void {
  answerClientErrorsWithJson(server, ({ status, code }) => ({
    status,
    headers: CORS,
    body: JSON.stringify({ __type: 'BadRequest', message: `${STATUS_CODES[status]} (${code})` }),
  }));
}

/** The request's path, without its query. */
export function pathOf(request: IncomingMessage): string {
  return (request.url ?? '/').split('?')[0]!;
}

function answerUnhandled(request: IncomingMessage, response: ServerResponse, error: unknown, log: (message: string) => void): void {
  if (error instanceof ClientGoneError) return;
  if (response.headersSent) {
    response.destroy();
    return;
  }
  if (!request.complete && !request.destroyed) {
    // Answering while the client still sends its body can reset the connection before it reads the answer.
    request.once('end', () => answerUnhandled(request, response, error, log));
    request.resume();
    return;
  }
  if (error === undefined) {
    sendJson(response, 404, {
      __type: 'UnknownOperationException',
      message: `The local Cognito emulator has no ${request.method} ${pathOf(request)}. Cognito operations are POST / with an X-Amz-Target header.`,
    });
  } else if (error instanceof CognitoRequestError) {
    sendJson(response, error.status, error, 'application/x-amz-json-1.1');
  } else if (error instanceof InternalErrorException) {
    sendJson(response, 500, error, AMZ_JSON); // withEmulatorErrors told the terminal what failed
  } else if (clientStatus(error) !== undefined) {
    const status = clientStatus(error)!;
    sendJson(response, status, { __type: 'BadRequest', message: (error as Error).message || STATUS_CODES[status] });
  } else {
    log(`[cognito] ${request.method} ${pathOf(request)} failed: ${(error as Error)?.stack ?? String(error)}`);
    sendJson(response, 500, new InternalErrorException());
  }
}

/** The 4xx status an error of express or its body parsers carries (a bad path escape, a body too large). */
function clientStatus(error: unknown): number | undefined {
  const status = (error as { status?: unknown; statusCode?: unknown })?.status ?? (error as { statusCode?: unknown })?.statusCode;
  return typeof status === 'number' && status >= 400 && status < 500 ? status : undefined;
}

/** A JSON answer, with the CORS header and request id every answer of the emulator carries. */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  contentType = 'application/json',
  replacer?: (this: Record<string, unknown>, key: string, value: unknown) => unknown,
): void {
  const text = JSON.stringify(body, replacer);
  response.writeHead(status, {
    ...CORS,
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(text),
    'x-amzn-RequestId': randomUUID(),
  });
  response.end(text);
}

/**
 * A small request body as text (a dev route's JSON), read to its end; undefined when it is larger
 * than `maxBytes` or the request fails.
 */
export function readSmallBody(request: IncomingMessage, maxBytes: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    request.on('end', () => resolve(size <= maxBytes ? Buffer.concat(chunks).toString('utf8') : undefined));
    request.on('error', () => resolve(undefined));
  });
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { CognitoError, type Route } from './cognito-local.ts';
import { describe, expect, it } from 'vitest';
import { TARGET_PREFIX } from './aws-json-protocol.ts';
import { emulatorRequestHandler, type ExpressHandler } from './emulator-http.ts';
import { CognitoOperations } from './operation-input.ts';
import type { CallDescription } from './request-context.ts';

interface Answer {
  status: number;
  headers: Record<string, unknown>;
  body: unknown;
}

const operations = CognitoOperations.load();

/** Runs one request through the front with cognito-local's app replaced by `app`. */
function handle(
  method: string,
  url: string,
  headers: Record<string, string>,
  body: string,
  app: ExpressHandler,
  log: string[] = [],
  route: Route = neverRun,
): Promise<Answer> {
  return new Promise((resolve) => {
    const request = Object.assign(Readable.from(body === '' ? [] : [Buffer.from(body)]), {
      method,
      url,
      headers,
      complete: true,
    }) as unknown as IncomingMessage;
    const answer: Answer = { status: 0, headers: {}, body: undefined };
    const response = {
      headersSent: false,
      writeHead(status: number, sent: Record<string, unknown>) {
        Object.assign(answer, { status, headers: sent });
        return response;
      },
      end(text: string) {
        answer.body = JSON.parse(text);
        resolve(answer);
      },
      destroy() {},
    } as unknown as ServerResponse;
    const context = (call: CallDescription) => ({ logger: undefined as never, call });
    emulatorRequestHandler({ app, router: () => route, context, operations, log: (line) => log.push(line) })(request, response);
  });
}

const neverCalled: ExpressHandler = () => {
  throw new Error('cognito-local was reached');
};
const neverRun: Route = () => {
  throw new Error('an operation ran');
};
const amzJson = (operation: string) => ({ 'x-amz-target': `${TARGET_PREFIX}${operation}`, 'content-type': 'application/x-amz-json-1.1' });

describe("the emulator's HTTP front", () => {
  it("runs a checked Cognito call's operation with its input, and answers its output as Cognito does", async () => {
    let seen: unknown;
    let context: unknown;
    const route: Route = async (ctx, input) => {
      [seen, context] = [input, ctx];
      return { User: { UserCreateDate: new Date('2026-12-07T10:00:00.500Z') } };
    };
    const body = '{"AuthFlow":"USER_PASSWORD_AUTH","ClientId":"c"}';
    const answer = await handle('POST', '/', amzJson('InitiateAuth'), body, neverCalled, [], route);
    expect(seen).toEqual({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'c' });
    // The call's context names the operation and holds the same checked input; unsigned, it names no region.
    expect(context).toMatchObject({ call: { operation: 'InitiateAuth', input: seen, signedRegion: undefined } });
    const authorization =
      'AWS4-HMAC-SHA256 Credential=local/20261207/eu-central-1/cognito-idp/aws4_request, SignedHeaders=host, Signature=0';
    await handle('POST', '/', { ...amzJson('InitiateAuth'), authorization }, body, neverCalled, [], route);
    expect(context).toMatchObject({ call: { signedRegion: 'eu-central-1' } });
    // Dates in epoch seconds, the JSON protocol's media type, a request id (the SDKs' $metadata.requestId).
    expect(answer).toMatchObject({
      status: 200,
      headers: { 'Content-Type': 'application/x-amz-json-1.1', 'Access-Control-Allow-Origin': '*' },
      body: { User: { UserCreateDate: 1796637600 } },
    });
    expect(answer.headers['x-amzn-RequestId']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("answers an operation's Cognito error with 400 and Cognito's __type and message", async () => {
    const route: Route = async () => {
      throw new CognitoError('NotAuthorizedException', 'Incorrect username or password.');
    };
    const body = '{"AuthFlow":"USER_PASSWORD_AUTH","ClientId":"c"}';
    const answer = await handle('POST', '/', amzJson('InitiateAuth'), body, neverCalled, [], route);
    expect(answer).toEqual({
      status: 400,
      headers: expect.objectContaining({ 'Content-Type': 'application/x-amz-json-1.1' }),
      body: { __type: 'NotAuthorizedException', message: 'Incorrect username or password.' },
    });
  });

  it('answers a malformed call itself, in the JSON protocol, with CORS as cognito-local has it', async () => {
    const answer = await handle('POST', '/?x=1', amzJson('InitiateAuth'), '{bad', neverCalled);
    expect(answer).toMatchObject({
      status: 400,
      headers: { 'Content-Type': 'application/x-amz-json-1.1', 'Access-Control-Allow-Origin': '*' },
      body: { __type: 'SerializationException' },
    });
  });

  it("answers what cognito-local leaves unanswered with a JSON 404 instead of express's HTML", async () => {
    const answer = await handle('GET', '/nope', {}, '', (_request, _response, next) => next());
    expect(answer).toMatchObject({
      status: 404,
      headers: { 'Content-Type': 'application/json' },
      body: { __type: 'UnknownOperationException' },
    });
  });

  it('answers a 4xx of express or its parsers (a bad path escape, a body too large) with that status in JSON', async () => {
    const failure = Object.assign(new URIError("Failed to decode param '%ff'"), { status: 400 });
    const answer = await handle('GET', '/%ff/.well-known/jwks.json', {}, '', (_request, _response, next) => next(failure));
    expect(answer).toMatchObject({ status: 400, body: { __type: 'BadRequest', message: "Failed to decode param '%ff'" } });
  });

  it.each(['/oauth2/token', '/oauth2/authorize', '/login', '/logout'])(
    "leaves %s to the pool's domain (the managed login), as Cognito's API endpoint has none: cognito-local's own is never reached",
    async (path) => {
      const answer = await handle('GET', path, {}, '', () => {
        throw new Error("cognito-local's app was reached");
      });
      expect(answer).toMatchObject({ status: 404, body: { __type: 'UnknownOperationException' } });
    },
  );

  it('gives the form routes a body object even when nothing was parsed', async () => {
    let seen: unknown;
    await handle('POST', '/_probe', {}, '', (request, response) => {
      seen = (request as IncomingMessage & { body?: unknown }).body;
      response.writeHead(200, {}).end('{}');
    });
    expect(seen).toEqual({});
  });

  it('answers any other failure with InternalErrorException and logs it', async () => {
    const log: string[] = [];
    const answer = await handle('GET', '/health', {}, '', (_request, _response, next) => next(new TypeError('boom')), log);
    expect(answer).toMatchObject({ status: 500, body: { __type: 'InternalErrorException' } });
    expect(log[0]).toContain('TypeError: boom');
  });
});

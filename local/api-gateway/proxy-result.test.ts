import { describe, expect, it } from 'vitest';
import { lambdaPayload, readProxyResult } from './proxy-result.ts';

// REST and payload 1.0: set-up-lambda-proxy-integrations.html#api-gateway-simple-proxy-for-lambda-output-format
// ("Malformed Lambda proxy response" otherwise, malformed-502-api-gateway knowledge center article).
// Payload 2.0: http-api-develop-integrations-lambda.html#http-api-develop-integrations-lambda.response.

const valid = { statusCode: 201, headers: { 'Content-Type': 'text/plain' }, body: 'made' };

describe('lambdaPayload', () => {
  it('is what Lambda sends API Gateway: the result as JSON, undefined as null', () => {
    expect(lambdaPayload(undefined)).toEqual({ payload: null });
    expect(lambdaPayload({ statusCode: 200, headers: { 'x-n': undefined }, when: new Date(0) })).toEqual({
      payload: { statusCode: 200, headers: {}, when: '1970-01-01T00:00:00.000Z' },
    });
  });

  it('is undefined for a result JSON cannot carry (the invocation fails)', () => {
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(lambdaPayload(cycle)).toBeUndefined();
    expect(lambdaPayload({ statusCode: 200n })).toBeUndefined();
  });
});

describe.each(['1.0', '2.0'] as const)('readProxyResult, payload %s', (format) => {
  it('takes a well-formed response as it is', () => {
    expect(readProxyResult(valid, format)).toEqual({ ok: true, response: valid });
    expect(readProxyResult({ statusCode: 204 }, format)).toEqual({ ok: true, response: { statusCode: 204 } });
    expect(readProxyResult({ statusCode: 200, body: null, headers: null, isBase64Encoded: false }, format).ok).toBe(true);
  });

  it.each([
    ['a status code as a string', { statusCode: '200', body: '' }, 'statusCode "200" is not an HTTP status number'],
    ['a status code out of range', { statusCode: 99, body: '' }, 'statusCode 99 is not an HTTP status number'],
    ['a fractional status code', { statusCode: 200.5 }, 'statusCode 200.5 is not an HTTP status number'],
    ['an object body', { statusCode: 200, body: { a: 1 } }, 'body is an object: it must be a string (JSON.stringify it)'],
    ['a number body', { statusCode: 200, body: 5 }, 'body is a number: it must be a string (JSON.stringify it)'],
    ['a header that is an object', { statusCode: 200, headers: { 'X-Thing': { a: 1 } } }, 'headers must map names to strings'],
    ['a header that is a list', { statusCode: 200, headers: { 'X-Thing': ['a'] } }, 'headers must map names to strings'],
    ['a header that is null', { statusCode: 200, headers: { 'X-Thing': null } }, 'headers must map names to strings'],
    ['isBase64Encoded as a string', { statusCode: 200, isBase64Encoded: 'false' }, 'isBase64Encoded must be a boolean'],
  ])('refuses %s', (_, result, reason) => {
    expect(readProxyResult(result, format)).toEqual({ ok: false, reason });
  });
});

describe.each(['1.0', '2.0'] as const)('readProxyResult, header values, payload %s', (format) => {
  it('sends number and boolean header values as their text, as the gateway does', () => {
    const read = readProxyResult(
      { statusCode: 200, headers: { 'Access-Control-Allow-Credentials': true, 'X-Count': 5 }, body: '' },
      format,
    );
    expect(read).toEqual({
      ok: true,
      response: { statusCode: 200, headers: { 'Access-Control-Allow-Credentials': 'true', 'X-Count': '5' }, body: '' },
    });
  });
});

describe('readProxyResult, REST and payload 1.0', () => {
  it.each([
    ['no statusCode', { body: 'hi' }, 'no statusCode'],
    ['null', null, 'the result is null, not an object'],
    ['a string', 'hi', 'the result is a string, not an object'],
    ['an array', [1], 'the result is an array, not an object'],
    [
      'cookies (a 2.0 key)',
      { statusCode: 200, cookies: ['a=1'] },
      'unknown key "cookies" (payload 1.0 allows statusCode, headers, multiValueHeaders, body, isBase64Encoded)',
    ],
    [
      'multiValueHeaders that are not lists',
      { statusCode: 200, multiValueHeaders: { a: 'b' } },
      'multiValueHeaders must map names to lists of strings',
    ],
  ])('refuses %s', (_, result, reason) => {
    expect(readProxyResult(result, '1.0')).toEqual({ ok: false, reason });
  });

  it('takes multiValueHeaders', () => {
    expect(readProxyResult({ statusCode: 200, multiValueHeaders: { 'Set-Cookie': ['a=1', 'b=2'] } }, '1.0').ok).toBe(true);
  });
});

describe('readProxyResult, payload 2.0', () => {
  const inferred = (body: string) => ({
    ok: true,
    response: { statusCode: 200, headers: { 'content-type': 'application/json' }, body, isBase64Encoded: false },
  });

  it('infers 200 application/json when there is no statusCode: a string is the body as it is, anything else its JSON', () => {
    expect(readProxyResult('Hello from Lambda!', '2.0')).toEqual(inferred('Hello from Lambda!'));
    expect(readProxyResult({ message: 'Hello from Lambda!' }, '2.0')).toEqual(inferred('{"message":"Hello from Lambda!"}'));
    expect(readProxyResult({ body: 'not a response' }, '2.0')).toEqual(inferred('{"body":"not a response"}'));
    expect(readProxyResult([1, 2], '2.0')).toEqual(inferred('[1,2]'));
    expect(readProxyResult(null, '2.0')).toEqual(inferred('null'));
  });

  it('reads an object with a statusCode as a response, cookies included, and refuses one it cannot read', () => {
    expect(readProxyResult({ statusCode: 200, cookies: ['a=1; Secure'] }, '2.0').ok).toBe(true);
    expect(readProxyResult({ statusCode: null, body: 'x' }, '2.0')).toEqual({
      ok: false,
      reason: 'statusCode null is not an HTTP status number',
    });
    expect(readProxyResult({ statusCode: 200, cookies: 'a=1' }, '2.0')).toEqual({ ok: false, reason: 'cookies must be a list of strings' });
    expect(readProxyResult({ statusCode: 200, multiValueHeaders: {} }, '2.0')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^unknown key "multiValueHeaders"/),
    });
  });
});

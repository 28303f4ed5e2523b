import { describe, expect, it } from 'vitest';
import { invokeRefusal, isAsynchronous, malformedInvokeResponse, payloadTooLarge, type InvokeCall } from './lambda-invoke.ts';

const call = (overrides: Partial<InvokeCall> = {}): InvokeCall => ({
  api: 'invoke',
  functionName: 'hello',
  headers: {},
  payload: '{}',
  ...overrides,
});

describe('invokeRefusal', () => {
  it('lets a well-formed call through, an empty Invoke payload too', () => {
    expect(invokeRefusal(call(), ['hello'])).toBeUndefined();
    expect(invokeRefusal(call({ payload: '' }), ['hello'])).toBeUndefined();
  });

  it('refuses an unknown function with ResourceNotFoundException, its message under "Message"', () => {
    expect(invokeRefusal(call({ api: 'invoke-async', functionName: 'nope' }), ['hello'])).toEqual({
      statusCode: 404,
      errorType: 'ResourceNotFoundException',
      body: '{"Type":"User","Message":"Function not found: nope"}',
    });
  });

  it('refuses a payload, or an empty InvokeAsync payload, that is not JSON', () => {
    for (const refused of [call({ payload: '{bad' }), call({ api: 'invoke-async', payload: '' })]) {
      expect(invokeRefusal(refused, ['hello'])).toMatchObject({ statusCode: 400, errorType: 'InvalidRequestContentException' });
    }
  });

  it('refuses an X-Amz-Client-Context that is not base64 JSON', () => {
    const headers = { 'x-amz-client-context': Buffer.from('not json').toString('base64') };
    expect(invokeRefusal(call({ headers }), ['hello'])).toMatchObject({
      statusCode: 400,
      body: '{"Type":"User","message":"Client context must be a valid Base64-encoded JSON object."}',
    });
  });
});

describe('the other answers', () => {
  it('takes InvokeAsync and an Event invocation as asynchronous', () => {
    expect([isAsynchronous(call()), isAsynchronous(call({ api: 'invoke-async' }))]).toEqual([false, true]);
    expect(isAsynchronous(call({ headers: { 'x-amz-invocation-type': 'Event' } }))).toBe(true);
  });

  it('answers a payload over 6 MB with RequestTooLargeException, and a refused request with a JSON 4xx', () => {
    expect(payloadTooLarge).toMatchObject({ statusCode: 413, errorType: 'RequestTooLargeException' });
    expect(malformedInvokeResponse(400)).toEqual({ statusCode: 400, body: '{"Type":"User","message":"Bad Request"}' });
  });
});

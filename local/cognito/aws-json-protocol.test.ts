import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, readOperationRequest, TARGET_PREFIX } from './aws-json-protocol.ts';
import { CognitoRequestError } from './cognito-request-error.ts';
import { CognitoOperations } from './operation-input.ts';

let operations: CognitoOperations;
beforeAll(async () => {
  operations = await CognitoOperations.load();
});

/** A request as Node's server hands it over: headers, and the body as a stream. */
function request(headers: Record<string, string>, body: string | Buffer = ''): IncomingMessage {
  const stream = Readable.from(body === '' ? [] : [Buffer.from(body)]) as unknown as IncomingMessage;
  return Object.assign(stream, {
    headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
    complete: true,
  });
}

const call = (operation: string, body: string | Buffer, contentType = 'application/x-amz-json-1.1') =>
  request({ 'X-Amz-Target': `${TARGET_PREFIX}${operation}`, 'Content-Type': contentType }, body);

async function refusal(message: IncomingMessage): Promise<CognitoRequestError> {
  const error = await readOperationRequest(message, operations).then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(error).toBeInstanceOf(CognitoRequestError);
  return error as CognitoRequestError;
}

describe('readOperationRequest', () => {
  it('hands over the operation and its checked input', async () => {
    const read = await readOperationRequest(call('InitiateAuth', '{"AuthFlow":"USER_PASSWORD_AUTH","ClientId":"c","Junk":1}'), operations);
    expect(read).toEqual({ operation: 'InitiateAuth', input: { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'c' } });
  });

  it('accepts the JSON 1.0 media type and media type parameters, and reads an empty body as {}', async () => {
    const read = await readOperationRequest(
      call('DescribeUserPool', '{"UserPoolId":"p"}', 'application/x-amz-json-1.0; charset=utf-8'),
      operations,
    );
    expect(read.input).toEqual({ UserPoolId: 'p' });
    expect((await refusal(call('InitiateAuth', ''))).message).toContain("Value null at 'authFlow'");
  });

  it('refuses a missing, foreign or unknown X-Amz-Target with UnknownOperationException', async () => {
    expect((await refusal(request({ 'Content-Type': 'application/x-amz-json-1.1' }, '{}'))).type).toBe('UnknownOperationException');
    expect(
      (await refusal(request({ 'X-Amz-Target': 'DynamoDB_20120810.GetItem', 'Content-Type': 'application/x-amz-json-1.1' }, '{}'))).type,
    ).toBe('UnknownOperationException');
    expect((await refusal(call('Nope', '{}'))).message).toBe('Nope is not a Cognito user pools operation.');
  });

  it('refuses a body outside the JSON protocol (no or another Content-Type) with UnknownOperationException', async () => {
    expect((await refusal(call('SignUp', '{}', 'text/plain'))).type).toBe('UnknownOperationException');
    expect((await refusal(request({ 'X-Amz-Target': `${TARGET_PREFIX}SignUp` }, '{}'))).message).toContain('Content-Type (none)');
  });

  it('refuses malformed JSON with SerializationException', async () => {
    const error = await refusal(call('InitiateAuth', '{"AuthFlow":'));
    expect(error.toJSON()).toEqual({ __type: 'SerializationException', Message: expect.stringContaining('Request body is not JSON') });
  });

  it('answers a body over the limit with 413, once the whole body is read', async () => {
    const message = call('InitiateAuth', Buffer.alloc(MAX_BODY_BYTES + 1, 'a'));
    const error = await refusal(message);
    expect([error.status, error.type]).toEqual([413, 'RequestEntityTooLargeException']);
    expect(message.readableEnded).toBe(true);
  });

  it('reads the body of a refused call to its end before refusing (answering early can reset the connection)', async () => {
    const message = call('Nope', Buffer.alloc(64 * 1024, 'a'));
    await refusal(message);
    expect(message.readableEnded).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { httpAuthorizerContext, readPolicyAnswer, readSimpleAnswer, restAuthorizerContext } from './authorizer-answer.ts';
import type { PolicyAnswer, PolicyDocument, ReadAnswer } from './lambda-authorizer-types.ts';

// Pages (https://docs.aws.amazon.com/apigateway/latest/developerguide/…): [out] api-gateway-lambda-authorizer-output.html,
// [http] http-api-lambda-authorizer.html, [http-lambda] http-api-develop-integrations-lambda.html.
// [C] a REST proxy event captured on AWS with str/num/bool/null context values:
// https://github.com/DefinitelyTyped/DefinitelyTyped/pull/69823 (and serverless-offline PR #1376's own AWS experiment).

const ARN = 'arn:aws:execute-api:eu-west-1:123456789012:abc123/local/GET/items';
const POLICY = { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: ARN }] };
const READ_POLICY: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: ['execute-api:Invoke'], Resource: [ARN] }],
};

function expectRefused(read: ReadAnswer<unknown>, reason: RegExp): void {
  expect(read.ok).toBe(false);
  if (!read.ok) {
    expect(read.reason).toMatch(reason);
    expect(read.reason).not.toContain('\n');
  }
}

function answerOf<A>(read: ReadAnswer<A>): A {
  if (!read.ok) throw new Error(`expected an answer, got: ${read.reason}`);
  return read.answer;
}

describe('readPolicyAnswer [out]', () => {
  it("reads AWS's documented example, normalising the policy", () => {
    const output = {
      principalId: 'yyyyyyyy',
      policyDocument: POLICY,
      context: { stringKey: 'value', numberKey: '1', booleanKey: 'true' },
      usageIdentifierKey: 'api-key-1',
    };
    expect(readPolicyAnswer(output, 'rest')).toEqual({
      ok: true,
      answer: {
        principalId: 'yyyyyyyy',
        policyDocument: READ_POLICY,
        context: { stringKey: 'value', numberKey: '1', booleanKey: 'true' },
        usageIdentifierKey: 'api-key-1',
      },
    });
  });

  it('takes a missing or null context as an empty one, and leaves out an absent usageIdentifierKey', () => {
    expect(answerOf(readPolicyAnswer({ principalId: 'u', policyDocument: POLICY }, 'rest'))).toEqual({
      principalId: 'u',
      policyDocument: READ_POLICY,
      context: {},
    });
    expect(answerOf(readPolicyAnswer({ principalId: 'u', policyDocument: POLICY, context: null }, 'http')).context).toEqual({});
  });

  it('reads the answer as Lambda serialises it: undefined values vanish, a Date becomes its ISO string', () => {
    const when = new Date('2026-12-08T02:00:00.000Z');
    const answer = answerOf(readPolicyAnswer({ principalId: 'u', policyDocument: POLICY, context: { gone: undefined, when } }, 'rest'));
    expect(answer.context).toEqual({ when: '2026-12-08T02:00:00.000Z' });
  });

  it('accepts numbers, booleans and null in a REST context [out][C]', () => {
    const answer = answerOf(
      readPolicyAnswer({ principalId: 'u', policyDocument: POLICY, context: { n: 123, b: true, s: 'x', z: null } }, 'rest'),
    );
    expect(answer.context).toEqual({ n: 123, b: true, s: 'x', z: null });
  });

  it('refuses an object or array in a REST context: "you cannot set a JSON object or array" [out]', () => {
    expectRefused(
      readPolicyAnswer({ principalId: 'u', policyDocument: POLICY, context: { roles: ['a'] } }, 'rest'),
      /context\.roles .*strings, numbers or booleans/,
    );
    expectRefused(
      readPolicyAnswer({ principalId: 'u', policyDocument: POLICY, context: { tenant: { id: 1 } } }, 'rest'),
      /context\.tenant/,
    );
  });

  it("passes objects and arrays in an HTTP API context on as is, as AWS's own example returns them [http]", () => {
    const context = { stringKey: 'value', numberKey: 1, booleanKey: true, arrayKey: ['value1', 'value2'], mapKey: { value1: 'value2' } };
    expect(answerOf(readPolicyAnswer({ principalId: 'abcdef', policyDocument: POLICY, context }, 'http')).context).toEqual(context);
  });

  const refusals: [string, unknown, RegExp][] = [
    ['nothing (the handler returned undefined)', undefined, /must be an object/],
    ['null', null, /must be an object/],
    ['a string', 'Allow', /must be an object/],
    ['a list', [{ principalId: 'u', policyDocument: POLICY }], /must be an object/],
    [
      'no principalId ("must include the principal identifier") [out]',
      { policyDocument: POLICY },
      /principalId must be a non-empty string, not nothing/,
    ],
    ['an empty principalId', { principalId: '', policyDocument: POLICY }, /principalId must be a non-empty string/],
    ['a number principalId', { principalId: 42, policyDocument: POLICY }, /principalId must be a non-empty string, not 42/],
    ['no policyDocument [out]', { principalId: 'u' }, /no policyDocument/],
    ['a policyDocument as a JSON string', { principalId: 'u', policyDocument: JSON.stringify(POLICY) }, /policyDocument must be an object/],
    ['a policy without Statement', { principalId: 'u', policyDocument: { Version: '2012-10-17' } }, /no Statement/],
    [
      'a policy with a lower-case Effect',
      { principalId: 'u', policyDocument: { Statement: [{ Effect: 'allow', Action: 'execute-api:Invoke', Resource: ARN }] } },
      /Effect must be "Allow" or "Deny"/,
    ],
    ['a context string', { principalId: 'u', policyDocument: POLICY, context: 'tenant=1' }, /context must be an object/],
    ['a context list', { principalId: 'u', policyDocument: POLICY, context: ['a'] }, /context must be an object/],
    [
      'a usageIdentifierKey number',
      { principalId: 'u', policyDocument: POLICY, usageIdentifierKey: 5 },
      /usageIdentifierKey must be a string/,
    ],
  ];
  for (const [name, output, reason] of refusals) {
    it(`refuses ${name}, for REST and HTTP API alike`, () => {
      expectRefused(readPolicyAnswer(output, 'rest'), reason);
      expectRefused(readPolicyAnswer(output, 'http'), reason);
    });
  }

  it('refuses an answer that cannot be serialised as JSON, as Lambda would fail to return it', () => {
    const circular: Record<string, unknown> = { principalId: 'u', policyDocument: POLICY };
    circular.self = circular;
    expectRefused(readPolicyAnswer(circular, 'rest'), /cannot be serialised as JSON/);
    expectRefused(
      readPolicyAnswer({ principalId: 'u', policyDocument: POLICY, context: { big: 1n } }, 'rest'),
      /cannot be serialised as JSON/,
    );
  });
});

describe('readSimpleAnswer (EnableSimpleResponses) [http]', () => {
  it('authorizes only the boolean true, with its context', () => {
    expect(readSimpleAnswer({ isAuthorized: true, context: { exampleKey: 'exampleValue' } })).toEqual({
      ok: true,
      answer: { isAuthorized: true, context: { exampleKey: 'exampleValue' } },
    });
    expect(readSimpleAnswer({ isAuthorized: true })).toEqual({ ok: true, answer: { isAuthorized: true, context: {} } });
  });

  // AWS documents only `true/false` and a 500 for "a response in an invalid format" [http]; whether a
  // non-boolean isAuthorized is invalid (500) or a deny (403) is not said. Strict side [U]: each of these
  // is read as a deny (403, function not trusted), never as allowed (serverless-offline allows "false").
  for (const [name, value] of [
    ['false', false],
    ['the string "false"', 'false'],
    ['the string "true"', 'true'],
    ['1', 1],
    ['null', null],
    ['an object', { value: true }],
  ] as const) {
    it(`denies isAuthorized ${name} (a 403, not an error) [U]`, () => {
      expect(answerOf(readSimpleAnswer({ isAuthorized: value, context: { k: 'v' } })).isAuthorized).toBe(false);
    });
  }

  it('denies a missing isAuthorized (a 403, not an error) [U]', () => {
    expect(readSimpleAnswer({ context: {} })).toEqual({ ok: true, answer: { isAuthorized: false, context: {} } });
    expect(answerOf(readSimpleAnswer({})).isAuthorized).toBe(false);
  });

  it("keeps objects and arrays in the context, as AWS's example returns them [http]", () => {
    const context = { numberKey: 1, booleanKey: true, arrayKey: ['value1', 'value2'], mapKey: { value1: 'value2' } };
    expect(answerOf(readSimpleAnswer({ isAuthorized: true, context })).context).toEqual(context);
  });

  // "your Lambda authorizer returns a response in an invalid format, clients receive a 500" [http]
  for (const [name, output] of [
    ['nothing', undefined],
    ['the boolean true alone', true],
    ['a string', 'true'],
    ['a list', [{ isAuthorized: true }]],
  ] as const) {
    it(`refuses ${name} as an invalid answer (500)`, () => expectRefused(readSimpleAnswer(output), /must be an object with isAuthorized/));
  }

  it('refuses a context that is not an object (500) [U]', () => {
    expectRefused(readSimpleAnswer({ isAuthorized: true, context: 'tenant' }), /context must be an object/);
    expectRefused(readSimpleAnswer({ isAuthorized: true, context: [1] }), /context must be an object/);
  });
});

describe("restAuthorizerContext: the REST proxy event's requestContext.authorizer", () => {
  const answer: PolicyAnswer = {
    principalId: 'my-username',
    policyDocument: READ_POLICY,
    context: { str: 'hello', num: 123, float: 1.5, bool: true, no: false, null: null },
  };

  it('stringifies numbers and booleans ("123", "true") [out][C], keeps null [C], and adds principalId and integrationLatency [C]', () => {
    expect(restAuthorizerContext(answer, 0)).toEqual({
      str: 'hello',
      num: '123',
      float: '1.5',
      bool: 'true',
      no: 'false',
      null: null,
      principalId: 'my-username',
      integrationLatency: 0,
    });
  });

  it('carries the integration latency as a number of milliseconds', () => {
    expect(restAuthorizerContext({ ...answer, context: {} }, 37)).toEqual({ principalId: 'my-username', integrationLatency: 37 });
  });

  it('lets principalId and integrationLatency win over context keys of the same name [U]', () => {
    const clash = restAuthorizerContext({ ...answer, context: { principalId: 'forged', integrationLatency: 9 } }, 4);
    expect(clash).toEqual({ principalId: 'my-username', integrationLatency: 4 });
  });

  it('reads a REST answer end to end: what the method gets from the documented example [out]', () => {
    const read = answerOf(
      readPolicyAnswer({ principalId: 'user', policyDocument: POLICY, context: { numberKey: 1, booleanKey: true } }, 'rest'),
    );
    expect(restAuthorizerContext(read, 12)).toEqual({ numberKey: '1', booleanKey: 'true', principalId: 'user', integrationLatency: 12 });
  });
});

describe("httpAuthorizerContext: the HTTP API integration event's requestContext.authorizer", () => {
  const context = { stringKey: 'value', numberKey: 1, booleanKey: true, arrayKey: ['value1', 'value2'], mapKey: { value1: 'value2' } };

  it("puts a simple answer's context, values as returned, under `lambda` (payload 2.0) [http-lambda]", () => {
    expect(httpAuthorizerContext({ isAuthorized: true, context }, '2.0')).toEqual({ lambda: context });
  });

  it("puts a policy answer's context under `lambda`, without principalId (payload 2.0) [http-lambda]", () => {
    const answer = answerOf(readPolicyAnswer({ principalId: 'abcdef', policyDocument: POLICY, context }, 'http'));
    expect(httpAuthorizerContext(answer, '2.0')).toEqual({ lambda: context });
  });

  it('gives payload 1.0 the same `lambda` shape [U]', () => {
    expect(httpAuthorizerContext({ isAuthorized: true, context }, '1.0')).toEqual({ lambda: context });
  });

  it('gives an empty `lambda` for an answer without context, and a copy the handler cannot change the cache through', () => {
    expect(httpAuthorizerContext({ isAuthorized: true, context: {} }, '2.0')).toEqual({ lambda: {} });
    const answer = { isAuthorized: true, context: { k: 'v' } };
    const delivered = httpAuthorizerContext(answer, '2.0') as { lambda: Record<string, unknown> };
    delivered.lambda.k = 'changed';
    expect(answer.context.k).toBe('v');
  });
});

import { describe, expect, it } from 'vitest';
import { actionMatches, arnMatches, evaluatePolicy, readPolicyDocument } from './authorizer-policy.ts';
import type { PolicyDocument, PolicyStatement } from './lambda-authorizer-types.ts';

// Pages: [out] api-gateway-lambda-authorizer-output.html, [invoke] api-gateway-control-access-using-iam-policies-to-invoke-api.html
// (https://docs.aws.amazon.com/apigateway/latest/developerguide/…), and IAM's (https://docs.aws.amazon.com/IAM/latest/UserGuide/…)
// [effect] reference_policies_elements_effect.html, [action] reference_policies_elements_action.html,
// [resource] reference_policies_elements_resource.html, [eval] reference_policies_evaluation-logic.html.

const API = 'arn:aws:execute-api:eu-west-1:123456789012:abc123';
const GET_ITEMS = `${API}/local/GET/items`;
const POST_ITEMS = `${API}/local/POST/items`;
const GET_ITEM = `${API}/local/GET/items/42`;

function policy(...statements: PolicyStatement[]): PolicyDocument {
  return { Version: '2012-10-17', Statement: statements };
}
const allow = (Resource: string | string[], Action: string | string[] = 'execute-api:Invoke'): PolicyStatement => ({
  Effect: 'Allow',
  Action: [Action].flat(),
  Resource: [Resource].flat(),
});
const deny = (Resource: string | string[], Action: string | string[] = 'execute-api:Invoke'): PolicyStatement => ({
  Effect: 'Deny',
  Action: [Action].flat(),
  Resource: [Resource].flat(),
});

describe('evaluatePolicy (execute-api:Invoke, IAM evaluation [eval])', () => {
  it('allows only the method an exact ARN names [invoke]', () => {
    const document = policy(allow(GET_ITEMS));
    expect(evaluatePolicy(document, GET_ITEMS)).toBe('allow');
    expect(evaluatePolicy(document, POST_ITEMS)).toBe('implicit-deny');
    expect(evaluatePolicy(document, GET_ITEM)).toBe('implicit-deny');
    expect(evaluatePolicy(document, `${API}/prod/GET/items`)).toBe('implicit-deny');
  });

  it('allows every method and path of a stage with stage/* — `*` runs across `/` [resource]', () => {
    const document = policy(allow(`${API}/local/*`));
    for (const arn of [GET_ITEMS, POST_ITEMS, GET_ITEM, `${API}/local/DELETE/a/b/c`]) expect(evaluatePolicy(document, arn)).toBe('allow');
    expect(evaluatePolicy(document, `${API}/prod/GET/items`)).toBe('implicit-deny');
  });

  it('matches */GET/* across stages and paths, for GET only [invoke]', () => {
    const document = policy(allow(`${API}/*/GET/*`));
    expect(evaluatePolicy(document, GET_ITEMS)).toBe('allow');
    expect(evaluatePolicy(document, GET_ITEM)).toBe('allow');
    expect(evaluatePolicy(document, `${API}/prod/GET/items`)).toBe('allow');
    expect(evaluatePolicy(document, POST_ITEMS)).toBe('implicit-deny');
  });

  it('allows everything with the Resource `*`', () => {
    expect(evaluatePolicy(policy(allow('*')), GET_ITEMS)).toBe('allow');
    expect(evaluatePolicy(policy(allow('*')), 'arn:aws:execute-api:us-east-1:999999999999:other/$default/GET/')).toBe('allow');
  });

  it('lets an explicit Deny on one route win over an Allow on `*` [eval]', () => {
    const document = policy(allow('*'), deny(POST_ITEMS));
    expect(evaluatePolicy(document, POST_ITEMS)).toBe('explicit-deny');
    expect(evaluatePolicy(document, GET_ITEMS)).toBe('allow');
    // The order of statements does not matter.
    expect(evaluatePolicy(policy(deny(POST_ITEMS), allow('*')), POST_ITEMS)).toBe('explicit-deny');
  });

  it('denies implicitly when no statement allows, and when there are no statements [eval]', () => {
    expect(evaluatePolicy(policy(), GET_ITEMS)).toBe('implicit-deny');
    expect(evaluatePolicy(policy(deny(POST_ITEMS)), GET_ITEMS)).toBe('implicit-deny');
  });

  it('applies an Allow with NotResource to every ARN except those listed [resource]', () => {
    const document = policy({ Effect: 'Allow', Action: ['execute-api:Invoke'], NotResource: [`${API}/local/POST/*`] });
    expect(evaluatePolicy(document, GET_ITEMS)).toBe('allow');
    expect(evaluatePolicy(document, POST_ITEMS)).toBe('implicit-deny');
  });

  it('applies a Deny with NotResource to every ARN except those listed', () => {
    const document = policy(allow('*'), { Effect: 'Deny', Action: ['execute-api:Invoke'], NotResource: [GET_ITEMS] });
    expect(evaluatePolicy(document, GET_ITEMS)).toBe('allow');
    expect(evaluatePolicy(document, GET_ITEM)).toBe('explicit-deny');
  });

  it('applies NotAction to every action except those listed [action]', () => {
    const notInvoke: PolicyStatement = { Effect: 'Allow', NotAction: ['execute-api:Invoke'], Resource: ['*'] };
    expect(evaluatePolicy(policy(notInvoke), GET_ITEMS)).toBe('implicit-deny');
    const notManage: PolicyStatement = { Effect: 'Allow', NotAction: ['execute-api:ManageConnections'], Resource: ['*'] };
    expect(evaluatePolicy(policy(notManage), GET_ITEMS)).toBe('allow');
    const denyAllButManage: PolicyStatement = { Effect: 'Deny', NotAction: ['execute-api:ManageConnections'], Resource: ['*'] };
    expect(evaluatePolicy(policy(allow('*'), denyAllButManage), GET_ITEMS)).toBe('explicit-deny');
  });

  it('takes execute-api:*, *, and a wildcard in the action name for Invoke [action]', () => {
    for (const action of ['execute-api:*', '*', 'execute-api:Inv*', 'execute-api:Invok?', 'EXECUTE-API:invoke']) {
      expect(evaluatePolicy(policy(allow(GET_ITEMS, action)), GET_ITEMS), action).toBe('allow');
    }
  });

  it('ignores statements for other actions and other services [action]', () => {
    for (const action of ['execute-api:ManageConnections', 'lambda:InvokeFunction', 'execute-api:Invoke2', 'execute-api:Invoke?']) {
      expect(evaluatePolicy(policy(allow(GET_ITEMS, action)), GET_ITEMS), action).toBe('implicit-deny');
    }
  });

  it('does not let a policy for another API id, account or region allow this one', () => {
    expect(evaluatePolicy(policy(allow('arn:aws:execute-api:eu-west-1:123456789012:other99/*')), GET_ITEMS)).toBe('implicit-deny');
    expect(evaluatePolicy(policy(allow('arn:aws:execute-api:eu-west-1:999999999999:abc123/*')), GET_ITEMS)).toBe('implicit-deny');
    expect(evaluatePolicy(policy(allow('arn:aws:execute-api:us-east-1:123456789012:abc123/*')), GET_ITEMS)).toBe('implicit-deny');
  });

  it('matches any of a list of resources and actions', () => {
    const document = policy(allow([POST_ITEMS, GET_ITEMS], ['execute-api:ManageConnections', 'execute-api:Invoke']));
    expect(evaluatePolicy(document, GET_ITEMS)).toBe('allow');
    expect(evaluatePolicy(document, GET_ITEM)).toBe('implicit-deny');
  });

  it("covers the root resource's method ARN, which ends in a slash [out]", () => {
    const root = `${API}/local/GET/`;
    expect(evaluatePolicy(policy(allow(`${API}/*/GET/`)), root)).toBe('allow');
    expect(evaluatePolicy(policy(allow(`${API}/*/GET/`)), GET_ITEMS)).toBe('implicit-deny');
  });

  it('evaluates an HTTP API route ARN, $default stage included [http]', () => {
    const route = `${API}/$default/GET/items`;
    expect(evaluatePolicy(policy(allow(`${API}/$default/GET/items`)), route)).toBe('allow');
    expect(evaluatePolicy(policy(allow(`${API}/*`)), route)).toBe('allow');
  });
});

describe('arnMatches (IAM resource wildcards [resource])', () => {
  it('is case sensitive', () => {
    expect(arnMatches(`${API}/local/get/items`, GET_ITEMS)).toBe(false);
    expect(arnMatches(`${API}/local/GET/Items`, GET_ITEMS)).toBe(false);
    expect(arnMatches(GET_ITEMS, GET_ITEMS)).toBe(true);
  });

  it('lets `?` match exactly one character', () => {
    expect(arnMatches(`${API}/local/GET/items/4?`, GET_ITEM)).toBe(true);
    expect(arnMatches(`${API}/local/GET/items/?`, GET_ITEM)).toBe(false);
    expect(arnMatches(`${API}/local/?ET/items`, GET_ITEMS)).toBe(true);
  });

  it('keeps a `*` inside a segment within that segment', () => {
    // `*` followed by more of its segment does not run past a colon.
    expect(arnMatches('arn:aws:execute-api:eu-*1:123456789012:abc123/*', GET_ITEMS)).toBe(true);
    // Were it free to, `eu-*2` would swallow `west-1:12345678901` and skip the account segment.
    expect(arnMatches('arn:aws:execute-api:eu-*2:abc123/*', GET_ITEMS)).toBe(false);
    expect(arnMatches('arn:aws:execute-api:eu-*2:abc123/*', 'arn:aws:execute-api:eu-2:abc123/local/GET/items')).toBe(true);
  });

  it('lets a `*` that ends a segment run past the colons after it', () => {
    expect(arnMatches('arn:aws:execute-api:*', GET_ITEMS)).toBe(true);
    expect(arnMatches('arn:aws:execute-api:*:123456789012:abc123/*', GET_ITEMS)).toBe(true);
    expect(arnMatches('arn:aws:execute-api:*:*:abc123/local/GET/items', GET_ITEMS)).toBe(true);
  });

  it('treats regular-expression characters literally', () => {
    expect(arnMatches(`${API}/local/GET/items.`, `${API}/local/GET/itemsX`)).toBe(false);
    expect(arnMatches(`${API}/local/GET/items/(.+)`, `${API}/local/GET/items/(.+)`)).toBe(true);
  });
});

describe('actionMatches [action]', () => {
  it('is case insensitive and supports * and ?', () => {
    expect(actionMatches('execute-api:invoke', 'execute-api:Invoke')).toBe(true);
    expect(actionMatches('execute-api:*', 'execute-api:Invoke')).toBe(true);
    expect(actionMatches('execute-api:I?voke', 'execute-api:Invoke')).toBe(true);
    expect(actionMatches('execute:Invoke', 'execute-api:Invoke')).toBe(false);
  });
});

describe('readPolicyDocument (a malformed policy is a 500 [out])', () => {
  const statement = { Effect: 'Allow', Action: 'execute-api:Invoke', Resource: GET_ITEMS };

  it('normalises a single Statement object and string Action/Resource to lists', () => {
    expect(readPolicyDocument({ Version: '2012-10-17', Statement: statement })).toEqual({
      ok: true,
      policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['execute-api:Invoke'], Resource: [GET_ITEMS] }] },
    });
  });

  it('keeps lists, NotAction and NotResource, ignores Sid, and accepts a missing Version', () => {
    const read = readPolicyDocument({
      Statement: [{ Sid: 'one', Effect: 'Deny', NotAction: ['s3:*'], NotResource: [GET_ITEMS, POST_ITEMS] }],
    });
    expect(read).toEqual({
      ok: true,
      policy: { Statement: [{ Effect: 'Deny', NotAction: ['s3:*'], NotResource: [GET_ITEMS, POST_ITEMS] }] },
    });
  });

  it('accepts an empty Statement list (everything is then implicitly denied)', () => {
    expect(readPolicyDocument({ Version: '2012-10-17', Statement: [] })).toEqual({
      ok: true,
      policy: { Version: '2012-10-17', Statement: [] },
    });
  });

  const refusals: [string, unknown, RegExp][] = [
    ['a string', 'policy', /policyDocument must be an object/],
    ['a list', [statement], /policyDocument must be an object/],
    ['no Statement', { Version: '2012-10-17' }, /no Statement/],
    ['a Statement string', { Statement: 'Allow' }, /Statement must be an object or a list/],
    ['a Statement number', { Statement: 1 }, /Statement must be an object or a list/],
    ['a null statement in the list', { Statement: [statement, null] }, /Statement\[1\] must be an object/],
    ['an unknown Version', { Version: '2020-01-01', Statement: statement }, /Version must be/],
    [
      'a lower-case Effect [effect]',
      { Statement: { ...statement, Effect: 'allow' } },
      /Effect must be "Allow" or "Deny" \(case sensitive\)/,
    ],
    ['an upper-case Effect [effect]', { Statement: { ...statement, Effect: 'ALLOW' } }, /Effect must be/],
    ['no Effect', { Statement: { Action: statement.Action, Resource: GET_ITEMS } }, /Effect must be/],
    ['no Action nor NotAction [action]', { Statement: { Effect: 'Allow', Resource: GET_ITEMS } }, /exactly one of Action and NotAction/],
    ['both Action and NotAction', { Statement: { ...statement, NotAction: 's3:*' } }, /exactly one of Action and NotAction/],
    [
      'no Resource nor NotResource [resource]',
      { Statement: { Effect: 'Allow', Action: 'execute-api:Invoke' } },
      /exactly one of Resource and NotResource/,
    ],
    ['both Resource and NotResource', { Statement: { ...statement, NotResource: '*' } }, /exactly one of Resource and NotResource/],
    ['an Action number', { Statement: { ...statement, Action: 7 } }, /Action must be a string or a list of strings/],
    ['an Action list with a number', { Statement: { ...statement, Action: ['execute-api:Invoke', 7] } }, /Action must be a string/],
    ['a Resource object', { Statement: { ...statement, Resource: { arn: GET_ITEMS } } }, /Resource must be a string or a list of strings/],
    ['a NotResource list with null', { Statement: { Effect: 'Allow', Action: 'x', NotResource: [null] } }, /NotResource must be a string/],
    ['a Condition (not emulated)', { Statement: { ...statement, Condition: { IpAddress: {} } } }, /Condition is not supported/],
  ];
  for (const [name, document, reason] of refusals) {
    it(`refuses ${name}`, () => {
      const read = readPolicyDocument(document);
      expect(read.ok).toBe(false);
      if (!read.ok) {
        expect(read.reason).toMatch(reason);
        expect(read.reason).not.toContain('\n');
      }
    });
  }
});

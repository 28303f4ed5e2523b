import type { RawRequest } from './raw-http.ts';

/** The stack's HTTP servers that are ours: the API, the Cognito emulator, offline's Lambda invoke port. */
export type Surface = 'api' | 'cognito' | 'lambda';

export interface FuzzRequest {
  readonly surface: Surface;
  /** What kind of junk it is, for the failure message and the summary. */
  readonly kind: string;
  readonly request: RawRequest;
  /** A request the secured route must refuse (no genuine token), whatever else is wrong with it. */
  readonly mustNotGreet?: boolean;
}

/** Ids and names of the running stack the requests may aim at. */
export interface FuzzTargets {
  readonly userPoolId: string;
  readonly clientId: string;
  /** Lambda function names as offline's invoke port knows them. */
  readonly functionNames: readonly string[];
  /** A seed user's genuine tokens, sent now and then so that requests also get past the token checks. */
  readonly idToken: string;
  readonly accessToken: string;
  readonly refreshToken: string;
}

/** mulberry32: a small seeded PRNG, so that a failing run replays exactly with the same seed. */
export class Random {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(below: number): number {
    return Math.floor(this.next() * below);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
}

const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';

/** Operations that never change a seed user or the pool's settings, whatever their input: they may get the real ids and tokens. */
const SAFE_OPERATIONS = [
  'InitiateAuth',
  'SignUp',
  'ConfirmSignUp',
  'ForgotPassword',
  'ConfirmForgotPassword',
  'ResendConfirmationCode',
  'RespondToAuthChallenge',
  'GetUser',
  'GetTokensFromRefreshToken',
  'RevokeToken',
  'GlobalSignOut',
  'ListUsers',
  'DescribeUserPool',
  'DescribeUserPoolClient',
  'ListGroups',
  'AdminGetUser',
  'ListUserPoolClients',
  'AdminListGroupsForUser',
];
/** Any operation, destructive ones included: only ever with made-up ids and tokens. */
const ANY_OPERATIONS = [
  ...SAFE_OPERATIONS,
  'AdminDeleteUser',
  'AdminDisableUser',
  'AdminSetUserPassword',
  'AdminCreateUser',
  'AdminInitiateAuth',
  'AdminRespondToAuthChallenge',
  'DeleteUserPool',
  'UpdateUserPoolClient',
  'ChangePassword',
  'DeleteUser',
  'UpdateUserAttributes',
  'AdminAddUserToGroup',
  'CreateGroup',
  'ListWebAuthnCredentials',
  'StartWebAuthnRegistration',
  'AssociateSoftwareToken',
];
/** The members each safe operation needs (cognitoCall mostly starts from these, then breaks some). */
const OPERATION_INPUTS: Readonly<Record<string, readonly string[]>> = {
  InitiateAuth: ['AuthFlow', 'ClientId', 'AuthParameters'],
  SignUp: ['ClientId', 'Username', 'Password', 'UserAttributes'],
  ConfirmSignUp: ['ClientId', 'Username', 'ConfirmationCode'],
  ForgotPassword: ['ClientId', 'Username'],
  ConfirmForgotPassword: ['ClientId', 'Username', 'ConfirmationCode', 'Password'],
  ResendConfirmationCode: ['ClientId', 'Username'],
  RespondToAuthChallenge: ['ClientId', 'ChallengeName', 'ChallengeResponses', 'Session'],
  GetUser: ['AccessToken'],
  GetTokensFromRefreshToken: ['ClientId', 'RefreshToken'],
  RevokeToken: ['ClientId', 'Token'],
  GlobalSignOut: ['AccessToken'],
  ListUsers: ['UserPoolId', 'Limit', 'Filter'],
  DescribeUserPool: ['UserPoolId'],
  DescribeUserPoolClient: ['UserPoolId', 'ClientId'],
  ListGroups: ['UserPoolId'],
  AdminGetUser: ['UserPoolId', 'Username'],
  ListUserPoolClients: ['UserPoolId'],
  AdminListGroupsForUser: ['UserPoolId', 'Username'],
};
const UNKNOWN_OPERATIONS = [
  'Nope',
  'initiateAuth',
  'INITIATEAUTH',
  'InitiateAuth2',
  '',
  'Initiate Auth',
  'Ünïcode',
  '__proto__',
  'constructor',
  'x'.repeat(300),
];
const MEMBER_NAMES = [
  'AuthFlow',
  'ClientId',
  'AuthParameters',
  'Username',
  'Password',
  'UserPoolId',
  'AccessToken',
  'RefreshToken',
  'ConfirmationCode',
  'UserAttributes',
  'ChallengeName',
  'ChallengeResponses',
  'Session',
  'Limit',
  'Filter',
  'ClientMetadata',
  'Token',
  'GroupName',
  'SecretHash',
  'ForceAliasCreation',
  'MessageAction',
  'DesiredDeliveryMediums',
  'PaginationToken',
  'AnalyticsMetadata',
];

const STRINGS = [
  '',
  ' ',
  'a',
  'user@example.com',
  'USER@EXAMPLE.COM',
  'héllo wörld',
  '日本語のテキスト',
  '🙂🙃👩‍👩‍👧',
  '\u202eevil',
  'e\u0301',
  '\uFEFFbom',
  'nul\u0000byte',
  '\ud800',
  'line\r\nbreak',
  'tab\tand\u0007bell',
  '%ff%E0%A4%A',
  '../../etc/passwd',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '__proto__',
  'constructor',
  '0',
  '-1',
  '1e309',
  'true',
  'null',
  'NaN',
  'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.',
  'a.b.c',
  'Bearer x',
];
const NUMBERS = [0, -1, 1, 1.5, 2 ** 53 + 1, 1e308, -0, 123456];
const MALFORMED_JSON = [
  '{',
  '}',
  '{"a":',
  '{"a" 1}',
  "{'a': 1}",
  '{"a":1,}',
  '[1,2',
  'nul',
  'tru',
  'NaN',
  '{"a":NaN}',
  '{"a":1}}',
  '\uFEFF{}',
  '{"a":"\u0000"}x',
  '{"a":01}',
  '{"\\ud800":1',
  '\u0000',
  '{"a":"\\x41"}',
  '{"a":"unterminated}',
  ")]}'\n{}",
];
const PATHS: Record<Surface, readonly string[]> = {
  api: [
    '/local/api/helloWorld',
    '/local/api/helloWorldSecured',
    '/local/api/helloWorld/',
    '/local/API/helloWorld',
    '/local',
    '/',
    '/local/api/%ff',
    '/%E0%A4%A',
    '/local/api/helloWorld%00',
    '/local/api/..%2fhelloWorld',
    '//local/api/helloWorld',
    '/local/api/%F0%9F%99%82',
    '/api/helloWorld',
    '/local/api/helloWorld?x=%ff%E0',
    '/local/api/helloWorldSecured?token=x',
    '/2015-03-31/functions/helloWorld/invocations',
    '/local/api/helloWorld#frag',
    '*',
  ],
  cognito: [
    '/',
    '/health',
    '/_dev/inbox',
    '/_dev/inbox?to=user@example.com',
    '/_dev/inbox?to=a&to=b',
    '/_dev/inbox?to=%ff',
    '/_dev/inbox?to[]=x',
    '/oauth2/token',
    '/oauth2/authorize',
    '/oauth2/authorize?client_id=%ff',
    '/%ff/.well-known/jwks.json',
    '/local_x/.well-known/jwks.json',
    '/local_x/.well-known/openid-configuration',
    '/%E0%A4%A',
    '/nope',
    '//',
    '/?a=%ff',
  ],
  lambda: [
    '/',
    '/2015-03-31/functions',
    '/2015-03-31/functions/nope/invocations',
    '/2015-03-31/functions/%ff/invocations',
    '/2014-11-13/functions/nope/invoke-async/',
    '/%E0%A4%A',
    '/2015-03-31/functions//invocations',
  ],
};
const METHODS = [
  'GET',
  'GET',
  'GET',
  'POST',
  'POST',
  'PUT',
  'DELETE',
  'PATCH',
  'HEAD',
  'OPTIONS',
  'PROPFIND',
  'TRACE',
  'MKCOL',
  'SEARCH',
  'get',
  'Post',
  'FOO',
  'M-SEARCH',
  'CONNECT',
];
const CONTENT_TYPES = [
  'application/x-amz-json-1.1',
  'application/x-amz-json-1.1; charset=utf-8',
  'application/x-amz-json-1.0',
  'application/json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=',
  '',
  'application/x-amz-json-1.1;;;',
  '\u00ff/\u00ff',
];

/** A value of any JSON kind, now and then nested. */
function junkValue(random: Random, depth = 0): unknown {
  switch (random.int(depth > 2 ? 4 : 6)) {
    case 0:
      return random.chance(0.05) ? 'x'.repeat(random.int(20_000)) : random.pick(STRINGS);
    case 1:
      return random.pick(NUMBERS);
    case 2:
      return random.chance(0.5);
    case 3:
      return null;
    case 4:
      return Array.from({ length: random.int(4) }, () => junkValue(random, depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: random.int(4) }, () => [random.pick([...MEMBER_NAMES, ...STRINGS]), junkValue(random, depth + 1)]),
      );
  }
}

/** A value that looks right for the member now and then, so that requests also get past the first checks. */
function memberValue(random: Random, member: string, targets: FuzzTargets, realIds: boolean, junk = 0.4): unknown {
  if (random.chance(junk)) return junkValue(random);
  switch (member) {
    // Genuine tokens only for the safe operations: DeleteUser or UpdateUserAttributes would change the seed user.
    case 'AccessToken':
      return realIds ? random.pick([targets.accessToken, targets.idToken, ...STRINGS]) : random.pick(STRINGS);
    case 'RefreshToken':
    case 'Token':
      return realIds ? random.pick([targets.refreshToken, targets.accessToken, ...STRINGS]) : random.pick(STRINGS);
    case 'Session':
      return random.pick(['x'.repeat(40), ...STRINGS]);
    case 'ConfirmationCode':
      return random.pick(['123456', '000000', ...STRINGS]);
    case 'Filter':
      return random.pick(['email = "user@example.com"', 'email ^= "u"', 'sub = ', 'junk', '"', ...STRINGS]);
    case 'ClientId':
      return realIds ? targets.clientId : random.pick(STRINGS);
    case 'UserPoolId':
      return realIds ? targets.userPoolId : `local_${random.int(1e6)}`;
    case 'AuthFlow':
      return random.pick([
        'USER_PASSWORD_AUTH',
        'USER_SRP_AUTH',
        'REFRESH_TOKEN_AUTH',
        'REFRESH_TOKEN',
        'CUSTOM_AUTH',
        'USER_AUTH',
        'ADMIN_NO_SRP_AUTH',
        'JUNK',
      ]);
    case 'ChallengeName':
      return random.pick(['PASSWORD_VERIFIER', 'NEW_PASSWORD_REQUIRED', 'SMS_MFA', 'CUSTOM_CHALLENGE', 'JUNK']);
    case 'AuthParameters':
    case 'ChallengeResponses':
      return {
        USERNAME: random.pick(['user@example.com', 'nobody@example.com', ...STRINGS]),
        PASSWORD: random.pick(['User-Passw0rd!', 'wrong', ...STRINGS]),
        ...(random.chance(0.3) && { SRP_A: random.pick(['0', 'ff', 'zz', 'a'.repeat(600)]) }),
        ...(random.chance(0.2) && { REFRESH_TOKEN: random.pick(STRINGS) }),
      };
    case 'Username':
      return random.pick(['user@example.com', `fuzz-${random.int(1e9)}@example.com`, ...STRINGS]);
    case 'Password':
      return random.pick(['Fuzz-Passw0rd!', 'short', ...STRINGS]);
    case 'UserAttributes':
      return [{ Name: random.pick(['email', 'name', 'custom:x', '']), Value: random.pick(STRINGS) }];
    case 'Limit':
      return random.pick([0, 1, 60, -5, 1e9]);
    default:
      return random.pick(STRINGS);
  }
}

function cognitoBody(random: Random, operation: string, targets: FuzzTargets, realIds: boolean): { kind: string; body: string } {
  const roll = random.next();
  const inputs = Object.hasOwn(OPERATION_INPUTS, operation) ? OPERATION_INPUTS[operation] : undefined;
  if (inputs && roll < 0.45) {
    // The operation's own members, mostly plausible, a few broken or left out.
    const members = inputs.filter(() => random.chance(0.9));
    const input = Object.fromEntries(members.map((member) => [member, memberValue(random, member, targets, realIds, 0.15)]));
    return { kind: 'its members', body: JSON.stringify(input) };
  }
  if (roll < 0.6) {
    const members = Array.from({ length: 1 + random.int(5) }, () => random.pick(MEMBER_NAMES));
    return {
      kind: 'members',
      body: JSON.stringify(Object.fromEntries(members.map((member) => [member, memberValue(random, member, targets, realIds)]))),
    };
  }
  if (roll < 0.75) return { kind: 'malformed JSON', body: random.pick(MALFORMED_JSON) };
  if (roll < 0.85) return { kind: 'not an object', body: random.pick(['[]', '"x"', '5', 'null', 'true', '[{}]']) };
  if (roll < 0.9) return { kind: 'empty body', body: '' };
  if (roll < 0.95) {
    const depth = 1 + random.int(20_000);
    return {
      kind: 'deep nesting',
      body: random.chance(0.5) ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`,
    };
  }
  if (roll < 0.97) return { kind: 'body over 1 MB', body: JSON.stringify({ ClientId: targets.clientId, Username: 'x'.repeat(1_100_000) }) };
  return { kind: 'random bytes', body: Buffer.from(Array.from({ length: random.int(200) }, () => random.int(256))).toString('latin1') };
}

function cognitoCall(random: Random, targets: FuzzTargets): FuzzRequest {
  const roll = random.next();
  const realIds = roll < 0.7;
  const operation = realIds ? random.pick(SAFE_OPERATIONS) : roll < 0.9 ? random.pick(ANY_OPERATIONS) : random.pick(UNKNOWN_OPERATIONS);
  const headers: [string, string][] = [];
  const targetRoll = random.next();
  if (targetRoll < 0.85) headers.push(['X-Amz-Target', `${TARGET_PREFIX}${operation}`]);
  else if (targetRoll < 0.95)
    headers.push([
      'X-Amz-Target',
      random.pick(['', TARGET_PREFIX, `Foo.${operation}`, `${TARGET_PREFIX}${operation}.x`, random.pick(STRINGS)]),
    ]);
  else if (targetRoll < 0.97) headers.push(['X-Amz-Target', `${TARGET_PREFIX}${operation}`], ['X-Amz-Target', `${TARGET_PREFIX}SignUp`]);
  headers.push(['Content-Type', random.chance(0.85) ? 'application/x-amz-json-1.1' : random.pick(CONTENT_TYPES)]);
  const { kind, body } = cognitoBody(random, operation, targets, realIds);
  return {
    surface: 'cognito',
    kind: `cognito ${operation || '(empty)'}: ${kind}`,
    request: { method: 'POST', target: '/', headers, body },
  };
}

/** Extra headers of every kind, junk or plausible. */
function randomHeaders(random: Random, targets: FuzzTargets): { headers: [string, string][]; genuineToken: boolean } {
  const headers: [string, string][] = [];
  let genuineToken = false;
  if (random.chance(0.5)) {
    const tokenRoll = random.next();
    genuineToken = tokenRoll < 0.1;
    const value = genuineToken
      ? `Bearer ${targets.idToken}`
      : random.pick([
          'Bearer',
          'Bearer ',
          'bearer x',
          'Basic dXNlcjpwYXNz',
          `Bearer ${random.pick(STRINGS)}`,
          'Bearer a.b.c',
          `Bearer ${targets.idToken.slice(0, -3)}abc`,
          `Bearer  ${targets.idToken}`,
          `${targets.idToken}.x`,
          'Bearer \u00ff\u00fe',
          'x'.repeat(8000),
        ]);
    headers.push(['Authorization', value]);
  }
  if (random.chance(0.2)) headers.push(['Cookie', random.pick(['a=b', '__proto__=1', 'a=b; ;=; "x', '=;;;a"=%ff', 'x=\u00ff'])]);
  if (random.chance(0.2)) headers.push(['Content-Type', random.pick(CONTENT_TYPES)]);
  if (random.chance(0.2)) headers.push(['Origin', random.pick(['http://app.example.com', 'null', '*', 'http://\u00e9.example', ''])]);
  if (random.chance(0.1)) headers.push(['Accept-Encoding', random.pick(['gzip;q=x', 'br;q=-1, *;q=2', 'identity;q=0'])]);
  if (random.chance(0.1)) headers.push(['Range', random.pick(['bytes=0-3', 'bytes=abc', 'bytes=-1', 'lines=1-2'])]);
  if (random.chance(0.1)) headers.push(['Expect', random.pick(['100-continue', 'junk'])]);
  if (random.chance(0.1)) headers.push(['sls-offline-authorizer-override', '{"claims":{"email":"mallory@example.com"}}']);
  if (random.chance(0.1))
    headers.push([
      random.pick(['X-Amz-Target', 'X-Forwarded-For', 'X-\u00e9', 'If-None-Match', 'Accept']),
      random.pick(STRINGS).replace(/[\0\r\n]/g, ''),
    ]);
  return { headers, genuineToken };
}

function randomRequest(random: Random, targets: FuzzTargets): FuzzRequest {
  const surface = random.pick<Surface>(['api', 'api', 'cognito', 'lambda']);
  const method = random.pick(METHODS);
  let target = random.pick(PATHS[surface]);
  if (random.chance(0.2))
    target += `${target.includes('?') ? '&' : '?'}${random.pick(['q=%ff', 'q=%E0%A4%A', 'a[b]=1', '__proto__[x]=1', 'a=1&a=2', '%%%', '=', '&&&', 'q=🙂'.normalize()])}`;
  if (random.chance(0.03)) target = `/local/api/${'x'.repeat(3000 + random.int(5000))}`;
  const { headers, genuineToken } = randomHeaders(random, targets);
  const body = random.chance(0.3) ? (random.chance(0.5) ? JSON.stringify(junkValue(random)) : random.pick(MALFORMED_JSON)) : undefined;
  const secured = surface === 'api' && method === 'GET' && target.split('?')[0] === '/local/api/helloWorldSecured';
  return {
    surface,
    kind: `${surface} ${method.slice(0, 20)} ${target.slice(0, 60)}`,
    request: { method, target, headers, body },
    mustNotGreet: secured && !genuineToken,
  };
}

/** Requests Node's parser refuses (or nearly): only a raw socket sends these. */
const MALFORMED_HTTP: readonly { kind: string; request: (random: Random) => RawRequest }[] = [
  { kind: 'lowercase method', request: () => ({ method: 'get', target: '/' }) },
  { kind: 'method with non-ASCII', request: () => ({ method: 'GÉT', target: '/' }) },
  { kind: 'very long method', request: (random) => ({ method: 'X'.repeat(100 + random.int(5000)), target: '/' }) },
  { kind: 'NUL in a header', request: () => ({ method: 'GET', target: '/', headers: [['X-A', 'a\u0000b']] }) },
  { kind: 'header line without a colon', request: () => ({ method: 'GET', target: '/', headers: [['X-A', 'b\r\nbroken line']] }) },
  { kind: 'bad header name', request: () => ({ method: 'GET', target: '/', headers: [['X A(b)', 'v']] }) },
  {
    kind: 'headers over 16 KB',
    request: (random) => ({ method: 'GET', target: '/', headers: [['X-Big', 'b'.repeat(17_000 + random.int(30_000))]] }),
  },
  { kind: 'URL over 16 KB', request: (random) => ({ method: 'GET', target: `/${'u'.repeat(17_000 + random.int(10_000))}` }) },
  { kind: 'HTTP/9.9', request: () => ({ method: 'GET', target: '/', requestLine: 'GET / HTTP/9.9' }) },
  { kind: 'HTTP/2 preface', request: () => ({ method: 'PRI', target: '*', requestLine: 'PRI * HTTP/2.0' }) },
  { kind: 'raw UTF-8 in the path', request: () => ({ method: 'GET', target: '/local/api/héllo' }) },
  { kind: 'space in the target', request: () => ({ method: 'GET', target: '/a b' }) },
  { kind: 'control byte in the target', request: () => ({ method: 'GET', target: '/a\u0001b' }) },
  {
    kind: 'Content-Length not a number',
    request: () => ({ method: 'POST', target: '/', headers: [['Content-Length', 'abc']], contentLength: false }),
  },
  {
    kind: 'two Content-Length',
    request: () => ({
      method: 'POST',
      target: '/',
      headers: [
        ['Content-Length', '3'],
        ['Content-Length', '4'],
      ],
      body: 'abc',
      contentLength: false,
    }),
  },
  {
    kind: 'unknown Transfer-Encoding',
    request: () => ({ method: 'POST', target: '/', headers: [['Transfer-Encoding', 'gzip, junk']], body: 'abc', contentLength: false }),
  },
  {
    kind: 'bad chunk size',
    request: () => ({
      method: 'POST',
      target: '/',
      headers: [
        ['Transfer-Encoding', 'chunked'],
        ['Content-Type', 'application/x-amz-json-1.1'],
        ['X-Amz-Target', `${TARGET_PREFIX}InitiateAuth`],
      ],
      body: '2\r\n{}\r\nzz\r\n',
      contentLength: false,
    }),
  },
  { kind: 'Expect not 100-continue', request: () => ({ method: 'GET', target: '/', headers: [['Expect', 'junk']] }) },
  { kind: 'CONNECT', request: () => ({ method: 'CONNECT', target: '127.0.0.1:80' }) },
];

function malformedRequest(random: Random): FuzzRequest {
  const surface = random.pick<Surface>(['api', 'cognito', 'lambda']);
  const { kind, request } = random.pick(MALFORMED_HTTP);
  return { surface, kind: `${surface} malformed HTTP: ${kind}`, request: request(random) };
}

function lambdaInvoke(random: Random, targets: FuzzTargets): FuzzRequest {
  const name = random.chance(0.6)
    ? random.pick(targets.functionNames)
    : random.pick(['nope', '%ff', 'h%C3%A9llo', 'x'.repeat(200), '__proto__']);
  const async = random.chance(0.15);
  const target = async ? `/2014-11-13/functions/${name}/invoke-async/` : `/2015-03-31/functions/${name}/invocations`;
  const headers: [string, string][] = [];
  if (random.chance(0.3)) headers.push(['X-Amz-Invocation-Type', random.pick(['RequestResponse', 'Event', 'DryRun', 'junk', ''])]);
  if (random.chance(0.2))
    headers.push([
      'X-Amz-Client-Context',
      random.pick([Buffer.from('{"custom":{}}').toString('base64'), '!!!', Buffer.from('not json').toString('base64'), '']),
    ]);
  const roll = random.next();
  const body = roll < 0.5 ? JSON.stringify(junkValue(random)) : roll < 0.8 ? random.pick(MALFORMED_JSON) : roll < 0.9 ? '' : '{}';
  return {
    surface: 'lambda',
    kind: `lambda ${async ? 'InvokeAsync' : 'Invoke'} ${name.slice(0, 30)}`,
    request: { method: 'POST', target, headers, body },
  };
}

/** `count` requests from `seed`: always the same ones for the same seed and targets. */
export function* fuzzRequests(seed: number, count: number, targets: FuzzTargets): Generator<FuzzRequest> {
  const random = new Random(seed);
  for (let i = 0; i < count; i += 1) {
    const roll = random.next();
    if (roll < 0.35) yield cognitoCall(random, targets);
    else if (roll < 0.7) yield randomRequest(random, targets);
    else if (roll < 0.85) yield malformedRequest(random);
    else yield lambdaInvoke(random, targets);
  }
}

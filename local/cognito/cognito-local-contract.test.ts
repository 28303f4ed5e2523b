// Contracts with cognito-local's internals that cognito-local.ts leans on (its lib/ is not a
// public API). Each test runs cognito-local's own code; when an upgrade breaks one, its title
// names the internal, and cognito-local.ts (or the file named) has to follow.
import { createPrivateKey, createPublicKey, type JsonWebKey } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import http, { type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import jwt from 'jsonwebtoken';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Clock, OffsetClock, realClock } from '../clock.ts';
import * as cognitoLocal from './cognito-local.ts';
import {
  attributesAppend,
  attributesIncludeMatch,
  attributesRemove,
  attributesToRecord,
  attributeValue,
  CodeMismatchError,
  CognitoError,
  type Context,
  cognitoLocalKeys,
  cognitoLocalRouter,
  createCognitoLocalServices,
  type ExpressHandler,
  handOverBody,
  InvalidParameterError,
  type Messages,
  NotAuthorizedError,
  PasswordResetRequiredError,
  RefreshTokenKeeping,
  ResourceNotFoundError,
  type Route,
  selectAppropriateDeliveryMethod,
  startCognitoLocalServer,
  USER_POOL_AWS_DEFAULTS,
  UnsupportedError,
  type User,
  UserNotConfirmedException,
  type UserPoolServiceFactory,
} from './cognito-local.ts';
import { InternalErrorException } from './emulator-errors.ts';
import { JsonFileStoreFactory } from './json-file-store.ts';
import { createUserPool } from './operations/create-user-pool.ts';
import { createUserPoolClient } from './operations/create-user-pool-client.ts';
import { PoolOAuthStore } from './pool-oauth-store.ts';

const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});
const temporaryFolder = () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'cognito-local-contract-'));
  folders.push(folder);
  return folder;
};

const logger = pino({ level: 'silent' });
const ctx: Context = { logger };

/** Keeps a user's last two refresh tokens, so that a third sign-in shows the override at work. */
class LastTwoRefreshTokens extends RefreshTokenKeeping {
  protected kept(tokens: readonly string[], newest: string): string[] {
    return [...tokens, newest].slice(-2);
  }
}

/** cognito-local's services as createCognitoLocalServices assembles them, with recording parts. */
async function services(dataDir = temporaryFolder(), clock: Clock = realClock) {
  const stores: string[] = [];
  const files = new JsonFileStoreFactory(dataDir);
  const delivered: Parameters<Messages['deliver']>[] = [];
  const wrapped: UserPoolServiceFactory[] = [];
  const built = await createCognitoLocalServices({
    host: '127.0.0.1',
    port: 0,
    dataDir,
    dataStores: { create: (ctx, id, defaults) => (stores.push(id), files.create(ctx, id, defaults)) },
    logger,
    messages: { deliver: async (...args) => void delivered.push(args) },
    clock,
    // No operation of cognito-local's that the emulator still calls issues tokens.
    tokenGenerator: () => ({
      generate: async () => {
        throw new Error('cognito-local issued tokens');
      },
    }),
    userPools: (pools) => (wrapped.push(pools), new LastTwoRefreshTokens(pools)),
  });
  return { dataDir, services: built, route: cognitoLocalRouter(built), stores, delivered, wrapped };
}

/** A pool made as the emulator makes one (operations/create-user-pool.ts), over cognito-local's services. */
async function newPool(built: Awaited<ReturnType<typeof createCognitoLocalServices>>, extra: object = {}) {
  const { UserPool } = await createUserPool(built, ctx, { PoolName: 'contract', ...extra });
  return UserPool as { Id: string; UsernameAttributes?: string[]; SchemaAttributes?: unknown };
}

/** A pool with email codes, an app client, and a confirmed user ada (password Correct-Horse-1). */
async function poolWithAda(
  { route, services: built }: Pick<Awaited<ReturnType<typeof services>>, 'route' | 'services'>,
  code: () => string,
) {
  const UserPool = await newPool(built, { AutoVerifiedAttributes: ['email'] });
  const oauth = new PoolOAuthStore(mkdtempSync(path.join(tmpdir(), 'cognito-local-contract-oauth-')));
  const { UserPoolClient } = await createUserPoolClient({ ...built, oauth }, ctx, { UserPoolId: UserPool.Id, ClientName: 'web' });
  const clientId = UserPoolClient!.ClientId!;
  const signUp = {
    ClientId: clientId,
    Username: 'ada',
    Password: 'Correct-Horse-1',
    UserAttributes: [{ Name: 'email', Value: 'ada@example.com' }],
  };
  await route('SignUp')(ctx, signUp);
  await route('ConfirmSignUp')(ctx, { ClientId: clientId, Username: 'ada', ConfirmationCode: code() });
  return { poolId: UserPool.Id as string, clientId, signUp };
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('the operation did not fail');
}

describe('cognito-local lib/ modules (the names cognito-local.ts re-exports)', () => {
  it('each value cognito-local.ts exports exists, of the kind the emulator uses', () => {
    const kinds = Object.fromEntries(Object.entries(cognitoLocal).map(([name, value]) => [name, typeof value]));
    const functions = [
      'CodeMismatchError',
      'CognitoError',
      'InvalidParameterError',
      'NotAuthorizedError',
      'PasswordResetRequiredError',
      'RefreshTokenKeeping',
      'ResourceNotFoundError',
      'UnsupportedError',
      'UserNotConfirmedException',
      'attributeValue',
      'attributesAppend',
      'attributesIncludeMatch',
      'attributesRemove',
      'attributesToRecord',
      'cognitoLocalKeys',
      'cognitoLocalRouter',
      'createCognitoLocalServices',
      'emulatorClock',
      'handOverBody',
      'hasUnverifiedContactAttributes',
      'selectAppropriateDeliveryMethod',
      'splitImmediateAndDelayedAttributes',
      'startCognitoLocalServer',
      'totpCode',
      'totpCodeHolds',
      'totpSecret',
      'validatePermittedAttributeChanges',
    ];
    expect(kinds).toEqual({ ...Object.fromEntries(functions.map((name) => [name, 'function'])), USER_POOL_AWS_DEFAULTS: 'object' });
  });

  it("errors.js: each error is a CognitoError with Cognito's code (UnsupportedError is not)", () => {
    const errors: Array<[CognitoError, string]> = [
      [new CognitoError('SomeException', 'message'), 'SomeException'],
      [new CodeMismatchError(), 'CodeMismatchException'],
      [new InvalidParameterError('message'), 'InvalidParameterException'],
      [new NotAuthorizedError('message'), 'NotAuthorizedException'],
      [new PasswordResetRequiredError(), 'PasswordResetRequiredException'],
      [new ResourceNotFoundError('message'), 'ResourceNotFoundException'],
      [new UserNotConfirmedException(), 'UserNotConfirmedException'],
    ];
    for (const [error, code] of errors) {
      expect(error).toBeInstanceOf(CognitoError);
      expect(error.code).toBe(code);
    }
    expect(new NotAuthorizedError('Invalid Access Token').message).toBe('Invalid Access Token');
    expect(new UnsupportedError('x')).not.toBeInstanceOf(CognitoError);
  });

  it("services/userPoolService.js: the attribute helpers read and change a user's attribute list", () => {
    const attributes = [
      { Name: 'sub', Value: 'u-1' },
      { Name: 'email', Value: 'ada@example.com' },
    ];
    expect(attributesToRecord(attributes)).toEqual({ sub: 'u-1', email: 'ada@example.com' });
    expect(attributeValue('email', attributes)).toBe('ada@example.com');
    expect(attributesIncludeMatch('sub', 'u-1', attributes)).toBe(true);
    expect(attributesIncludeMatch('sub', 'u-2', attributes)).toBe(false);
    expect(attributesRemove(attributes, 'email')).toEqual([{ Name: 'sub', Value: 'u-1' }]);
    const appended = attributesAppend(attributes, { Name: 'email', Value: 'b@example.com' });
    expect(appended).toHaveLength(2);
    expect(attributesToRecord(appended)).toEqual({ sub: 'u-1', email: 'b@example.com' });
  });

  it("services/cognitoService.js: USER_POOL_AWS_DEFAULTS.SchemaAttributes is Cognito's standard schema", () => {
    const schema = USER_POOL_AWS_DEFAULTS.SchemaAttributes ?? [];
    expect(schema.find((attribute) => attribute.Name === 'sub')).toMatchObject({
      AttributeDataType: 'String',
      Mutable: false,
      Required: true,
    });
    expect(schema.find((attribute) => attribute.Name === 'email')).toMatchObject({ AttributeDataType: 'String', Mutable: true });
  });

  it('services/messageDelivery/deliveryMethod.js: selectAppropriateDeliveryMethod picks the email of an email pool', () => {
    const user = { Username: 'ada', Attributes: [{ Name: 'email', Value: 'ada@example.com' }] } as User;
    expect(selectAppropriateDeliveryMethod(['email'], user)).toEqual({
      AttributeName: 'email',
      DeliveryMedium: 'EMAIL',
      Destination: 'ada@example.com',
    });
    expect(selectAppropriateDeliveryMethod([], user)).toBeNull();
  });

  it('services/totp.js: a secret (base32), the code of now for it, and the check that accepts that code alone', () => {
    const secret = cognitoLocal.totpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const code = cognitoLocal.totpCode(secret);
    expect(code).toMatch(/^\d{6}$/);
    expect(cognitoLocal.totpCodeHolds(secret, code)).toBe(true);
    expect(cognitoLocal.totpCodeHolds(secret, String((Number(code) + 1) % 1_000_000).padStart(6, '0'))).toBe(false);
  });
});

describe('keys/cognitoLocal.{private,public}.json (cognitoLocalKeys)', () => {
  it('hold a PEM RSA key pair and the public JWK, kid CognitoLocal, for RS256', () => {
    const keys = cognitoLocalKeys();
    const privateKey = createPrivateKey(keys.privateKeyPem);
    expect(privateKey.asymmetricKeyType).toBe('rsa');
    expect(createPublicKey(privateKey).export({ format: 'jwk' })).toEqual(createPublicKey(keys.publicKeyPem).export({ format: 'jwk' }));
    expect(createPublicKey({ key: keys.publicJwk, format: 'jwk' }).export({ format: 'jwk' })).toEqual(
      createPublicKey(keys.publicKeyPem).export({ format: 'jwk' }),
    );
    expect(keys).toMatchObject({ keyId: 'CognitoLocal', publicJwk: { kid: 'CognitoLocal', alg: 'RS256', use: 'sig' } });
  });

  it('are read once', () => {
    expect(cognitoLocalKeys()).toBe(cognitoLocalKeys());
  });
});

describe("cognito-local's services, assembled by createCognitoLocalServices", () => {
  it('CognitoServiceFactoryImpl(dataDir, dataStores, userPools): pools are files in dataDir, found again by the next services', async () => {
    const first = await services();
    const UserPool = await newPool(first.services);
    expect(first.stores).toEqual(['clients', UserPool.Id]);
    expect(readdirSync(first.dataDir).sort()).toEqual(['clients.json', `${UserPool.Id}.json`]);
    // No user pool defaults: Cognito's pools use a plain username unless CreateUserPool says.
    expect(UserPool.UsernameAttributes).toBeUndefined();
    expect(UserPool.SchemaAttributes).toEqual(USER_POOL_AWS_DEFAULTS.SchemaAttributes);

    const again = await services(first.dataDir);
    expect((await again.services.cognito.getUserPool(ctx, UserPool.Id)).options.Name).toBe('contract');
  });

  it("cognito.createUserPool(ctx, pool): the pool stored and answered under the Id and Arn given, over Cognito's defaults", async () => {
    const { services: built } = await services();
    const answered = await built.cognito.createUserPool(ctx, {
      Id: 'eu-west-1_Contract1',
      Arn: 'arn:aws:cognito-idp:eu-west-1:0:userpool/x',
      Name: 'contract',
      Policies: { PasswordPolicy: { MinimumLength: 12 } },
    });
    expect(answered).toMatchObject({ Id: 'eu-west-1_Contract1', Arn: 'arn:aws:cognito-idp:eu-west-1:0:userpool/x', Name: 'contract' });
    // operations/update-user-pool.ts lays an update over the same defaults (user-pool-settings.ts).
    expect(answered.Policies?.PasswordPolicy).toEqual({ ...USER_POOL_AWS_DEFAULTS.Policies?.PasswordPolicy, MinimumLength: 12 });
    expect(answered.MfaConfiguration).toBe(USER_POOL_AWS_DEFAULTS.MfaConfiguration);
    expect((await built.cognito.getUserPool(ctx, 'eu-west-1_Contract1')).options.Name).toBe('contract');
  });

  it('saveAppClient of a pool service stores the client whole in clients.json; getAppClient reads it back, as do the next services', async () => {
    const first = await services();
    const { Id } = await newPool(first.services);
    const client = {
      ClientId: 'contract0000000000000000aa',
      ClientName: 'web',
      UserPoolId: Id,
      CreationDate: new Date(0),
      LastModifiedDate: new Date(0),
      RefreshTokenRotation: { Feature: 'ENABLED' as const, RetryGracePeriodSeconds: 5 },
    };
    await (await first.services.cognito.getUserPool(ctx, Id)).saveAppClient(ctx, client);
    expect(await first.services.cognito.getAppClient(ctx, client.ClientId)).toEqual(client);
    const again = await services(first.dataDir);
    expect(await again.services.cognito.getAppClient(ctx, client.ClientId)).toEqual(client);
    expect(await again.services.cognito.listAppClients(ctx, Id)).toEqual([client]);
  });

  it("clock.get(): cognito-local's records take their dates from the local stack's clock", async () => {
    const moved = new OffsetClock(() => Date.parse('2024-06-18T15:00:00Z'), 86_400_000);
    const recorded = await services(temporaryFolder(), moved);
    const { poolId } = await poolWithAda(recorded, () => String(recorded.delivered.at(-1)?.[5]));
    const pool = await recorded.services.cognito.getUserPool(ctx, poolId);
    const ada = await pool.getUserByUsername(ctx, 'ada');
    expect(pool.options.CreationDate?.toISOString()).toBe('2024-06-19T15:00:00.000Z');
    expect([ada?.UserCreateDate.toISOString(), ada?.UserLastModifiedDate.toISOString()]).toEqual([
      '2024-06-19T15:00:00.000Z',
      '2024-06-19T15:00:00.000Z',
    ]);
  });

  it('UserPoolServiceFactoryImpl(clock, dataStores): its pool services are what userPools wraps', async () => {
    const { services: built, wrapped } = await services();
    const UserPool = await newPool(built);
    expect(wrapped).toHaveLength(1);
    const pool = await built.cognito.getUserPool(ctx, UserPool.Id);
    expect(Object.hasOwn(pool, 'storeRefreshToken')).toBe(true);
    expect(typeof Object.getPrototypeOf(pool).storeRefreshToken).toBe('function');
    expect(pool.options.Id).toBe(UserPool.Id);
  });

  it('SignUp hands messages.deliver (ctx, source, clientId, poolId, user, code, metadata, delivery) and a code from otp()', async () => {
    const recorded = await services();
    const { poolId, clientId } = await poolWithAda(recorded, () => String(recorded.delivered.at(-1)?.[5]));
    const [, source, client, pool, user, code, , delivery] = recorded.delivered[0]!;
    expect([source, client, pool, user.Username]).toEqual(['SignUp', clientId, poolId, 'ada']);
    expect(code).toMatch(/^\d{6}$/);
    expect(delivery).toEqual({ AttributeName: 'email', DeliveryMedium: 'EMAIL', Destination: 'ada@example.com' });
    expect(recorded.services.otp()).toMatch(/^\d{6}$/);
    // TriggersService(clock, cognito, lambda, crypto): no trigger is configured.
    expect(recorded.services.triggers.enabled('PreSignUp')).toBe(false);
  });

  it("a pool service's storeRefreshToken is the override, and finds users by refresh token, their groups, the client's pool", async () => {
    const recorded = await services();
    const { poolId, clientId } = await poolWithAda(recorded, () => String(recorded.delivered.at(-1)?.[5]));
    const pool = await recorded.services.cognito.getUserPool(ctx, poolId);
    for (const token of ['refresh-1', 'refresh-2', 'refresh-3'])
      await pool.storeRefreshToken(ctx, token, (await pool.getUserByUsername(ctx, 'ada'))!);

    const ada = await pool.getUserByUsername(ctx, 'ada');
    expect(ada).toMatchObject({ UserStatus: 'CONFIRMED', Enabled: true, RefreshTokens: ['refresh-2', 'refresh-3'] });
    expect(await pool.getUserByRefreshToken(ctx, 'refresh-3')).toMatchObject({ Username: 'ada' });
    expect(await pool.getUserByRefreshToken(ctx, 'refresh-1')).toBeNull();
    expect(await pool.listUserGroupMembership(ctx, ada!)).toEqual([]);
    expect(await recorded.services.cognito.getUserPoolForClientId(ctx, clientId)).toMatchObject({ options: { Id: poolId } });
    expect(await recorded.services.cognito.getAppClient(ctx, clientId)).toMatchObject({ ClientId: clientId, UserPoolId: poolId });
  });

  it('saveUser changes the user in memory at once, before its write resolves (updateUser releases the next change then)', async () => {
    const recorded = await services();
    const { poolId } = await poolWithAda(recorded, () => String(recorded.delivered.at(-1)?.[5]));
    const pool = await recorded.services.cognito.getUserPool(ctx, poolId);
    const ada = (await pool.getUserByUsername(ctx, 'ada'))!;
    const written = pool.saveUser(ctx, { ...ada, RefreshTokens: ['written-behind'] });
    expect((await pool.getUserByUsername(ctx, 'ada'))?.RefreshTokens).toEqual(['written-behind']);
    await written;
    // Concurrent changes of one user each keep what the others wrote.
    await Promise.all(['a', 'b', 'c'].map((token) => pool.storeRefreshToken(ctx, token, ada)));
    expect((await pool.getUserByUsername(ctx, 'ada'))?.RefreshTokens).toEqual(['b', 'c']);
  });

  it('server/Router.js: a target cognito-local lacks fails with UnsupportedError', async () => {
    const { route } = await services();
    expect(await rejectionOf(route('NoSuchOperation')(ctx, {}))).toBeInstanceOf(UnsupportedError);
  });

  it('updateOptions and saveUser of a pool service persist what AddCustomAttributes and the rules write', async () => {
    const recorded = await services();
    const { poolId } = await poolWithAda(recorded, () => String(recorded.delivered.at(-1)?.[5]));
    const pool = await recorded.services.cognito.getUserPool(ctx, poolId);
    await pool.updateOptions(ctx, { ...pool.options, SchemaAttributes: [{ Name: 'custom:team', AttributeDataType: 'String' }] });
    const ada = (await pool.getUserByUsername(ctx, 'ada'))!;
    await pool.saveUser(ctx, { ...ada, Attributes: attributesAppend(ada.Attributes, { Name: 'custom:team', Value: 'engines' }) });

    const again = await (await services(recorded.dataDir)).services.cognito.getUserPool(ctx, poolId);
    expect(again.options.SchemaAttributes).toEqual([{ Name: 'custom:team', AttributeDataType: 'String' }]);
    expect(attributeValue('custom:team', (await again.getUserByUsername(ctx, 'ada'))!.Attributes)).toBe('engines');
  });
});

/** One request over the server's Unix socket (no port, no network). */
function send(socket: string, method: string, url: string, headers: Record<string, string> = {}, body = '') {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const request = http.request({ socketPath: socket, method, path: url, headers }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode!, body: text }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

const amzJson = (operation: string) => ({
  'X-Amz-Target': `AWSCognitoIdentityProviderService.${operation}`,
  'Content-Type': 'application/x-amz-json-1.1',
});

describe("server/server.js: createServer's express app, behind startCognitoLocalServer's front door", () => {
  const seen: Array<[string, unknown]> = [];
  const unanswered: unknown[] = [];
  let socket = '';
  let server: Server | undefined;
  /** What the front door does with each request; each test sets it. */
  let door: (request: IncomingMessage, response: ServerResponse, app: ExpressHandler, next: (error?: unknown) => void) => void;
  const passOn: typeof door = (request, response, app, next) => {
    handOverBody(request);
    app(request, response, next);
  };

  beforeAll(async () => {
    const built = (await services()).services;
    socket = path.join(temporaryFolder(), 'cognito.sock');
    // A Unix socket instead of a port: start() hands ServerConfig's port to server.listen.
    const config = { ...built.config, ServerConfig: { port: socket as unknown as number } };
    const router = (target: string): Route => {
      if (target === 'Refuse') return async () => Promise.reject(new InvalidParameterError('refused'));
      if (target === 'Crash') return async () => Promise.reject(new InternalErrorException('boom'));
      return async (_ctx, req) => (seen.push([target, req]), { When: new Date(1_700_000_000_000) });
    };
    server = await startCognitoLocalServer({
      services: { ...built, config },
      router,
      logger,
      getRoutes: {
        '/_probe': (request, response) => response.json({ body: (request as unknown as { body: unknown }).body, query: request.query }),
      },
      frontDoor: (app) => (request, response) =>
        door(request, response, app, (error) => {
          unanswered.push(error);
          response.writeHead(299).end();
        }),
    });
  });
  afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it("start() makes the app the server's one 'request' listener, which the front door replaces", async () => {
    expect(server!.listeners('request')).toHaveLength(1);
    door = (_request, response) => response.writeHead(203).end();
    expect((await send(socket, 'GET', '/health')).status).toBe(203);
    door = passOn;
    expect(await send(socket, 'GET', '/health')).toEqual({ status: 200, body: '{"ok":true}' });
  });

  it('body-parser reads a request the front door left unread, in place of the {} handed over', async () => {
    door = passOn;
    await send(socket, 'POST', '/', amzJson('ListUserPools'), '{"MaxResults":60}');
    expect(seen.at(-1)).toEqual(['ListUserPools', { MaxResults: 60 }]);
    const form = await send(
      socket,
      'POST',
      '/oauth2/token',
      { 'Content-Type': 'application/x-www-form-urlencoded' },
      'grant_type=authorization_code',
    );
    expect(form).toEqual({ status: 400, body: '{"error":"invalid_request","error_description":"Missing code"}' });
    expect(JSON.parse((await send(socket, 'GET', '/_probe?to=ada')).body)).toEqual({ body: {}, query: { to: 'ada' } });
  });

  it('hands what it does not answer to next: nothing for no route, the 400 error of a bad path escape', async () => {
    door = passOn;
    expect((await send(socket, 'GET', '/nope')).status).toBe(299);
    expect(unanswered.at(-1)).toBeUndefined();
    await send(socket, 'GET', '/%ff/.well-known/jwks.json');
    expect(unanswered.at(-1)).toMatchObject({ status: 400 });
  });

  it('serves the public JWK at /<pool id>/.well-known/jwks.json, which verifies what the private key signs', async () => {
    door = passOn;
    const jwks = JSON.parse((await send(socket, 'GET', '/local_Pool1/.well-known/jwks.json')).body) as { keys: JsonWebKey[] };
    const { privateKeyPem, keyId, publicJwk } = cognitoLocalKeys();
    expect(jwks.keys).toEqual([publicJwk]);
    const token = jwt.sign({ sub: 'ada' }, privateKeyPem, { algorithm: 'RS256', keyid: keyId });
    const publicKey = createPublicKey({ key: jwks.keys[0]!, format: 'jwk' });
    expect(jwt.verify(token, publicKey, { algorithms: ['RS256'] })).toMatchObject({ sub: 'ada' });
  });
});

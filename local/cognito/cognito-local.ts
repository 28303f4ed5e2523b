// The emulator's one door into cognito-local's internals (its lib/ is not a public API): what
// the rest of local/cognito uses of it, and how its parts are put together. Each internal used
// here is checked against cognito-local's own code by cognito-local-contract.test.ts.
import type { JsonWebKey } from 'node:crypto';
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import AWS from 'aws-sdk';
import { createServer } from 'cognito-local';
import { Router as routerOf } from 'cognito-local/lib/server/Router.js';
import { DefaultConfig, type Config } from 'cognito-local/lib/server/config.js';
import { CognitoServiceFactoryImpl } from 'cognito-local/lib/services/cognitoService.js';
import { CryptoService } from 'cognito-local/lib/services/crypto.js';
import { LambdaService, TriggersService } from 'cognito-local/lib/services/index.js';
import { otp } from 'cognito-local/lib/services/otp.js';
import { UserPoolServiceFactoryImpl } from 'cognito-local/lib/services/userPoolService.js';
import type { Logger } from 'pino';
import { dateOf, type Clock as LocalClock } from '../clock.ts';
import { OneAtATime } from './one-at-a-time.ts';
import type {} from './user-record.ts';
import type {
  Clock,
  Context,
  DataStore,
  DataStoreFactory,
  Messages,
  Router,
  Services,
  TokenGenerator,
  Triggers,
  User,
  UserPool,
  UserPoolService,
  UserPoolServiceFactory,
} from './cognito-local-types.ts';

export type * from './cognito-local-types.ts';
export * from './cognito-local-errors.ts';
export { USER_POOL_AWS_DEFAULTS } from 'cognito-local/lib/services/cognitoService.js';
export { selectAppropriateDeliveryMethod } from 'cognito-local/lib/services/messageDelivery/deliveryMethod.js';
/** TOTP as cognito-local's AssociateSoftwareToken and VerifySoftwareToken make and check it (RFC 6238: SHA-1, 6 digits, 30 s, ±1 step). */
export { generate as totpCode, generateSecret as totpSecret, verify as totpCodeHolds } from 'cognito-local/lib/services/totp.js';
export {
  attributesAppend,
  attributesIncludeMatch,
  attributesRemove,
  attributesToRecord,
  attributeValue,
  hasUnverifiedContactAttributes,
  splitImmediateAndDelayedAttributes,
  validatePermittedAttributeChanges,
} from 'cognito-local/lib/services/userPoolService.js';

/** The local stack's clock as the emulator's code and cognito-local's read it (its records' dates, its code checks). */
export function emulatorClock(clock: LocalClock): Clock {
  return { now: () => clock.now(), get: () => dateOf(clock) };
}

/** The key pair cognito-local ships and signs with; its JWKS route serves the public half. */
export interface CognitoLocalKeys {
  /** The private key, PEM (PKCS#1). */
  readonly privateKeyPem: string;
  /** The public key, PEM (PKCS#1). */
  readonly publicKeyPem: string;
  /** The public key as `/<pool id>/.well-known/jwks.json` serves it. */
  readonly publicJwk: JsonWebKey & { readonly kid: string };
  /** The `kid` a token's header names for this key. */
  readonly keyId: string;
}

let keys: CognitoLocalKeys | undefined;

/** cognito-local's key pair, read from its package the first time it is asked for. */
export function cognitoLocalKeys(): CognitoLocalKeys {
  if (keys === undefined) {
    const require = createRequire(import.meta.url);
    const privateKey = require('cognito-local/lib/keys/cognitoLocal.private.json') as { pem: string };
    const publicKey = require('cognito-local/lib/keys/cognitoLocal.public.json') as { pem: string; jwk: CognitoLocalKeys['publicJwk'] };
    keys = { privateKeyPem: privateKey.pem, publicKeyPem: publicKey.pem, publicJwk: publicKey.jwk, keyId: publicKey.jwk.kid };
  }
  return keys;
}

/**
 * cognito-local's user pool services, with a say in the refresh tokens a user keeps: its own
 * append every token issued, forever. cognito-local takes no option for it, so `storeRefreshToken`
 * (what its sign-ins call) is replaced on each pool service it creates, and each gets
 * `updateUser`, one change of a user at a time (user-record.ts).
 */
export abstract class RefreshTokenKeeping implements UserPoolServiceFactory {
  readonly #changes = new OneAtATime();

  constructor(private readonly pools: UserPoolServiceFactory) {}

  /** The refresh tokens a user keeps when `newest` is issued, given `tokens`, those they have. */
  protected abstract kept(tokens: readonly string[], newest: string): string[];

  async create(ctx: Context, clientsDataStore: DataStore, defaultOptions: UserPool): Promise<UserPoolService> {
    const pool = await this.pools.create(ctx, clientsDataStore, defaultOptions);
    // Each change reads the user as they are now: two sign-ins of one user at once each keep their
    // refresh token (cognito-local's saves the copy its sign-in read, dropping the other's).
    // The next change of the user waits for this one's record, not for its write to the disk:
    // saveUser changes the store in memory at once (its file is written behind, coalescing
    // writes; cognito-local-contract.test.ts checks it), so changes of one user still share writes.
    pool.updateUser = async (ctx, username, change) => {
      let saved: Promise<void> = Promise.resolve();
      const changed = await this.#changes.run(`${pool.options.Id}/${username}`, async () => {
        const current = await pool.getUserByUsername(ctx, username);
        if (!current) return null;
        const next = change(current);
        saved = pool.saveUser(ctx, next);
        return next;
      });
      await saved;
      return changed;
    };
    pool.storeRefreshToken = async (ctx: Context, refreshToken: string, user: User) => {
      await pool.updateUser(ctx, user.Username, (current) => ({
        ...current,
        RefreshTokens: this.kept(current.RefreshTokens ?? [], refreshToken),
      }));
    };
    return pool;
  }
}

export interface CognitoLocalServicesOptions {
  readonly host: string;
  readonly port: number;
  /** The folder of cognito-local's files: it lists the user pools from the files there. */
  readonly dataDir: string;
  /** Reads and writes those files (`clients.json`, `<pool id>.json`). */
  readonly dataStores: DataStoreFactory;
  readonly logger: Logger;
  /** Receives every code cognito-local would email or text. */
  readonly messages: Messages;
  /** The time every rule reads (local/clock.ts). */
  readonly clock: LocalClock;
  readonly tokenGenerator: (clock: Clock) => TokenGenerator;
  /** Wraps cognito-local's user pool services (a {@link RefreshTokenKeeping}). */
  readonly userPools?: (pools: UserPoolServiceFactory) => UserPoolServiceFactory;
  /** Runs the pools' Lambda triggers instead of cognito-local's (one table of functions for every pool). */
  readonly triggers?: Triggers;
}

/** cognito-local's services, assembled as its CLI does, with the project's parts where it has them. */
export async function createCognitoLocalServices(options: CognitoLocalServicesOptions): Promise<Services> {
  const config: Config = {
    ...DefaultConfig,
    ServerConfig: { hostname: options.host, port: options.port, development: false },
    // cognito-local's defaults make every new pool use email as the username; Cognito's pools
    // use what CreateUserPool says, a plain username when it says nothing.
    UserPoolDefaults: {},
  };
  const clock = emulatorClock(options.clock);
  const pools = new UserPoolServiceFactoryImpl(clock, options.dataStores);
  const cognito = await new CognitoServiceFactoryImpl(options.dataDir, options.dataStores, options.userPools?.(pools) ?? pools).create(
    { logger: options.logger },
    config.UserPoolDefaults,
  );
  const triggers =
    options.triggers ??
    new TriggersService(
      clock,
      cognito,
      new LambdaService(config.TriggerFunctions, new AWS.Lambda(config.LambdaClient)),
      new CryptoService(config.KMSConfig),
    );
  return { clock, cognito, config, messages: options.messages, otp, tokenGenerator: options.tokenGenerator(clock), triggers };
}

/** cognito-local's own operations: the route of each `X-Amz-Target` it emulates; an UnsupportedError for the others. */
export const cognitoLocalRouter = (services: Services): Router => routerOf(services);

/** cognito-local's express app as a plain handler: `next` receives what it did not answer. */
export type ExpressHandler = (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => void;

/** The slice of an express request and response a route added to cognito-local's app touches. */
export interface AppRequest {
  readonly query: Record<string, unknown>;
}
export interface AppResponse {
  status(code: number): AppResponse;
  json(body: unknown): void;
}

export interface CognitoLocalServerOptions {
  /** Its host and port are where the server listens. */
  readonly services: Services;
  /** What answers each Cognito operation (`X-Amz-Target`). */
  readonly router: Router;
  readonly logger: Logger;
  /** GET routes added to cognito-local's app, by path. */
  readonly getRoutes?: Readonly<Record<string, (request: AppRequest, response: AppResponse) => void>>;
  /** DELETE routes added to cognito-local's app, by path. */
  readonly deleteRoutes?: Readonly<Record<string, (request: AppRequest, response: AppResponse) => Promise<void>>>;
  /** What receives every request instead of cognito-local's app, given that app to hand requests on to. */
  readonly frontDoor: (app: ExpressHandler) => RequestListener;
}

/** cognito-local's HTTP server, listening, with `frontDoor` in front of its app. */
export async function startCognitoLocalServer(options: CognitoLocalServerOptions): Promise<Server> {
  const { services } = options;
  const app = createServer(options.router, options.logger, services.config.ServerConfig, services);
  for (const [path, route] of Object.entries(options.getRoutes ?? {})) app.application.get(path, route);
  for (const [path, route] of Object.entries(options.deleteRoutes ?? {})) app.application.delete(path, route);
  const server = (await app.start()) as Server;
  // start() makes the app the server's 'request' listener (http.createServer(app)).
  server.removeListener('request', app.application);
  server.on('request', options.frontDoor(app.application));
  return server;
}

/**
 * Gives a request the body cognito-local's routes read (`request.body`) before it reaches the
 * app: when the front door has read the request, its body parsers (body-parser 2) skip it, since
 * its stream has ended. Unread, it gets `{}`, which a body parser replaces with what it reads:
 * cognito-local's form routes destructure the body even when nothing was parsed.
 */
export function handOverBody(request: IncomingMessage, body: unknown = {}): void {
  (request as IncomingMessage & { body?: unknown }).body = body;
}

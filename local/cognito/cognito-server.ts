import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { type MovableClock, OffsetClock } from '../clock.ts';
import { DevInbox, type InboxMessage } from './dev-inbox.ts';
import { withDevActivityRoutes } from './dev-api-activity-routes.ts';
import { withDevClockRoute } from './dev-clock-route.ts';
import { DevUsers } from '../dev-api/dev-users.ts';
import { withDevUsersRoutes } from '../dev-api/dev-users-routes.ts';
import { devInboxRoute } from './dev-inbox-route.ts';
import { devLockoutsRoute } from './dev-lockouts-route.ts';
import { withEmulatorErrors } from './emulator-errors.ts';
import { closeGracefully } from './graceful-close.ts';
import { answerEmulatorClientErrors, emulatorRequestHandler } from './emulator-http.ts';
import { cognitoLocalRouter, createCognitoLocalServices, type Route, type Router, startCognitoLocalServer } from './cognito-local.ts';
import { JsonFileStoreFactory } from './json-file-store.ts';
import { PoolOAuthStore } from './pool-oauth-store.ts';
import { refuseEarlierPoolIds } from './earlier-pool-ids.ts';
import { RequestContext } from './request-context.ts';
import { clearPasswordFailures } from './sign-in/lockout.ts';
import { cognitoRoutes } from './cognito-routes.ts';
import { signInDeps } from './operations/sign-in-deps.ts';
import { CognitoOperations } from './operation-input.ts';
import { RecentRefreshTokens } from './refresh-tokens.ts';
import { CognitoTokenGenerator } from './token-generator.ts';
import { customMessages } from './triggers/custom-messages.ts';
import { COGNITO_TRIGGER_TIMEOUT_MS, invokeLambda } from './triggers/lambda-invoke.ts';
import { recordingInvoke, TriggerInvocations } from './triggers/trigger-invocations.ts';
import { PoolTriggers } from './triggers/pool-triggers.ts';
import { preTokenGeneration } from './triggers/pre-token-generation.ts';
import { TriggerAwarePools } from './triggers/pools-in-view.ts';
import { withWellKnownRoutes } from './well-known-routes.ts';
import { managedLoginHandler } from './managed-login/managed-login-routes.ts';
import { type ManagedLoginServer, startManagedLoginServer } from './managed-login/managed-login-server.ts';

export interface CognitoServerOptions {
  readonly host: string;
  readonly port: number;
  /** The URL browsers use for the emulator (its tokens' issuer is AWS's URL of the pool, user-pool-ids.ts). */
  readonly publicUrl: string;
  /** Folder for the emulator's pools, clients, users and the dev inbox. */
  readonly dataDir: string;
  /** pino level of the emulator's own log; 'error' keeps client mistakes out of the terminal. */
  readonly logLevel?: string;
  /** Called for every code the emulator "emails". */
  readonly onMessage?: (message: InboxMessage) => void;
  /** Lambda's Invoke API, where the pools' triggers run (serverless-offline's Lambda port). */
  readonly lambdaUrl: string;
  /** How long a trigger may run: Cognito's 5 s unless a test says less. */
  readonly triggerTimeoutMs?: number;
  /** Where the emulator's notes go (a trigger answer it ignored, an unexpected failure). */
  readonly log?: (message: string) => void;
  /**
   * The time every rule of the emulator reads, which `POST /_dev/clock` moves: the stack's
   * FileClock, shared with the API's process (local/clock-file.ts); the real time unless given.
   */
  readonly clock?: MovableClock;
  /** The managed login's HTTPS listener (managed-login/); none unless given. */
  readonly managedLogin?: ManagedLoginOptions;
  /** The API process's request log, which `GET /_dev/api/requests` reads (local/dev-api/api-request-log.ts). */
  readonly apiRequestsFile?: string;
}

export interface ManagedLoginOptions {
  /** Its port (MANAGED_LOGIN_PORT), on the emulator's host. */
  readonly port: number;
  /** `https://<PUBLIC_HOST>:<port>`: every pool's domain as browsers reach it. */
  readonly origin: string;
  /** The server certificate and key (local/tls/local-ca.ts). */
  readonly certificate: { readonly cert: string; readonly key: string };
}

export interface CognitoServer {
  readonly url: string;
  readonly inbox: DevInbox;
  /** The managed login's origin, when it listens. */
  readonly managedLoginUrl?: string;
  /** Each pool's domain, resource servers and identity providers (what the managed login reads). */
  readonly oauth: PoolOAuthStore;
  close(): Promise<void>;
}

/**
 * cognito-local, assembled from its parts instead of its CLI so that the project chooses the
 * data folder, receives the codes (the dev inbox) and can add routes and operations.
 */
export async function startCognitoServer(options: CognitoServerOptions): Promise<CognitoServer> {
  const url = options.publicUrl;
  const dbDir = path.join(options.dataDir, 'db');
  mkdirSync(dbDir, { recursive: true });

  const logger = pino({ level: options.logLevel ?? 'error' });
  const log = options.log ?? console.error;
  const clock = options.clock ?? new OffsetClock();
  const triggerInvocations = new TriggerInvocations();
  // The pools come into view as cognito-local's services make them, after the triggers exist.
  let pools: TriggerAwarePools | undefined;
  const triggers = new PoolTriggers(
    { lambdaUrl: options.lambdaUrl, timeoutMs: options.triggerTimeoutMs ?? COGNITO_TRIGGER_TIMEOUT_MS },
    recordingInvoke(triggerInvocations, invokeLambda),
    { poolOf: (id) => pools?.poolOf(id), anyHas: (trigger) => pools?.anyHas(trigger) ?? false },
  );
  const inbox = new DevInbox(path.join(options.dataDir, 'inbox.jsonl'), options.onMessage, customMessages(triggers), clock);
  const services = await createCognitoLocalServices({
    host: options.host,
    port: options.port,
    dataDir: dbDir,
    dataStores: new JsonFileStoreFactory(dbDir),
    logger,
    messages: inbox,
    clock,
    tokenGenerator: (clock) =>
      new CognitoTokenGenerator(clock, preTokenGeneration(triggers), (claim) =>
        log(`[cognito] PreTokenGeneration: Cognito does not let a trigger change ${claim}; it keeps its value.`),
      ),
    userPools: (inner) => (pools = new TriggerAwarePools(new RecentRefreshTokens(inner))),
    triggers,
  });
  await refuseEarlierPoolIds(services, dbDir, logger);
  const oauth = new PoolOAuthStore(options.dataDir);
  await oauth.init();
  // The sign-ins under way, the API's and the managed login's sign-in page's.
  const signIn = signInDeps(services, triggers);
  const router = eachRouteOnce(withEmulatorErrors(cognitoRoutes(cognitoLocalRouter(services), services, triggers, oauth, signIn), log));
  const operations = CognitoOperations.load();
  const devUsers = new DevUsers({ services, router, operations, logger, clock });
  const server = await startCognitoLocalServer({
    services,
    router,
    logger,
    getRoutes: { '/_dev/inbox': devInboxRoute(inbox) },
    deleteRoutes: {
      '/_dev/lockouts': devLockoutsRoute((userPoolId, username) => clearPasswordFailures(services, { logger }, userPoolId, username)),
    },
    // Cognito's front door before cognito-local's app, and JSON for every answer (emulator-http.ts);
    // the pools' discovery documents and JWKS with the issuer their tokens carry (well-known-routes.ts);
    // the local clock (dev-clock-route.ts); the test API's users (local/dev-api/), the API's requests and
    // the triggers' invocations (dev-api-activity-routes.ts).
    frontDoor: (app) =>
      withDevUsersRoutes(
        devUsers,
        withDevActivityRoutes(
          { apiRequestsFile: options.apiRequestsFile, triggers: triggerInvocations },
          withDevClockRoute(
            clock,
            withWellKnownRoutes(
              {
                publicUrl: url,
                poolExists: async (id) => (await services.cognito.listUserPools({ logger })).some((pool) => pool.Id === id),
                ...(options.managedLogin && {
                  managedLogin: {
                    origin: options.managedLogin.origin,
                    hasDomain: async (id: string) => (await oauth.domainOf({ logger }, id)) !== undefined,
                  },
                }),
                log,
              },
              emulatorRequestHandler({
                app,
                router,
                context: (call) => new RequestContext(logger, call),
                operations,
                log,
              }),
            ),
          ),
        ),
        log,
      ),
  });
  answerEmulatorClientErrors(server);
  let managedLogin: ManagedLoginServer | undefined;
  if (options.managedLogin) {
    const { port, origin, certificate } = options.managedLogin;
    const handler = managedLoginHandler({ services, triggers, router, configs: oauth, origin, logger, log }, signIn);
    managedLogin = await startManagedLoginServer({ host: options.host, port, certificate, handler }).catch(async (error: unknown) => {
      await new Promise((resolve) => server.close(resolve));
      throw error;
    });
  }
  const closeServer = closeGracefully(server);
  return {
    url,
    inbox,
    oauth,
    ...(options.managedLogin && { managedLoginUrl: options.managedLogin.origin }),
    close: async () => {
      await Promise.all([closeServer(), managedLogin?.close()]);
    },
  };
}

/** `router`, each operation's route put together once, on its first call, rather than on every request. */
function eachRouteOnce(router: Router): Router {
  const routes = new Map<string, Route>();
  return (target) => {
    const route = routes.get(target) ?? router(target);
    routes.set(target, route);
    return route;
  };
}

import { mkdirSync } from 'node:fs';
import type { Server, ServerResponse } from 'node:http';
import path from 'node:path';
import AWS from 'aws-sdk';
import { createServer } from 'cognito-local';
import { Router } from 'cognito-local/lib/server/Router.js';
import { DefaultConfig, type Config } from 'cognito-local/lib/server/config.js';
import { DateClock, LambdaService, TriggersService } from 'cognito-local/lib/services/index.js';
import { CognitoServiceFactoryImpl } from 'cognito-local/lib/services/cognitoService.js';
import { CryptoService } from 'cognito-local/lib/services/crypto.js';
import { otp } from 'cognito-local/lib/services/otp.js';
import { UserPoolServiceFactoryImpl } from 'cognito-local/lib/services/userPoolService.js';
import { pino } from 'pino';
import { withCognitoErrors } from './cognito-errors.ts';
import { DevInbox, type InboxMessage } from './dev-inbox.ts';
import { devInboxRoute } from './dev-inbox-route.ts';
import { withEmulatorErrors } from './emulator-errors.ts';
import { answerEmulatorClientErrors, emulatorRequestHandler } from './emulator-http.ts';
import { JsonFileStoreFactory } from './json-file-store.ts';
import { withLocalTargets } from './local-targets.ts';
import { CognitoOperations } from './operation-input.ts';
import { RecentRefreshTokens } from './refresh-tokens.ts';
import { CognitoTokenGenerator } from './token-generator.ts';

export interface CognitoServerOptions {
  readonly host: string;
  readonly port: number;
  /** The URL browsers use for the emulator: its tokens' issuer is `<publicUrl>/<pool id>`. */
  readonly publicUrl: string;
  /** Folder for the emulator's pools, clients, users and the dev inbox. */
  readonly dataDir: string;
  /** pino level of the emulator's own log; 'error' keeps client mistakes out of the terminal. */
  readonly logLevel?: string;
  /** Called for every code the emulator "emails". */
  readonly onMessage?: (message: InboxMessage) => void;
}

export interface CognitoServer {
  readonly url: string;
  readonly inbox: DevInbox;
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

  const config: Config = {
    ...DefaultConfig,
    ServerConfig: { hostname: options.host, port: options.port, development: false },
    // cognito-local's defaults make every new pool use email as the username; Cognito's pools
    // use what CreateUserPool says, a plain username when it says nothing.
    UserPoolDefaults: {},
  };
  const ctx = { logger: pino({ level: options.logLevel ?? 'error' }) };
  const clock = new DateClock();
  const dataStoreFactory = new JsonFileStoreFactory(dbDir);
  const cognito = await new CognitoServiceFactoryImpl(
    dbDir,
    dataStoreFactory,
    new RecentRefreshTokens(new UserPoolServiceFactoryImpl(clock, dataStoreFactory)),
  ).create(ctx, config.UserPoolDefaults);
  const triggers = new TriggersService(
    clock,
    cognito,
    new LambdaService(config.TriggerFunctions, new AWS.Lambda(config.LambdaClient)),
    new CryptoService(config.KMSConfig),
  );
  const inbox = new DevInbox(path.join(options.dataDir, 'inbox.jsonl'), options.onMessage);
  const services = {
    clock,
    cognito,
    config,
    messages: inbox,
    otp,
    tokenGenerator: new CognitoTokenGenerator(clock, url),
    triggers,
  };

  const router = withEmulatorErrors(withCognitoErrors(withLocalTargets(Router(services), services)));
  const app = createServer(router, ctx.logger, config.ServerConfig, services);
  app.application.get('/_dev/inbox', devInboxRoute(inbox));

  const server: Server = (await app.start()) as Server;
  // Cognito's front door before cognito-local's app, and JSON for every answer (emulator-http.ts).
  server.removeListener('request', app.application);
  server.on('request', emulatorRequestHandler({ app: app.application, operations: CognitoOperations.load() }));
  answerEmulatorClientErrors(server);
  // Node's 5 s keep-alive timeout races SDK clients, which keep idle sockets with no timeout of
  // their own: a burst that reuses sockets idle for ~5 s gets ECONNRESETs. A minute, as behind
  // AWS's load balancers; idle connections still close at once on stop (server.close()).
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 61_000;
  // On close, the requests in progress are answered, then their connections hang up: a busy
  // keep-alive connection would otherwise go on taking requests until the supervisor's SIGKILL.
  const answering = new Set<ServerResponse>();
  let closing = false;
  server.on('request', (_request, response: ServerResponse) => {
    response.shouldKeepAlive &&= !closing;
    answering.add(response);
    response.once('close', () => answering.delete(response));
  });
  return {
    url,
    inbox,
    close: () =>
      new Promise((resolve) => {
        closing = true;
        for (const response of answering) response.shouldKeepAlive = false;
        server.close(() => resolve());
      }),
  };
}

import { createRequire } from 'node:module';
import path from 'node:path';
import type { HapiServerInternals } from './hapi.ts';

type CreateServer = (options?: object) => HapiServerInternals;

/**
 * serverless-offline's copy of hapi, the one its servers are made with. Resolved from the
 * service folder serverless runs in: serverless loads this module as CommonJS, without
 * `import.meta`.
 */
const offlineRequire = createRequire(createRequire(path.resolve('package.json')).resolve('serverless-offline'));

/**
 * Hands `onServer` every hapi server created from now on. serverless-offline keeps its Lambda
 * invoke server in a private field, so the only way to it is hapi's own factory: wrapped here,
 * before offline first imports hapi (its ES module namespace then picks up the wrapper, which
 * offline-contract.test.ts checks). Call it before `serverless offline` starts.
 */
export function watchHapiServers(onServer: (server: HapiServerInternals) => void): void {
  const hapi = offlineRequire('@hapi/hapi') as { Server: CreateServer; server: CreateServer };
  const create = hapi.server;
  // `new Server(options)` on a function that returns an object yields that object.
  hapi.Server = hapi.server = function Server(options?: object) {
    const server = create(options);
    onServer(server);
    return server;
  };
}

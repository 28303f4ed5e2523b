// Contract with serverless-offline's internals that local-stack-plugin.ts leans on to reach the
// Lambda invoke server, which offline keeps in a private field (lambda/HttpServer.js).
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';
import type { HapiServerInternals } from './hapi.ts';
import { watchHapiServers } from './hapi-servers.ts';

const offlineDir = path.dirname(createRequire(import.meta.url).resolve('serverless-offline'));

it("hands over the server that serverless-offline's lambda/HttpServer.js creates (it imports hapi's Server after the wrap)", async () => {
  const created: HapiServerInternals[] = [];
  watchHapiServers((server) => created.push(server));
  const { default: HttpServer } = (await import(pathToFileURL(path.join(offlineDir, 'lambda/HttpServer.js')).href)) as {
    default: new (options: object, lambda: object) => unknown;
  };
  new HttpServer({ host: '127.0.0.1', lambdaPort: 13_999 }, {});
  expect(
    created.map((server) => server.settings.port),
    'update local/offline/hapi-servers.ts: offline creates its Lambda server another way',
  ).toEqual([13_999]);
});

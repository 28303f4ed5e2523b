import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { answers } from '../local/readiness.ts';
import { freePorts } from '../testing/free-ports.ts';
import { stackEnv } from '../testing/stack-env.ts';
import { spawnStackProcess, untilReady } from '../testing/stack-process.ts';
import { e2eStack } from './stack.ts';
import { type ServiceEdit, startVariantApi, type VariantApi } from './variant-stack.ts';

/** A variant stack with a web page of its own: what a team's serverless.yml gives its users' browsers. */
export interface VariantSite {
  readonly api: VariantApi;
  /** The page, `http://127.0.0.1:<port>/`: the URL its app client's CallbackURLs name (serverless.yml params.local.webUrl). */
  readonly webUrl: string;
  stop(): Promise<void>;
}

/**
 * The variant API (variant-stack.ts) with `edit` applied and the web client's dev server for it, as
 * `npm start` runs them, on free ports and a fresh data folder, against the e2e stack's Cognito
 * emulator and managed login.
 */
export async function startVariantSite(edit: ServiceEdit): Promise<VariantSite> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hello-auth-site-'));
  const [WEB_PORT] = (await freePorts(1)) as [number];
  const webUrl = `http://127.0.0.1:${WEB_PORT}/`;
  const removeData = () => rmSync(dataDir, { recursive: true, force: true });
  let api: VariantApi;
  try {
    api = await startVariantApi(edit, { dataDir, env: { WEB_PORT: String(WEB_PORT) } });
  } catch (error) {
    removeData();
    throw error;
  }
  const web = spawnStackProcess({
    args: ['local/run.mjs', 'web'],
    // The e2e stack's emulator and managed login, the variant's API and data folder (its stack.json).
    env: stackEnv({ ...e2eStack.ports, API_PORT: Number(new URL(api.apiUrl).port), WEB_PORT }, dataDir),
    stopSignal: 'SIGTERM',
  });
  const stop = async () => {
    await web.stop();
    await api.stop();
    removeData();
  };
  try {
    await untilReady(web, answers(webUrl), { what: 'The variant web page', timeoutMs: 60_000 });
  } catch (error) {
    await stop();
    throw error;
  }
  return { api, webUrl, stop };
}

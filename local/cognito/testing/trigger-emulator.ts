import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { cognitoClient } from '../../../testing/cognito-client.ts';
import { freePorts } from '../../../testing/free-ports.ts';
import type { MovableClock } from '../../clock.ts';
import { type CognitoServer, startCognitoServer } from '../cognito-server.ts';
import { type FakeLambda, startFakeLambda } from './fake-lambda.ts';

/** The emulator as `npm start` runs it, beside a fake of serverless-offline's Lambda port for the triggers. */
export interface TriggerEmulator {
  readonly lambda: FakeLambda;
  readonly server: CognitoServer;
  readonly client: CognitoIdentityProviderClient;
  /** Stops both and removes the emulator's data folder. */
  close(): Promise<void>;
}

export interface TriggerEmulatorOptions {
  /** How long a trigger may run (Cognito's 5 s is too long for tests). */
  readonly triggerTimeoutMs: number;
  /** Sees the emulator's terminal lines. */
  readonly log?: (line: string) => void;
  /** The emulator's time (the real time unless given): a test that must not see a lockout run out stops it. */
  readonly clock?: MovableClock;
}

export async function startTriggerEmulator({ triggerTimeoutMs, log = () => {}, clock }: TriggerEmulatorOptions): Promise<TriggerEmulator> {
  const lambda = await startFakeLambda();
  const [port] = (await freePorts(1)) as [number];
  const dataDir = mkdtempSync(path.join(tmpdir(), 'cognito-triggers-'));
  const server = await startCognitoServer({
    host: '127.0.0.1',
    port,
    publicUrl: `http://127.0.0.1:${port}`,
    dataDir,
    lambdaUrl: lambda.url,
    triggerTimeoutMs,
    log,
    clock,
  });
  const client = cognitoClient(server.url);
  return {
    lambda,
    server,
    client,
    async close() {
      client.destroy();
      await server.close();
      await lambda.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

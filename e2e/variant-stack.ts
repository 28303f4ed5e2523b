import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { stackStatePath } from '../local/cloudformation/stack-state.ts';
import { localStackPath, readLocalStack, type LocalStack } from '../local/cloudformation/local-stack.ts';
import { apiReadyPath, isReady } from '../local/ready-signal.ts';
import { untilReady } from '../testing/stack-process.ts';
import { spawnVariantApi, type ServiceEdit } from '../testing/variant-api.ts';
import { e2eStack } from './stack.ts';

export type { ServiceEdit };

export interface VariantOptions {
  /** The stage to serve (default `local`). */
  readonly stage?: string;
  /** A data folder to keep between runs (the caller removes it); default a fresh one per run. */
  readonly dataDir?: string;
  /** More environment for serverless. */
  readonly env?: Readonly<Record<string, string>>;
}

export interface VariantApi {
  /** The API's URL with the stage: `http://127.0.0.1:<port>/<stage>`. */
  readonly apiUrl: string;
  /** What the variant deployed locally (ids, Outputs, routes). */
  readonly stack: LocalStack;
  /** Everything serverless printed so far. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * A second serverless-offline, on free ports, serving serverless.yml with `edit` applied and
 * using the e2e stack's Cognito emulator: what the same app would do on AWS with that change.
 */
export async function startVariantApi(edit: ServiceEdit, options: VariantOptions = {}): Promise<VariantApi> {
  const run = await spawnVariant(edit, options);
  try {
    // Its ready signal, as npm start waits for it: deployed and seeded (it may have no route, or no API at all).
    await untilReady(run.process, async () => isReady(apiReadyPath(run.dataDir)), { what: 'The variant API', timeoutMs: 60_000 });
  } catch (error) {
    await run.process.stop();
    throw error;
  }
  return { apiUrl: run.apiUrl, stack: readLocalStack(localStackPath(run.dataDir)), output: run.process.output, stop: run.process.stop };
}

/** A variant the local stage must refuse: how long it took to stop, and what it said. */
export async function refusedVariant(
  edit: ServiceEdit,
  options: VariantOptions = {},
): Promise<{ code: number | null; output: string; seconds: number }> {
  const started = Date.now();
  const run = await spawnVariant(edit, options);
  const code = await Promise.race([run.process.exited, sleep(30_000).then(() => 'still running' as const)]);
  await run.process.stop();
  if (code === 'still running') throw new Error(`The variant API should have stopped, and still runs after 30 s:\n${run.process.output()}`);
  return { code, output: run.process.output(), seconds: (Date.now() - started) / 1000 };
}

function spawnVariant(edit: ServiceEdit, { stage, dataDir, env }: VariantOptions) {
  return spawnVariantApi(edit, {
    cognitoPort: e2eStack.ports.COGNITO_PORT,
    managedLoginPort: e2eStack.ports.MANAGED_LOGIN_PORT,
    stage,
    dataDir,
    // The e2e page's port: a variant that adopts the e2e pool and client keeps their callback URL (params.local.webUrl) the e2e page's.
    env: { WEB_PORT: String(e2eStack.ports.WEB_PORT), ...env },
  });
}

/**
 * Gives the starter's pool a name of the variant's own. Under the starter's name and stack (same
 * service and stage), the local stage would adopt the shared e2e stack's pool, as it adopts its own
 * after a data folder is lost, and leave the variant's triggers, MFA or client flows on it for the
 * specs after this one.
 */
export function ownPool(service: Record<string, any>, suffix: string): void {
  service.resources.Resources.CognitoUserPool.Properties.UserPoolName += `-${suffix}`;
}

/** `Fn::GetAtt` of a function's ARN, by its name under `functions` (serverless's logical id `<Name>LambdaFunction`). */
export const functionArnOf = (fn: string) => ({ 'Fn::GetAtt': [`${fn.charAt(0).toUpperCase()}${fn.slice(1)}LambdaFunction`, 'Arn'] });

/**
 * Sets the starter pool's `LambdaConfig.<key>` to function `fn` (its ARN, or `value` built from
 * it), with the `AWS::Lambda::Permission` Cognito needs to invoke it on AWS (check:deploy asks for it).
 */
export function attachTrigger(service: Record<string, any>, key: string, fn: string, value: unknown = functionArnOf(fn)): void {
  const resources = service.resources.Resources;
  resources.CognitoUserPool.Properties.LambdaConfig = { ...resources.CognitoUserPool.Properties.LambdaConfig, [key]: value };
  resources[`${fn}CognitoPermission`] = {
    Type: 'AWS::Lambda::Permission',
    Properties: {
      Action: 'lambda:InvokeFunction',
      FunctionName: functionArnOf(fn),
      Principal: 'cognito-idp.amazonaws.com',
      SourceArn: { 'Fn::GetAtt': ['CognitoUserPool', 'Arn'] },
    },
  };
}

/** serverless.yml's stack in the e2e stage: `<service>-<stage>`. */
const E2E_STACK = 'hello-auth-local';

/**
 * A variant that deploys over a copy of the e2e stack's state: the same pool and app client, so
 * that a user of the e2e web client signs in with tokens this variant's authorizer accepts.
 */
export async function variantOnE2ePool(edit: ServiceEdit): Promise<{ api: VariantApi; dataDir: string }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hello-auth-variant-'));
  // The variant is the same service and stage: the same stack, whose record it starts from.
  mkdirSync(path.dirname(stackStatePath(dataDir, E2E_STACK)), { recursive: true });
  copyFileSync(stackStatePath(e2eStack.dataDir, E2E_STACK), stackStatePath(dataDir, E2E_STACK));
  try {
    return { api: await startVariantApi(edit, { dataDir }), dataDir };
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stackStatePath } from '../local/cloudformation/stack-state.ts';
import { e2eStack } from './stack.ts';
import { startVariantApi, type ServiceEdit, type VariantApi } from './variant-stack.ts';

// What the Lambda authorizer suites share: where the fixture authorizers record the events they got
// (e2e/fixtures/authorizer-log.ts), and a variant deployed over the e2e stack's pool.

/** serverless.yml's stack in the e2e stage: `<service>-<stage>`. */
const E2E_STACK = 'hello-auth-local';

/** A folder of invocation logs, one JSON line per event, one file per authorizer function. */
export class AuthorizerLogs {
  readonly dir = mkdtempSync(path.join(os.tmpdir(), 'hello-auth-authorizer-logs-'));

  /** The file a function's AUTHORIZER_LOG names. */
  file(fn: string): string {
    return path.join(this.dir, `${fn}.jsonl`);
  }

  /** Every event `fn` got so far, oldest first. */
  events(fn: string): any[] {
    const file = this.file(fn);
    if (!existsSync(file)) return [];
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * A variant that deploys over a copy of the e2e stack's state: the same pool and app client, so
 * that a user of the e2e web client signs in with tokens this variant's authorizer accepts.
 */
export async function variantOnE2ePool(edit: ServiceEdit): Promise<{ api: VariantApi; dataDir: string }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'hello-auth-lambda-authorizer-'));
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

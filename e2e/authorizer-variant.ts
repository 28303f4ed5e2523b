import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// What the Lambda authorizer suites share: where the fixture authorizers record the events they got
// (e2e/fixtures/authorizer-log.ts).

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

// The docker and compose commands `npm run test:compose` runs, each with a deadline: a hung engine
// or build fails the test with what it was doing, never stalls it.
import { spawn } from 'node:child_process';
import { PROJECT_ROOT } from './stack-process.ts';

/** A step of the compose test that failed; the message says which and why. */
export class ComposeTestError extends Error {
  override name = 'ComposeTestError';
}

export interface CommandResult {
  /** Null when a signal ended it. */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CommandOptions {
  /** Ended (SIGTERM, then SIGKILL) and reported after this long. */
  readonly timeoutMs: number;
  /** Prefix its output with this and show it as it comes (a build, `up`); default: kept quiet. */
  readonly showAs?: string;
  readonly env?: NodeJS.ProcessEnv;
}

/** Runs a command in the project folder; rejects only when it cannot start or runs out of time. */
export function runCommand(command: string, args: readonly string[], { timeoutMs, showAs, env }: CommandOptions): Promise<CommandResult> {
  const line = [command, ...args].join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: PROJECT_ROOT, env: env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const output = { stdout: '', stderr: '' };
    for (const name of ['stdout', 'stderr'] as const) {
      child[name].setEncoding('utf8').on('data', (text: string) => {
        output[name] += text;
        if (showAs) process.stdout.write(text.replace(/^(?=.)/gm, `[${showAs}] `));
      });
    }
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGTERM');
      setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
    }, timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      if (timedOut) reject(new ComposeTestError(`\`${line}\` did not finish within ${timeoutMs / 1000} s.${lastLines(output.stderr)}`));
      else resolve({ code, ...output });
    });
  });
}

/** Like runCommand, and a non-zero exit is a failure of `what`, with the command's last words. */
export async function mustRun(what: string, command: string, args: readonly string[], options: CommandOptions): Promise<CommandResult> {
  const result = await runCommand(command, args, options);
  if (result.code !== 0) {
    throw new ComposeTestError(`${what} failed: \`${[command, ...args].join(' ')}\` exited ${result.code}.${lastLines(result.stderr)}`);
  }
  return result;
}

/** The end of a command's output, indented under the error, or nothing. */
export function lastLines(text: string, count = 15): string {
  const lines = text.trimEnd().split('\n').filter(Boolean).slice(-count);
  return lines.length > 0 ? `\n${lines.map((line) => `    ${line}`).join('\n')}` : '';
}

/** A compose implementation: Compose v2 (`docker compose`) or v1 (`docker-compose`). */
export interface ComposeProgram {
  readonly command: string;
  readonly baseArgs: readonly string[];
  /** What `version` says, for the log. */
  readonly version: string;
}

/** Compose v2 if the docker CLI has it, else Debian's and pip's v1 `docker-compose`, else undefined. */
export async function findCompose(): Promise<ComposeProgram | undefined> {
  for (const [command, ...baseArgs] of [['docker', 'compose'], ['docker-compose']] as const) {
    const result = await runCommand(command, [...baseArgs, 'version'], { timeoutMs: 20_000 }).catch(() => undefined);
    if (result?.code === 0) return { command, baseArgs, version: result.stdout.split('\n')[0]!.trim() };
  }
  return undefined;
}

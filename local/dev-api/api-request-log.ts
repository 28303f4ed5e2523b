import { appendFile, readFile, rename, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { DevRequest } from './dev-api-types.ts';

// The API's requests, shared by the two processes of the local stack through the data folder (as
// local/clock-file.ts shares the clock): serverless-offline's process appends one JSON line per
// request it answered, the Cognito emulator reads the tail for `GET /_dev/api/requests`.

/** Where the API's process writes its requests: in the data folder, so `npm run reset` empties it. */
export function apiRequestsPath(dataDir: string): string {
  return path.join(dataDir, 'api-requests.jsonl');
}

/** How many requests `GET /_dev/api/requests` lists at most: the newest. */
export const API_REQUESTS_KEPT = 500;

export interface ApiRequestLogOptions {
  /** The file keeps at least this many of the newest lines when it is trimmed (default API_REQUESTS_KEPT). */
  readonly keep?: number;
  /** Past this many lines the file is trimmed to `keep` (default twice `keep`): it never grows without limit. */
  readonly maxLines?: number;
  /** Told when a write fails (the API goes on answering). */
  readonly warn?: (message: string) => void;
}

/**
 * The API process's side. A request costs an array push: at most one asynchronous write is under
 * way, and the lines gathered meanwhile go in the next one, so under load a write carries many
 * requests (one per turn of the event loop when idle). Writes never overlap, so a trim (read,
 * keep the tail, write a temporary file, rename: the reader sees a whole file) never races an append.
 */
export class ApiRequestLog {
  readonly #keep: number;
  readonly #maxLines: number;
  readonly #warn: (message: string) => void;
  #pending: string[] = [];
  #lines: number;
  #writing: Promise<void> | undefined;

  constructor(
    readonly file: string,
    options: ApiRequestLogOptions = {},
  ) {
    this.#keep = options.keep ?? API_REQUESTS_KEPT;
    this.#maxLines = options.maxLines ?? 2 * this.#keep;
    this.#warn = options.warn ?? ((message) => console.warn(message));
    this.#lines = countLines(file);
  }

  record(request: DevRequest): void {
    if (this.#pending.push(JSON.stringify(request)) === 1 && !this.#writing) setImmediate(() => void this.flush());
  }

  /** Writes what was recorded so far; resolves once it is in the file (tests, and a stopping process). */
  async flush(): Promise<void> {
    while (this.#writing) await this.#writing;
    if (this.#pending.length === 0) return;
    const lines = this.#pending;
    this.#pending = [];
    this.#writing = this.#append(lines)
      .catch((error: Error) => this.#warn(`${this.file}: ${error.message}`))
      .finally(() => {
        this.#writing = undefined;
        // What came in during the write goes in the next one.
        if (this.#pending.length > 0) setImmediate(() => void this.flush());
      });
    await this.#writing;
  }

  async #append(lines: readonly string[]): Promise<void> {
    await appendFile(this.file, `${lines.join('\n')}\n`);
    this.#lines += lines.length;
    if (this.#lines > this.#maxLines) await this.#trim();
  }

  async #trim(): Promise<void> {
    const kept = completeLines(await readFile(this.file, 'utf8')).slice(-this.#keep);
    const temporary = `${this.file}.${process.pid}.tmp`;
    await writeFile(temporary, kept.length > 0 ? `${kept.join('\n')}\n` : '');
    await rename(temporary, this.file);
    this.#lines = kept.length;
  }
}

/**
 * The emulator's side: the requests at or after `since` (epoch ms), newest last, at most `limit`.
 * No file yet is no request yet; a line cut short (a write under way) or not a request is skipped.
 */
export async function readApiRequests(file: string, since = 0, limit = API_REQUESTS_KEPT): Promise<DevRequest[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const requests: DevRequest[] = [];
  for (const line of completeLines(text)) {
    const request = parseRequest(line);
    if (request && request.at >= since) requests.push(request);
  }
  return requests.slice(-limit);
}

function parseRequest(line: string): DevRequest | undefined {
  try {
    const value = JSON.parse(line) as Partial<DevRequest> | null;
    return typeof value?.at === 'number' && typeof value.status === 'number' ? (value as DevRequest) : undefined;
  } catch {
    return undefined;
  }
}

/** The file's whole lines: the last one counts only once its newline is written. */
function completeLines(text: string): string[] {
  const lines = text.split('\n');
  lines.pop();
  return lines.filter((line) => line.length > 0);
}

/** Once, at start: how many lines the file already holds, so the limit holds across restarts. */
function countLines(file: string): number {
  try {
    return completeLines(readFileSync(file, 'utf8')).length;
  } catch {
    return 0;
  }
}

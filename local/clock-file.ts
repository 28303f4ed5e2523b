import { readFileSync, renameSync, statSync, writeFileSync, type Stats } from 'node:fs';
import path from 'node:path';
import { checkedAdvance, type MovableClock } from './clock.ts';

/** Where the local stack keeps its clock's offset: in the data folder, so `npm run reset` sets the clock back to the real time. */
export function clockPath(dataDir: string): string {
  return path.join(dataDir, 'clock.json');
}

/** The clock file holds something else than an offset. */
export class ClockFileError extends Error {
  override name = 'ClockFileError';
}

/**
 * File times tick in jiffies (a few ms), and a rename may reuse the inode it freed: two moves
 * that quick can leave the same size, inode and mtime. A file changed this recently is read
 * again whatever its stats say (git's "racy clean" rule).
 */
const RACY_MS = 100;

/** What the file holds. */
interface ClockFileContent {
  /** How far ahead of the real time the local stack runs, in ms. */
  readonly offsetMs: number;
}

/**
 * The local stack's clock, shared by its processes (the Cognito emulator, and serverless-offline
 * where the API's authorizers run) through one small file: the real time plus the offset the file
 * holds, none while there is no file. Whoever moves the clock writes the file (atomically, by a
 * rename); every reading stats it (about 1.5 µs) and reads it again only when it changed, so the
 * other process sees a move on its very next request, with no watcher to lag behind (fs.watch
 * tells of a change some time after it, fs.watchFile polls).
 */
export class FileClock implements MovableClock {
  #seen: { readonly ino: number; readonly mtimeMs: number; readonly size: number } | undefined;
  #offsetMs = 0;

  constructor(
    readonly file: string,
    /** The real time underneath (tests pin it). */
    private readonly realNow: () => number = Date.now,
  ) {}

  now(): number {
    return this.realNow() + this.offsetMs();
  }

  offsetMs(): number {
    const stats = statSync(this.file, { throwIfNoEntry: false });
    if (stats === undefined) {
      this.#seen = undefined;
      this.#offsetMs = 0;
    } else if (!this.#unchanged(stats) || Date.now() - stats.mtimeMs < RACY_MS) {
      this.#offsetMs = this.#read();
      this.#seen = { ino: stats.ino, mtimeMs: stats.mtimeMs, size: stats.size };
    }
    return this.#offsetMs;
  }

  advance(ms: number): number {
    return this.#write(this.offsetMs() + checkedAdvance(ms));
  }

  reset(): number {
    return this.#write(0);
  }

  /** Writes the offset atomically (a rename): the other process reads a whole file or the old one. */
  #write(offsetMs: number): number {
    const content: ClockFileContent = { offsetMs };
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(content)}\n`);
    renameSync(temporary, this.file);
    return this.now();
  }

  #unchanged(stats: Stats): boolean {
    const seen = this.#seen;
    return seen !== undefined && seen.ino === stats.ino && seen.mtimeMs === stats.mtimeMs && seen.size === stats.size;
  }

  #read(): number {
    let content: unknown;
    try {
      content = JSON.parse(readFileSync(this.file, 'utf8'));
    } catch (cause) {
      if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      content = undefined;
    }
    const offsetMs = (content as Partial<ClockFileContent> | undefined)?.offsetMs;
    if (typeof offsetMs !== 'number' || !Number.isFinite(offsetMs) || offsetMs < 0) {
      throw new ClockFileError(
        `${this.file} should hold {"offsetMs": <ms ahead of the real time, 0 or more>}. Delete it to set the local clock back to the real time, or run \`npm run reset\`.`,
      );
    }
    return offsetMs;
  }
}

import { mkdirSync, readFileSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import path from 'node:path';
import type { DataStore, DataStoreFactory } from './cognito-local.ts';

export class DataFileError extends Error {
  override name = 'DataFileError';
}

type Json = Record<string, unknown>;

interface Waiter {
  readonly version: number;
  resolve(): void;
  reject(error: unknown): void;
}

/** cognito-local's file format: dates (fields named `…Date`) as ISO strings, which is how JSON.stringify writes a Date. */
const serialize = (state: Json) => JSON.stringify(state, undefined, 2);
const deserialize = (text: string) =>
  JSON.parse(text, (key, value) =>
    key.endsWith('Date') && (typeof value === 'string' || typeof value === 'number') ? new Date(value) : value,
  ) as Json;

/**
 * One of cognito-local's JSON files, kept in memory. Changes are written in the background,
 * atomically (temporary file, fsync, rename) and one write at a time; concurrent changes share
 * a write. A change's caller resumes once the file holds it, so an answer never outruns the disk,
 * and an interrupted write never leaves a half-written file. (cognito-local's own store rewrites
 * the file, unsynchronised, on every change: concurrent sign-ins could corrupt it.)
 */
class JsonFile {
  #version = 0;
  #persisted = 0;
  #writing: Promise<void> | undefined;
  readonly #waiters: Waiter[] = [];

  constructor(
    private readonly file: string,
    readonly state: Json,
  ) {}

  static load(file: string, defaults: object): JsonFile {
    let text: string | undefined;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    if (text === undefined) return new JsonFile(file, structuredClone(defaults) as Json);
    try {
      return new JsonFile(file, { ...structuredClone(defaults), ...deserialize(text) });
    } catch (cause) {
      throw new DataFileError(
        `${file} is not valid JSON (${(cause as Error).message}). Repair it by hand, or run \`npm run reset\` to start over (that deletes every local user).`,
        { cause },
      );
    }
  }

  /** Resolves once the file holds every change made so far. */
  changed(): Promise<void> {
    const version = ++this.#version;
    const persisted = new Promise<void>((resolve, reject) => this.#waiters.push({ version, resolve, reject }));
    this.#writing ??= this.#writeLoop();
    return persisted;
  }

  async #writeLoop(): Promise<void> {
    while (this.#persisted < this.#version) {
      const version = this.#version;
      try {
        await writeAtomically(this.file, serialize(this.state));
        this.#persisted = version;
        this.#settle(
          (waiter) => waiter.version <= version,
          (waiter) => waiter.resolve(),
        );
      } catch (error) {
        this.#persisted = version;
        this.#settle(
          (waiter) => waiter.version <= version,
          (waiter) => waiter.reject(error),
        );
      }
    }
    this.#writing = undefined;
  }

  #settle(due: (waiter: Waiter) => boolean, settle: (waiter: Waiter) => void) {
    for (let i = this.#waiters.length - 1; i >= 0; i -= 1) {
      if (due(this.#waiters[i]!)) settle(this.#waiters.splice(i, 1)[0]!);
    }
  }
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const temporary = `${file}.tmp`;
  const handle = await open(temporary, 'w');
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, file);
}

const segments = (key: string | string[]) => (Array.isArray(key) ? key : [key]);

class JsonFileStore implements DataStore {
  constructor(private readonly json: JsonFile) {}

  async getRoot<T>(): Promise<T | null> {
    return this.json.state as T;
  }

  async get<T>(_ctx: unknown, key: string | string[], defaultValue?: T): Promise<T> {
    const value = segments(key).reduce<unknown>((node, segment) => (node as Json | undefined)?.[segment], this.json.state);
    return (value ?? defaultValue ?? null) as T;
  }

  async set<T>(_ctx: unknown, key: string | string[], value: T): Promise<void> {
    const path = segments(key);
    let parent = this.json.state;
    for (const segment of path.slice(0, -1)) {
      parent[segment] ??= {};
      parent = parent[segment] as Json;
    }
    parent[path.at(-1)!] = value;
    await this.json.changed();
  }

  async delete(_ctx: unknown, key: string | string[]): Promise<void> {
    const path = segments(key);
    const parent = path.slice(0, -1).reduce<Json | undefined>((node, segment) => node?.[segment] as Json | undefined, this.json.state);
    if (parent) delete parent[path.at(-1)!];
    await this.json.changed();
  }
}

/** cognito-local's stores, one JSON file each (`<id>.json`) in `directory`, in memory and written safely. */
export class JsonFileStoreFactory implements DataStoreFactory {
  readonly #files = new Map<string, JsonFile>();

  constructor(private readonly directory: string) {}

  async create(_ctx: unknown, id: string, defaults: object): Promise<DataStore> {
    mkdirSync(this.directory, { recursive: true });
    const file = path.join(this.directory, `${id}.json`);
    let json = this.#files.get(file);
    if (!json) {
      json = JsonFile.load(file, defaults);
      this.#files.set(file, json);
      await json.changed();
    }
    return new JsonFileStore(json);
  }
}

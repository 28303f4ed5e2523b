/**
 * Runs changes one at a time per key, each after the ones queued before it under that key: a
 * read-modify-write of one record that a concurrent one cannot interleave with and undo.
 */
export class OneAtATime {
  readonly #tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, change: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const result = previous.then(change, change);
    const tail = result.catch(() => {});
    this.#tails.set(key, tail);
    // The last change of a key forgets it once done: the map holds only keys with changes queued.
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    });
    return result;
  }
}

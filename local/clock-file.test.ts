import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ClockMoveError } from './clock.ts';
import { ClockFileError, clockPath, FileClock } from './clock-file.ts';

const scratch = mkdtempSync(path.join(tmpdir(), 'clock-file-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const REAL = Date.parse('2024-06-18T15:00:00Z');
let folders = 0;
const freshFile = () => clockPath(mkdtempSync(path.join(scratch, `${folders++}-`)));

describe('the clock shared through the data folder', () => {
  it('tells the real time while there is no file', () => {
    const clock = new FileClock(freshFile(), () => REAL);
    expect(clock.now()).toBe(REAL);
    expect(clock.offsetMs()).toBe(0);
  });

  it("shows one process's move to another at its next reading", () => {
    const file = freshFile();
    const emulator = new FileClock(file, () => REAL);
    const api = new FileClock(file, () => REAL);
    expect(api.now()).toBe(REAL);
    expect(emulator.advance(3_600_000)).toBe(REAL + 3_600_000);
    expect(api.now()).toBe(REAL + 3_600_000);
    emulator.advance(1000);
    emulator.advance(1000);
    expect(api.offsetMs()).toBe(3_602_000);
  });

  it("shows one process's reset to the real time to another at its next reading", () => {
    const file = freshFile();
    const emulator = new FileClock(file, () => REAL);
    const api = new FileClock(file, () => REAL);
    emulator.advance(60_000);
    expect(api.now()).toBe(REAL + 60_000);
    expect(emulator.reset()).toBe(REAL);
    expect(api.now()).toBe(REAL);
    expect(api.offsetMs()).toBe(0);
  });

  it('adds a move to the one another process made', () => {
    const file = freshFile();
    const first = new FileClock(file, () => REAL);
    const second = new FileClock(file, () => REAL);
    first.advance(60_000);
    expect(second.advance(1000)).toBe(REAL + 61_000);
    expect(first.now()).toBe(REAL + 61_000);
  });

  it('keeps the offset for the next start, and goes back to the real time when the file is gone (npm run reset)', () => {
    const file = freshFile();
    new FileClock(file, () => REAL).advance(5000);
    const restarted = new FileClock(file, () => REAL);
    expect(restarted.now()).toBe(REAL + 5000);
    rmSync(file);
    expect(restarted.now()).toBe(REAL);
  });

  it('refuses to move backward, and leaves the file as it was', () => {
    const file = freshFile();
    const clock = new FileClock(file, () => REAL);
    clock.advance(5000);
    expect(() => clock.advance(-5000)).toThrow(ClockMoveError);
    expect(new FileClock(file, () => REAL).now()).toBe(REAL + 5000);
  });

  it('says what to do with a file that holds no offset', () => {
    for (const content of ['{"offsetMs":-1}', 'not json', '{"offsetMs":"5"}', '{}']) {
      const file = freshFile();
      writeFileSync(file, content);
      expect(() => new FileClock(file).now()).toThrow(ClockFileError);
      expect(() => new FileClock(file).now()).toThrow(`${file} should hold {"offsetMs": <ms ahead of the real time, 0 or more>}.`);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { ClockMoveError, dateOf, epochSeconds, OffsetClock } from './clock.ts';

const REAL = Date.parse('2024-06-18T15:00:00.750Z');

describe('the local clock', () => {
  it('tells the real time until it is moved', () => {
    const clock = new OffsetClock(() => REAL);
    expect(clock.now()).toBe(REAL);
    expect(clock.offsetMs()).toBe(0);
  });

  it('moves forward and stays ahead as the real time goes on', () => {
    let real = REAL;
    const clock = new OffsetClock(() => real);
    expect(clock.advance(3_600_000)).toBe(REAL + 3_600_000);
    real += 5000;
    expect(clock.now()).toBe(REAL + 3_605_000);
    clock.advance(1000);
    expect(clock.offsetMs()).toBe(3_601_000);
  });

  it('goes back to the real time on reset, and moves on from there', () => {
    let real = 1_000;
    const clock = new OffsetClock(() => real);
    clock.advance(5_000);
    expect(clock.reset()).toBe(1_000);
    real = 2_000;
    expect([clock.now(), clock.offsetMs()]).toEqual([2_000, 0]);
    expect(clock.advance(10)).toBe(2_010);
  });

  it('refuses to move backward, or by what is not a number of ms', () => {
    const clock = new OffsetClock(() => REAL, 60_000);
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY, '60', undefined]) {
      expect(() => clock.advance(bad as number)).toThrow(ClockMoveError);
    }
    expect(() => clock.advance(-1)).toThrow('The local clock only moves forward: give a number of ms, 0 or more (not -1).');
    expect(clock.now()).toBe(REAL + 60_000);
    expect(() => new OffsetClock(() => REAL, -5)).toThrow(ClockMoveError);
  });

  it('tells epoch seconds rounded down, as JWT times are, and Dates', () => {
    const clock = new OffsetClock(() => REAL, 2000);
    expect(epochSeconds(clock)).toBe(Math.floor(REAL / 1000) + 2);
    expect(dateOf(clock).toISOString()).toBe('2024-06-18T15:00:02.750Z');
  });
});

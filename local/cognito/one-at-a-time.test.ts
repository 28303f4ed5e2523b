import { describe, expect, it } from 'vitest';
import { OneAtATime } from './one-at-a-time.ts';

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('OneAtATime', () => {
  it('runs the changes of one key in turn, so that none reads what another is about to overwrite', async () => {
    const queue = new OneAtATime();
    let record = 0;
    const increment = () =>
      queue.run('ada', async () => {
        const read = record;
        await tick();
        record = read + 1;
        return record;
      });
    expect(await Promise.all([increment(), increment(), increment()])).toEqual([1, 2, 3]);
    expect(record).toBe(3);
  });

  it('lets different keys run side by side, and a failed change does not stop the next one', async () => {
    const queue = new OneAtATime();
    const order: string[] = [];
    const slow = queue.run('ada', async () => {
      await tick();
      order.push('ada');
    });
    await queue.run('bob', async () => order.push('bob'));
    await slow;
    expect(order).toEqual(['bob', 'ada']);
    await expect(queue.run('ada', async () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    await expect(queue.run('ada', async () => 'next')).resolves.toBe('next');
  });
});

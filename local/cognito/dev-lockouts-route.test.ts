import { describe, expect, it } from 'vitest';
import { ResourceNotFoundError } from './cognito-local.ts';
import { devLockoutsRoute } from './dev-lockouts-route.ts';
import { recordingResponse } from './testing/app-response.ts';

/** Pool local_Pool1 knows ada only; `cleared` records what the route asked to clear. */
async function answer(query: Record<string, unknown>): Promise<{ status: number; body: unknown; cleared: string[] }> {
  const { sent, response } = recordingResponse();
  const cleared: string[] = [];
  const clear = async (pool: string, username: string) => {
    if (pool !== 'local_Pool1') throw new ResourceNotFoundError(`User Pool ${pool} not found`);
    cleared.push(username);
    return username === 'ada';
  };
  await devLockoutsRoute(clear)({ query }, response);
  return { ...sent, cleared };
}

describe('DELETE /_dev/lockouts', () => {
  it("clears one user's lockout and says so", async () => {
    expect(await answer({ pool: 'local_Pool1', username: 'ada' })).toEqual({
      status: 200,
      body: { pool: 'local_Pool1', username: 'ada', cleared: true },
      cleared: ['ada'],
    });
  });

  it('answers 404 for an unknown user or pool', async () => {
    expect(await answer({ pool: 'local_Pool1', username: 'bob' })).toMatchObject({
      status: 404,
      body: { message: expect.stringContaining('bob') },
    });
    expect(await answer({ pool: 'local_Other', username: 'ada' })).toMatchObject({
      status: 404,
      body: { message: 'User Pool local_Other not found' },
    });
  });

  it('refuses a missing, empty or repeated parameter with a 400, clearing nobody', async () => {
    for (const query of [
      {},
      { pool: 'local_Pool1' },
      { pool: 'local_Pool1', username: '' },
      { pool: 'local_Pool1', username: ['ada', 'bob'] },
    ]) {
      expect(await answer(query)).toMatchObject({ status: 400, cleared: [] });
    }
  });
});

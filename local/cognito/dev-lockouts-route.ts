import { type AppRequest, type AppResponse, ResourceNotFoundError } from './cognito-local.ts';

/**
 * `DELETE /_dev/lockouts?pool=<user pool id>&username=<name>`: forgets one user's wrong passwords,
 * lockout included, so a test or a developer need not wait out Cognito's backoff (which the
 * emulator applies in full). The username may be the user's `sub` or alias, as at sign-in.
 */
export function devLockoutsRoute(clear: (userPoolId: string, username: string) => Promise<boolean>) {
  return async (request: AppRequest, response: AppResponse): Promise<void> => {
    const { pool, username } = request.query;
    if (typeof pool !== 'string' || pool === '' || typeof username !== 'string' || username === '') {
      response.status(400).json({ message: 'Give `pool` and `username` once each: /_dev/lockouts?pool=<user pool id>&username=<name>' });
      return;
    }
    try {
      if (await clear(pool, username)) response.json({ pool, username, cleared: true });
      else response.status(404).json({ message: `User ${username} not found in user pool ${pool}` });
    } catch (error) {
      if (!(error instanceof ResourceNotFoundError)) throw error;
      response.status(404).json({ message: error.message });
    }
  };
}

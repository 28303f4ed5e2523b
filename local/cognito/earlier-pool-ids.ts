import path from 'node:path';
import type { Logger } from 'pino';
import type { Services } from './cognito-local.ts';
import { DataFileError } from './json-file-store.ts';
import { userPoolRegion } from './user-pool-ids.ts';

/**
 * Refuses a data folder whose pools an earlier version of the emulator made, with cognito-local's
 * ids (`local_<8 characters>`): aws-jwt-verify refuses such an id, and the issuer of their tokens
 * was the emulator's URL, so every verifier and every stored token would disagree with the pools
 * made now (`<region>_<9 characters>`, AWS's issuer). Starting over is what keeps them consistent.
 */
export async function refuseEarlierPoolIds(services: Pick<Services, 'cognito'>, dbDir: string, logger: Logger): Promise<void> {
  const earlier = (await services.cognito.listUserPools({ logger })).find((pool) => pool.Id !== undefined && !userPoolRegion(pool.Id));
  if (earlier) {
    throw new DataFileError(
      `${path.join(dbDir, `${earlier.Id}.json`)} holds the user pool ${earlier.Id}, made by an earlier version of the local Cognito. ` +
        "Pool ids are now AWS's (`<region>_<9 characters>`) and tokens carry AWS's issuer, as aws-jwt-verify needs. " +
        'Run `npm run reset` to start from nothing (under Docker: `docker compose down -v`); the seed users are made again.',
    );
  }
}

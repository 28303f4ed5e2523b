import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { OAuthDeps } from '../operations/oauth-deps.ts';
import { PoolOAuthStore } from '../pool-oauth-store.ts';
import { type FakeCognitoOptions, fakeCognito } from './fake-cognito.ts';
import { NOW } from './operation-testbed.ts';

/**
 * What the tests of the domain, resource server and identity provider operations work with: a fake
 * Cognito (pool local_Pool1) and a real PoolOAuthStore in a fresh folder, the clock at NOW.
 */
export function oauthStoreTestbed(options: FakeCognitoOptions = {}) {
  const fake = fakeCognito(options);
  const oauth = new PoolOAuthStore(mkdtempSync(path.join(tmpdir(), 'oauth-testbed-')));
  const deps: OAuthDeps = {
    cognito: fake.services.cognito,
    clock: { get: () => NOW, now: () => NOW.getTime() } as OAuthDeps['clock'],
    oauth,
  };
  return { ...fake, oauth, deps };
}

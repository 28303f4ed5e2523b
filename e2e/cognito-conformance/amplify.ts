// Amplify v6's Auth category, the real library, run in this Node process (it needs no browser
// for user pool sign-in: fetch, Web Crypto and an in-memory token store are enough).
import { Amplify } from 'aws-amplify';
import { signOut } from 'aws-amplify/auth';
import { e2eStack } from '../stack.ts';
import type { TestClient } from './pools.ts';

/** Amplify configured for the client's pool at the local endpoint, nobody signed in. */
export async function amplifyFor(client: TestClient): Promise<void> {
  await signOut().catch(() => undefined);
  Amplify.configure({
    Auth: { Cognito: { userPoolId: client.poolId, userPoolClientId: client.clientId, userPoolEndpoint: e2eStack.urls.cognito } },
  });
}

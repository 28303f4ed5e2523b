import { ComposeTestError } from './compose-cli.ts';
import type { ComposeStack } from './compose-stack.ts';

/** How the api container reaches the emulator (docker-compose.yml's COGNITO_URL). */
const COGNITO_IN_COMPOSE = 'http://cognito:9229';

/**
 * What a backend in a container, outside the handlers' process, does with a token the host's
 * browser got (README, "Verifying tokens in your own backend", its jose recipe): read the pool's
 * discovery document at the URL it reaches the emulator by, then verify the token with the keys at
 * its `jwks_uri`, for the document's issuer (AWS's, as the token's). jose is one of the image's
 * dependencies; the script prints the claims' email. Its arguments: the pool's URL, the token.
 */
export const VERIFY_THROUGH_DISCOVERY = `
import { createRemoteJWKSet, jwtVerify } from 'jose';
const [poolUrl, token] = process.argv.slice(1);
const { issuer, jwks_uri } = await (await fetch(poolUrl + '/.well-known/openid-configuration')).json();
const { payload } = await jwtVerify(token, createRemoteJWKSet(new URL(jwks_uri)), { issuer, algorithms: ['RS256'] });
console.log(payload.email);
`;

/** Verifies `idToken` from inside the api container, starting from the pool's discovery document; it must be `email`'s. */
export async function verifyInContainer(stack: ComposeStack, userPoolId: string, idToken: string, email: string): Promise<void> {
  const poolUrl = `${COGNITO_IN_COMPOSE}/${userPoolId}`;
  const run = await stack.exec('api', ['node', '--input-type=module', '-e', VERIFY_THROUGH_DISCOVERY, poolUrl, idToken]);
  if (run.code !== 0 || run.stdout.trim() !== email) {
    throw new ComposeTestError(
      `Verifying ${email}'s ID token in the api container through ${poolUrl}/.well-known/openid-configuration failed: ${(run.stderr || run.stdout).trim()}`,
    );
  }
}

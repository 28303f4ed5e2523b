// amazon-cognito-identity-js itself, below both its callers in the suite: identity-js.ts (its
// users and sign-ins) and pools.ts (its PASSWORD_VERIFIER timestamp for our own SRP client).
import { createRequire } from 'node:module';

/** The library itself (CommonJS; its named exports are not visible to an ES import). */
export const identityJs = createRequire(import.meta.url)('amazon-cognito-identity-js') as typeof import('amazon-cognito-identity-js');

/** The TIMESTAMP of a PASSWORD_VERIFIER answer, by the library's own DateHelper (its typings leave it out). */
export function identityJsTimestamp(): string {
  const { DateHelper } = identityJs as unknown as { DateHelper: new () => { getNowString(): string } };
  return new DateHelper().getNowString();
}

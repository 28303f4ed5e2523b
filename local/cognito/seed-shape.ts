import type { AttributeType } from '@aws-sdk/client-cognito-identity-provider';
import { seedUserLabel, type SeedUser } from './seed-users.ts';

/** What a pool asks of a user it takes: DescribeUserPool's answer, reduced. */
export interface SeedPool {
  /** The pool's logical id in serverless.yml, for the terminal. */
  readonly logicalId: string;
  /** `email` and/or `phone_number` when users sign in with those instead of a username. */
  readonly usernameAttributes: readonly string[];
  /** `email`, `phone_number`, `preferred_username`: sign-in names beside the username. */
  readonly aliasAttributes: readonly string[];
  /** The schema's Required attributes, `sub` aside (Cognito makes it). */
  readonly requiredAttributes: readonly string[];
}

/** A seed user as the pool takes it, or why it cannot. */
export type SeedRequest = { readonly username: string; readonly attributes: AttributeType[] } | { readonly skip: string };

/** The seed file as the terminal names it. */
export const SEED_FILE = 'local/seed-users.json';

/**
 * A seed user in the shape its pool takes (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html#user-pool-settings-usernames):
 * with UsernameAttributes, the email or phone number is the username; with an email or phone
 * alias, the username cannot look like one, so it is the email's local part unless the file names
 * one; otherwise the username given, else the email (or phone). Required attributes must be in
 * the file: a user the pool could not take is skipped, saying what to add.
 */
export function seedRequest(user: SeedUser, pool: SeedPool, file = SEED_FILE): SeedRequest {
  const label = seedUserLabel(user);
  const skip = (why: string, fix: string) => ({ skip: `Seed user ${label} skipped: ${why}. ${fix} in ${file}.` });
  const attributes: Record<string, string> = {
    ...user.attributes,
    ...(user.email !== undefined && { email: user.email }),
    ...(user.phoneNumber !== undefined && { phone_number: user.phoneNumber }),
  };
  let username = user.username;
  if (pool.usernameAttributes.length > 0 && username === undefined) {
    username = pool.usernameAttributes.map((name) => attributes[name]).find((value) => value !== undefined);
    if (username === undefined) {
      const names = pool.usernameAttributes.map((name) => `"${name}"`).join(' or ');
      return skip(
        `user pool ${pool.logicalId} signs users in by ${pool.usernameAttributes.join(' or ')} (UsernameAttributes)`,
        `Give it ${names}`,
      );
    }
  }
  if (username === undefined && (pool.aliasAttributes.includes('email') || pool.aliasAttributes.includes('phone_number'))) {
    username = user.email?.split('@')[0];
    if (!username) return skip(`user pool ${pool.logicalId} has sign-in aliases and it has no email`, 'Give it a "username"');
  }
  username ??= (user.email ?? user.phoneNumber)!;
  const missing = pool.requiredAttributes.filter((name) => attributes[name] === undefined);
  if (missing.length > 0) {
    const example = missing.map((name) => `"${name}": "…"`).join(', ');
    return skip(`user pool ${pool.logicalId} requires ${missing.join(', ')}`, `Give it "attributes": { ${example} }`);
  }
  // A confirmed seed user's email and phone are verified: Cognito sends them nothing, and they sign in by them.
  if (user.confirmed && attributes.email !== undefined) attributes.email_verified ??= 'true';
  if (user.confirmed && attributes.phone_number !== undefined) attributes.phone_number_verified ??= 'true';
  return { username, attributes: Object.entries(attributes).map(([Name, Value]) => ({ Name, Value })) };
}

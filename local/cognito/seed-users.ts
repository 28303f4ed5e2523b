import { readFileSync } from 'node:fs';

/** One entry of local/seed-users.json. */
export interface SeedUser {
  /** The sign-in name in a pool without UsernameAttributes; default the email (or phone number). */
  readonly username?: string;
  readonly email?: string;
  /** E.164, `+` and digits (`+15555550100`), as Cognito takes it. */
  readonly phoneNumber?: string;
  readonly password: string;
  /** Confirmed users can sign in at once; unconfirmed ones get a code in the dev inbox. */
  readonly confirmed: boolean;
  readonly groups: readonly string[];
  /** Other attributes, by name: `given_name`, `custom:team`… (a pool's required ones among them). */
  readonly attributes: Readonly<Record<string, string>>;
  /** The logical id of the user pool in serverless.yml; default the web client's pool. */
  readonly pool?: string;
}

/** What the file says about one entry, in JSON's spelling. */
interface SeedUserEntry {
  username?: unknown;
  email?: unknown;
  phone_number?: unknown;
  password?: unknown;
  confirmed?: unknown;
  groups?: unknown;
  attributes?: unknown;
  pool?: unknown;
}

export class SeedUsersError extends Error {
  override name = 'SeedUsersError';
}

/** The name a seed user goes by in the terminal. */
export const seedUserLabel = (user: SeedUser): string => user.username ?? user.email ?? user.phoneNumber ?? '(no name)';

const optionalString = (value: unknown) => value === undefined || typeof value === 'string';
const isStringMap = (value: unknown) =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && Object.values(value).every((entry) => typeof entry === 'string');

/** The seed users in `file`, or a SeedUsersError naming the file and the entry that is not right. */
export function readSeedUsers(file: string): readonly SeedUser[] {
  let parsed: { users?: unknown } | null;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8')) as { users?: unknown } | null;
  } catch (cause) {
    throw new SeedUsersError(`${file} is not readable JSON: ${(cause as Error).message}`, { cause });
  }
  if (!Array.isArray(parsed?.users)) throw new SeedUsersError(`${file} has no "users" list.`);
  return parsed.users.map((entry: SeedUserEntry | null, index): SeedUser => {
    const fail = (what: string) => {
      throw new SeedUsersError(`${file}: users[${index}] ${what}.`);
    };
    const user = entry ?? {};
    const named = [user.username, user.email, user.phone_number].some((name) => typeof name === 'string');
    if (typeof user.password !== 'string' || !named) fail('needs a "password" and an "email" (or a "phone_number" or "username")');
    if (![user.username, user.email, user.phone_number, user.pool].every(optionalString)) {
      fail('has a "username", "email", "phone_number" or "pool" that is not a string');
    }
    if (user.confirmed !== undefined && typeof user.confirmed !== 'boolean') fail('has a "confirmed" that is not true or false');
    const groups = user.groups ?? [];
    if (!Array.isArray(groups) || !groups.every((group) => typeof group === 'string')) fail('has "groups" that are not a list of names');
    const attributes = user.attributes ?? {};
    if (!isStringMap(attributes)) fail('has "attributes" that are not a map of names to string values');
    return {
      ...(typeof user.username === 'string' && { username: user.username }),
      ...(typeof user.email === 'string' && { email: user.email }),
      ...(typeof user.phone_number === 'string' && { phoneNumber: user.phone_number }),
      password: user.password as string,
      confirmed: (user.confirmed as boolean | undefined) ?? true,
      groups: groups as string[],
      attributes: attributes as Record<string, string>,
      ...(typeof user.pool === 'string' && { pool: user.pool }),
    };
  });
}

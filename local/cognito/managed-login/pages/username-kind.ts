import type { UserPool } from '../../cognito-local.ts';

/** What a pool signs users up and in with: a plain username, an email address, a phone number, or either of those two. */
export type UsernameKind = 'username' | 'email' | 'phone' | 'email-or-phone';

/** The pool's UsernameAttributes as a {@link UsernameKind}. https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html#user-pool-settings-usernames */
export function usernameKindOf(pool: Pick<UserPool, 'UsernameAttributes'>): UsernameKind {
  const email = pool.UsernameAttributes?.includes('email') === true;
  const phone = pool.UsernameAttributes?.includes('phone_number') === true;
  if (email && phone) return 'email-or-phone';
  if (email) return 'email';
  if (phone) return 'phone';
  return 'username';
}

/** The username field's label for a {@link UsernameKind}. */
export function usernameLabelOf(kind: UsernameKind): string {
  return { username: 'Username', email: 'Email', phone: 'Phone number', 'email-or-phone': 'Email or phone number' }[kind];
}

/** The username field's input type for a {@link UsernameKind}. */
export function usernameInputType(kind: UsernameKind): string {
  return { username: 'text', email: 'email', phone: 'tel', 'email-or-phone': 'text' }[kind];
}

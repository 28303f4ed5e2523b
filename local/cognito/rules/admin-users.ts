import type { Context, Services, User, UserPoolService, Wrapper } from '../cognito-local.ts';
import { userDoesNotExist } from '../cognito-answers.ts';

/**
 * The pool and user an admin operation names by `UserPoolId` and `Username`: the username, or
 * what the pool lets stand for it (`sub`, the email of a pool whose UsernameAttributes include
 * it), as cognito-local's getUserByUsername resolves them.
 */
export async function adminUser(
  { cognito }: Pick<Services, 'cognito'>,
  ctx: Context,
  req: { UserPoolId?: string; Username?: string },
): Promise<{ userPool: UserPoolService; user: User }> {
  const userPool = await cognito.getUserPool(ctx, req.UserPoolId ?? '');
  const user = await userPool.getUserByUsername(ctx, req.Username ?? '');
  if (!user) throw userDoesNotExist();
  return { userPool, user };
}

/**
 * An admin operation finds its user as Cognito does, by username or alias, and answers
 * UserNotFoundException `User does not exist.` for anyone else. cognito-local's routes then get
 * the user's own username: AdminListGroupsForUser matched group members against the alias as
 * given (an email listed no groups), and its other routes each answered an unknown user
 * differently (`User not found.`, `User does not exist`, NotAuthorizedException).
 */
export const adminUserAsCognito =
  (services: Pick<Services, 'cognito'>): Wrapper =>
  (route) =>
  async (ctx, req) => {
    const { user } = await adminUser(services, ctx, req);
    return route(ctx, { ...req, Username: user.Username });
  };

import type { Services, Wrapper } from '../cognito-local.ts';
import type { PoolTriggers } from './pool-triggers.ts';

type AttributeList = ReadonlyArray<{ Name?: string; Value?: string }> | undefined;

/**
 * PreSignUp_AdminCreateUser before AdminCreateUser creates the user (cognito-local runs none
 * there): a trigger that throws leaves no user. Its autoConfirmUser / autoVerify flags are not
 * applied: an admin-created user starts in FORCE_CHANGE_PASSWORD (docs/aws-behaviour.md, [U]).
 */
export const runPreSignUpForAdminCreateUser =
  ({ cognito }: Pick<Services, 'cognito'>, triggers: PoolTriggers): Wrapper =>
  (route) =>
  async (ctx, req) => {
    if (triggers.enabled('PreSignUp')) {
      const pool = await cognito.getUserPool(ctx, req.UserPoolId);
      // A username taken is AdminCreateUser's own answer, before any trigger.
      if (triggers.has(pool.options, 'PreSignUp') && !(await pool.getUserByUsername(ctx, req.Username ?? ''))) {
        await triggers.run(
          'PreSignUp',
          'PreSignUp_AdminCreateUser',
          { userPoolId: pool.options.Id, clientId: null, username: req.Username },
          {
            userAttributes: record(req.UserAttributes),
            validationData: req.ValidationData ? record(req.ValidationData) : null,
            clientMetadata: req.ClientMetadata ?? {},
          },
          { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
        );
      }
    }
    return route(ctx, req);
  };

const record = (attributes: AttributeList) => Object.fromEntries((attributes ?? []).map(({ Name, Value }) => [Name ?? '', Value ?? '']));

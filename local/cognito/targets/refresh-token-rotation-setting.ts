import type { RefreshTokenRotationType } from '@aws-sdk/client-cognito-identity-provider';
import type { AppClient, Services, Wrapper } from '../cognito-local.ts';
import { checkRotationSetting } from '../refresh-token-rotation.ts';
type ClientAnswer = { UserPoolClient?: AppClient & { ClientId?: string } };

/**
 * The app client's RefreshTokenRotation, which cognito-local drops: CreateUserPoolClient and
 * UpdateUserPoolClient store it (UpdateUserPoolClient without it sets it back to its default,
 * rotation off, as Cognito does for every setting an update leaves out), and their answers and
 * DescribeUserPoolClient's carry it.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserPoolClient.html
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RefreshTokenRotationType.html
 */
export const keepRefreshTokenRotation =
  ({ cognito }: Pick<Services, 'cognito'>, target: 'CreateUserPoolClient' | 'UpdateUserPoolClient' | 'DescribeUserPoolClient'): Wrapper =>
  (route) =>
  async (ctx, req) => {
    const setting = req?.RefreshTokenRotation as RefreshTokenRotationType | undefined;
    if (target !== 'DescribeUserPoolClient') checkRotationSetting(setting);
    const answer = (await route(ctx, req)) as ClientAnswer;
    const clientId = answer.UserPoolClient?.ClientId;
    if (!clientId) return answer;
    const stored = await cognito.getAppClient(ctx, clientId);
    if (!stored) return answer;
    let rotation = stored.RefreshTokenRotation;
    if (target !== 'DescribeUserPoolClient' && (setting !== undefined || rotation !== undefined)) {
      const { RefreshTokenRotation: _dropped, ...rest } = stored;
      const updated: AppClient = setting === undefined ? rest : { ...rest, RefreshTokenRotation: setting };
      const userPool = await cognito.getUserPoolForClientId(ctx, clientId);
      await userPool.saveAppClient(ctx, updated);
      rotation = setting;
    }
    return rotation === undefined ? answer : { ...answer, UserPoolClient: { ...answer.UserPoolClient, RefreshTokenRotation: rotation } };
  };

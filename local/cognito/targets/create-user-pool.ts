import { type CognitoService, type Context, cognitoLocalCreateUserPool, type Services } from '../cognito-local.ts';
import { DEFAULT_REGION, isAwsRegion, newUserPoolId, signingRegion } from '../user-pool-ids.ts';

/** Where the front door leaves the region a request was signed for, on the operation's input. */
const SIGNED_REGION = Symbol('signed region');

/** The account id the emulator's ARNs carry, as the local CloudFormation's. */
const LOCAL_ACCOUNT_ID = '000000000000';

type CreateUserPoolRoute = ReturnType<typeof cognitoLocalCreateUserPool>;

/** An operation's input with the region its SigV4 `Authorization` header was signed for (read by CreateUserPool). */
export function withSigningRegion(input: Record<string, unknown>, authorization: string | undefined): Record<string, unknown> {
  const region = signingRegion(authorization);
  return region === undefined ? input : Object.assign(input, { [SIGNED_REGION]: region });
}

/**
 * CreateUserPool with Cognito's ids: `<region>_<9 letters and digits>` and the ARN
 * `arn:aws:cognito-idp:<region>:<account>:userpool/<id>`, the region being the one the request was
 * signed for, as Cognito's regional endpoint answers (the local stage signs for the provider's
 * region). An unsigned request, or one signed for a name that is no AWS region (`local`), gets
 * DEFAULT_REGION. cognito-local made `local_<8 characters>`, which aws-jwt-verify refuses.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPool.html
 */
export const CreateUserPool =
  (services: Services) =>
  async (ctx: Context, req: Parameters<CreateUserPoolRoute>[1]): ReturnType<CreateUserPoolRoute> => {
    const signed = (req as { [SIGNED_REGION]?: string })[SIGNED_REGION];
    const region = signed !== undefined && isAwsRegion(signed) ? signed : DEFAULT_REGION;
    const taken = new Set((await services.cognito.listUserPools(ctx)).map((pool) => pool.Id));
    let id = newUserPoolId(region);
    while (taken.has(id)) id = newUserPoolId(region);
    const cognito: Pick<CognitoService, 'createUserPool'> = {
      createUserPool: (context, pool) =>
        services.cognito.createUserPool(context, {
          ...pool,
          Id: id,
          Arn: `arn:aws:cognito-idp:${region}:${LOCAL_ACCOUNT_ID}:userpool/${id}`,
        }),
    };
    return cognitoLocalCreateUserPool({ ...services, cognito: cognito as CognitoService })(ctx, req);
  };

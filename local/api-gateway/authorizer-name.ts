import type { RouteAuthorization } from '../cloudformation/api-routes.ts';
import type { HttpRouteAuthorization } from '../cloudformation/http-api.ts';

/**
 * A route's authorizer as the request log names it, kind then logical id:
 * `COGNITO_USER_POOLS CognitoUserPoolApiGatewayAuthorizer`, `JWT HttpApiAuthorizer`,
 * `Lambda TOKEN AuthApiGatewayAuthorizer`; undefined on a public route. An HTTP API's Lambda
 * authorizer is always a REQUEST one.
 */
export function authorizerName(authorization: RouteAuthorization | HttpRouteAuthorization): string | undefined {
  switch (authorization.type) {
    case 'NONE':
      return undefined;
    case 'CUSTOM':
      return `Lambda ${authorization.authorizerType} ${authorization.authorizer}`;
    case 'LAMBDA':
      return `Lambda REQUEST ${authorization.authorizer}`;
    default:
      return `${authorization.type} ${authorization.authorizer}`;
  }
}

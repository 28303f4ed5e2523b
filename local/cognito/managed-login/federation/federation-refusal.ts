import { CognitoError } from '../../cognito-local.ts';

/**
 * Why a sign-in through a provider ends without a user: what Cognito sends the app, through the
 * authorize request's redirect_uri, as `error` and `error_description`
 * (authorization-endpoint.html, "Examples of negative responses").
 */
export class FederationRefusal extends Error {
  override name = 'FederationRefusal';

  constructor(
    readonly error: 'invalid_request' | 'server_error',
    readonly description: string,
    options?: ErrorOptions,
  ) {
    super(description, options);
  }
}

/**
 * A trigger's failure as Cognito reports it after a provider's sign-in: its message, then a space
 * (`error_description=PreSignUp+failed+with+error+Not+invited.+`, [C] as apps that parse it record
 * it), `invalid_request`; after a SAML provider, `server_error` and "Invalid SAML response
 * received: " before it ([C], likewise). Anything else is not a trigger's and is thrown on.
 */
export function refusalOfTrigger(error: unknown, saml: boolean): never {
  if (!(error instanceof CognitoError)) throw error;
  throw saml
    ? new FederationRefusal('server_error', `Invalid SAML response received: ${error.message} `, { cause: error })
    : new FederationRefusal('invalid_request', `${error.message} `, { cause: error });
}

import {
  CognitoError,
  InvalidParameterError,
  NotAuthorizedError,
  PasswordResetRequiredError,
  ResourceNotFoundError,
  UserNotConfirmedException,
} from './cognito-local-errors.ts';

// Cognito's answers, each written once: the exception (`__type`) and its message, answered with
// HTTP 400. The line above each names where its words come from, tagged as docs/aws-behaviour.md
// tags them: [D] AWS documents it, [C] a real answer someone reported, [U] undocumented: the
// strict side taken, listed in the README's "Differences from AWS". API pages are
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_<Operation>.html.
// The classes are cognito-local's, so its own code and ours tell them apart alike.

// ---- Users: who they are, what state they are in

/**
 * [D] API_InitiateAuth.html; also an unknown user's when the client's PreventUserExistenceErrors is ENABLED, and ChangePassword's
 * wrong PreviousPassword ([C] https://github.com/aws-amplify/amplify-js/issues/1580).
 */
export const incorrectUsernameOrPassword = () => new NotAuthorizedError('Incorrect username or password.');
/** [D] https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-managing-errors.html (PreventUserExistenceErrors LEGACY) */
export const userDoesNotExist = () => new CognitoError('UserNotFoundException', 'User does not exist.');
/** [D] API_AdminDisableUser.html (a disabled user can't sign in); [C] message: https://github.com/localstack/localstack/issues/8454 */
export const userIsDisabled = () => new NotAuthorizedError('User is disabled.');
/** [D] API_InitiateAuth.html (UserNotConfirmedException); message: cognito-local's, as docs/aws-behaviour.md records Cognito's */
export const userNotConfirmed = () => new UserNotConfirmedException();
/**
 * [D] API_InitiateAuth.html (PasswordResetRequiredException). Cognito words it "Password reset required for the user"
 * ([C] https://github.com/aws-amplify/amplify-js/issues/4890); this is still cognito-local's shorter "Password reset required".
 */
export const passwordResetRequired = () => new PasswordResetRequiredError();
/** [D] https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flow-things-to-know.html#authentication-flow-lockout-behavior */
export const passwordAttemptsExceeded = () => new NotAuthorizedError('Password attempts exceeded');
/** [D] API_SignUp.html (UsernameExistsException); [C] message, email as username: docs/aws-behaviour.md "Cognito user pool" */
export const accountAlreadyExists = () => new CognitoError('UsernameExistsException', 'An account with the given email already exists.');
/** [C] SignUp of a name taken in a pool of plain usernames: https://github.com/aws-amplify/amplify-js/issues/6238 */
export const userAlreadyExists = () => new CognitoError('UsernameExistsException', 'User already exists');
/** [C] SignUp of a name already taken: accountAlreadyExists where the pool signs in by email, else userAlreadyExists (both above). */
export const usernameTaken = (emailUsername: boolean) => (emailUsername ? accountAlreadyExists() : userAlreadyExists());
/** [D] https://docs.aws.amazon.com/cognito/latest/developerguide/how-to-create-user-accounts.html (AllowAdminCreateUserOnly) */
export const signUpNotPermitted = () => new NotAuthorizedError('SignUp is not permitted for this user pool');
/**
 * [C] https://github.com/furaiev/amazon-cognito-identity-dart-2/issues/80 (CONFIRMED); AdminConfirmSignUp of a user in
 * another status than UNCONFIRMED ([U]: the same words with that status, as cognito-local answers)
 */
export const userCannotBeConfirmed = (status: string) => new NotAuthorizedError(`User cannot be confirmed. Current status is ${status}`);
/** [C] as userCannotBeConfirmed: ConfirmSignUp of a user already confirmed */
export const userAlreadyConfirmedAtConfirm = () => userCannotBeConfirmed('CONFIRMED');
/** [C] https://github.com/furaiev/amazon-cognito-identity-dart-2/issues/103 (ResendConfirmationCode) */
export const userAlreadyConfirmed = () => new InvalidParameterError('User is already confirmed.');
/** [C] https://github.com/aws-amplify/amplify-js/issues/10157 (ResendConfirmationCode, ForgotPassword) */
export const usernameClientIdNotFound = () => new CognitoError('UserNotFoundException', 'Username/client id combination not found.');
/** [C] SignUp with a username that is no email, in a pool whose UsernameAttributes include email: docs/aws-behaviour.md "Cognito user pool" */
export const usernameShouldBeEmail = () => new InvalidParameterError('Username should be an email.');
/** [D] API_AdminCreateUser.html (UsernameExistsException); message [U]: cognito-local's */
export const adminUserExists = () => new CognitoError('UsernameExistsException', 'User already exists');
/**
 * [D] API_AdminCreateUser.html (UnsupportedUserStateException; RESEND is for "a user that already exists"): a RESEND for
 * a user who is not FORCE_CHANGE_PASSWORD; wording [C] as other emulators word it (floci-io/floci#755)
 */
export const resendNotPossible = (username: string) =>
  new CognitoError('UnsupportedUserStateException', `Resend not possible. ${username} status is not FORCE_CHANGE_PASSWORD`);
/**
 * [D] API_ForgotPassword.html ("If neither a verified phone number nor a verified email exists, Amazon Cognito responds with an
 * InvalidParameterException"); words [C] https://github.com/aws-amplify/amplify-js/issues/3205; also a pool whose
 * AccountRecoverySetting is admin_only [U]
 */
export const noVerifiedRecoveryContact = () =>
  new InvalidParameterError('Cannot reset password for the user as there is no registered/verified email or phone_number');
/** [U] ResendConfirmationCode for a pool without AutoVerifiedAttributes: cognito-local's words */
export const autoVerificationOff = () => new InvalidParameterError('Auto verification not turned on.');

// ---- Codes

/** [C] ConfirmSignUp, wrong code: docs/aws-behaviour.md "Cognito user pool" */
export const verificationCodeMismatch = () =>
  new CognitoError('CodeMismatchException', 'Invalid verification code provided, please try again.');
/** [C] ConfirmSignUp, expired code: docs/aws-behaviour.md "Cognito user pool" */
export const verificationCodeExpired = () =>
  new CognitoError('ExpiredCodeException', 'Invalid code provided, please request a code again.');
/** [U] GetUserAttributeVerificationCode or VerifyUserAttribute for an attribute other than email or phone_number, or one the user lacks */
export const noAttributeToVerify = () => new InvalidParameterError('User has no attribute matching desired auto verified attributes');

// ---- Passwords and attributes

/** [D] API_ChangePassword.html, API_SignUp.html (InvalidPasswordException); `violation` from password-policy.ts, wording [U] */
export const passwordDoesNotConform = (violation: string) => new CognitoError('InvalidPasswordException', violation);
/** [C] https://github.com/aws-amplify/amplify-js/issues/2167: the schema's words, made by attributes/schema-violations.ts */
export const attributesRefused = (violation: string) => new InvalidParameterError(violation);
/** [U] NEW_PASSWORD_REQUIRED without a required attribute, DeleteUserAttributes of one: the schema's words, as SignUp answers a missing one */
export const requiredAttributesMissing = (names: readonly string[]) =>
  new InvalidParameterError(
    `Attributes did not conform to the schema: ${names.map((name) => `${name}: The attribute is required\n`).join('')}`,
  );
/**
 * [U] AdminUpdateUserAttributes setting `email_verified` / `phone_number_verified` for a user who has no such attribute and is
 * given none: cognito-local's words (with the attribute, the flag alone is fine: [D] API_AdminUpdateUserAttributes.html)
 */
export const verifiedFlagWithoutAttribute = (attribute: 'email' | 'phone_number') =>
  new InvalidParameterError(
    attribute === 'email'
      ? 'Email is required to verify/un-verify an email'
      : 'Phone Number is required to verify/un-verify a phone number',
  );
/** [C] https://github.com/amazon-archives/amazon-cognito-identity-js/issues/397 */
export const unauthorizedAttributeWrite = () => new NotAuthorizedError('A client attempted to write unauthorized attribute');
/** [C] https://github.com/hashicorp/terraform-provider-aws/issues/18430 */
export const requiredCustomAttributesUnsupported = () =>
  new InvalidParameterError('Required custom attributes are not supported currently.');
/** [U] AddCustomAttributes, a name the schema has: cognito-local's words */
export const attributeNameTaken = (name: string) => new InvalidParameterError(`${name}: Existing attribute already has name ${name}.`);
/** [D] API_AdminCreateUser.html (UserAttributes); [C] the Email wording, the Sms one by analogy [U] */
export const noDeliveryAttribute = (attribute: string, medium: string) =>
  new InvalidParameterError(`No ${attribute} provided but desired delivery medium was ${medium}`);

// ---- App clients, their flows and secrets

/** [C] https://github.com/anomalyco/guide/issues/82 */
export const userPoolClientDoesNotExist = (clientId: string) => new ResourceNotFoundError(`User pool client ${clientId} does not exist.`);
/** [C] https://github.com/floci-io/floci/pull/3974 (USER_PASSWORD_AUTH, USER_SRP_AUTH, USER_AUTH, admin); [U] the generic one for the others */
export function authFlowNotEnabled(flow: string): InvalidParameterError {
  switch (flow) {
    case 'USER_PASSWORD_AUTH':
      return new InvalidParameterError('USER_PASSWORD_AUTH flow not enabled for this client');
    case 'USER_SRP_AUTH':
      return new InvalidParameterError('USER_SRP_AUTH is not enabled for the client.');
    case 'USER_AUTH':
      return new InvalidParameterError('USER_AUTH flow not enabled for this client');
    default:
      return new InvalidParameterError('Auth flow not enabled for this client');
  }
}
/**
 * [C] a flow the operation does not run: USER_PASSWORD_AUTH only through InitiateAuth, ADMIN_USER_PASSWORD_AUTH and
 * ADMIN_NO_SRP_AUTH only through AdminInitiateAuth (AWS's answer in https://github.com/getmoto/moto/issues/4623; the
 * message: https://github.com/awsdocs/aws-doc-sdk-examples/issues/5289)
 */
export const initiateAuthMethodNotSupported = () => new InvalidParameterError('Initiate Auth method not supported.');
/** [D] API_CreateUserPoolClient.html (legacy and ALLOW_ values cannot be mixed); [U] the emulator's words */
export const mixedExplicitAuthFlows = (legacy: readonly string[]) =>
  new InvalidParameterError(
    `ExplicitAuthFlows cannot mix legacy values (${legacy.join(', ')}) with ALLOW_ values: use ALLOW_ values only.`,
  );
/** [C] https://github.com/aws-amplify/amplify-android/issues/2504 */
export const secretHashNotReceived = (clientId: string) =>
  new NotAuthorizedError(`Client ${clientId} is configured with secret but SECRET_HASH was not received`);
/** [C] https://www.repost.aws/knowledge-center/cognito-unable-to-verify-secret-hash */
export const secretHashUnverified = (clientId: string) => new NotAuthorizedError(`Unable to verify secret hash for client ${clientId}`);
/** [C] https://github.com/pmill/aws-cognito/pull/23 */
export const secretHashUnexpected = (clientId: string) =>
  new InvalidParameterError(`App client ${clientId} is not configured for secret but secret hash was received`);

// ---- Sign-in challenges and Sessions

/** [C] https://github.com/aws/aws-sdk-cpp/issues/452 (AuthParameters / ChallengeResponses member missing) */
export const missingParameter = (name: string) => new InvalidParameterError(`Missing required parameter ${name}`);
/** [C] https://github.com/aws-amplify/amplify-js/issues/5834 (made-up, used, or another client's Session) */
export const invalidSession = () => new NotAuthorizedError('Invalid session for the user.');
/** [U] a Session past its 3 minutes */
export const expiredSession = () => new NotAuthorizedError('Invalid session for the user, session is expired.');
/** [U] an SRP_A that is no valid ephemeral (A mod N = 0), as Cognito refuses it */
export const invalidSrpA = () => new CognitoError('InvalidParameterException', 'Invalid SRP_A');
/** [U] USER_AUTH choosing a challenge the emulator does not offer */
export const invalidChallengeChoice = (choice: string, available: readonly string[]) =>
  new InvalidParameterError(`${choice} is not a valid challenge: choose one of ${available.join(', ')}`);
/** [U] SELECT_MFA_TYPE answered with a method not offered */
export const mfaMethodNotOffered = (methods: readonly string[]) => new InvalidParameterError(`ANSWER must be one of ${methods.join(', ')}`);
/** [C] https://github.com/aws-amplify/amplify-js/issues/3066 (SOFTWARE_TOKEN_MFA) */
export const totpCodeMismatch = () => new CognitoError('CodeMismatchException', 'Invalid code received for user');
/** [C] https://github.com/aws-amplify/amplify-js/issues/3066 (SMS_MFA) */
export const smsCodeMismatch = () => new CognitoError('CodeMismatchException', 'Invalid code or auth state for the user.');
/** [C] VerifySoftwareToken, wrong code: docs/aws-behaviour.md "Cognito sign-in challenges" */
export const softwareTokenCodeMismatch = () =>
  new CognitoError('EnableSoftwareTokenMFAException', 'Code mismatch and fail enable Software Token MFA');
/** [D] https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa-totp.html */
export const softwareTokenMfaNotEnabled = () =>
  new CognitoError('SoftwareTokenMFANotFoundException', 'Software Token MFA has not been enabled by the userPool.');
/** [C] https://github.com/aws-amplify/amplify-js/issues/944 (SetUserMFAPreference) */
export const softwareTokenNotSetUp = () => new InvalidParameterError('User has not set up software token mfa');
/** [C] https://github.com/aws-amplify/amplify-js/issues/944 (SetUserMFAPreference) */
export const softwareTokenNotVerified = () => new InvalidParameterError('User has not verified software token mfa');
/** [U] VerifySoftwareToken with an access token before AssociateSoftwareToken: cognito-local's words */
export const softwareTokenNotAssociated = () => new InvalidParameterError('User has not associated a software token');
/** [D] API_AssociateSoftwareToken.html, API_VerifySoftwareToken.html (an access token or a Session); message [U]: cognito-local's */
export const accessTokenOrSessionRequired = () => new InvalidParameterError('Either AccessToken or Session is required');
/** [D] API_VerifySoftwareToken.html ("takes an access token or a session string, but not both"); message [U] */
export const accessTokenAndSession = () => new InvalidParameterError('Send either AccessToken or Session, not both');
/**
 * [C] SetUserMFAPreference turning SMS MFA on for a user without a phone number: the words Cognito answers for a method
 * the user cannot receive (https://github.com/aws/aws-sdk-js-v3/issues/4645, there for SOFTWARE_TOKEN_MFA)
 */
export const smsMfaWithoutPhoneNumber = () => new InvalidParameterError('User does not have delivery config set to turn on SMS_MFA');
/** [U] SetUserMFAPreference naming as preferred a method it leaves turned off */
export const preferredMfaNotEnabled = (method: string) => new InvalidParameterError(`Cannot set ${method} as preferred: it is not enabled`);

// ---- Tokens

/** [U] an access token the pool did not issue, of another use, or of no user */
export const invalidAccessToken = () => new NotAuthorizedError('Invalid Access Token');
/** [D] API_GlobalSignOut.html, API_AdminUserGlobalSignOut.html (access tokens revoked); message: docs/aws-behaviour.md "Cognito user pool" */
export const accessTokenRevoked = () => new NotAuthorizedError('Access Token has been revoked');
/**
 * [C] an operation's access token without aws.cognito.signin.user.admin (a managed login grant that did not ask for it):
 * https://github.com/aws-amplify/aws-sdk-android/issues/1813
 */
export const accessTokenMissingScope = () => new NotAuthorizedError('Access Token does not have required scopes');
/** [C] GetUser with an access token past its `exp`: https://github.com/aws-amplify/aws-sdk-ios/issues/1376 */
export const accessTokenExpired = () => new NotAuthorizedError('Access Token has expired');
/** [C] a refresh token never issued: docs/aws-behaviour.md "Cognito sign-in challenges" */
export const invalidRefreshToken = () => new NotAuthorizedError('Invalid Refresh Token');
/** [C] a refresh token issued to another app client of the pool: https://github.com/aws/aws-sdk-js/issues/4016 (since 2022) */
export const refreshTokenOfAnotherClient = () => new NotAuthorizedError('Refresh Token has different Client');
/** [D] API_RevokeToken.html, API_GlobalSignOut.html; message [C]: docs/aws-behaviour.md "Cognito sign-in challenges" */
export const refreshTokenRevoked = () => new NotAuthorizedError('Refresh Token has been revoked');
/** [D] API_GetTokensFromRefreshToken.html (RefreshTokenReuseException: a refresh token invalidated by refresh-token rotation); message [U] */
export const refreshTokenReused = () =>
  new CognitoError(
    'RefreshTokenReuseException',
    'Refresh token has been invalidated by refresh token rotation: use the latest refresh token.',
  );
/**
 * [D] https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-the-refresh-token.html#using-the-refresh-token-rotation
 * ("You can't authenticate with REFRESH_TOKEN_AUTH in app clients with refresh token rotation enabled"); exception and message [U]
 */
export const refreshTokenAuthWithRotation = () =>
  new InvalidParameterError('REFRESH_TOKEN_AUTH is not supported when refresh token rotation is enabled: use GetTokensFromRefreshToken.');
/**
 * [D] API_RefreshTokenRotationType.html (Feature ENABLED | DISABLED, RetryGracePeriodSeconds 0 to 60); the wording is the
 * front door's validation messages' (operation-input.ts) [U]
 */
export const invalidRotationSetting = (problems: readonly string[]) =>
  new InvalidParameterError(
    `${problems.length === 1 ? '1 validation error' : `${problems.length} validation errors`} detected: ${problems.join('; ')}`,
  );

// ---- RevokeToken (its model declares neither NotAuthorizedException nor ResourceNotFoundException)

/** [D] API_RevokeToken.html (UnauthorizedException: the request isn't authorized); message [U] */
export const revocationUnknownClient = (clientId: string) =>
  new CognitoError('UnauthorizedException', `App client ${clientId} does not exist.`);
/** [D] API_RevokeToken.html (ClientSecret, required if the client has a secret; UnauthorizedException); message [U] */
export const revocationClientUnauthorized = (clientId: string) =>
  new CognitoError('UnauthorizedException', `Client ${clientId} is configured with a secret: send its ClientSecret.`);
/** [D] API_RevokeToken.html (UnsupportedOperationException), https://docs.aws.amazon.com/cognito/latest/developerguide/token-revocation.html (EnableTokenRevocation); message [U] */
export const revocationNotEnabled = (clientId: string) =>
  new CognitoError(
    'UnsupportedOperationException',
    `Token revocation is not enabled for app client ${clientId}: set EnableTokenRevocation.`,
  );
/** [D] API_RevokeToken.html (UnsupportedTokenTypeException: an ID or access token); message [U] */
export const refreshTokenTypeOnly = () => new CognitoError('UnsupportedTokenTypeException', 'Only a refresh token can be revoked.');

// ---- Lambda triggers (`trigger` is the LambdaConfig key, as Cognito names it in these messages)

/** [D] https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-sign-up.html (the attribute must have a value); [U] which error */
export const autoVerifyWithoutAttribute = (flag: 'autoVerifyEmail' | 'autoVerifyPhone', attribute: 'email' | 'phone_number') =>
  new InvalidParameterError(`${flag} is set, but the user has no ${attribute}.`);
/** [C] CUSTOM_AUTH in a pool without DefineAuthChallenge: docs/aws-behaviour.md "Cognito custom authentication" */
export const customAuthNotConfigured = () => new InvalidParameterError('Custom auth lambda trigger is not configured for the user pool.');
/** [C] re:Post "cognito-migration-lambda-trigger-errors": every migration failure at sign-in is UserNotFoundException; wording [U] */
export const userMigrationRefused = (why: string) => new CognitoError('UserNotFoundException', `Exception during user migration: ${why}`);
/** [C] as above: a migration that failed, in its own words (the trigger's error, or the schema's for a user outside it) */
export const userMigrationFailed = (message: string) => new CognitoError('UserNotFoundException', message);
/** [C] the function threw (Lambda answered `X-Amz-Function-Error: Unhandled`): docs/aws-behaviour.md "Cognito Lambda triggers" */
export const userLambdaValidation = (trigger: string, errorMessage: string) =>
  new CognitoError('UserLambdaValidationException', `${trigger} failed with error ${errorMessage}.`);
/** [C] the function answered something that is not the event with a usable `response` */
export const invalidLambdaResponse = () => new CognitoError('InvalidLambdaResponseException', 'Unrecognizable lambda output');
/** [C] the function did not answer within Cognito's 5 s */
export const lambdaTimedOut = (trigger: string) =>
  new CognitoError('UnexpectedLambdaException', `${trigger} invocation failed due to error Socket timeout while invoking Lambda function.`);
/** [C] Lambda refused the invocation (no such function): Cognito names the Lambda error */
export const lambdaInvocationFailed = (trigger: string, error: string) =>
  new CognitoError('UnexpectedLambdaException', `${trigger} invocation failed due to error ${error}.`);
/** [U] nothing answers at LAMBDA_URL: the emulator's own failure, worded as Cognito's, with what to do */
export const lambdaUnreachable = (trigger: string, functionName: string, lambdaUrl: string) =>
  new CognitoError(
    'UnexpectedLambdaException',
    `${trigger} invocation failed due to error the local API is not running: nothing answers at LAMBDA_URL=${lambdaUrl}, so function ${functionName} could not run. Start the whole stack with \`npm start\`.`,
  );

// ---- Devices

/** [C] https://github.com/amazon-archives/amazon-cognito-identity-js/issues/200 (a pool without device tracking) */
export const deviceDoesNotExist = () => new CognitoError('ResourceNotFoundException', 'Device does not exist.');

// ---- The emulator's own limits

/** [U] not an AWS type: what the emulator answers for what it cannot do, 400 `CognitoLocal#Unsupported` (cognito-local's), never a 5xx the SDKs retry. */
export const UNSUPPORTED = 'CognitoLocal#Unsupported';
/** [U] not an AWS answer: the emulator's refusal of what it does not emulate, saying what to do. */
export const notEmulated = (what: string) => new CognitoError(UNSUPPORTED, `Cognito Local unsupported feature: ${what}`);

// ---- Domains, resource servers, identity providers (the pool's OAuth 2.0 side)

/**
 * [C] https://github.com/mineiros-io/terraform-aws-cognito-user-pool/issues/69 (a prefix outside the pattern of
 * API_CreateUserPoolDomain.html)
 */
export const invalidDomainPrefix = () =>
  new InvalidParameterError(
    'The domain name contains an invalid character. Domain names can only contain lower-case letters, numbers, and hyphens. Please enter a different name that follows this format: ^[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?$',
  );
/** [D] https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-assign-domain-prefix.html (reserved words); message [U] */
export const reservedWordInDomain = (word: string) => new InvalidParameterError(`Domain cannot contain reserved word: ${word}`);
/** [C] https://github.com/aws-samples/aws-cdk-examples/issues/402 (a prefix or custom domain another pool has) */
export const domainTaken = () => new InvalidParameterError('Domain already associated with another user pool.');
/** [C] https://github.com/aws-samples/websocket-chat-application/issues/29 (a pool has one domain of each kind at most) */
export const poolHasDomain = () => new InvalidParameterError('User pool already has a domain configured.');
/** [U] UpdateUserPoolDomain or DeleteUserPoolDomain of a domain the pool does not have */
export const noSuchDomain = () => new InvalidParameterError('No such domain or user pool exists.');
/** [U] CreateResourceServer with an identifier the pool has */
export const resourceServerExists = (identifier: string, userPoolId: string) =>
  new InvalidParameterError(`${identifier} already exists in user pool ${userPoolId}.`);
/** [U] a resource server the pool does not have */
export const resourceServerNotFound = (identifier: string, userPoolId: string) =>
  new ResourceNotFoundError(`Resource server ${identifier} does not exist in user pool ${userPoolId}.`);
/** [D] API_CreateResourceServer.html, https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html (25 resource servers); message [U] */
export const tooManyResourceServers = () =>
  new CognitoError('LimitExceededException', 'The user pool has reached its limit of 25 resource servers.');
/** [C] https://github.com/aws/aws-cli/issues/3179 (a social provider must be named as its type) */
export const providerNameNotItsType = (name: string, type: string) =>
  new InvalidParameterError(`Provider ${name} cannot be of type ${type}.`);
/** [D] API_CreateIdentityProvider.html (DuplicateProviderException); message [U] */
export const duplicateProvider = (name: string) =>
  new CognitoError('DuplicateProviderException', `A provider with the name ${name} already exists in this user pool.`);
/** [D] API_CreateIdentityProvider.html (IdpIdentifiers unique in the pool: DuplicateProviderException); message [U] */
export const duplicateIdpIdentifier = (identifier: string) =>
  new CognitoError('DuplicateProviderException', `The identifier ${identifier} is already used by a provider of this user pool.`);
/** [D] API_CreateIdentityProvider.html (ProviderDetails, the keys each ProviderType needs); message [U] */
export const providerDetailsMissing = (type: string, keys: readonly string[]) =>
  new InvalidParameterError(`ProviderDetails of a ${type} identity provider need ${keys.join(', ')}.`);
/** [U] a provider the pool does not have */
export const identityProviderNotFound = (name: string) => new ResourceNotFoundError(`Identity provider ${name} does not exist.`);
/** [C] https://github.com/aws-amplify/amplify-cli/issues/11986 (SupportedIdentityProviders naming a provider the pool lacks) */
export const providerNotInPool = (name: string, userPoolId: string) =>
  new InvalidParameterError(`The provider ${name} does not exist for User Pool ${userPoolId}`);
/** [C] https://github.com/awsdocs/aws-cloudformation-user-guide/issues/564 (AllowedOAuthScopes: a scope neither standard nor a resource server's) */
export const scopeDoesNotExist = (scope: string) => new CognitoError('ScopeDoesNotExistException', `Invalid scope requested: ${scope}`);
/** [D] API_CreateUserPoolClient.html (CallbackURLs, LogoutURLs, DefaultRedirectURI, AllowedOAuthFlowsUserPoolClient); message [U] */
export const invalidOAuthSetting = (message: string) => new InvalidParameterError(message);
/** [D] API_CreateUserPoolClient.html (InvalidOAuthFlowException: client_credentials apart, and only with a secret); message [U] */
export const invalidOAuthFlow = (message: string) => new CognitoError('InvalidOAuthFlowException', message);
/** [C] https://github.com/aws/aws-sdk-net/issues/1000 (AdminLinkProviderForUser, a source user who already signed in) */
export const mergingNotSupported = () =>
  new InvalidParameterError('Merging is not currently supported, provide a SourceUser that has not been signed up in order to link');
/** [D] API_AdminLinkProviderForUser.html (the destination is a native user: ProviderName Cognito); message [U] */
export const linkDestinationNotCognito = () =>
  new InvalidParameterError('DestinationUser ProviderName must be Cognito: the user to link to is a native user of the pool.');
/** [D] API_AdminLinkProviderForUser.html (ProviderAttributeName Cognito_Subject for social and OIDC providers); message [U] */
export const linkAttributeName = (provider: string) =>
  new InvalidParameterError(`SourceUser ProviderAttributeName must be Cognito_Subject for provider ${provider}.`);
/** [D] https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html (5 identities linked to a user); message [U] */
export const tooManyLinkedIdentities = () => new CognitoError('LimitExceededException', 'A user can have at most 5 linked identities.');
/** [D] API_AdminLinkProviderForUser.html (one external identity links to one user); message [U] */
export const identityAlreadyLinked = () =>
  new CognitoError('AliasExistsException', 'The source user is already linked to a user of the pool.');
/** [U] the validation errors of one request, worded as the front door words them (operation-input.ts) */
export const constraintViolations = (problems: readonly string[]) =>
  new InvalidParameterError(
    `${problems.length === 1 ? '1 validation error' : `${problems.length} validation errors`} detected: ${problems.join('; ')}`,
  );

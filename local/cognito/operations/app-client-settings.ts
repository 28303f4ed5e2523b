import type { CreateUserPoolClientCommandInput, UpdateUserPoolClientCommandInput } from '@aws-sdk/client-cognito-identity-provider';
import type { AppClient } from '../cognito-local.ts';
import { checkRotationSetting } from '../refresh-token-rotation.ts';
import { refuseMixedExplicitAuthFlows } from '../rules/auth-flow-rules.ts';

/** What an app client's settings are: everything on its record but its identity, name and dates. */
export type AppClientSettings = Omit<
  AppClient,
  'ClientId' | 'ClientSecret' | 'ClientName' | 'UserPoolId' | 'CreationDate' | 'LastModifiedDate'
>;

/**
 * The settings a CreateUserPoolClient or UpdateUserPoolClient request gives an app client, after
 * their rules (ExplicitAuthFlows not mixing legacy and ALLOW_ values, a RefreshTokenRotation in
 * its bounds). What the request leaves out is its default: absent, and the units of the token
 * lifetimes hours, hours and days. So an update sets back what it leaves out, as AWS documents:
 * "If you don't provide a value for an attribute, Amazon Cognito sets it to its default value".
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserPoolClient.html
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_TokenValidityUnitsType.html
 */
export function appClientSettings(input: CreateUserPoolClientCommandInput | UpdateUserPoolClientCommandInput): AppClientSettings {
  refuseMixedExplicitAuthFlows(input.ExplicitAuthFlows);
  checkRotationSetting(input.RefreshTokenRotation);
  const { AccessTokenValidity, AllowedOAuthFlows, AllowedOAuthFlowsUserPoolClient, AllowedOAuthScopes, AnalyticsConfiguration } = input;
  const { CallbackURLs, DefaultRedirectURI, EnableTokenRevocation, ExplicitAuthFlows, IdTokenValidity } = input;
  const { LogoutURLs, PreventUserExistenceErrors, ReadAttributes, RefreshTokenRotation, RefreshTokenValidity } = input;
  const { SupportedIdentityProviders, TokenValidityUnits, WriteAttributes } = input;
  const settings = {
    ...{ AccessTokenValidity, AllowedOAuthFlows, AllowedOAuthFlowsUserPoolClient, AllowedOAuthScopes, AnalyticsConfiguration },
    ...{ CallbackURLs, DefaultRedirectURI, EnableTokenRevocation, ExplicitAuthFlows, IdTokenValidity },
    ...{ LogoutURLs, PreventUserExistenceErrors, ReadAttributes, RefreshTokenRotation, RefreshTokenValidity },
    ...{ SupportedIdentityProviders, WriteAttributes },
    TokenValidityUnits: {
      AccessToken: TokenValidityUnits?.AccessToken ?? 'hours',
      IdToken: TokenValidityUnits?.IdToken ?? 'hours',
      RefreshToken: TokenValidityUnits?.RefreshToken ?? 'days',
    },
  };
  // Left out, not stored as `undefined`: clients.json and the answers keep only what is set.
  return Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined)) as AppClientSettings;
}

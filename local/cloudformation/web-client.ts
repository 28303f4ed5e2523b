import type { UserPoolClientType } from '@aws-sdk/client-cognito-identity-provider';
import { allowedFlows } from '../cognito/auth-flows.ts';
import type { DeployedResource } from './stack-state.ts';

/** An app client of the stack, as the seed users and the web client choose among them. */
export interface StageClient {
  readonly logicalId: string;
  readonly id: string;
  /** The logical id of its user pool. */
  readonly userPoolLogicalId: string;
  /** GenerateSecret: every call needs a SECRET_HASH, which a browser cannot keep. */
  readonly hasSecret: boolean;
  /** Its ExplicitAuthFlows allow USER_SRP_AUTH, Amplify's default sign-in, which the page uses. */
  readonly allowsSrp: boolean;
  /** Its OAuth settings, for the web page's hosted UI sign-in (absent in a stack.json of an earlier version). */
  readonly oauth?: Pick<UserPoolClientType, (typeof OAUTH_PROPERTIES)[number]>;
}

/** The app client properties the hosted UI reads (the managed login's authorize checks them). */
const OAUTH_PROPERTIES = [
  'AllowedOAuthFlowsUserPoolClient',
  'AllowedOAuthFlows',
  'AllowedOAuthScopes',
  'CallbackURLs',
  'LogoutURLs',
  'SupportedIdentityProviders',
] as const;

/** The pool and app client the web client signs in with, and where they were found. */
export interface WebClientChoice {
  readonly userPoolLogicalId?: string;
  readonly userPoolId?: string;
  readonly clientLogicalId?: string;
  readonly clientId?: string;
  /** `Outputs` when the UserPoolId or UserPoolClientId Output named them, else `template`. */
  readonly from: 'Outputs' | 'template';
  /** Why the web client cannot sign users in, when it cannot (no pool, no client, only clients with a secret). */
  readonly unusable?: string;
}

/** The stack's Cognito as the local stage's own tools see it: seed users and the web client. */
export interface StageCognito {
  /** Each user pool's id, by logical id, in the template's order. */
  readonly pools: Readonly<Record<string, string>>;
  readonly clients: readonly StageClient[];
  /** Each pool's AWS::Cognito::UserPoolDomain (its Domain), by the pool's logical id: the pools with a managed login. */
  readonly domains?: Readonly<Record<string, string>>;
  readonly web: WebClientChoice;
}

const isTrue = (value: unknown) => value === true || value === 'true';

/**
 * The stack's pools and clients, and the web client's: the UserPoolId and UserPoolClientId
 * Outputs when they name this stack's resources (what `build:web` reads on AWS), else the first
 * pool and its first client a browser can use. A client with a secret is never one: Amplify has
 * no way to send a SECRET_HASH (https://docs.amplify.aws/gen1/javascript/build-a-backend/auth/set-up-auth/);
 * nor is one that does not allow SRP, the page's sign-in.
 */
export function stageCognito(
  resources: Readonly<Record<string, DeployedResource>>,
  outputs: Readonly<Record<string, string>>,
): StageCognito {
  const entries = Object.entries(resources);
  const pools = Object.fromEntries(entries.filter(([, r]) => r.type === 'AWS::Cognito::UserPool').map(([id, r]) => [id, r.physicalId]));
  const poolByPhysicalId = new Map(Object.entries(pools).map(([logicalId, id]) => [id, logicalId]));
  const clients: StageClient[] = entries
    .filter(([, r]) => r.type === 'AWS::Cognito::UserPoolClient')
    .map(([logicalId, r]) => ({
      logicalId,
      id: r.physicalId,
      userPoolLogicalId: poolByPhysicalId.get(String(r.properties.UserPoolId)) ?? '',
      hasSecret: isTrue(r.properties.GenerateSecret),
      allowsSrp: allowedFlows(r.properties.ExplicitAuthFlows as string[] | undefined).has('ALLOW_USER_SRP_AUTH'),
      oauth: oauthSettings(r.properties),
    }));
  const domains = Object.fromEntries(
    entries
      .filter(([, r]) => r.type === 'AWS::Cognito::UserPoolDomain' && poolByPhysicalId.has(String(r.properties.UserPoolId)))
      .map(([, r]) => [poolByPhysicalId.get(String(r.properties.UserPoolId))!, String(r.properties.Domain)]),
  );
  return { pools, clients, domains, web: webClientChoice(pools, clients, outputs) };
}

function oauthSettings(properties: Readonly<Record<string, unknown>>): NonNullable<StageClient['oauth']> {
  const { AllowedOAuthFlowsUserPoolClient, ...lists } = Object.fromEntries(
    OAUTH_PROPERTIES.filter((name) => properties[name] !== undefined).map((name) => [name, properties[name]]),
  );
  return {
    ...(lists as NonNullable<StageClient['oauth']>),
    ...(AllowedOAuthFlowsUserPoolClient !== undefined && { AllowedOAuthFlowsUserPoolClient: isTrue(AllowedOAuthFlowsUserPoolClient) }),
  };
}

function webClientChoice(
  pools: Readonly<Record<string, string>>,
  clients: readonly StageClient[],
  outputs: Readonly<Record<string, string>>,
) {
  const namedClient = clients.find((client) => client.id === outputs.UserPoolClientId);
  const namedPool = Object.keys(pools).find((logicalId) => pools[logicalId] === outputs.UserPoolId) ?? namedClient?.userPoolLogicalId;
  const from = namedClient || namedPool ? 'Outputs' : 'template';
  const poolLogicalId = namedPool ?? Object.keys(pools)[0];
  if (!poolLogicalId) return { from, unusable: 'the stack has no user pool (AWS::Cognito::UserPool)' } as const;
  const pool = { userPoolLogicalId: poolLogicalId, userPoolId: pools[poolLogicalId]!, from } as const;
  const ofPool = clients.filter((client) => client.userPoolLogicalId === poolLogicalId);
  const client =
    namedClient ??
    ofPool.find((candidate) => !candidate.hasSecret && candidate.allowsSrp) ??
    ofPool.find((candidate) => !candidate.hasSecret) ??
    ofPool[0];
  if (!client) return { ...pool, unusable: `user pool ${poolLogicalId} has no app client (AWS::Cognito::UserPoolClient)` };
  const chosen = { ...pool, clientLogicalId: client.logicalId, clientId: client.id };
  if (client.hasSecret) {
    return {
      ...chosen,
      unusable: `app client ${client.logicalId} has a secret (GenerateSecret), which a browser cannot keep: Amplify cannot sign in with it. Add a client without one for the web.`,
    };
  }
  if (!client.allowsSrp) {
    return {
      ...chosen,
      unusable: `app client ${client.logicalId} does not allow ALLOW_USER_SRP_AUTH (ExplicitAuthFlows), the page's Amplify sign-in. Add it there, or a client for the web that allows it.`,
    };
  }
  return chosen;
}

import { ofType, refTarget, type Resources } from '../local/cloudformation/template-references.ts';
import type { CfnResource } from '../local/cloudformation/template.ts';
import { LOOPBACK_HOSTS, redirectUrlProblem, STANDARD_SCOPES } from '../local/cognito/rules/client-oauth-rules.ts';
import type { CheckFindings } from './route-checks.ts';

// What a deploy needs of the app clients' OAuth 2.0 settings, checked on the packaged template: the
// rules Cognito applies when CloudFormation creates the client (local/cognito/rules/client-oauth-rules.ts),
// and what only shows on AWS (a domain, callback URLs for the deployed site, creation order).
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html

type Strings = readonly string[];

/** Problems (the deploy fails, or the managed login cannot work) and notes for each app client with OAuth settings. */
export function oauthFindings(resources: Resources): CheckFindings {
  const problems: string[] = [];
  const notes: string[] = [];
  const domains = ofType(resources, 'AWS::Cognito::UserPoolDomain');
  const servers = ofType(resources, 'AWS::Cognito::UserPoolResourceServer');
  const providers = ofType(resources, 'AWS::Cognito::UserPoolIdentityProvider');
  for (const [id, client] of ofType(resources, 'AWS::Cognito::UserPoolClient')) {
    const properties = client.Properties ?? {};
    const pool = refTarget(properties.UserPoolId);
    const ofPool = ([, resource]: [string, CfnResource]) => pool === undefined || refTarget(resource.Properties?.UserPoolId) === pool;
    const flows = strings(properties.AllowedOAuthFlows);
    const scopes = strings(properties.AllowedOAuthScopes);
    const callbacks = strings(properties.CallbackURLs);

    if (properties.AllowedOAuthFlowsUserPoolClient === true && flows.length > 0 && !domains.some(ofPool)) {
      problems.push(
        `${id} has OAuth flows (${flows.join(', ')}) but its user pool has no AWS::Cognito::UserPoolDomain: without a domain there is no managed login nor /oauth2/token. Add one to resources in serverless.yml.`,
      );
    }
    if (flows.includes('client_credentials')) {
      if (flows.length > 1)
        problems.push(
          `${id}: client_credentials cannot be combined with ${flows.filter((flow) => flow !== 'client_credentials').join(', ')} (Cognito refuses the client with InvalidOAuthFlowException): give the machine-to-machine client its own AWS::Cognito::UserPoolClient.`,
        );
      if (properties.GenerateSecret !== true)
        problems.push(
          `${id} allows client_credentials but has no GenerateSecret: true (Cognito refuses the client with InvalidOAuthFlowException): set it.`,
        );
    }

    for (const scope of scopes) {
      if (STANDARD_SCOPES.includes(scope)) continue;
      const server = servers.filter(ofPool).find(([, resource]) => {
        const identifier = resource.Properties?.Identifier;
        const names = ((resource.Properties?.Scopes as { ScopeName?: unknown }[] | undefined) ?? []).map((each) => each.ScopeName);
        return typeof identifier === 'string' && scope.startsWith(`${identifier}/`) && names.includes(scope.slice(identifier.length + 1));
      });
      if (!server) {
        problems.push(
          `${id} allows the scope ${scope}, which is neither a standard scope (${STANDARD_SCOPES.join(', ')}) nor a scope of an AWS::Cognito::UserPoolResourceServer of its pool in the template (Cognito refuses the client: ScopeDoesNotExistException). Add it to a resource server's Scopes, or fix the name.`,
        );
      } else if (!dependsOn(resources, id, server[0])) {
        problems.push(
          `${id} allows ${scope} of ${server[0]} without depending on it: CloudFormation may create the client first, and Cognito refuses it. Add \`DependsOn: [${server[0]}]\` to ${id}.`,
        );
      }
    }
    for (const name of strings(properties.SupportedIdentityProviders)) {
      if (name === 'COGNITO') continue;
      const provider = providers.filter(ofPool).find(([, resource]) => resource.Properties?.ProviderName === name);
      if (!provider) {
        problems.push(
          `${id} supports the identity provider ${name}, which no AWS::Cognito::UserPoolIdentityProvider of its pool in the template declares (Cognito refuses the client: "The provider ${name} does not exist for User Pool …"). Declare it, or remove it.`,
        );
      } else if (!dependsOn(resources, id, provider[0])) {
        problems.push(
          `${id} supports ${name} without depending on ${provider[0]}: CloudFormation may create the client first, and Cognito refuses it. Add \`DependsOn: [${provider[0]}]\` to ${id}.`,
        );
      }
    }

    for (const [name, urls] of [
      ['CallbackURLs', callbacks],
      ['LogoutURLs', strings(properties.LogoutURLs)],
    ] as const) {
      for (const url of urls) {
        const problem = redirectUrlProblem(url);
        if (problem) problems.push(`${id}.${name}: ${url} ${problem}`);
      }
      const local = urls.filter(isLoopback);
      if (local.length > 0 && local.length === urls.length && flows.some((flow) => flow !== 'client_credentials')) {
        problems.push(
          `${id}.${name} names only this machine (${local.join(', ')}): the deployed web app could not sign in${name === 'LogoutURLs' ? ' out' : ''} through the managed login. Add the deployed site's URL for this stage (a per-stage value in serverless.yml).`,
        );
      } else if (local.length > 0) {
        notes.push(
          `${id}.${name} keeps ${local.join(', ')} in this stage: Cognito allows it for testing; remove it if developers should not sign in to this stage from their machine.`,
        );
      }
    }
  }
  return { problems, notes };
}

function strings(value: unknown): Strings {
  return Array.isArray(value) ? value.filter((each): each is string => typeof each === 'string') : [];
}

function isLoopback(url: string): boolean {
  try {
    const { protocol, hostname } = new URL(url);
    return (protocol === 'http:' || protocol === 'https:') && LOOPBACK_HOSTS.includes(hostname);
  } catch {
    return false;
  }
}

/** Whether CloudFormation creates `to` before `from`: `from` depends on it, through DependsOn, Ref or Fn::GetAtt, at any depth. */
function dependsOn(resources: Resources, from: string, to: string, seen = new Set<string>()): boolean {
  if (seen.has(from)) return false;
  seen.add(from);
  const resource = resources[from];
  if (!resource) return false;
  const direct = new Set<string>([resource.DependsOn ?? []].flat());
  JSON.stringify(resource.Properties ?? {}, (key, value) => {
    if (key === 'Ref' && typeof value === 'string') direct.add(value);
    if (key === 'Fn::GetAtt') direct.add(Array.isArray(value) ? String(value[0]) : String(value).split('.')[0]!);
    return value;
  });
  return direct.has(to) || [...direct].some((next) => dependsOn(resources, next, to, seen));
}

import type {
  CreateResourceServerCommandInput,
  CreateResourceServerCommandOutput,
  DeleteResourceServerCommandInput,
  DeleteResourceServerCommandOutput,
  DescribeResourceServerCommandInput,
  DescribeResourceServerCommandOutput,
  ListResourceServersCommandInput,
  ListResourceServersCommandOutput,
  ResourceServerScopeType,
  ResourceServerType,
  UpdateResourceServerCommandInput,
  UpdateResourceServerCommandOutput,
} from '@aws-sdk/client-cognito-identity-provider';
import { constraintViolations, resourceServerExists, resourceServerNotFound, tooManyResourceServers } from '../cognito-answers.ts';
import type { Context } from '../cognito-local.ts';
import { lengthProblem, patternProblem } from '../rules/constraint-problems.ts';
import type { OAuthDeps } from './oauth-deps.ts';
import type { Operation } from './operation-deps.ts';

// A resource server: an API's identifier and the custom scopes app clients may ask for, as
// `<identifier>/<scope name>`. https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-define-resource-servers.html

/** https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html: 25 resource servers a pool, 100 scopes a server. */
const MAX_SERVERS = 25;
const MAX_SCOPES = 100;
// The patterns of API_CreateResourceServer.html and API_ResourceServerScopeType.html.
// Tab, line feed and carriage return are allowed in an identifier, as the API's pattern says.
// biome-ignore lint/suspicious/noControlCharactersInRegex: API_CreateResourceServer.html's pattern
const IDENTIFIER = /^[\x09\x0A\x0D\x20-\x7E]+$/;
const NAME = /^[\w\s+=,.@-]+$/;
const SCOPE_NAME = /^[\x21\x23-\x2E\x30-\x5B\x5D-\x7E]+$/;

/**
 * CreateResourceServer: its input's constraints, the pool, an identifier the pool does not have yet,
 * the quota; then stored.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateResourceServer.html
 */
export const createResourceServer: Operation<CreateResourceServerCommandInput, CreateResourceServerCommandOutput, OAuthDeps> = async (
  deps,
  ctx,
  { UserPoolId = '', Identifier = '', Name = '', Scopes },
) => {
  checkServer(Identifier, Name, Scopes);
  await deps.cognito.getUserPool(ctx, UserPoolId);
  const servers = await serversOf(deps, ctx, UserPoolId);
  if (servers.some((server) => server.Identifier === Identifier)) throw resourceServerExists(Identifier, UserPoolId);
  if (servers.length >= MAX_SERVERS) throw tooManyResourceServers();
  const server: ResourceServerType = { UserPoolId, Identifier, Name, Scopes: Scopes ?? [] };
  await deps.oauth.saveResourceServers(ctx, UserPoolId, [...servers, server]);
  return { ResourceServer: server };
};

/** https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DescribeResourceServer.html */
export const describeResourceServer: Operation<DescribeResourceServerCommandInput, DescribeResourceServerCommandOutput, OAuthDeps> = async (
  deps,
  ctx,
  { UserPoolId = '', Identifier = '' },
) => {
  await deps.cognito.getUserPool(ctx, UserPoolId);
  return { ResourceServer: await serverOf(deps, ctx, UserPoolId, Identifier) };
};

/**
 * ListResourceServers: the pool's servers in the order they were made, MaxResults (1 to 50) a page,
 * NextToken where the next page starts.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListResourceServers.html
 */
export const listResourceServers: Operation<ListResourceServersCommandInput, ListResourceServersCommandOutput, OAuthDeps> = async (
  deps,
  ctx,
  { UserPoolId = '', MaxResults = 50, NextToken },
) => {
  if (MaxResults < 1 || MaxResults > 50) {
    throw constraintViolations([
      `Value '${MaxResults}' at 'maxResults' failed to satisfy constraint: Member must have value ${MaxResults < 1 ? 'greater than or equal to 1' : 'less than or equal to 50'}`,
    ]);
  }
  await deps.cognito.getUserPool(ctx, UserPoolId);
  const servers = await serversOf(deps, ctx, UserPoolId);
  const start =
    NextToken === undefined
      ? 0
      : Math.max(
          0,
          servers.findIndex((server) => server.Identifier === NextToken),
        );
  const page = servers.slice(start, start + MaxResults);
  const next = servers[start + MaxResults];
  return { ResourceServers: page, ...(next && { NextToken: next.Identifier }) };
};

/**
 * UpdateResourceServer: the server's Name and Scopes replaced by the request's (a scope left out is
 * gone, as AWS documents: "If you don't provide a value for an attribute, it is set to the default value").
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateResourceServer.html
 */
export const updateResourceServer: Operation<UpdateResourceServerCommandInput, UpdateResourceServerCommandOutput, OAuthDeps> = async (
  deps,
  ctx,
  { UserPoolId = '', Identifier = '', Name = '', Scopes },
) => {
  checkServer(Identifier, Name, Scopes);
  await deps.cognito.getUserPool(ctx, UserPoolId);
  await serverOf(deps, ctx, UserPoolId, Identifier);
  const server: ResourceServerType = { UserPoolId, Identifier, Name, Scopes: Scopes ?? [] };
  const servers = await serversOf(deps, ctx, UserPoolId);
  await deps.oauth.saveResourceServers(
    ctx,
    UserPoolId,
    servers.map((each) => (each.Identifier === Identifier ? server : each)),
  );
  return { ResourceServer: server };
};

/** https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteResourceServer.html */
export const deleteResourceServer: Operation<DeleteResourceServerCommandInput, DeleteResourceServerCommandOutput, OAuthDeps> = async (
  deps,
  ctx,
  { UserPoolId = '', Identifier = '' },
) => {
  await deps.cognito.getUserPool(ctx, UserPoolId);
  await serverOf(deps, ctx, UserPoolId, Identifier);
  const servers = await serversOf(deps, ctx, UserPoolId);
  await deps.oauth.saveResourceServers(
    ctx,
    UserPoolId,
    servers.filter((server) => server.Identifier !== Identifier),
  );
  return {};
};

async function serversOf(deps: Pick<OAuthDeps, 'oauth'>, ctx: Context, userPoolId: string): Promise<ResourceServerType[]> {
  return [...(await deps.oauth.settingsOf(ctx, userPoolId)).resourceServers];
}

async function serverOf(deps: Pick<OAuthDeps, 'oauth'>, ctx: Context, userPoolId: string, identifier: string) {
  const server = (await serversOf(deps, ctx, userPoolId)).find((each) => each.Identifier === identifier);
  if (!server) throw resourceServerNotFound(identifier, userPoolId);
  return server;
}

function checkServer(identifier: string, name: string, scopes: readonly ResourceServerScopeType[] | undefined): void {
  const problems = [
    lengthProblem(identifier, 'identifier', 1, 256),
    patternProblem(identifier, 'identifier', IDENTIFIER, '[\\x09\\x0A\\x0D\\x20-\\x7E]+'),
    lengthProblem(name, 'name', 1, 256),
    patternProblem(name, 'name', NAME, '[\\w\\s+=,.@-]+'),
    ...(scopes ?? []).flatMap(({ ScopeName = '', ScopeDescription = '' }, i) => [
      lengthProblem(ScopeName, `scopes.${i + 1}.member.scopeName`, 1, 256),
      patternProblem(ScopeName, `scopes.${i + 1}.member.scopeName`, SCOPE_NAME, '[\\x21\\x23-\\x2E\\x30-\\x5B\\x5D-\\x7E]+'),
      lengthProblem(ScopeDescription, `scopes.${i + 1}.member.scopeDescription`, 1, 256),
    ]),
    (scopes?.length ?? 0) > MAX_SCOPES
      ? `Value at 'scopes' failed to satisfy constraint: Member must have length less than or equal to ${MAX_SCOPES}`
      : undefined,
  ].filter((problem): problem is string => problem !== undefined);
  if (problems.length > 0) throw constraintViolations(problems);
}

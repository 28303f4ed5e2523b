import { describe, expect, it } from 'vitest';
import { ctx } from '../cognito/testing/fake-cognito.ts';
import { oauthStoreTestbed } from '../cognito/testing/oauth-store-testbed.ts';
import * as identityProviders from '../cognito/operations/identity-providers.ts';
import * as resourceServers from '../cognito/operations/resource-servers.ts';
import * as domains from '../cognito/operations/user-pool-domain.ts';
import { deployLocalStack } from './deploy-local-stack.ts';
import { userPoolDomain, userPoolIdentityProvider, userPoolResourceServer, withDependsOnHint } from './oauth-provisioners.ts';
import type { ProvisionContext } from './provisioner.ts';
import type { CfnTemplate } from './template.ts';

/** The Cognito API as the provisioners call it, answered by the emulator's own operations over a fake pool local_Pool1. */
function emulator() {
  const bed = oauthStoreTestbed();
  const operations: Record<string, (deps: typeof bed.deps, c: typeof ctx, input: never) => Promise<unknown>> = {
    ...Object.fromEntries(
      Object.entries({ ...domains, ...resourceServers, ...identityProviders }).map(([name, op]) => [
        name[0]!.toUpperCase() + name.slice(1),
        op as never,
      ]),
    ),
  };
  const send = async (command: { input: never }) => {
    const name = command.constructor.name.replace(/Command$/, '');
    const operation = operations[name];
    if (!operation) throw new Error(`the test emulator has no ${name}`);
    return operation(bed.deps, ctx, command.input);
  };
  const context: ProvisionContext = { cognito: { send } as never, region: 'eu-west-1', accountId: '000000000000', stackName: 'app-local' };
  return { ...bed, context };
}

const UserPoolId = 'local_Pool1';

// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-userpooldomain.html
describe('AWS::Cognito::UserPoolDomain', () => {
  it('creates the domain through CreateUserPoolDomain: Ref the domain, GetAtt CloudFrontDistribution', async () => {
    const { context, oauth } = emulator();
    const made = await userPoolDomain.create('Domain', { UserPoolId, Domain: 'team-auth', ManagedLoginVersion: '2' }, context);
    expect(made.physicalId).toBe('team-auth');
    expect(made.attributes.CloudFrontDistribution).toMatch(/\.cloudfront\.net$/);
    expect(await oauth.domainOf(ctx, UserPoolId)).toEqual({ Domain: 'team-auth', ManagedLoginVersion: 2 });
    // A second start without a record takes it over.
    expect((await userPoolDomain.adopt!('Domain', { UserPoolId, Domain: 'team-auth' }, context))?.physicalId).toBe('team-auth');
    await userPoolDomain.update('Domain', made, { UserPoolId, Domain: 'team-auth', ManagedLoginVersion: 1 }, {}, context);
    expect((await oauth.domainOf(ctx, UserPoolId))?.ManagedLoginVersion).toBe(1);
    await userPoolDomain.delete(made, { UserPoolId }, context);
    expect(await oauth.domainOf(ctx, UserPoolId)).toBeUndefined();
  });

  it("fails as CloudFormation would on Cognito's refusal (a reserved word)", async () => {
    await expect(userPoolDomain.create('Domain', { UserPoolId, Domain: 'my-cognito' }, emulator().context)).rejects.toThrow(
      'Domain cannot contain reserved word: cognito',
    );
  });
});

// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-userpoolresourceserver.html
describe('AWS::Cognito::UserPoolResourceServer', () => {
  it('creates, adopts, updates and deletes the server; Ref is its identifier', async () => {
    const { context, oauth } = emulator();
    const properties = {
      UserPoolId,
      Identifier: 'https://api.example.com',
      Name: 'api',
      Scopes: [{ ScopeName: 'read', ScopeDescription: 'Reads' }],
    };
    const made = await userPoolResourceServer.create('Api', properties, context);
    expect(made).toEqual({ physicalId: 'https://api.example.com', attributes: {} });
    expect(await userPoolResourceServer.adopt!('Api', properties, context)).toEqual(made);
    expect(await userPoolResourceServer.adopt!('Api', { ...properties, Identifier: 'other' }, context)).toBeUndefined();
    await userPoolResourceServer.update('Api', made, { ...properties, Scopes: [] }, properties, context);
    expect((await oauth.settingsOf(ctx, UserPoolId)).resourceServers[0]?.Scopes).toEqual([]);
    await userPoolResourceServer.delete(made, properties, context);
    expect((await oauth.settingsOf(ctx, UserPoolId)).resourceServers).toEqual([]);
  });
});

// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-userpoolidentityprovider.html
describe('AWS::Cognito::UserPoolIdentityProvider', () => {
  it('creates, updates and deletes the provider; Ref is its name', async () => {
    const { context, oauth } = emulator();
    const properties = {
      UserPoolId,
      ProviderName: 'Google',
      ProviderType: 'Google',
      ProviderDetails: { client_id: 'id', client_secret: 'secret', authorize_scopes: 'openid email' },
      AttributeMapping: { email: 'email' },
    };
    const made = await userPoolIdentityProvider.create('Google', properties, context);
    expect(made).toEqual({ physicalId: 'Google', attributes: {} });
    expect(await userPoolIdentityProvider.adopt!('Google', properties, context)).toEqual(made);
    await userPoolIdentityProvider.update(
      'Google',
      made,
      { ...properties, AttributeMapping: { email: 'email', name: 'name' } },
      properties,
      context,
    );
    expect((await oauth.settingsOf(ctx, UserPoolId)).identityProviders[0]?.AttributeMapping).toEqual({
      username: 'sub',
      email: 'email',
      name: 'name',
    });
    await userPoolIdentityProvider.delete(made, properties, context);
    expect((await oauth.settingsOf(ctx, UserPoolId)).identityProviders).toEqual([]);
  });
});

describe('the local stage', () => {
  it.each(['AWS::Cognito::ManagedLoginBranding', 'AWS::Cognito::UserPoolUICustomizationAttachment'])(
    'refuses %s by name at start',
    async (Type) => {
      const template: CfnTemplate = { Resources: { Branding: { Type, Properties: { UserPoolId: 'x' } } } };
      const deploying = deployLocalStack({
        template,
        previous: undefined,
        account: { region: 'eu-west-1', accountId: '000000000000', stackName: 'app-local', restApiId: 'r', httpApiId: 'h' },
        provision: (({ stackName: _stackName, ...provision }) => provision)(emulator().context),
        notEmulated: [],
        notice: () => {},
      });
      await expect(deploying).rejects.toThrow(new RegExp(`Branding \\(${Type}\\): the managed login's branding and CSS are not emulated`));
    },
  );
});

describe('withDependsOnHint', () => {
  it('says to add DependsOn when Cognito refuses a scope or provider the pool lacks, and leaves other failures alone', async () => {
    const scope = Object.assign(new Error('Invalid scope requested: https://api/read'), { name: 'ScopeDoesNotExistException' });
    await expect(withDependsOnHint('WebClient', Promise.reject(scope))).rejects.toThrow(
      "Invalid scope requested: https://api/read. If the template declares that resource server or identity provider, add it to WebClient's DependsOn",
    );
    const other = Object.assign(new Error('Required custom attributes are not supported currently.'), {
      name: 'InvalidParameterException',
    });
    await expect(withDependsOnHint('WebClient', Promise.reject(other))).rejects.toThrow(
      /^Required custom attributes are not supported currently\.$/,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { deployLocalStack, type DeployOptions } from './deploy-local-stack.ts';
import type { StackState } from './stack-state.ts';
import type { CfnTemplate } from './template.ts';

/** Ids stay unique across the fakes of one test file, as the emulator's do across starts. */
let next = 1;

/** An in-memory stand-in for the emulator's Cognito API: records each call, makes up ids. */
function fakeCognito(
  existingPools: { Id: string; Name: string; UserPoolTags?: Record<string, string> }[] = [],
  existingClients: { ClientId: string; ClientName: string }[] = [],
) {
  const calls: { name: string; input: Record<string, any> }[] = [];
  const send = async (command: { input: Record<string, any> }) => {
    const name = command.constructor.name.replace(/Command$/, '');
    calls.push({ name, input: command.input });
    switch (name) {
      case 'CreateUserPool':
        return { UserPool: { Id: `local_pool${next++}` } };
      case 'CreateUserPoolClient':
        return { UserPoolClient: { ClientId: `client${next++}` } };
      case 'DescribeUserPoolClient':
        return { UserPoolClient: { ClientName: 'web' } };
      case 'ListUserPools':
        return { UserPools: existingPools.map(({ Id, Name }) => ({ Id, Name })) };
      case 'ListUserPoolClients':
        return { UserPoolClients: existingClients };
      case 'DescribeUserPool':
        return { UserPool: existingPools.find((pool) => pool.Id === command.input.UserPoolId) };
      default:
        return {};
    }
  };
  return { send: send as never, calls, names: () => calls.map((call) => call.name) };
}

const pool = { Type: 'AWS::Cognito::UserPool', Properties: { UserPoolName: 'app-local', UsernameAttributes: ['email'] } };
const client = { Type: 'AWS::Cognito::UserPoolClient', Properties: { ClientName: 'web', UserPoolId: { Ref: 'UserPool' } } };
const starter: CfnTemplate = { Resources: { UserPoolClient: client, UserPool: pool } };

async function deploy(template: CfnTemplate, previous?: StackState, extra: Partial<DeployOptions> = {}, cognito = fakeCognito()) {
  const notices: string[] = [];
  const stack = await deployLocalStack({
    template,
    previous,
    account: {
      region: 'eu-west-1',
      accountId: '000000000000',
      stackName: 'app-local',
      restApiId: 'localrestapi',
      httpApiId: 'localhttpapi',
    },
    provision: { cognito, region: 'eu-west-1', accountId: '000000000000' },
    notEmulated: [],
    notice: (line) => notices.push(line),
    ...extra,
  });
  return { stack, cognito, notices };
}

describe('deployLocalStack', () => {
  it('creates what a resource refers to first, and resolves the reference to its local id', async () => {
    const { stack, cognito } = await deploy(starter);
    expect(cognito.names().filter((name) => name.startsWith('Create'))).toEqual(['CreateUserPool', 'CreateUserPoolClient']);
    const poolId = stack.state.resources.UserPool!.physicalId;
    expect(cognito.calls.find((call) => call.name === 'CreateUserPoolClient')!.input.UserPoolId).toBe(poolId);
    expect(stack.resolve({ 'Fn::GetAtt': ['UserPool', 'Arn'] }, 'Test')).toBe(
      `arn:aws:cognito-idp:eu-west-1:000000000000:userpool/${poolId}`,
    );
  });

  it('changes nothing when the template did not change', async () => {
    const first = await deploy(starter);
    const { cognito } = await deploy(starter, first.stack.state);
    expect(cognito.names().filter((name) => /^(Create|Update|Delete)/.test(name))).toEqual([]);
  });

  it('updates a pool in place for a property CloudFormation updates', async () => {
    const first = await deploy(starter);
    const edited = {
      Resources: { ...starter.Resources, UserPool: { ...pool, Properties: { ...pool.Properties, MfaConfiguration: 'OFF' } } },
    };
    const { cognito, notices } = await deploy(edited, first.stack.state);
    expect(cognito.names()).toContain('UpdateUserPool');
    expect(notices).toEqual([]);
  });

  it("sets a pool's EnabledMfas through SetUserPoolMfaConfig, as CloudFormation does (CreateUserPool does not take it)", async () => {
    const mfa = { MfaConfiguration: 'OPTIONAL', EnabledMfas: ['SOFTWARE_TOKEN_MFA'] };
    const template = { Resources: { ...starter.Resources, UserPool: { ...pool, Properties: { ...pool.Properties, ...mfa } } } };
    const { cognito, stack } = await deploy(template);
    expect(cognito.calls.find((call) => call.name === 'CreateUserPool')!.input).not.toHaveProperty('EnabledMfas');
    expect(cognito.calls.find((call) => call.name === 'SetUserPoolMfaConfig')!.input).toEqual({
      UserPoolId: stack.state.resources.UserPool!.physicalId,
      MfaConfiguration: 'OPTIONAL',
      SoftwareTokenMfaConfiguration: { Enabled: true },
    });
  });

  it('refuses email MFA (EnabledMfas EMAIL_OTP) by name, which the emulator would skip at sign-in', async () => {
    const mfa = { MfaConfiguration: 'ON', EnabledMfas: ['EMAIL_OTP'] };
    const template = { Resources: { ...starter.Resources, UserPool: { ...pool, Properties: { ...pool.Properties, ...mfa } } } };
    await expect(deploy(template)).rejects.toThrow(/UserPool\.EnabledMfas: EMAIL_OTP .*not emulated/);
  });

  it('replaces a pool whose UsernameAttributes changed, saying that on AWS its users would be deleted', async () => {
    const first = await deploy(starter);
    const edited = {
      Resources: { ...starter.Resources, UserPool: { ...pool, Properties: { ...pool.Properties, UsernameAttributes: ['phone_number'] } } },
    };
    const { stack, cognito, notices } = await deploy(edited, first.stack.state);
    const before = first.stack.state.resources.UserPool!.physicalId;
    expect(stack.state.resources.UserPool!.physicalId).not.toBe(before);
    expect(cognito.calls.find((call) => call.name === 'DeleteUserPool')!.input.UserPoolId).toBe(before);
    expect(notices.join('\n')).toMatch(/UserPool .*UsernameAttributes changed.*every user in it would be deleted/s);
  });

  it('treats a renamed logical id as a new pool and deletes the old one, as CloudFormation does', async () => {
    const first = await deploy(starter);
    const renamed = {
      Resources: {
        AppUserPool: pool,
        UserPoolClient: { ...client, Properties: { ...client.Properties, UserPoolId: { Ref: 'AppUserPool' } } },
      },
    };
    const { cognito, notices } = await deploy(renamed, first.stack.state);
    expect(cognito.names()).toEqual(expect.arrayContaining(['CreateUserPool', 'CreateUserPoolClient', 'DeleteUserPool']));
    expect(notices.join('\n')).toMatch(/UserPool \(AWS::Cognito::UserPool\).*no longer in serverless.yml.*every user/s);
  });

  it('keeps a pool whose DeletionPolicy is Retain when it leaves the template, as CloudFormation does', async () => {
    const first = await deploy({ Resources: { ...starter.Resources, UserPool: { ...pool, DeletionPolicy: 'Retain' } } });
    const renamed = {
      Resources: {
        AppUserPool: pool,
        UserPoolClient: { ...client, Properties: { ...client.Properties, UserPoolId: { Ref: 'AppUserPool' } } },
      },
    };
    const { cognito, notices } = await deploy(renamed, first.stack.state);
    expect(cognito.names()).not.toContain('DeleteUserPool');
    expect(notices.join('\n')).toContain(
      'UserPool (AWS::Cognito::UserPool) is no longer in serverless.yml (renamed or deleted); DeletionPolicy: Retain keeps the old one outside the stack',
    );
  });

  it('keeps the old pool on a replacement when UpdateReplacePolicy is Retain', async () => {
    const first = await deploy(starter);
    const edited = {
      Resources: {
        ...starter.Resources,
        UserPool: { ...pool, UpdateReplacePolicy: 'Retain', Properties: { ...pool.Properties, UsernameAttributes: ['phone_number'] } },
      },
    };
    const { cognito, notices } = await deploy(edited, first.stack.state);
    expect(cognito.names()).toContain('CreateUserPool');
    expect(cognito.names()).not.toContain('DeleteUserPool');
    expect(notices.join('\n')).toContain('UpdateReplacePolicy: Retain keeps the old one');
  });

  it('adds a new custom attribute to an existing pool, and refuses to change an existing one', async () => {
    const withSchema = (schema: object[]) => ({ Resources: { UserPool: { ...pool, Properties: { ...pool.Properties, Schema: schema } } } });
    const first = await deploy(withSchema([{ Name: 'tier', AttributeDataType: 'String' }]));
    const added = await deploy(
      withSchema([
        { Name: 'tier', AttributeDataType: 'String' },
        { Name: 'plan', AttributeDataType: 'String' },
      ]),
      first.stack.state,
    );
    expect(added.cognito.calls.find((call) => call.name === 'AddCustomAttributes')!.input.CustomAttributes).toEqual([
      { Name: 'plan', AttributeDataType: 'String' },
    ]);
    await expect(deploy(withSchema([{ Name: 'tier', AttributeDataType: 'Number' }]), first.stack.state)).rejects.toThrow(
      /UserPool\.Properties\.Schema changes the attribute tier.*fail this update on AWS/,
    );
  });

  it('refuses a resource nothing stands in for locally, by name, unless notEmulated lists it', async () => {
    const withTable = { Resources: { ...starter.Resources, OrdersTable: { Type: 'AWS::DynamoDB::Table', Properties: {} } } };
    await expect(deploy(withTable)).rejects.toThrow(
      /OrdersTable \(AWS::DynamoDB::Table\): nothing stands in for it locally.*custom\.localStack\.notEmulated/s,
    );
    const { stack } = await deploy(withTable, undefined, { notEmulated: ['OrdersTable'] });
    // What refers to it still resolves, to a value that says why it does not work.
    expect(stack.resolve({ 'Fn::GetAtt': ['OrdersTable', 'Arn'] }, 'Test')).toBe('not-emulated-locally:OrdersTable.Arn');
  });

  it('refuses a pool property it cannot honour, unless notEmulated lists it', async () => {
    const withAliases = {
      Resources: { ...starter.Resources, UserPool: { ...pool, Properties: { UserPoolName: 'app-local', AliasAttributes: ['email'] } } },
    };
    await expect(deploy(withAliases)).rejects.toThrow(
      /UserPool\.Properties\.AliasAttributes \(AWS::Cognito::UserPool\): signing in with an alias is not emulated/,
    );
    const { cognito } = await deploy(withAliases, undefined, { notEmulated: ['UserPool.AliasAttributes'] });
    expect(cognito.calls.find((call) => call.name === 'CreateUserPool')!.input.AliasAttributes).toBeUndefined();
  });

  it('skips resources whose Condition is false', async () => {
    const template = {
      Conditions: { IsProd: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-east-1'] } },
      Resources: { ...starter.Resources, ProdPool: { ...pool, Condition: 'IsProd' } },
    };
    const { cognito } = await deploy(template);
    expect(cognito.names().filter((name) => name === 'CreateUserPool')).toHaveLength(1);
  });

  it('keeps on record what it deployed before a later resource failed, so the next start updates it', async () => {
    const records: StackState[] = [];
    const failing = {
      Resources: { ...starter.Resources, Broken: { Type: 'AWS::Cognito::UserPoolGroup', Properties: { UserPoolId: { Ref: 'Missing' } } } },
    };
    await expect(deploy(failing, undefined, { record: (state) => void records.push(state) })).rejects.toThrow(/refers to Missing/);
    expect(Object.keys(records.at(-1)!.resources)).toEqual(expect.arrayContaining(['UserPool', 'UserPoolClient']));
  });

  it('refuses a reference to a resource the template does not have', async () => {
    const broken = {
      Resources: { UserPoolClient: { ...client, Properties: { ...client.Properties, UserPoolId: { Ref: 'CognitoUserPool' } } } },
    };
    await expect(deploy(broken)).rejects.toThrow(
      /UserPoolClient\.Properties\.UserPoolId refers to CognitoUserPool, but there is no resource CognitoUserPool/,
    );
  });

  it('adds users to groups after the seed users exist', async () => {
    const cognito = fakeCognito();
    let callsBeforeSeed: string[] = [];
    const template = {
      Resources: {
        ...starter.Resources,
        Admins: { Type: 'AWS::Cognito::UserPoolGroup', Properties: { GroupName: 'admins', UserPoolId: { Ref: 'UserPool' } } },
        AdaIsAdmin: {
          Type: 'AWS::Cognito::UserPoolUserToGroupAttachment',
          Properties: { GroupName: { Ref: 'Admins' }, Username: 'ada@example.com', UserPoolId: { Ref: 'UserPool' } },
        },
      },
    };
    const seeded = async () => void (callsBeforeSeed = cognito.names());
    const { stack } = await deploy(template, undefined, { beforeUserResources: seeded }, cognito);
    const attach = cognito.calls.find((call) => call.name === 'AdminAddUserToGroup')!;
    expect(attach.input).toEqual({
      GroupName: 'admins',
      Username: 'ada@example.com',
      UserPoolId: stack.state.resources.UserPool!.physicalId,
    });
    expect(callsBeforeSeed).toContain('CreateGroup');
    expect(callsBeforeSeed).not.toContain('AdminAddUserToGroup');
  });

  it('names a pool and a client without UserPoolName or ClientName <stack>-<logicalId>-<random>, as CloudFormation does', async () => {
    const unnamed: CfnTemplate = {
      Resources: {
        UserPool: { Type: 'AWS::Cognito::UserPool', Properties: {} },
        UserPoolClient: { Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: { Ref: 'UserPool' } } },
      },
    };
    const { cognito, stack } = await deploy(unnamed);
    const input = (name: string) => cognito.calls.find((call) => call.name === name)!.input;
    expect(input('CreateUserPool').PoolName).toMatch(/^app-local-UserPool-[a-zA-Z0-9]{12}$/);
    expect(input('CreateUserPool').UserPoolTags).toEqual({ 'local:stack-name': 'app-local', 'local:logical-id': 'UserPool' });
    expect(input('CreateUserPoolClient').ClientName).toMatch(/^app-local-UserPoolClient-[a-zA-Z0-9]{12}$/);
    // The record keeps the template's properties: the next start changes nothing.
    const again = await deploy(unnamed, stack.state);
    expect(again.cognito.names().filter((name) => /^(Create|Update|Delete)/.test(name))).toEqual([]);
  });

  it('keeps a generated client name when the client is updated (UpdateUserPoolClient would reset it)', async () => {
    const unnamed = { Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: { Ref: 'UserPool' } } };
    const first = await deploy({ Resources: { UserPool: pool, UserPoolClient: unnamed } });
    const edited = { ...unnamed, Properties: { ...unnamed.Properties, ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH'] } };
    const { cognito } = await deploy({ Resources: { UserPool: pool, UserPoolClient: edited } }, first.stack.state);
    // The fake's DescribeUserPoolClient names every client 'web'.
    expect(cognito.calls.find((call) => call.name === 'UpdateUserPoolClient')!.input.ClientName).toBe('web');
  });

  it('refuses a resource without a property CloudFormation requires, by name, before creating anything', async () => {
    const template: CfnTemplate = {
      Resources: {
        UserPool: pool,
        Orphan: { Type: 'AWS::Cognito::UserPoolClient', Properties: { ClientName: 'web' } },
        Member: { Type: 'AWS::Cognito::UserPoolUserToGroupAttachment', Properties: { UserPoolId: { Ref: 'UserPool' } } },
      },
    };
    const cognito = fakeCognito();
    const refusal = await deploy(template, undefined, {}, cognito).catch((error: Error) => error.message);
    expect(refusal).toContain(
      'Orphan (AWS::Cognito::UserPoolClient): UserPoolId is required, and missing; CloudFormation refuses the template too ' +
        '("Properties validation failed for resource Orphan with message: #: required key [UserPoolId] not found"). ' +
        'Add Orphan.Properties.UserPoolId (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cognito-userpoolclient.html).',
    );
    expect(refusal).toContain('Member (AWS::Cognito::UserPoolUserToGroupAttachment): GroupName is required');
    expect(refusal).toContain('Member (AWS::Cognito::UserPoolUserToGroupAttachment): Username is required');
    expect(cognito.names().filter((name) => name.startsWith('Create'))).toEqual([]);
  });

  it("takes over its own pool when its record is gone, never another stack's of the same name", async () => {
    const others = {
      Id: 'local_other',
      Name: 'app-local',
      UserPoolTags: { 'local:stack-name': 'renamed-local', 'local:logical-id': 'UserPool' },
    };
    const own = { Id: 'local_own', Name: 'app-local', UserPoolTags: { 'local:stack-name': 'app-local', 'local:logical-id': 'UserPool' } };
    const withOwn = await deploy(starter, undefined, {}, fakeCognito([others, own]));
    expect(withOwn.stack.state.resources.UserPool!.physicalId).toBe('local_own');
    // Its own logical id and stack, but another name: another pool (a variant of the stack beside it).
    const renamed = { ...own, Name: 'another-name' };
    expect((await deploy(starter, undefined, {}, fakeCognito([renamed]))).stack.state.resources.UserPool!.physicalId).not.toBe('local_own');
    const onlyOthers = await deploy(starter, undefined, {}, fakeCognito([others]));
    expect(onlyOthers.cognito.names()).toContain('CreateUserPool');
    expect(onlyOthers.stack.state.resources.UserPool!.physicalId).not.toBe('local_other');
  });

  it('finds its own pool without UserPoolName again by the name it generated, when its record is gone', async () => {
    const unnamed: CfnTemplate = { Resources: { UserPool: { Type: 'AWS::Cognito::UserPool', Properties: {} } } };
    const tags = { 'local:stack-name': 'app-local', 'local:logical-id': 'UserPool' };
    const generated = { Id: 'local_generated', Name: 'app-local-UserPool-abcdefghijk1', UserPoolTags: tags };
    const starterNamed = { Id: 'local_named', Name: 'app-local', UserPoolTags: tags };
    const { stack } = await deploy(unnamed, undefined, {}, fakeCognito([starterNamed, generated]));
    expect(stack.state.resources.UserPool!.physicalId).toBe('local_generated');
    // And its client without ClientName, in that pool.
    const withClient: CfnTemplate = {
      Resources: { ...unnamed.Resources, Web: { Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: { Ref: 'UserPool' } } } },
    };
    const clients = [
      { ClientId: 'other', ClientName: 'app-local-Mobile-abcdefghijk1' },
      { ClientId: 'web', ClientName: 'app-local-Web-abcdefghijk1' },
    ];
    const again = await deploy(withClient, undefined, {}, fakeCognito([generated], clients));
    expect(again.stack.state.resources.Web!.physicalId).toBe('web');
    expect(again.cognito.names()).not.toContain('CreateUserPoolClient');
  });

  it('takes over an untagged pool by name only in a data folder from before records were kept', async () => {
    const untagged = { Id: 'local_old', Name: 'app-local' };
    const legacy = await deploy(starter, undefined, { noRecords: true }, fakeCognito([untagged]));
    expect(legacy.stack.state.resources.UserPool!.physicalId).toBe('local_old');
    // Taken over, it is tagged as this stack's.
    expect(legacy.cognito.calls.find((call) => call.name === 'UpdateUserPool')!.input.UserPoolTags['local:stack-name']).toBe('app-local');
    const recorded = await deploy(starter, undefined, { noRecords: false }, fakeCognito([untagged]));
    expect(recorded.stack.state.resources.UserPool!.physicalId).not.toBe('local_old');
  });
});

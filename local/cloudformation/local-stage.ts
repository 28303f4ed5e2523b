import { gatewayResponseSettings, type GatewayResponseSettings } from './gateway-response-settings.ts';
import { apiRoutes, type ApiRoutes } from './api-routes.ts';
import type { CognitoClient } from './cognito-provisioners.ts';
import { deployLocalStack, type DeployedStack } from './deploy-local-stack.ts';
import type { HttpApi } from './http-api.ts';
import { httpApiRoutes } from './http-api-routes.ts';
import { localValues, type StandIn } from './local-values.ts';
import { openStackState, writeStackState } from './stack-state.ts';
import { stageCognito, type StageCognito } from './web-client.ts';
import { LocalStackTemplateError, type CfnResource, type CfnTemplate } from './template.ts';

/** serverless.yml's `custom.localStack`: what only the local stage deploys, and what it runs without. */
export interface LocalStackSettings {
  /**
   * Resources only the local stage deploys, in CloudFormation's syntax. `StandsFor` names
   * what serverless.yml resolves to for a resource another stack owns on AWS (its ARN or id):
   * every use of that value locally is pointed at this resource instead.
   */
  readonly resources?: Readonly<Record<string, CfnResource & { readonly StandsFor?: string }>>;
  /** Logical ids (or `<id>.<Property>`) the local stage starts without, knowingly. */
  readonly notEmulated?: readonly string[];
}

export interface LocalStageOptions {
  readonly template: CfnTemplate;
  readonly settings: LocalStackSettings;
  readonly cognito: CognitoClient;
  readonly region: string;
  /** The stack's name, `<service>-<stage>` as serverless names it on AWS: a renamed service is a new stack. */
  readonly stackName: string;
  /** This stack's record in the data folder (stack-state.ts `stackStatePath`). */
  readonly stateFile: string;
  /** The local API's base URL without the stage. */
  readonly apiBaseUrl: string;
  /** Where this stack's functions answer Lambda's Invoke API (LAMBDA_URL): the pools' triggers run there. */
  readonly lambdaUrl?: string;
  /**
   * Called once every resource but those that need users (group attachments) exists, with the
   * stage as the API and the web client read it: serve it, then add the seed users; the
   * resources that need users follow.
   */
  readonly seed: (stage: LocalStage) => Promise<void>;
  readonly notice: (line: string) => void;
}

/** The stage as deployed on this machine: what the API, the handlers and the web client read. */
export interface LocalStage {
  readonly physicalIds: Readonly<Record<string, string>>;
  readonly outputs: Readonly<Record<string, string>>;
  readonly routes: ApiRoutes;
  /** The HTTP API's routes, authorizers and CORS; undefined when the stack has no `httpApi` events. */
  readonly httpApi?: HttpApi;
  readonly gatewayResponses: GatewayResponseSettings;
  /** Each Lambda function's environment by its logical id, as Lambda would set it, with local values. */
  readonly environments: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** The user pools by logical id, and the pool and app client the web client uses (web-client.ts). */
  readonly cognito: StageCognito;
}

/** The account id ARNs carry locally. */
export const LOCAL_ACCOUNT_ID = '000000000000';
/** The local id of the REST API serverless generates. */
export const REST_API_ID = 'localrestapi';
/** The local id of the HTTP API serverless generates. */
export const HTTP_API_ID = 'localhttpapi';

/** Deploys the stage's compiled template to this machine and reads off what the local services need. */
export async function deployLocalStage(options: LocalStageOptions): Promise<LocalStage> {
  assertSettings(options.settings);
  const template = withLocalOnlyResources(options.template, options.settings.resources ?? {});
  const account = {
    region: options.region,
    accountId: LOCAL_ACCOUNT_ID,
    stackName: options.stackName,
    restApiId: REST_API_ID,
    httpApiId: HTTP_API_ID,
  };
  const opened = openStackState(options.stateFile, options.stackName);
  if (opened.notice) options.notice(opened.notice);
  let stage: LocalStage | undefined;
  const stack = await deployLocalStack({
    template,
    previous: opened.previous,
    noRecords: opened.noRecords,
    account,
    provision: {
      cognito: options.cognito,
      region: options.region,
      accountId: LOCAL_ACCOUNT_ID,
      lambdaUrl: options.lambdaUrl,
    },
    notEmulated: options.settings.notEmulated ?? [],
    notice: options.notice,
    record: (state) => writeStackState(options.stateFile, state),
    beforeUserResources: async (deployed) => {
      stage = readLocalStage(deployed, template, options);
      await options.seed(stage);
    },
  });
  writeStackState(options.stateFile, stack.state);
  return stage!;
}

/** What the API, the handlers and the web client read off the stack deployed so far. */
function readLocalStage(stack: DeployedStack, template: CfnTemplate, options: LocalStageOptions): LocalStage {
  const deployed = stack.state.resources;
  const standIns: StandIn[] = Object.entries(options.settings.resources ?? {})
    .filter(([id, resource]) => resource.StandsFor !== undefined && deployed[id])
    .map(([id, resource]) => ({
      standsFor: resource.StandsFor!,
      physicalId: deployed[id]!.physicalId,
      attributes: deployed[id]!.attributes,
    }));
  const localValue = localValues({
    standIns,
    region: options.region,
    restApiId: REST_API_ID,
    httpApiId: HTTP_API_ID,
    apiBaseUrl: options.apiBaseUrl,
  });
  const resolved = (value: unknown, at: string) => localValue(stack.resolve(value, at), at);

  const physicalIdsOf = (type: string) =>
    new Set(
      Object.values(deployed)
        .filter((resource) => resource.type === type)
        .map((resource) => resource.physicalId),
    );
  const pools = physicalIdsOf('AWS::Cognito::UserPool');
  const outputs: Record<string, string> = {};
  for (const [name, output] of Object.entries(template.Outputs ?? {})) {
    if (output.Condition && !stack.holds(output.Condition, `Outputs.${name}`)) continue;
    outputs[name] = String(resolved(output.Value, `Outputs.${name}.Value`));
  }
  const environments: Record<string, Record<string, string>> = {};
  const gatewayResponses: Record<string, CfnResource> = {};
  for (const [logicalId, resource] of Object.entries(stack.resources)) {
    if (resource.Type === 'AWS::Lambda::Function') {
      const variables = resolved(
        (resource.Properties?.Environment as { Variables?: unknown } | undefined)?.Variables ?? {},
        `${logicalId}.Environment.Variables`,
      );
      environments[logicalId] = Object.fromEntries(
        Object.entries(variables as Record<string, unknown>).map(([name, value]) => [name, String(value)]),
      );
    } else if (resource.Type === 'AWS::ApiGateway::GatewayResponse') {
      gatewayResponses[logicalId] = {
        Type: resource.Type,
        Properties: resolved(resource.Properties ?? {}, `${logicalId}.Properties`) as Record<string, unknown>,
      };
    }
  }
  const routes = apiRoutes(stack, localValue, pools);
  const httpApi = httpApiRoutes(stack, localValue, pools, { clientIds: physicalIdsOf('AWS::Cognito::UserPoolClient') });
  return {
    physicalIds: Object.fromEntries(Object.entries(deployed).map(([id, resource]) => [id, resource.physicalId])),
    outputs,
    routes,
    ...(httpApi && { httpApi }),
    gatewayResponses: gatewayResponseSettings(gatewayResponses),
    environments,
    // The template's order: "the first pool" is the first one serverless.yml declares.
    cognito: stageCognito(
      Object.fromEntries(Object.keys(stack.resources).flatMap((id) => (deployed[id] ? [[id, deployed[id]]] : []))),
      outputs,
    ),
  };
}

/** `custom.localStack` in the shape the local stage reads, or an error that says where it is not. */
export function assertSettings(settings: unknown): asserts settings is LocalStackSettings {
  const fail = (where: string, what: string) => {
    throw new LocalStackTemplateError(`custom.localStack${where} must be ${what}.`);
  };
  if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) fail('', 'a map with `resources` and/or `notEmulated`');
  const { resources, notEmulated, ...others } = settings as Record<string, unknown>;
  for (const key of Object.keys(others)) fail(`.${key}`, 'left out: the local stage reads only `resources` and `notEmulated`');
  if (notEmulated !== undefined && !(Array.isArray(notEmulated) && notEmulated.every((entry) => typeof entry === 'string'))) {
    fail('.notEmulated', 'a list of logical ids (or `<LogicalId>.<Property>`)');
  }
  if (resources === undefined) return;
  if (typeof resources !== 'object' || resources === null || Array.isArray(resources))
    fail('.resources', 'a map of logical ids to CloudFormation resources');
  for (const [logicalId, resource] of Object.entries(resources as Record<string, unknown>)) {
    if (typeof (resource as { Type?: unknown } | null)?.Type !== 'string')
      fail(`.resources.${logicalId}`, 'a CloudFormation resource, with a `Type`');
  }
}

/** The template with `custom.localStack.resources` added (their `StandsFor` is the local stage's, not CloudFormation's). */
function withLocalOnlyResources(template: CfnTemplate, localOnly: LocalStackSettings['resources'] & object): CfnTemplate {
  const resources: Record<string, CfnResource> = { ...template.Resources };
  for (const [logicalId, { StandsFor, ...resource }] of Object.entries(localOnly)) {
    if (resources[logicalId]) {
      throw new LocalStackTemplateError(
        `custom.localStack.resources.${logicalId}: the stack already has a resource ${logicalId}; give the local one another logical id.`,
      );
    }
    if (StandsFor !== undefined && typeof StandsFor !== 'string') {
      throw new LocalStackTemplateError(
        `custom.localStack.resources.${logicalId}.StandsFor must be the ARN or id of the AWS resource it stands in for.`,
      );
    }
    resources[logicalId] = resource;
  }
  return { ...template, Resources: resources };
}

import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { apiUrl, cognitoUrl, localConfig, localStackFile } from '../config.ts';
import { deployCognitoResources } from '../cognito/deploy-cognito-resources.ts';
import { cognitoResourcesFromTemplate, refTarget, type TemplateResource } from '../cognito/template-resources.ts';
import { writeLocalStack } from '../local-stack.ts';

/** The part of serverless's `Serverless` object this plugin reads. */
interface ServerlessInstance {
  service: {
    resources?: {
      Resources?: Record<string, TemplateResource>;
      Outputs?: Record<string, { Value?: unknown }>;
    };
  };
  cli: { log(message: string): void };
}

/** The API Gateway REST API that serverless generates; offline serves it at `apiUrl`. */
const REST_API_LOGICAL_ID = 'ApiGatewayRestApi';

/**
 * Before `serverless offline` serves the API, deploys the template's Cognito resources to the
 * emulator (as CloudFormation would on AWS) and records their ids and the stack's Outputs.
 */
export class CognitoResourcesPlugin {
  readonly hooks: Record<string, () => Promise<void>>;

  constructor(private readonly serverless: ServerlessInstance) {
    const deploy = () => this.deploy();
    this.hooks = { 'before:offline:start': deploy, 'before:offline:start:init': deploy };
  }

  async deploy(): Promise<void> {
    const template = this.serverless.service.resources ?? {};
    const cognito = new CognitoIdentityProviderClient({
      endpoint: cognitoUrl,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
    let physicalIds;
    try {
      physicalIds = await deployCognitoResources(cognito, cognitoResourcesFromTemplate(template.Resources ?? {}));
    } catch (cause) {
      if ((cause as { code?: string }).code === 'ECONNREFUSED' || (cause as Error).name === 'TimeoutError') {
        throw new Error(`No Cognito emulator answers at ${cognitoUrl}. Start the whole stack with \`npm start\`.`, { cause });
      }
      throw cause;
    } finally {
      cognito.destroy();
    }
    const ids = Object.fromEntries(physicalIds);
    writeLocalStack(localStackFile, {
      stage: localConfig.stage,
      cognitoEndpoint: cognitoUrl,
      physicalIds: ids,
      outputs: localOutputs(template.Outputs ?? {}, ids),
    });
  }
}

/**
 * The template's Outputs that have a local value: a `Ref` to a resource created locally, or
 * anything built from the REST API (its URL), which locally is serverless-offline's.
 */
export function localOutputs(
  outputs: Record<string, { Value?: unknown }>,
  physicalIds: Record<string, string>,
): Record<string, string> {
  const local: Record<string, string> = {};
  for (const [name, { Value }] of Object.entries(outputs)) {
    const target = refTarget(Value);
    if (target !== undefined && physicalIds[target] !== undefined) {
      local[name] = physicalIds[target];
    } else if (JSON.stringify(Value ?? null).includes(`{"Ref":"${REST_API_LOGICAL_ID}"}`)) {
      local[name] = apiUrl;
    }
  }
  return local;
}

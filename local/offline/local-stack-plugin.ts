import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { apiUrl, cognitoPublicUrl, cognitoUrl, localConfig, localStackFile, seedUsersFile } from '../config.ts';
import path from 'node:path';
import { deployCognitoResources, type PhysicalIds } from '../cognito/deploy-cognito-resources.ts';
import { readSeedUsers, seedUsers } from '../cognito/seed-users.ts';
import { cognitoResourcesFromTemplate, refTarget, type CognitoResources, type TemplateResource } from '../cognito/template-resources.ts';
import { writeLocalStack } from '../local-stack.ts';
import { answers, eventually } from '../readiness.ts';
import { gatewayResponseSettings } from './gateway-responses.ts';
import { forgetHandlerBundles, removeBundlesExcept } from './handler-reload.ts';
import { watchHapiServers } from './hapi-servers.ts';
import { emulateLambdaInvokeErrors } from './lambda-invoke-port.ts';

/** The part of serverless's `Serverless` object this plugin reads. */
interface ServerlessInstance {
  processedInput: { commands: string[] };
  /** `classes.Error` is serverless's user-facing error: printed without a stack trace. */
  classes: { Error: new (message: string, code?: string) => Error };
  /** The folder of serverless.yml. */
  serviceDir: string;
  service: {
    provider: { stage: string };
    custom?: { esbuild?: { outputWorkFolder?: string; outputFileExtension?: string } };
    /** The deployed names of the functions (`<service>-<stage>-<function>`), as Lambda knows them. */
    getAllFunctionsNames(): string[];
    resources?: {
      Resources?: Record<string, TemplateResource>;
      Outputs?: Record<string, { Value?: unknown }>;
    };
  };
}

/** How long `serverless offline` waits for the Cognito emulator to answer. */
const COGNITO_START_MS = 15_000;

/** The API Gateway REST API that serverless generates; offline serves it at `apiUrl`. */
const REST_API_LOGICAL_ID = 'ApiGatewayRestApi';

/**
 * What serverless does differently for the local stage. Before `serverless offline` serves the
 * API, it deploys the template's Cognito resources to the emulator (as CloudFormation would on
 * AWS), adds the seed users, and records the ids and the stack's Outputs; and it refuses to
 * deploy the local stage to AWS.
 */
export class LocalStackPlugin {
  readonly hooks: Record<string, () => Promise<void>>;
  #bundlesRemoved = false;
  #deployed: Promise<void> | undefined;
  #watchingHapi = false;

  constructor(
    private readonly serverless: ServerlessInstance,
    private readonly options: { stage?: string },
  ) {
    // The Cognito resources are deployed while serverless-esbuild builds the handlers (the
    // hooks before `init`), and serverless-offline serves only once they exist (this plugin's
    // `init` hooks run before serverless-offline's).
    const startDeploying = async () => {
      this.emulateLambdaInvokePort();
      this.removeOldBundles();
      // A missing emulator fails here, before esbuild starts watching.
      await this.awaitCognito();
      if (this.#deployed) return;
      this.#deployed = this.deploy();
      // Held until awaited below.
      this.#deployed.catch(() => {});
    };
    const deployed = async () => {
      try {
        await this.#deployed;
      } catch (error) {
        // serverless prints the error; esbuild's watcher would then keep the process up.
        setTimeout(() => process.exit(1), 1000);
        throw error;
      }
    };
    this.hooks = {
      initialize: async () => this.refuseLocalStageOnAws(),
      'before:offline:start': startDeploying,
      'before:offline:start:init': startDeploying,
      'offline:start': deployed,
      'offline:start:init': deployed,
      // serverless-esbuild rebuilt the handlers: the next request loads the new bundles.
      'offline:functionsUpdated:cleanup': async () => void forgetHandlerBundles(this.bundleDir()),
    };
  }

  /** Lambda's answers to malformed calls on offline's invoke port (before offline creates it). */
  emulateLambdaInvokePort(): void {
    // Both offline hooks run on `serverless offline start`.
    if (this.#watchingHapi) return;
    this.#watchingHapi = true;
    watchHapiServers((server) => {
      if (Number(server.settings.port) !== localConfig.lambdaPort) return;
      emulateLambdaInvokeErrors(server, () => this.serverless.service.getAllFunctionsNames());
    });
  }

  /**
   * Before serverless-esbuild builds (this plugin comes first): bundles of an earlier format
   * would shadow the new ones, as Lambda's loader tries .mjs before .cjs. Only those go: another
   * stack running from this folder keeps its bundles.
   */
  removeOldBundles(): void {
    if (this.#bundlesRemoved) return;
    this.#bundlesRemoved = true;
    removeBundlesExcept(this.bundleDir(), this.serverless.service.custom?.esbuild?.outputFileExtension ?? '.js');
  }

  /** Where serverless-esbuild writes the handlers' bundles (serverless.yml custom.esbuild). */
  bundleDir(): string {
    return path.resolve(this.serverless.serviceDir, this.serverless.service.custom?.esbuild?.outputWorkFolder ?? '.esbuild');
  }

  refuseLocalStageOnAws(): void {
    const [command] = this.serverless.processedInput.commands;
    const stage = this.options.stage ?? this.serverless.service.provider.stage;
    if ((command === 'deploy' || command === 'remove') && stage === localConfig.stage) {
      throw new this.serverless.classes.Error(
        `The "${stage}" stage runs on this machine (npm start) and is never sent to AWS. ` +
          `Name an AWS stage: npm run ${command} -- --stage prod`,
        'LOCAL_STAGE_ON_AWS',
      );
    }
  }

  /** The seed users (local/seed-users.json) in the stack's first user pool, via its first client. */
  async seed(cognito: CognitoIdentityProviderClient, resources: CognitoResources, physicalIds: PhysicalIds): Promise<void> {
    const pool = resources.userPools[0];
    const client = pool && resources.clients.find((c) => c.userPoolLogicalId === pool.logicalId);
    if (!pool || !client) return;
    const created = await seedUsers(cognito, physicalIds.get(pool.logicalId)!, physicalIds.get(client.logicalId)!, readSeedUsers(seedUsersFile));
    if (created.length > 0) console.log(`Seed users created (${path.relative(process.cwd(), seedUsersFile)}): ${created.join(', ')}`);
  }

  /** `npm start` starts the emulator alongside: it gets the time to answer. */
  async awaitCognito(): Promise<void> {
    if (!(await eventually(answers(`${cognitoUrl}/health`, (status) => status === 200), COGNITO_START_MS))) {
      throw new this.serverless.classes.Error(
        `No Cognito emulator answers at ${cognitoUrl}. Start the whole stack with \`npm start\`.`,
        'LOCAL_COGNITO_UNREACHABLE',
      );
    }
  }

  async deploy(): Promise<void> {
    const template = this.serverless.service.resources ?? {};
    const cognito = new CognitoIdentityProviderClient({
      endpoint: cognitoUrl,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
    const resources = cognitoResourcesFromTemplate(template.Resources ?? {});
    let physicalIds;
    try {
      physicalIds = await deployCognitoResources(cognito, resources);
      await this.seed(cognito, resources, physicalIds);
    } catch (cause) {
      if ((cause as { code?: string }).code === 'ECONNREFUSED' || (cause as Error).name === 'TimeoutError') {
        throw new this.serverless.classes.Error(
          `No Cognito emulator answers at ${cognitoUrl}. Start the whole stack with \`npm start\`.`,
          'LOCAL_COGNITO_UNREACHABLE',
        );
      }
      throw cause;
    } finally {
      cognito.destroy();
    }
    const ids = Object.fromEntries(physicalIds);
    writeLocalStack(localStackFile, {
      stage: localConfig.stage,
      cognitoEndpoint: cognitoPublicUrl,
      physicalIds: ids,
      outputs: localOutputs(template.Outputs ?? {}, ids),
      gatewayResponses: gatewayResponseSettings(template.Resources ?? {}),
    });
  }
}

/**
 * The template's Outputs that have a local value: a `Ref` to a resource created locally, or
 * a value built from the REST API's id (its URL), which locally is serverless-offline's URL.
 */
export function localOutputs(
  outputs: Record<string, { Value?: unknown }>,
  physicalIds: Record<string, string>,
): Record<string, string> {
  const local: Record<string, string> = {};
  for (const [name, { Value }] of Object.entries(outputs)) {
    const target = refTarget(Value);
    if (target !== undefined) {
      if (physicalIds[target] !== undefined) local[name] = physicalIds[target];
    } else if (JSON.stringify(Value ?? null).includes(`{"Ref":"${REST_API_LOGICAL_ID}"}`)) {
      local[name] = apiUrl;
    }
  }
  return local;
}

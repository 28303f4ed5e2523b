import path from 'node:path';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { answerAwsVariableSources, type AwsRequester } from '../serverless/aws-variable-sources.ts';
import { compileTemplate, type CompilingServerless } from '../cloudformation/compile-template.ts';
import { writeLocalStack } from '../cloudformation/local-stack.ts';
import { deployLocalStage, HTTP_API_ID, LOCAL_ACCOUNT_ID, type LocalStackSettings, REST_API_ID } from '../cloudformation/local-stage.ts';
import { AWS_ONLY_MARKER } from '../cloudformation/local-values.ts';
import { stackStatePath } from '../cloudformation/stack-state.ts';
import { LocalStackTemplateError } from '../cloudformation/template.ts';
import { refuseUnservedHttpApiRoutes } from '../cloudformation/http-api-routes.ts';
import type { ServiceFunctions } from '../serverless/service-routes.ts';
import { readSeedUsers } from '../cognito/seed-users.ts';
import { leaveTheDashboardOut } from '../serverless/serverless-dashboard.ts';
import { seedIntoPools } from '../cognito/seed-into-pools.ts';
import type { LocalStage } from '../cloudformation/local-stage.ts';
import type { StageCognito } from '../cloudformation/web-client.ts';
import { apiBaseUrl, apiReadyFile, cognitoPublicUrl, cognitoUrl, localConfig, localStackFile, seedUsersFile } from '../config.ts';
import { clearReady, signalReady } from '../ready-signal.ts';
import { hideRouteBox } from './route-box.ts';
import { LocalApiGateway } from '../api-gateway/local-api-gateway.ts';
import { LocalHttpApi } from '../api-gateway/local-http-api.ts';
import { clockPath, FileClock } from '../clock-file.ts';
import { ServedApis } from '../api-gateway/served-apis.ts';
import { ApiRequestLog, apiRequestsPath } from '../dev-api/api-request-log.ts';
import { answers, eventually } from '../readiness.ts';
import { interceptCognitoEndpointOnce } from './cognito-endpoint-interception.ts';
import { checkServiceHandlers } from './handler-bundle-checks.ts';
import { forgetHandlerBundles, removeBundlesExcept } from './handler-reload.ts';
import { installOfflineAdapter, type OfflineAdapter, type OfflineCliOptions } from './offline-adapter.ts';

// serverless-offline's customAuthenticationProvider (auth-provider.cjs) is taken from this same
// compiled module, so that it finds the adapter this plugin installed.
export { createAuthStrategy } from './offline-adapter.ts';

/** The part of serverless's `Serverless` object this plugin reads. */
interface ServerlessInstance extends CompilingServerless {
  processedInput: { commands: string[] };
  /** The configuration's variables that are not resolved yet, with their source text. */
  variablesMeta?: Map<string, unknown>;
  /** `classes.Error` is serverless's user-facing error: printed without a stack trace. */
  classes: { Error: new (message: string, code?: string) => Error };
  /** The folder of serverless.yml. */
  serviceDir: string;
  service: CompilingServerless['service'] & {
    custom?: { esbuild?: { outputWorkFolder?: string; outputFileExtension?: string }; localStack?: LocalStackSettings };
    /** The deployed names of the functions (`<service>-<stage>-<function>`), as Lambda knows them. */
    getAllFunctionsNames(): string[];
  };
}

/**
 * serverless resolves `${cf:…}`, `${ssm:…}`, `${s3:…}` and `${aws:accountId}` through the AWS
 * provider, after loading the plugins: in the local stage they answer without AWS, so that values
 * meant for AWS stages do not stop it. The account id is the local one; the others become a
 * marker, refused by name if the local stage uses it (local/cloudformation/local-values.ts).
 */
function answerAwsOnlyVariablesLocally(serverless: ServerlessInstance): void {
  const provider = serverless.getProvider('aws') as unknown as AwsRequester;
  const request = provider.request.bind(provider);
  const configText = JSON.stringify([...(serverless.variablesMeta?.values() ?? [])]);
  // No "${" in a marker: serverless would try to resolve it again.
  const answer = (variable: string) => (variable === 'aws:accountId' ? LOCAL_ACCOUNT_ID : `${AWS_ONLY_MARKER}${variable}`);
  answerAwsVariableSources(provider, configText, answer, request);
}

/** How long `serverless offline` waits for the Cognito emulator to answer. */
const COGNITO_START_MS = 15_000;

/**
 * What `serverless offline` does for the local stage (local-stack-plugin.cjs loads it for that
 * command only). Before it serves the API, the stack serverless compiles for the stage is
 * deployed to this machine (local/cloudformation/): its Cognito resources created in the
 * emulator as CloudFormation would create them on AWS, the handlers' environments resolved, and
 * the ids, routes and Outputs recorded for the API and the web client. Once offline's servers
 * listen (the pools' triggers answer), the seed users are added, then the resources that need
 * users, and the API signals that it is ready (local/ready-signal.ts).
 */
export class LocalStackPlugin {
  readonly hooks: Record<string, () => Promise<void>>;
  #bundlesRemoved = false;
  /** Settles once the stage is served: deployed but for the seed users and what needs them. */
  #deployed: Promise<void> | undefined;
  /** Settles once the whole deploy is done, seed users included. */
  #finished: Promise<void> | undefined;
  readonly #listening = deferred();
  #showRouteBox: (() => void) | undefined;
  /** The serverless-offline adapter this plugin installed. */
  readonly offline: OfflineAdapter;

  constructor(
    private readonly serverless: ServerlessInstance,
    options: OfflineCliOptions = {},
  ) {
    answerAwsOnlyVariablesLocally(serverless);
    const dashboard = leaveTheDashboardOut(serverless.service as { org?: string; app?: string });
    if (dashboard) console.log(`org/app (the Serverless Dashboard's ${dashboard}) are not used locally: no login needed.`);
    this.offline = installOfflineAdapter(serverless, options);
    // The Cognito resources are deployed while serverless-esbuild builds the handlers, and
    // serverless-offline serves only once they exist.
    const prepare = async () => {
      this.removeOldBundles();
      clearReady(apiReadyFile);
      // A missing emulator fails here, before esbuild starts watching.
      await this.awaitCognito();
      if (this.#deployed) return;
      const served = deferred();
      this.#finished = this.deploy(served.resolve);
      this.#deployed = Promise.race([served.promise, this.#finished]);
      // Held until awaited below.
      this.#deployed.catch(() => {});
      this.#finished.catch(() => {});
    };
    const failed = (error: unknown) => {
      // serverless prints the error; esbuild's watcher would then keep the process up.
      setTimeout(() => process.exit(1), 1000);
      throw error;
    };
    const ready = async () => {
      await this.#deployed?.catch(failed);
      this.#showRouteBox = hideRouteBox();
    };
    const listening = async () => {
      this.#showRouteBox?.();
      this.#listening.resolve();
      await this.#finished?.catch(failed);
      signalReady(apiReadyFile);
    };
    this.hooks = this.offline.hooks({
      prepare,
      ready,
      listening,
      // The next request loads the new bundles.
      handlersRebuilt: async () => void forgetHandlerBundles(this.bundleDir()),
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

  /** The seed users (local/seed-users.json), each in its pool: what they cannot be is said, one line each, never thrown. */
  async seed(cognito: CognitoIdentityProviderClient, stage: StageCognito): Promise<void> {
    const file = path.relative(process.cwd(), seedUsersFile);
    let users: ReturnType<typeof readSeedUsers>;
    try {
      users = readSeedUsers(seedUsersFile);
    } catch (error) {
      console.warn(`${(error as Error).message} No seed users added: fix ${file}.`);
      return;
    }
    const { created, skipped } = await seedIntoPools(cognito, stage, users, file);
    if (created.length > 0) console.log(`Seed users created (${file}): ${created.join(', ')}`);
    for (const line of skipped) console.warn(line);
  }

  /** `npm start` starts the emulator alongside: it gets the time to answer. */
  async awaitCognito(): Promise<void> {
    if (
      !(await eventually(
        answers(`${cognitoUrl}/health`, (status) => status === 200),
        COGNITO_START_MS,
      ))
    ) {
      throw new this.serverless.classes.Error(
        `No Cognito emulator answers at ${cognitoUrl}. Start the whole stack with \`npm start\`.`,
        'LOCAL_COGNITO_UNREACHABLE',
      );
    }
  }

  /** Deploys the stage; `served` is called once offline may serve it, before the seed users are added. */
  async deploy(served: () => void = () => {}): Promise<void> {
    const { service } = this.serverless;
    // The stage and region serverless deploys: `--stage`/`--region` over serverless.yml's
    // provider.stage/region (which keep the file's value, say `stage: dev`, whatever `--stage` says).
    const aws = this.serverless.getProvider('aws') as unknown as { getStage(): string; getRegion(): string };
    const stage = aws.getStage();
    if (stage !== localConfig.stage) {
      throw new this.serverless.classes.Error(
        `serverless offline serves the "${stage}" stage, but the local stack's data and URLs are the "${localConfig.stage}" stage's. Start it with \`npm start -- --stage ${stage}\`.`,
        'LOCAL_STAGE_MISMATCH',
      );
    }
    const region = aws.getRegion();
    const stackName = `${service.service}-${stage}`;
    const cognito = new CognitoIdentityProviderClient({
      endpoint: cognitoUrl,
      // Signed for the stack's region, as CloudFormation's calls are: the emulator makes the pools' ids in it.
      region,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 1,
    });
    try {
      await checkServiceHandlers(this.serverless, (line) => console.warn(line));
      await deployLocalStage({
        template: await compileTemplate(this.serverless),
        settings: service.custom?.localStack ?? {},
        cognito,
        region,
        stackName,
        stateFile: stackStatePath(localConfig.dataDir, stackName),
        apiBaseUrl,
        lambdaUrl: localConfig.lambdaUrl,
        seed: async (local) => {
          this.serveStage(local, stage, stackName, region);
          served();
          // The pools' triggers run in offline's Lambda: it must listen first.
          await this.#listening.promise;
          await this.seed(cognito, local.cognito);
        },
        notice: (line) => console.warn(line),
      });
    } catch (cause) {
      if ((cause as { code?: string }).code === 'ECONNREFUSED' || (cause as Error).name === 'TimeoutError') {
        throw new this.serverless.classes.Error(
          `No Cognito emulator answers at ${cognitoUrl}. Start the whole stack with \`npm start\`.`,
          'LOCAL_COGNITO_UNREACHABLE',
        );
      }
      if (cause instanceof LocalStackTemplateError) throw new this.serverless.classes.Error(cause.message, 'LOCAL_STACK_TEMPLATE');
      throw cause;
    } finally {
      cognito.destroy();
    }
  }

  /** Hands the deployed stage to the handlers' environments, the stack file and the adapter. */
  serveStage(local: LocalStage, stage: string, stackName: string, region: string): void {
    const { service } = this.serverless;
    if (local.httpApi) refuseUnservedHttpApiRoutes(local.httpApi, service.functions as ServiceFunctions);
    this.setEnvironments(local.environments);
    // Before any handler loads: aws-jwt-verify & co. reach the local pools' keys at AWS's URLs, and nothing reaches AWS's Cognito.
    interceptCognitoEndpointOnce(cognitoUrl);
    const stack = {
      stage,
      stackName,
      cognitoEndpoint: cognitoPublicUrl,
      physicalIds: local.physicalIds,
      outputs: local.outputs,
      routes: local.routes,
      ...(local.httpApi && { httpApi: local.httpApi }),
      gatewayResponses: local.gatewayResponses,
      cognito: local.cognito,
    };
    writeLocalStack(localStackFile, stack);
    // The authorizers check tokens against the stack's clock, which the emulator's /_dev/clock moves (local/clock-file.ts).
    const clock = new FileClock(clockPath(localConfig.dataDir));
    const ids = { accountId: LOCAL_ACCOUNT_ID, restApiId: REST_API_ID, httpApiId: HTTP_API_ID };
    // Lambda authorizers run in offline's own Lambda; their ARNs name the stack's region, account and API.
    const { invokeFunction: invoke } = this.offline;
    const arn = (apiId: string) => ({ region, accountId: LOCAL_ACCOUNT_ID, apiId });
    const httpApi = stack.httpApi && new LocalHttpApi(stack.httpApi, { cognitoUrl, clock, invoke, arn: arn(HTTP_API_ID) });
    const rest = new LocalApiGateway(stack, { cognitoUrl, stackFile: localStackFile, clock, invoke, arn: arn(REST_API_ID) });
    this.offline.serve(new ServedApis(rest, httpApi, stage, ids), new ApiRequestLog(apiRequestsPath(localConfig.dataDir)));
  }

  /**
   * What each handler finds in process.env, as Lambda sets it: the provider's and the function's
   * environment with their intrinsic functions resolved (serverless-offline reads them from the
   * service when it creates each function). And what Lambda itself gives every function: the AWS
   * SDK reaches Cognito (here the emulator, through the SDK's own AWS_ENDPOINT_URL_<SERVICE>
   * setting) with credentials from the environment (here placeholders, unless the shell has keys).
   */
  setEnvironments(environments: Readonly<Record<string, Readonly<Record<string, string>>>>): void {
    const { service } = this.serverless;
    const naming = this.serverless.getProvider('aws').naming;
    const lambdaEnvironment = {
      AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER: cognitoUrl,
      ...(process.env.AWS_ACCESS_KEY_ID === undefined && { AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' }),
    };
    service.provider.environment = {};
    for (const [name, fn] of Object.entries(service.functions)) {
      fn.environment = { ...lambdaEnvironment, ...environments[naming.getLambdaLogicalId(name)] };
    }
  }
}

/** A promise and the function that settles it (Promise.withResolvers, from Node 22). */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

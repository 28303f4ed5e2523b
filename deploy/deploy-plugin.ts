import { writeFileSync } from 'node:fs';
import { existingPoolDependencies, triggersOf } from './cognito-triggers.ts';
import type { AwsRequester } from '../local/serverless/aws-variable-sources.ts';
import { answerAwsOffline } from './offline-aws-answers.ts';
import { httpApiRoutesOf, type HttpApiConfig, type HttpApiRoute } from '../local/serverless/service-http-api-routes.ts';
import { authorizerConflicts, routesOf, type Route, type ServiceFunctions } from '../local/serverless/service-routes.ts';
import type { ServiceExpectations } from './template-checks.ts';
import { leaveTheDashboardOut } from '../local/serverless/serverless-dashboard.ts';

/** Set by `npm run check:deploy` only: the file this plugin writes what serverless.yml expects into. */
export const CHECK_REPORT_ENV = 'DEPLOY_CHECK_REPORT';
const checkReport = process.env[CHECK_REPORT_ENV];

/** The part of serverless's `Serverless` object this plugin touches. */
interface ServerlessInstance {
  processedInput: { commands: string[] };
  /** `classes.Error` is serverless's user-facing error: printed without a stack trace. */
  classes: { Error: new (message: string) => Error };
  /** The configuration's variables that are not resolved yet, with their source text. */
  variablesMeta?: Map<string, unknown>;
  getProvider(name: 'aws'): AwsRequester & { naming: { getLambdaLogicalId(functionName: string): string } };
  service: {
    functions?: ServiceFunctions;
    provider: {
      httpApi?: HttpApiConfig;
      compiledCloudFormationTemplate: {
        Resources: Record<string, { Type: string; Properties?: Record<string, any>; DependsOn?: string | string[] }>;
      };
    };
  };
}

/**
 * What `serverless package` and `serverless deploy` need beyond serverless's own compilation:
 * they refuse authorizer names that serverless would merge silently, and the API's deployment
 * waits for the GatewayResponses. For `npm run check:deploy` it also packages without AWS
 * credentials and reports the service's resolved functions (see deploy/check-deploy.ts).
 */
export class DeployPlugin {
  readonly hooks: Record<string, () => void>;
  readonly #unresolved = new Set<string>();
  /** `org/app`, when serverless.yml names the Serverless Dashboard: left out of the check's package. */
  #dashboard: string | undefined;
  /** Read before serverless's compilation rewrites the http events in place. */
  #routes: Route[] = [];
  /** The httpApi events, read at the same time. */
  #httpApiRoutes: HttpApiRoute[] = [];

  constructor(private readonly serverless: ServerlessInstance) {
    this.hooks = {
      initialize: () => this.refuseCheckOutsidePackage(),
      // Before serverless-esbuild bundles, and before serverless's compilation rewrites the http events.
      'before:package:initialize': () => {
        this.#httpApiRoutes = httpApiRoutesOf(this.serverless.service.functions ?? {}, this.serverless.service.provider.httpApi);
        this.refuseAuthorizerConflicts();
      },
      'after:aws:package:finalize:mergeCustomProviderResources': () => {
        this.deployAfterGatewayResponses();
        this.triggersAfterTheirPool();
      },
      'after:package:finalize': () => this.writeCheckReport(),
    };
    if (checkReport) {
      this.#dashboard = leaveTheDashboardOut(serverless.service as { org?: string; app?: string });
      const configText = JSON.stringify([...(serverless.variablesMeta?.values() ?? [])]);
      answerAwsOffline(serverless.getProvider('aws'), configText, this.#unresolved, (message) => new serverless.classes.Error(message));
    }
  }

  /** Placeholders must never reach AWS. */
  refuseCheckOutsidePackage(): void {
    const [command] = this.serverless.processedInput.commands;
    if (checkReport && command !== 'package') {
      throw new this.serverless.classes.Error(
        `${CHECK_REPORT_ENV} is set: it is for \`serverless package\` run by npm run check:deploy only. Unset it to ${command}.`,
      );
    }
  }

  /**
   * serverless compiles one AWS::ApiGateway::Authorizer per authorizer name and merges every
   * event's settings into it, so a route would silently get another route's identity source,
   * cache TTL or pool.
   */
  refuseAuthorizerConflicts(): void {
    this.#routes = routesOf(this.serverless.service.functions ?? {});
    const conflicts = authorizerConflicts(this.#routes);
    if (conflicts.length > 0) throw new this.serverless.classes.Error(conflicts.join('\n'));
  }

  /**
   * Makes the API's deployment depend on the stack's GatewayResponses. serverless makes it depend
   * on the methods only, so a first deploy could snapshot the API before the GatewayResponses
   * exist and serve errors without their CORS headers until the next deploy.
   */
  deployAfterGatewayResponses(): void {
    const resources = this.serverless.service.provider.compiledCloudFormationTemplate.Resources;
    const gatewayResponses = Object.keys(resources).filter((id) => resources[id]!.Type === 'AWS::ApiGateway::GatewayResponse');
    for (const resource of Object.values(resources)) {
      if (resource.Type !== 'AWS::ApiGateway::Deployment') continue;
      const dependsOn = [resource.DependsOn ?? []].flat();
      resource.DependsOn = [...new Set([...dependsOn, ...gatewayResponses])];
    }
  }

  /** `existing: true` on a pool of this stack: the custom resource must find the pool created. */
  triggersAfterTheirPool(): void {
    const resources = this.serverless.service.provider.compiledCloudFormationTemplate.Resources;
    for (const [custom, pool] of existingPoolDependencies(resources)) {
      const trigger = resources[custom]!;
      trigger.DependsOn = [...new Set([...[trigger.DependsOn ?? []].flat(), pool])];
    }
  }

  writeCheckReport(): void {
    if (!checkReport) return;
    const functions = this.serverless.service.functions ?? {};
    const naming = this.serverless.getProvider('aws').naming;
    const report: ServiceExpectations = {
      routes: this.#routes,
      httpApiRoutes: this.#httpApiRoutes,
      triggers: triggersOf(functions),
      functions: Object.fromEntries(Object.keys(functions).map((name) => [name, naming.getLambdaLogicalId(name)])),
      unresolved: [...this.#unresolved].sort(),
      ...(this.#dashboard && { dashboard: this.#dashboard }),
    };
    writeFileSync(checkReport, JSON.stringify(report, null, 2));
  }
}

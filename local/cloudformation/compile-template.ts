import type { CfnResource, CfnTemplate } from './template.ts';

type Hook = { hook: () => unknown };

/** The part of serverless's `Serverless` object the compilation uses. */
export interface CompilingServerless {
  pluginManager: { hooks: Record<string, Hook[] | undefined> };
  service: {
    service: string;
    functions: Record<string, { name?: string; environment?: Record<string, unknown> }>;
    resources?: unknown;
    provider: { compiledCloudFormationTemplate?: unknown; environment?: Record<string, unknown> };
    getFunction(name: string): { name: string };
  };
  getProvider(name: 'aws'): { naming: { getLambdaLogicalId(functionName: string): string } };
}

/**
 * The stack serverless would deploy for this stage, compiled in this process by serverless's
 * own package lifecycle steps, every plugin's hooks included (deploy/deploy-plugin.ts refuses
 * what it refuses on AWS) — its core template, IAM role, every event's resources
 * (API Gateway methods, authorizers, permissions, Cognito triggers…) and `resources` merged in —
 * without building or zipping the functions: `AWS::Lambda::Function` resources are added from
 * the functions' names and environments instead. The service itself is left as it was.
 */
export async function compileTemplate(serverless: CompilingServerless): Promise<CfnTemplate> {
  const { service } = serverless;
  const saved = { functions: service.functions, resources: service.resources, template: service.provider.compiledCloudFormationTemplate };
  // The compile steps normalise the events and resources they read in place.
  service.functions = structuredClone(service.functions);
  service.resources = structuredClone(service.resources);
  try {
    await runHooks(serverless, 'package:initialize');
    await runHooks(serverless, 'package:setupProviderConfiguration');
    await runHooks(serverless, 'package:compileEvents');
    await runHooks(serverless, 'aws:package:finalize:mergeCustomProviderResources');
    const template = structuredClone(service.provider.compiledCloudFormationTemplate) as CfnTemplate & {
      Resources: Record<string, CfnResource>;
    };
    Object.assign(template.Resources, functionResources(serverless));
    return template;
  } finally {
    Object.assign(service, { functions: saved.functions, resources: saved.resources });
    service.provider.compiledCloudFormationTemplate = saved.template;
  }
}

/** Runs every plugin's hooks of a lifecycle event (before, at, after), as `serverless package` does. */
async function runHooks(serverless: CompilingServerless, event: string): Promise<void> {
  for (const phase of [`before:${event}`, event, `after:${event}`]) {
    for (const { hook } of serverless.pluginManager.hooks[phase] ?? []) await hook();
  }
}

/** Each function as the `AWS::Lambda::Function` serverless compiles: its name and environment. */
function functionResources(serverless: CompilingServerless): Record<string, CfnResource> {
  const { service } = serverless;
  const naming = serverless.getProvider('aws').naming;
  return Object.fromEntries(
    Object.entries(service.functions).map(([name, fn]) => [
      naming.getLambdaLogicalId(name),
      {
        Type: 'AWS::Lambda::Function',
        Properties: {
          FunctionName: service.getFunction(name).name,
          // serverless merges the provider's environment under the function's own.
          Environment: { Variables: { ...service.provider.environment, ...fn.environment } },
        },
      },
    ]),
  );
}

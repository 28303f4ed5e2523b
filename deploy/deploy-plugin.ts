/** The part of serverless's `Serverless` object this plugin touches. */
interface ServerlessInstance {
  service: {
    provider: { compiledCloudFormationTemplate: { Resources: Record<string, { Type: string; DependsOn?: string | string[] }> } };
  };
}

/**
 * Makes the API's deployment depend on the stack's GatewayResponses. serverless makes it depend
 * on the methods only, so a first deploy could snapshot the API before the GatewayResponses
 * exist and serve errors without their CORS headers until the next deploy.
 */
export class DeployPlugin {
  readonly hooks = {
    'after:aws:package:finalize:mergeCustomProviderResources': () => this.deployAfterGatewayResponses(),
  };

  constructor(private readonly serverless: ServerlessInstance) {}

  deployAfterGatewayResponses(): void {
    const resources = this.serverless.service.provider.compiledCloudFormationTemplate.Resources;
    const gatewayResponses = Object.keys(resources).filter((id) => resources[id]!.Type === 'AWS::ApiGateway::GatewayResponse');
    for (const resource of Object.values(resources)) {
      if (resource.Type !== 'AWS::ApiGateway::Deployment') continue;
      const dependsOn = [resource.DependsOn ?? []].flat();
      resource.DependsOn = [...new Set([...dependsOn, ...gatewayResponses])];
    }
  }
}

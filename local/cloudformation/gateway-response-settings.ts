import type { CfnResource } from './template.ts';

/** An `AWS::ApiGateway::GatewayResponse` from serverless.yml, as the local stack keeps it. */
export interface GatewayResponseSetting {
  /** `StatusCode`, when the template overrides the default status. */
  readonly statusCode?: string;
  /** `ResponseParameters`: `gatewayresponse.header.<Name>` → `'static'` or `method.request.header.<Name>`. */
  readonly responseParameters: Readonly<Record<string, string>>;
}

/** GatewayResponse settings by `ResponseType` (DEFAULT_4XX, UNAUTHORIZED, …). */
export type GatewayResponseSettings = Readonly<Record<string, GatewayResponseSetting>>;

/** The GatewayResponse resources of a template, keyed by their ResponseType. */
export function gatewayResponseSettings(resources: Record<string, CfnResource>): GatewayResponseSettings {
  const settings: Record<string, GatewayResponseSetting> = {};
  for (const resource of Object.values(resources)) {
    if (resource.Type !== 'AWS::ApiGateway::GatewayResponse') continue;
    const {
      ResponseType,
      StatusCode,
      ResponseParameters = {},
    } = resource.Properties as {
      ResponseType: string;
      StatusCode?: string;
      ResponseParameters?: Record<string, string>;
    };
    settings[ResponseType] = {
      ...(StatusCode !== undefined && { statusCode: String(StatusCode) }),
      responseParameters: ResponseParameters,
    };
  }
  return settings;
}

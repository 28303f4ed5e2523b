// The HTTP API (API Gateway v2, serverless's `httpApi` events) as the deployed stack describes it:
// what the cloudformation room reads off the template (http-api-routes.ts) and the api-gateway
// room decides with (local-http-api.ts). Plain data: it is written to the local stack's JSON.

/** How API Gateway authorizes one HTTP API route, as the compiled template configures it. */
export type HttpRouteAuthorization =
  | { readonly type: 'NONE' }
  | {
      readonly type: 'JWT';
      /** The `AWS::ApiGatewayV2::Authorizer`'s logical id, for messages. */
      readonly authorizer: string;
      /** `IdentitySource`'s one entry: `$request.header.<Name>`. */
      readonly identitySource: string;
      /** `JwtConfiguration.Issuer`, resolved to the local pool's issuer (`<emulator URL>/<pool id>`). */
      readonly issuer: string;
      /** The local pool the issuer names: its JWKS signs the tokens. */
      readonly userPoolId: string;
      /** `JwtConfiguration.Audience`, resolved to local app client ids. */
      readonly audiences: readonly string[];
      /** The route's `AuthorizationScopes`; none means any valid token. */
      readonly scopes: readonly string[];
    }
  | HttpLambdaAuthorization;

/** A Lambda (`REQUEST`) authorizer of an HTTP API route, as its `AWS::ApiGatewayV2::Authorizer` configures it. */
export interface HttpLambdaAuthorization {
  readonly type: 'LAMBDA';
  /** The `AWS::ApiGatewayV2::Authorizer`'s logical id, for messages and as its cache's name. */
  readonly authorizer: string;
  /** The deployed name of the function `AuthorizerUri` invokes, as offline's Lambda knows it. */
  readonly functionName: string;
  /** `IdentitySource`: `$request.header.<Name>`, `$request.querystring.<name>`, `$context.<name>`, `$stageVariables.<name>`; may be empty without caching. */
  readonly identitySources: readonly string[];
  /** `AuthorizerPayloadFormatVersion`: the event the function gets, and (1.0) that it answers with an IAM policy. */
  readonly payloadFormatVersion: '1.0' | '2.0';
  /** `EnableSimpleResponses` (2.0 only): the function answers `{ isAuthorized, context }` instead of a policy. */
  readonly simpleResponses: boolean;
  /** `AuthorizerResultTtlInSeconds` (0, CloudFormation's default, turns caching off). */
  readonly resultTtlSeconds: number;
}

/** One route of the HTTP API: its authorization, and the event format its Lambda integration receives. */
export interface HttpRoute {
  readonly authorization: HttpRouteAuthorization;
  /** The integration's `PayloadFormatVersion`. */
  readonly payloadFormatVersion: '1.0' | '2.0';
}

/** `AWS::ApiGatewayV2::Api` `CorsConfiguration`, as serverless compiles `provider.httpApi.cors`. */
export interface HttpApiCors {
  readonly allowOrigins: readonly string[];
  readonly allowMethods: readonly string[];
  readonly allowHeaders: readonly string[];
  readonly exposeHeaders: readonly string[];
  readonly allowCredentials: boolean;
  /** Seconds; absent when the template sets none. */
  readonly maxAge?: number;
}

/** The stack's HTTP API (serverless generates one, `HttpApi`, served without a stage in its URL). */
export interface HttpApi {
  /** By route key: `GET /items/{id}`, `ANY /files/{proxy+}`, `$default`. */
  readonly routes: Readonly<Record<string, HttpRoute>>;
  /** Absent: the API answers no preflight and adds no CORS header. */
  readonly cors?: HttpApiCors;
}

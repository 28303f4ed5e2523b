import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ApiRoutes } from './api-routes.ts';
import { writeJsonFile } from './json-file.ts';
import type { HttpApi } from './http-api.ts';
import type { GatewayResponseSettings } from './gateway-response-settings.ts';
import type { StageCognito } from './web-client.ts';

/**
 * What `serverless offline` deployed on this machine: the local counterpart of a CloudFormation
 * stack's physical resource ids and Outputs. The API's authorizer and the web client read it.
 */
export interface LocalStack {
  readonly stage: string;
  /** The CloudFormation stack it stands for, `<service>-<stage>`: a renamed service is another stack. */
  readonly stackName?: string;
  /** Where browsers reach the Cognito API (the emulator), and its tokens' issuer domain. */
  readonly cognitoEndpoint: string;
  /** serverless.yml logical id → physical id, for the resources created locally. */
  readonly physicalIds: Readonly<Record<string, string>>;
  /** The template's Outputs that resolve locally, by name (UserPoolId, UserPoolClientId, ApiUrl, HttpApiUrl). */
  readonly outputs: Readonly<Record<string, string>>;
  /** Each REST API method's authorization, as API Gateway will have it. */
  readonly routes: ApiRoutes;
  /** The HTTP API's routes (authorization, payload format) and CORS; absent when the stack has no `httpApi` events. */
  readonly httpApi?: HttpApi;
  /** The template's GatewayResponses, which the local API adds to its own errors. */
  readonly gatewayResponses: GatewayResponseSettings;
  /** The user pools and app clients, and the web client's choice among them (web-client.ts). */
  readonly cognito?: StageCognito;
}

/** Where a data folder keeps its local stack. */
export function localStackPath(dataDir: string): string {
  return path.join(dataDir, 'stack.json');
}

export class LocalStackError extends Error {
  override name = 'LocalStackError';
}

export function writeLocalStack(file: string, stack: LocalStack): void {
  writeJsonFile(file, stack);
}

export function readLocalStack(file: string): LocalStack {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new LocalStackError(`${file} is missing: the local stack has not been deployed. Run \`npm start\`.`, { cause });
  }
  try {
    return JSON.parse(text) as LocalStack;
  } catch (cause) {
    throw new LocalStackError(`${file} is not valid JSON. Delete it and run \`npm start\` again.`, { cause });
  }
}

/** The Output named `name`, or an error that says how to add it to serverless.yml. */
export function stackOutput(stack: LocalStack, name: string): string {
  const value = stack.outputs[name];
  if (value === undefined) {
    throw new LocalStackError(`serverless.yml has no output ${name} that resolves locally (resources.Outputs.${name}).`);
  }
  return value;
}

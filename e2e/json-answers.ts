import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import type { Surface } from './fuzz-requests.ts';
import type { RawRequest, RawResponse } from './raw-http.ts';
import { e2eStack } from './stack.ts';

/** Where each of our HTTP surfaces listens in the e2e stack. */
export const SURFACE_PORTS: Readonly<Record<Surface, number>> = {
  api: e2eStack.ports.API_PORT,
  cognito: e2eStack.ports.COGNITO_PORT,
  lambda: e2eStack.ports.LAMBDA_PORT,
};

/** The functions as offline's Lambda invoke port names them: `<service>-<stage>-<function>`. */
export function lambdaFunctionNames(stage = 'local'): string[] {
  const { service, functions } = YAML.parse(readFileSync('serverless.yml', 'utf8')) as {
    service: string;
    functions: Record<string, unknown>;
  };
  return Object.keys(functions).map((key) => `${service}-${stage}-${key}`);
}

/**
 * What is wrong with an answer of one of our servers, if anything: a 5xx (or no final status),
 * an error that is not a JSON object with a JSON Content-Type, a 2xx JSON body that does not parse.
 */
export function answerProblem(request: RawRequest, response: RawResponse): string | undefined {
  if (response.status < 200 || response.status >= 500) return `status ${response.status}`;
  const isJsonType = /json/i.test(response.headers['content-type'] ?? '');
  if (request.method === 'HEAD') return response.status >= 400 && !isJsonType ? 'error without a JSON Content-Type' : undefined;
  if (response.body === '') return response.status >= 400 ? 'error without a body' : undefined;
  let body: unknown;
  try {
    body = JSON.parse(response.body);
  } catch {
    return response.status >= 400 || isJsonType ? 'body is not JSON' : undefined;
  }
  if (response.status >= 400 && (!isJsonType || typeof body !== 'object' || body === null))
    return 'error body is not a JSON object with a JSON Content-Type';
  return undefined;
}

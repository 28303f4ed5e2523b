import { LocalStackTemplateError } from './template.ts';

/**
 * What a serverless variable that needs AWS (`${cf:…}`, `${ssm:…}`, `${s3:…}`) resolves to
 * in the local stage: a marker, so that the stage still starts when only AWS stages use the
 * value, and is refused by name when the local stage does.
 */
export const AWS_ONLY_MARKER = 'local-stage-has-no-value-for:';

/** A resource the local stage deploys in place of one that exists on AWS in another stack. */
export interface StandIn {
  /** What serverless.yml resolves to for the AWS resource in this stage: its ARN or id. */
  readonly standsFor: string;
  readonly physicalId: string;
  readonly attributes: Readonly<Record<string, string>>;
}

export interface LocalValuesOptions {
  readonly standIns: readonly StandIn[];
  readonly region: string;
  /** The REST API's local id, whose execute-api URL becomes the local API's. */
  readonly restApiId: string;
  /**
   * The HTTP API's local id, whose execute-api URL becomes the local API's too: serverless
   * deploys it on the `$default` stage, which has no path, and serverless-offline serves its
   * routes beside the REST API's, without the stage.
   */
  readonly httpApiId: string;
  /** The local API's base URL, without the stage: `http://127.0.0.1:3000`. */
  readonly apiBaseUrl: string;
}

/**
 * Turns the values of the stack, as resolved for AWS, into what the same stack has on this
 * machine: a stand-in's ARN and id for the AWS resource's, the local API's URL for the
 * execute-api ones (REST and HTTP API). Cognito's issuer URLs stay AWS's: the local tokens carry them. A value that needs AWS is refused.
 */
export function localValues(options: LocalValuesOptions): (value: unknown, at: string) => unknown {
  const replacements: [string, string][] = [
    [`https://${options.restApiId}.execute-api.${options.region}.amazonaws.com`, options.apiBaseUrl],
    [`https://${options.httpApiId}.execute-api.${options.region}.amazonaws.com`, options.apiBaseUrl],
  ];
  for (const { standsFor, physicalId, attributes } of options.standIns) {
    const arn = attributes.Arn;
    if (standsFor.startsWith('arn:') && arn) {
      replacements.push([standsFor, arn]);
      const id = standsFor.slice(standsFor.lastIndexOf('/') + 1);
      if (id) replacements.push([id, physicalId]);
    } else {
      replacements.push([standsFor, physicalId]);
    }
  }
  // Longest first, so that an ARN is replaced whole before the id inside it.
  replacements.sort(([a], [b]) => b.length - a.length);
  const rewrite = (value: unknown, at: string): unknown => {
    if (typeof value === 'string') {
      const marker = value.indexOf(AWS_ONLY_MARKER);
      if (marker >= 0) {
        const variable = value.slice(marker + AWS_ONLY_MARKER.length).split(/\s/)[0];
        throw new LocalStackTemplateError(
          `${at} uses \${${variable}}, which only AWS can answer. Give the local stage its own value ` +
            '(a stage parameter, `${self:custom.<name>.${sls:stage}}`, or a resource under custom.localStack.resources that stands in for it).',
        );
      }
      let local = value;
      for (const [from, to] of replacements) local = local.split(from).join(to);
      return local;
    }
    if (Array.isArray(value)) return value.map((item, index) => rewrite(item, `${at}[${index}]`));
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, rewrite(inner, `${at}.${key}`)]));
    }
    return value;
  };
  return rewrite;
}

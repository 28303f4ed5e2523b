/** A CloudFormation template as `serverless package` compiles it (or a part of one). */
export interface CfnTemplate {
  readonly Conditions?: Readonly<Record<string, unknown>>;
  readonly Mappings?: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>;
  readonly Resources: Readonly<Record<string, CfnResource>>;
  readonly Outputs?: Readonly<Record<string, CfnOutput>>;
}

export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Readonly<Record<string, unknown>>;
  readonly Condition?: string;
  readonly DependsOn?: string | readonly string[];
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
}

export interface CfnOutput {
  readonly Value?: unknown;
  readonly Condition?: string;
  readonly Description?: string;
}

/** A problem with the template that stops the local stage, saying where and what to do. */
export class LocalStackTemplateError extends Error {
  override name = 'LocalStackTemplateError';
}

import type { CfnTemplate } from './template.ts';

export type Resources = CfnTemplate['Resources'];

/** The template's resources of one type, as [logical id, resource] pairs. */
export const ofType = (resources: Resources, type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);

/** `X` of `{ Ref: X }`. */
export const refTarget = (value: unknown): string | undefined => {
  const ref = (value as { Ref?: unknown } | null | undefined)?.Ref;
  return typeof ref === 'string' ? ref : undefined;
};

/** `[X, attribute]` of `{ 'Fn::GetAtt': [X, attribute] }`. */
export const getAttTarget = (value: unknown): [string, string] | undefined => {
  const getAtt = (value as { 'Fn::GetAtt'?: unknown } | null | undefined)?.['Fn::GetAtt'];
  return Array.isArray(getAtt) && getAtt.length === 2 ? [String(getAtt[0]), String(getAtt[1])] : undefined;
};

/**
 * `/orders/{id}` for a method's ResourceId, following the resources' ParentId up to the root
 * (also how the local stage names the routes it serves: local/cloudformation/api-routes.ts).
 */
export function resourcePath(
  resources: Readonly<Record<string, { readonly Type: string; readonly Properties?: Readonly<Record<string, any>> }>>,
  resourceId: unknown,
): string {
  const parts: string[] = [];
  let ref = refTarget(resourceId);
  while (ref && resources[ref]?.Type === 'AWS::ApiGateway::Resource') {
    const properties = resources[ref]!.Properties!;
    parts.unshift(properties.PathPart);
    ref = refTarget(properties.ParentId);
  }
  return `/${parts.join('/')}`;
}

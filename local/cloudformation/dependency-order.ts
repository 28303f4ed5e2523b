import { LocalStackTemplateError, type CfnResource } from './template.ts';

/** Logical ids in an order where each comes after the resources it refers to. */
export function dependencyOrder(ids: readonly string[], resources: Record<string, CfnResource>): string[] {
  const wanted = new Set(ids);
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, path: string[]) => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting')
      throw new LocalStackTemplateError(`Circular dependency between resources: ${[...path, id].join(' → ')}.`);
    state.set(id, 'visiting');
    for (const dependency of references(resources[id]!)) if (wanted.has(dependency)) visit(dependency, [...path, id]);
    state.set(id, 'done');
    order.push(id);
  };
  for (const id of ids) visit(id, []);
  return order;
}

/** The logical ids a resource refers to: Ref, Fn::GetAtt, Fn::Sub's ${…} and DependsOn. */
function references(resource: CfnResource): Set<string> {
  const found = new Set<string>([resource.DependsOn ?? []].flat());
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'Ref' && typeof inner === 'string') found.add(inner);
      else if (key === 'Fn::GetAtt') found.add(typeof inner === 'string' ? inner.split('.')[0]! : String((inner as unknown[])[0]));
      else if (key === 'Fn::Sub') {
        const template = typeof inner === 'string' ? inner : String((inner as unknown[])[0]);
        for (const [, name] of template.matchAll(/\$\{([^!}][^}.]*)/g)) found.add(name!);
        walk(inner);
      } else walk(inner);
    }
  };
  walk(resource.Properties);
  return found;
}

import type { ProvisionContext, Provisioned, Provisioner } from './cognito-provisioners.ts';
import { evaluateCondition, resolveIntrinsics, type IntrinsicContext } from './intrinsics.ts';
import { localTreatment, notHonoured, type LocalAccount } from './resource-types.ts';
import type { DeployedResource, StackState } from './stack-state.ts';
import { LocalStackTemplateError, type CfnResource, type CfnTemplate } from './template.ts';

export interface DeployOptions {
  readonly template: CfnTemplate;
  /** The last deploy's record; undefined on a first start, when resources are adopted by name. */
  readonly previous: StackState | undefined;
  readonly account: LocalAccount;
  readonly provision: ProvisionContext;
  /** `custom.localStack.notEmulated`: logical ids (or `<id>.<Property>`) the local stage runs without. */
  readonly notEmulated: readonly string[];
  /** Called after each resource is deployed, with the record so far (kept if a later one fails). */
  readonly record?: (state: StackState) => void;
  /** Called once the resources a user needs exist, before those that need users (group attachments). */
  readonly beforeUserResources?: (deployed: DeployedStack) => Promise<void>;
  /** A line for the terminal (replacements and deletions, which on AWS lose data). */
  readonly notice: (line: string) => void;
}

/** The stack as deployed locally: each resource's id and attributes, and intrinsic functions resolved against them. */
export interface DeployedStack {
  readonly state: StackState;
  /** `value` (from the template) with its intrinsic functions resolved against the local stack. */
  resolve(value: unknown, at: string): unknown;
  /** The template's resources that exist in this stage (their Condition holds). */
  readonly resources: Readonly<Record<string, CfnResource>>;
}

/**
 * Deploys `template` to this machine as CloudFormation deploys a stack: Cognito resources are
 * created, updated, replaced or deleted in the emulator by comparing with the last deploy;
 * everything serverless-offline serves gets its local id; anything else stops the deploy,
 * each resource named with what to do.
 */
export async function deployLocalStack(options: DeployOptions): Promise<DeployedStack> {
  const { template, account } = options;
  const conditions = conditionEvaluator(template, account);
  const resources = Object.fromEntries(
    Object.entries(template.Resources).filter(([, resource]) => !resource.Condition || conditions.condition(resource.Condition, 'Conditions')),
  );

  const known = new Map<string, Provisioned>();
  const provisioners = new Map<string, Provisioner>();
  const refusals: string[] = [];
  for (const [logicalId, resource] of Object.entries(resources)) {
    const treatment = localTreatment(logicalId, resource, account);
    if (treatment.kind === 'provisioned') provisioners.set(logicalId, treatment.provisioner);
    else if (treatment.kind === 'known') known.set(logicalId, { physicalId: treatment.ref, attributes: treatment.attributes });
    else if (options.notEmulated.includes(logicalId)) known.set(logicalId, notEmulatedStandIn(logicalId));
    else refusals.push(treatment.why);
    for (const { key, why } of notHonoured(logicalId, resource)) if (!options.notEmulated.includes(key)) refusals.push(why);
  }
  if (refusals.length > 0) {
    throw new LocalStackTemplateError(
      `The local stage cannot run these resources of serverless.yml:\n${refusals.map((why) => `  - ${why}`).join('\n')}\n` +
        'Remove them, or list them (`<LogicalId>`, or `<LogicalId>.<Property>`) under custom.localStack.notEmulated to start without them, knowing that what uses them then differs locally.',
    );
  }

  const deployed = new Map<string, DeployedResource>();
  const context: IntrinsicContext = {
    ...conditions,
    ref(name, at) {
      const pseudo = pseudoParameter(name, account);
      if (pseudo !== undefined) return pseudo;
      const target = deployed.get(name) ?? known.get(name);
      if (target) return target.physicalId;
      throw missingReference(name, at, resources, template);
    },
    getAtt(logicalId, attribute, at) {
      const target = deployed.get(logicalId) ?? known.get(logicalId);
      if (!target) throw missingReference(logicalId, at, resources, template);
      const value = target.attributes[attribute];
      if (value === undefined) throw new LocalStackTemplateError(`${at}: ${logicalId} has no attribute ${attribute} locally (it has ${Object.keys(target.attributes).join(', ') || 'none'}).`);
      return value;
    },
  };
  const stack: DeployedStack = {
    get state() {
      return { resources: Object.fromEntries(deployed) };
    },
    resolve: (value, at) => resolveIntrinsics(value, context, at),
    resources,
  };

  const previous = options.previous?.resources ?? {};
  const order = dependencyOrder([...provisioners.keys()], resources);
  const replaced: [string, DeployedResource][] = [];
  const provisionOne = async (logicalId: string) => {
    const resource = resources[logicalId]!;
    const provisioner = provisioners.get(logicalId)!;
    const properties = withoutNotEmulated(logicalId, stack.resolve(resource.Properties ?? {}, `${logicalId}.Properties`) as Record<string, unknown>, options.notEmulated);
    const before = previous[logicalId]?.type === resource.Type ? previous[logicalId] : undefined;
    let result: Provisioned;
    if (!before) {
      const adopted = options.previous ? undefined : await provisioner.adopt?.(properties, options.provision);
      result = adopted
        ? await provisioner.update(logicalId, adopted, properties, properties, options.provision)
        : await provisioner.create(logicalId, properties, options.provision);
    } else {
      const changed = provisioner.replacedWhen.filter((name) => JSON.stringify(before.properties[name]) !== JSON.stringify(properties[name]));
      if (changed.length > 0) {
        options.notice(replacementNotice(logicalId, resource.Type, `its ${changed.join(', ')} changed`));
        result = await provisioner.create(logicalId, properties, options.provision);
        replaced.push([logicalId, before]);
      } else if (JSON.stringify(before.properties) !== JSON.stringify(properties)) {
        result = await provisioner.update(logicalId, before, properties, before.properties, options.provision);
      } else {
        result = before;
      }
    }
    deployed.set(logicalId, { type: resource.Type, physicalId: result.physicalId, attributes: result.attributes, properties });
    // What was deployed before and is not yet dealt with stays on record, to be updated or deleted next time.
    options.record?.({ resources: { ...previous, ...Object.fromEntries(deployed) } });
  };

  for (const logicalId of order.filter((id) => !provisioners.get(id)!.afterSeedUsers)) await provisionOne(logicalId);
  await options.beforeUserResources?.(stack);
  for (const logicalId of order.filter((id) => provisioners.get(id)!.afterSeedUsers)) await provisionOne(logicalId);

  // What left the template (or was replaced) is deleted last, dependents first, as CloudFormation does.
  const removed = Object.entries(previous).filter(([logicalId]) => !deployed.has(logicalId));
  for (const [logicalId, resource] of removed) options.notice(replacementNotice(logicalId, resource.type, 'it is no longer in serverless.yml'));
  for (const [logicalId, resource] of [...replaced, ...removed].reverse()) {
    const provisioner = provisioners.get(logicalId) ?? localProvisioner(resource.type);
    await provisioner?.delete(resource, resource.properties, options.provision).catch((error: Error) => {
      options.notice(`  (the local ${logicalId} could not be deleted: ${error.message})`);
    });
  }
  return stack;
}

/**
 * What a resource listed in `custom.localStack.notEmulated` resolves to: its logical id, and
 * attributes that say they are not emulated, so that what refers to it still starts.
 */
function notEmulatedStandIn(logicalId: string): Provisioned {
  const attributes = new Proxy({} as Record<string, string>, { get: (_target, name) => `not-emulated-locally:${logicalId}.${String(name)}` });
  return { physicalId: logicalId, attributes };
}

function localProvisioner(type: string): Provisioner | undefined {
  const treatment = localTreatment('', { Type: type }, { region: '', accountId: '', stackName: '', restApiId: '' });
  return treatment.kind === 'provisioned' ? treatment.provisioner : undefined;
}

function replacementNotice(logicalId: string, type: string, reason: string): string {
  const loss = type === 'AWS::Cognito::UserPool' ? ' On AWS, every user in it would be deleted with it.' : '';
  return `⚠  ${logicalId} (${type}) is deleted locally and, where it still exists, created anew: ${reason}, which CloudFormation answers with a replacement.${loss}`;
}

/** The template's named Conditions, evaluated once each, on demand. */
function conditionEvaluator(template: CfnTemplate, account: LocalAccount): Pick<IntrinsicContext, 'condition' | 'mappings'> {
  const values = new Map<string, boolean>();
  const evaluating = new Set<string>();
  const evaluator: IntrinsicContext = {
    mappings: template.Mappings,
    condition(name, at) {
      const known = values.get(name);
      if (known !== undefined) return known;
      const expression = template.Conditions?.[name];
      if (expression === undefined) throw new LocalStackTemplateError(`${at}: there is no condition ${name} in the template's Conditions.`);
      if (evaluating.has(name)) throw new LocalStackTemplateError(`Conditions.${name} depends on itself.`);
      evaluating.add(name);
      const value = evaluateCondition(expression, evaluator, `Conditions.${name}`);
      evaluating.delete(name);
      values.set(name, value);
      return value;
    },
    ref(name, at) {
      const pseudo = pseudoParameter(name, account);
      if (pseudo === undefined) throw new LocalStackTemplateError(`${at}: a condition can only refer to parameters, not to the resource ${name}.`);
      return pseudo;
    },
    getAtt(logicalId, _attribute, at) {
      throw new LocalStackTemplateError(`${at}: a condition cannot use Fn::GetAtt (${logicalId}).`);
    },
  };
  return { condition: evaluator.condition, mappings: evaluator.mappings };
}

/** https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html */
export function pseudoParameter(name: string, account: LocalAccount): string | undefined {
  switch (name) {
    case 'AWS::Region':
      return account.region;
    case 'AWS::AccountId':
      return account.accountId;
    case 'AWS::Partition':
      return 'aws';
    case 'AWS::URLSuffix':
      return 'amazonaws.com';
    case 'AWS::StackName':
      return account.stackName;
    case 'AWS::StackId':
      return `arn:aws:cloudformation:${account.region}:${account.accountId}:stack/${account.stackName}/local`;
    case 'AWS::NotificationARNs':
      return '';
    default:
      return undefined;
  }
}

function missingReference(name: string, at: string, resources: Record<string, CfnResource>, template: CfnTemplate): LocalStackTemplateError {
  const why =
    template.Resources[name] && !resources[name]
      ? `${name} is not created in this stage (its Condition is false)`
      : `there is no resource ${name} in serverless.yml (resources.Resources) nor among those serverless generates`;
  return new LocalStackTemplateError(`${at} refers to ${name}, but ${why}: CloudFormation would refuse this template.`);
}

/** Logical ids in an order where each comes after the resources it refers to. */
function dependencyOrder(ids: readonly string[], resources: Record<string, CfnResource>): string[] {
  const wanted = new Set(ids);
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, path: string[]) => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') throw new LocalStackTemplateError(`Circular dependency between resources: ${[...path, id].join(' → ')}.`);
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
    if (Array.isArray(value)) return value.forEach(walk);
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

/** The properties without those `custom.localStack.notEmulated` lists as `<id>.<Property>`. */
function withoutNotEmulated(logicalId: string, properties: Record<string, unknown>, notEmulated: readonly string[]): Record<string, unknown> {
  const kept = { ...properties };
  for (const entry of notEmulated) {
    if (entry.startsWith(`${logicalId}.`)) delete kept[entry.slice(logicalId.length + 1)];
  }
  return kept;
}

import { COGNITO_PROVISIONERS, type ProvisionContext, type Provisioned, type Provisioner } from './cognito-provisioners.ts';
import { conditionEvaluator } from './conditions.ts';
import { dependencyOrder } from './dependency-order.ts';
import { resolveIntrinsics, type IntrinsicContext } from './intrinsics.ts';
import { lostTriggerNotices, triggerRefusals, withTriggerDependencies } from './lambda-triggers.ts';
import { pseudoParameter } from './pseudo-parameters.ts';
import { missingRequiredProperties } from './required-properties.ts';
import { localTreatment, notHonoured, type LocalAccount } from './resource-types.ts';
import type { DeployedResource, StackState } from './stack-state.ts';
import { LocalStackTemplateError, type CfnResource, type CfnTemplate } from './template.ts';

export interface DeployOptions {
  readonly template: CfnTemplate;
  /** The last deploy's record of this stack; undefined on its first start, when only its own resources are adopted. */
  readonly previous: StackState | undefined;
  /** The data folder holds no record of any stack (stack-state.ts): untagged pools may be adopted by name. */
  readonly noRecords?: boolean;
  readonly account: LocalAccount;
  readonly provision: Omit<ProvisionContext, 'stackName' | 'adoptUntagged'>;
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
  /** Whether the template's named condition holds in this stage. */
  holds(condition: string, at: string): boolean;
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
    Object.entries(template.Resources).filter(
      ([, resource]) => !resource.Condition || conditions.condition(resource.Condition, 'Conditions'),
    ),
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
    for (const { key, why } of notHonoured(logicalId, resource)) if (!waived(key, options.notEmulated)) refusals.push(why);
    refusals.push(...missingRequiredProperties(logicalId, resource));
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
      if (value === undefined)
        throw new LocalStackTemplateError(
          `${at}: ${logicalId} has no attribute ${attribute} locally (it has ${Object.keys(target.attributes).join(', ') || 'none'}).`,
        );
      return value;
    },
  };
  // Locally a trigger runs only if it is a function of this service, served by serverless-offline.
  const functionArns = new Set(
    [...known].filter(([id]) => resources[id]!.Type === 'AWS::Lambda::Function').map(([, fn]) => fn.attributes.Arn!),
  );
  const resolveNow = (value: unknown, at: string) => resolveIntrinsics(value, context, at);
  for (const { key, why } of triggerRefusals(resources, resolveNow, functionArns))
    if (!waived(key, options.notEmulated)) refusals.push(why);
  if (refusals.length > 0) {
    throw new LocalStackTemplateError(
      `The local stage cannot run these resources of serverless.yml:\n${refusals.map((why) => `  - ${why}`).join('\n')}\n` +
        'Remove them, or list them (`<LogicalId>`, `<LogicalId>.<Property>`, or `<LogicalId>.LambdaConfig.<Trigger>`) under custom.localStack.notEmulated to start without them, knowing that what uses them then differs locally.',
    );
  }

  const stack: DeployedStack = {
    get state() {
      return { resources: Object.fromEntries(deployed) };
    },
    resolve: (value, at) => resolveIntrinsics(value, context, at),
    holds: (condition, at) => conditions.condition(condition, at),
    resources,
  };

  const previous = options.previous?.resources ?? {};
  const order = dependencyOrder([...provisioners.keys()], withTriggerDependencies(resources));
  // serverless's existing-pool triggers find their pool by name, among this stack's (removed ones last).
  const provision: ProvisionContext = {
    ...options.provision,
    stackName: account.stackName,
    adoptUntagged: options.noRecords === true,
    userPoolNamed: (name) =>
      [...deployed.values(), ...Object.values(previous)].find(
        (resource) => resource.type === 'AWS::Cognito::UserPool' && resource.properties.UserPoolName === name,
      )?.physicalId,
  };
  const changed = new Set<string>();
  const replaced: [string, DeployedResource][] = [];
  const provisionOne = async (logicalId: string) => {
    const resource = resources[logicalId]!;
    const provisioner = provisioners.get(logicalId)!;
    const properties = withoutNotEmulated(
      logicalId,
      stack.resolve(resource.Properties ?? {}, `${logicalId}.Properties`) as Record<string, unknown>,
      options.notEmulated,
    );
    const before = previous[logicalId]?.type === resource.Type ? previous[logicalId] : undefined;
    let result: Provisioned;
    try {
      const change = await applyChange({ logicalId, resource, provisioner, properties, before }, options, provision);
      result = change.provisioned;
      if (result !== before) changed.add(logicalId);
      if (change.replaces) replaced.push([logicalId, change.replaces]);
    } catch (error) {
      if (error instanceof LocalStackTemplateError || (error as { code?: string }).code === 'ECONNREFUSED') throw error;
      const { name, message } = error as Error;
      throw new LocalStackTemplateError(
        `${logicalId} (${resource.Type}): the Cognito emulator refused it (${name}: ${message}), as Cognito would refuse CloudFormation's call on AWS.`,
        {
          cause: error,
        },
      );
    }
    deployed.set(logicalId, {
      type: resource.Type,
      physicalId: result.physicalId,
      attributes: result.attributes,
      properties,
      ...(retains(resource, 'DeletionPolicy') && { retainOnDelete: true }),
    });
    // What was deployed before and is not yet dealt with stays on record, to be updated or deleted next time.
    options.record?.({ resources: { ...previous, ...Object.fromEntries(deployed) } });
  };

  for (const logicalId of order.filter((id) => !provisioners.get(id)!.afterSeedUsers)) await provisionOne(logicalId);
  await options.beforeUserResources?.(stack);
  for (const logicalId of order.filter((id) => provisioners.get(id)!.afterSeedUsers)) await provisionOne(logicalId);
  for (const line of lostTriggerNotices(resources, deployed, changed)) options.notice(line);

  // What left the template (or was replaced) is deleted last, dependents first, as CloudFormation does.
  const removed = Object.entries(previous).filter(([logicalId]) => !deployed.has(logicalId));
  for (const [logicalId, resource] of removed) {
    options.notice(lossNotice(logicalId, resource.type, 'removed', 'renamed or deleted', resource.retainOnDelete === true));
  }
  const deletions = [
    ...replaced.filter(([logicalId]) => !retains(resources[logicalId], 'UpdateReplacePolicy')),
    ...removed.filter(([, resource]) => !resource.retainOnDelete),
  ];
  for (const [logicalId, resource] of deletions.reverse()) {
    const provisioner = provisioners.get(logicalId) ?? COGNITO_PROVISIONERS[resource.type];
    await provisioner?.delete(resource, resource.properties, provision).catch((error: Error) => {
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
  const attributes = new Proxy({} as Record<string, string>, {
    get: (_target, name) => `not-emulated-locally:${logicalId}.${String(name)}`,
  });
  return { physicalId: logicalId, attributes };
}

interface Change {
  readonly logicalId: string;
  readonly resource: CfnResource;
  readonly provisioner: Provisioner;
  /** Resolved, as they are to be. */
  readonly properties: Record<string, unknown>;
  /** As the last deploy left it, if it did. */
  readonly before: DeployedResource | undefined;
}

/**
 * Creates, updates or replaces one resource as CloudFormation would; a replacement says so, and
 * names the old resource for deletion once the rest is deployed.
 */
async function applyChange(
  change: Change,
  options: DeployOptions,
  provision: ProvisionContext,
): Promise<{ provisioned: Provisioned; replaces?: DeployedResource }> {
  const { logicalId, resource, provisioner, properties, before } = change;
  if (!before) {
    // On this stack's first start with no record, a resource an older start of it made is taken over.
    const adopted = options.previous ? undefined : await provisioner.adopt?.(logicalId, properties, provision);
    return {
      provisioned: adopted
        ? await provisioner.update(logicalId, adopted, properties, properties, provision)
        : await provisioner.create(logicalId, properties, provision),
    };
  }
  const replacedBy = provisioner.replacedWhen.filter(
    (name) => JSON.stringify(before.properties[name]) !== JSON.stringify(properties[name]),
  );
  if (replacedBy.length > 0) {
    options.notice(
      lossNotice(logicalId, resource.Type, 'replaced', `its ${replacedBy.join(', ')} changed`, retains(resource, 'UpdateReplacePolicy')),
    );
    return { provisioned: await provisioner.create(logicalId, properties, provision), replaces: before };
  }
  if (JSON.stringify(before.properties) !== JSON.stringify(properties)) {
    return { provisioned: await provisioner.update(logicalId, before, properties, before.properties, provision) };
  }
  return { provisioned: before };
}

/** Whether the resource's policy keeps the old physical resource. */
function retains(resource: CfnResource | undefined, policy: 'DeletionPolicy' | 'UpdateReplacePolicy'): boolean {
  return resource?.[policy] === 'Retain';
}

/** The terminal's line for a resource CloudFormation replaces or removes: on AWS, data may go with it. */
function lossNotice(logicalId: string, type: string, change: 'replaced' | 'removed', reason: string, retained: boolean): string {
  const what =
    change === 'replaced'
      ? `is replaced: ${reason}, which CloudFormation answers with a new one`
      : `is no longer in serverless.yml (${reason})`;
  if (retained) {
    const policy = change === 'replaced' ? 'UpdateReplacePolicy' : 'DeletionPolicy';
    return `⚠  ${logicalId} (${type}) ${what}; ${policy}: Retain keeps the old one outside the stack, on AWS as here.`;
  }
  const loss = type === 'AWS::Cognito::UserPool' ? ' On AWS, every user in it would be deleted with it.' : '';
  return `⚠  ${logicalId} (${type}) ${what}, and the old one is deleted, on AWS as here.${loss}`;
}

function missingReference(
  name: string,
  at: string,
  resources: Record<string, CfnResource>,
  template: CfnTemplate,
): LocalStackTemplateError {
  const why =
    template.Resources[name] && !resources[name]
      ? `${name} is not created in this stage (its Condition is false)`
      : `there is no resource ${name} in serverless.yml (resources.Resources) nor among those serverless generates`;
  return new LocalStackTemplateError(`${at} refers to ${name}, but ${why}: CloudFormation would refuse this template.`);
}

/** Whether `custom.localStack.notEmulated` waives a refusal: it lists its key, or the property it is in (`<id>.LambdaConfig`). */
function waived(key: string, notEmulated: readonly string[]): boolean {
  return notEmulated.some((entry) => entry === key || (entry.includes('.') && key.startsWith(`${entry}.`)));
}

/** The properties without those `custom.localStack.notEmulated` lists as `<id>.<Property>` or `<id>.<Property>.<Key>`. */
function withoutNotEmulated(
  logicalId: string,
  properties: Record<string, unknown>,
  notEmulated: readonly string[],
): Record<string, unknown> {
  const kept = { ...properties };
  for (const entry of notEmulated) {
    if (!entry.startsWith(`${logicalId}.`)) continue;
    const [property, key] = entry.slice(logicalId.length + 1).split('.', 2) as [string, string | undefined];
    const inner = kept[property];
    if (key === undefined) delete kept[property];
    else if (typeof inner === 'object' && inner !== null && !Array.isArray(inner)) {
      const { [key]: _dropped, ...rest } = inner as Record<string, unknown>;
      kept[property] = rest;
    }
  }
  return kept;
}

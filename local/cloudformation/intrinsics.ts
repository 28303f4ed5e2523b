import { LocalStackTemplateError } from './template.ts';

/**
 * What intrinsic functions resolve against: the stack's physical ids and attributes, its
 * parameters' and pseudo parameters' values, its conditions and mappings.
 */
export interface IntrinsicContext {
  /** `Ref` of a logical id or a pseudo parameter (`AWS::Region`…); `at` names the caller for errors. */
  ref(name: string, at: string): string;
  /** `Fn::GetAtt` of a resource's attribute. */
  getAtt(logicalId: string, attribute: string, at: string): string;
  /** The value of a named condition of the template's `Conditions`. */
  condition(name: string, at: string): boolean;
  readonly mappings?: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>;
}

/** `Ref: AWS::NoValue`: the property it stands for is removed. */
const NO_VALUE = Symbol('AWS::NoValue');

/**
 * `value` with every intrinsic function evaluated, as CloudFormation does at deploy time
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html).
 * A function the local stack cannot evaluate (Fn::ImportValue, Fn::GetAZs…) is refused, with
 * `at` — where the value sits in the template — in the message.
 */
export function resolveIntrinsics(value: unknown, context: IntrinsicContext, at: string): unknown {
  const resolved = resolve(value, context, at);
  return resolved === NO_VALUE ? undefined : resolved;
}

/** A condition expression (`Fn::Equals`, `Fn::Not`, `Fn::And`, `Fn::Or`, `Condition`). */
export function evaluateCondition(expression: unknown, context: IntrinsicContext, at: string): boolean {
  const [name, argument] = singleKey(expression) ?? [];
  switch (name) {
    case 'Fn::Equals': {
      const [left, right] = list(argument, 2, name, at).map((item) => resolve(item, context, at));
      return JSON.stringify(left) === JSON.stringify(right);
    }
    case 'Fn::Not':
      return !evaluateCondition(list(argument, 1, name, at)[0], context, at);
    case 'Fn::And':
      return list(argument, undefined, name, at).every((item) => evaluateCondition(item, context, at));
    case 'Fn::Or':
      return list(argument, undefined, name, at).some((item) => evaluateCondition(item, context, at));
    case 'Condition':
      return context.condition(text(argument, name, at), at);
    default:
      throw new LocalStackTemplateError(
        `${at}: ${JSON.stringify(expression)} is not a condition (Fn::Equals, Fn::Not, Fn::And, Fn::Or or Condition).`,
      );
  }
}

function resolve(value: unknown, context: IntrinsicContext, at: string): unknown {
  if (Array.isArray(value)) {
    return value.map((item, index) => resolve(item, context, `${at}[${index}]`)).filter((item) => item !== NO_VALUE);
  }
  if (typeof value !== 'object' || value === null) return value;
  const entry = singleKey(value);
  if (entry && (entry[0] === 'Ref' || entry[0].startsWith('Fn::'))) return resolveFunction(entry[0], entry[1], context, at);
  const resolved: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    const result = resolve(inner, context, `${at}.${key}`);
    if (result !== NO_VALUE) resolved[key] = result;
  }
  return resolved;
}

function resolveFunction(name: string, argument: unknown, context: IntrinsicContext, at: string): unknown {
  switch (name) {
    case 'Ref': {
      const target = text(resolve(argument, context, at), name, at);
      return target === 'AWS::NoValue' ? NO_VALUE : context.ref(target, at);
    }
    case 'Fn::GetAtt': {
      const [logicalId, attribute] =
        typeof argument === 'string' ? splitOnce(argument, '.') : list(resolve(argument, context, at), 2, name, at);
      return context.getAtt(text(logicalId, name, at), text(attribute, name, at), at);
    }
    case 'Fn::Join': {
      const [delimiter, items] = list(argument, 2, name, at);
      const parts = list(resolve(items, context, at), undefined, name, at);
      return parts.map((part) => text(part, name, at)).join(text(delimiter, name, at));
    }
    case 'Fn::Select': {
      const [index, items] = list(argument, 2, name, at);
      const parts = list(resolve(items, context, at), undefined, name, at);
      const position = Number(resolve(index, context, at));
      if (!Number.isInteger(position) || position < 0 || position >= parts.length) {
        throw new LocalStackTemplateError(`${at}: Fn::Select index ${String(index)} is outside the list of ${parts.length}.`);
      }
      return parts[position];
    }
    case 'Fn::Split': {
      const [delimiter, source] = list(argument, 2, name, at);
      return text(resolve(source, context, at), name, at).split(text(delimiter, name, at));
    }
    case 'Fn::Sub':
      return substitute(argument, context, at);
    case 'Fn::If': {
      const [condition, whenTrue, whenFalse] = list(argument, 3, name, at);
      return resolve(context.condition(text(condition, name, at), at) ? whenTrue : whenFalse, context, at);
    }
    case 'Fn::FindInMap': {
      const [map, top, second] = list(resolve(argument, context, at), 3, name, at).map((key) => text(key, name, at));
      const found = context.mappings?.[map!]?.[top!]?.[second!];
      if (found === undefined) throw new LocalStackTemplateError(`${at}: Fn::FindInMap finds nothing at Mappings.${map}.${top}.${second}.`);
      return found;
    }
    case 'Fn::Base64':
      return Buffer.from(text(resolve(argument, context, at), name, at)).toString('base64');
    case 'Fn::Equals':
    case 'Fn::Not':
    case 'Fn::And':
    case 'Fn::Or':
      return evaluateCondition({ [name]: argument }, context, at);
    case 'Fn::ImportValue':
      throw new LocalStackTemplateError(
        `${at}: Fn::ImportValue reads an export of another stack, which the local stage does not have. ` +
          'Give the local stage its own value (a stage parameter, or a resource under custom.localStack.resources that stands in for it).',
      );
    default:
      throw new LocalStackTemplateError(
        `${at}: ${name} is not evaluated by the local stage (it handles Ref, Fn::GetAtt, Fn::Join, Fn::Sub, Fn::Select, Fn::Split, Fn::If, Fn::FindInMap, Fn::Base64 and conditions).`,
      );
  }
}

/** `Fn::Sub`: `${Name}`, `${Resource.Attribute}` and `${!Literal}`, with optional variables. */
function substitute(argument: unknown, context: IntrinsicContext, at: string): string {
  const [template, variables = {}] = typeof argument === 'string' ? [argument] : list(argument, 2, 'Fn::Sub', at);
  const values = resolve(variables, context, at) as Record<string, unknown>;
  return text(template, 'Fn::Sub', at).replace(/\$\{([^}]*)\}/g, (_match, name: string) => {
    if (name.startsWith('!')) return `\${${name.slice(1)}}`;
    if (values[name] !== undefined) return text(values[name], 'Fn::Sub', at);
    if (name.includes('.') && !name.startsWith('AWS::')) {
      const [logicalId, attribute] = splitOnce(name, '.');
      return context.getAtt(logicalId, attribute, at);
    }
    return context.ref(name, at);
  });
}

function singleKey(value: unknown): [string, unknown] | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const entries = Object.entries(value);
  return entries.length === 1 ? entries[0] : undefined;
}

function list(value: unknown, length: number | undefined, name: string, at: string): unknown[] {
  if (!Array.isArray(value) || (length !== undefined && value.length !== length)) {
    throw new LocalStackTemplateError(
      `${at}: ${name} takes ${length === undefined ? 'a list' : `a list of ${length}`}, not ${JSON.stringify(value)}.`,
    );
  }
  return value;
}

function text(value: unknown, name: string, at: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new LocalStackTemplateError(`${at}: ${name} needs a string here, not ${JSON.stringify(value)}.`);
}

function splitOnce(value: string, separator: string): [string, string] {
  const index = value.indexOf(separator);
  return index < 0 ? [value, ''] : [value.slice(0, index), value.slice(index + 1)];
}

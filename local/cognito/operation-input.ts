import { NormalizedSchema } from '@smithy/core/schema';
import type { StaticOperationSchema, StaticStructureSchema } from '@smithy/types';
import { invalidParameter, serializationError, unknownOperation } from './cognito-request-error.ts';

/** The AWS SDK module: it exports each operation's schema as `<Operation>$`. */
type SdkModule = Readonly<Record<string, unknown>>;

/** `StaticSchemaIdOperation` in @smithy/types. */
const OPERATION_SCHEMA = 9;

// Cognito's deserializer's words for a value of the wrong JSON kind (observed answers).
const STRUCTURE_NOT_EXPECTED = 'Start of structure or map found where not expected.';
const LIST_NOT_EXPECTED = 'Start of list found where not expected.';
const UNEXPECTED_TYPE = 'Unexpected field type';
const MAP_EXPECTED = 'Expected map or null';

/**
 * Members whose value Cognito checks against an enum before the operation runs, with the SDK's
 * enum that lists the values: those of the sign-in flows, where a typo is likeliest (and where
 * cognito-local would otherwise answer "unsupported").
 */
const ENUM_MEMBERS: Readonly<Record<string, string>> = { AuthFlow: 'AuthFlowType', ChallengeName: 'ChallengeNameType' };

/** What the walk through an input collects: Cognito reports every validation error at once. */
interface Reading {
  readonly problems: string[];
  readonly enums: ReadonlyMap<string, readonly string[]>;
}

/**
 * Cognito's operations and the shape of their input, from the AWS SDK's own model, so that a
 * request is refused the way Cognito refuses it before any operation (cognito-local's or ours)
 * sees it: an unknown operation, a member of the wrong JSON kind (SerializationException), a
 * required member missing or a sign-in enum out of its values (InvalidParameterException).
 * Scalars are coerced the way Cognito's lenient deserializer does (a number where a string is
 * expected is read as that string).
 */
export class CognitoOperations {
  /** The model of every Cognito operation, from `@aws-sdk/client-cognito-identity-provider`. */
  static async load(): Promise<CognitoOperations> {
    return new CognitoOperations(await import('@aws-sdk/client-cognito-identity-provider'));
  }

  readonly #enums: ReadonlyMap<string, readonly string[]>;

  constructor(private readonly sdk: SdkModule) {
    this.#enums = new Map(
      Object.entries(ENUM_MEMBERS).flatMap(([member, name]) => {
        const values = sdk[name];
        return typeof values === 'object' && values !== null ? [[member, Object.values(values).map(String)]] : [];
      }),
    );
  }

  has(operation: string): boolean {
    return this.#schema(operation) !== undefined;
  }

  /** The input the operation runs with: the model's members only, coerced; or the error Cognito answers. */
  readInput(operation: string, body: unknown): Record<string, unknown> {
    const schema = this.#schema(operation);
    if (!schema) throw unknownOperation(`${operation} is not a Cognito user pools operation.`);
    if (!isObject(body)) throw serializationError(Array.isArray(body) ? LIST_NOT_EXPECTED : UNEXPECTED_TYPE);
    const reading: Reading = { problems: [], enums: this.#enums };
    const input = readStructure(NormalizedSchema.of(schema[4]), body, '', reading);
    const { problems } = reading;
    if (problems.length > 0) {
      const count = problems.length === 1 ? '1 validation error' : `${problems.length} validation errors`;
      throw invalidParameter(`${count} detected: ${problems.join('; ')}`);
    }
    return input;
  }

  #schema(operation: string): StaticOperationSchema | undefined {
    if (!/^[A-Za-z]+$/.test(operation) || !Object.hasOwn(this.sdk, `${operation}$`)) return undefined;
    const schema = this.sdk[`${operation}$`];
    return Array.isArray(schema) && schema[0] === OPERATION_SCHEMA ? (schema as StaticOperationSchema) : undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `userAttributes.1.member.name`: the member path as Cognito's validation messages spell it. */
function memberPath(parent: string, member: string): string {
  const name = member.charAt(0).toLowerCase() + member.slice(1);
  return parent === '' ? name : `${parent}.${name}`;
}

function readStructure(schema: NormalizedSchema, value: unknown, path: string, reading: Reading): Record<string, unknown> {
  if (!isObject(value)) throw serializationError(Array.isArray(value) ? LIST_NOT_EXPECTED : UNEXPECTED_TYPE);
  const input: Record<string, unknown> = {};
  for (const [member, memberSchema] of schema.structIterator()) {
    const raw = Object.hasOwn(value, member) ? value[member] : undefined;
    // JSON null is an absent member.
    if (raw === undefined || raw === null) continue;
    input[member] = readValue(memberSchema, raw, memberPath(path, member), reading);
    const allowed = reading.enums.get(member);
    if (allowed && !allowed.includes(String(input[member]))) {
      reading.problems.push(
        `Value '${String(input[member])}' at '${memberPath(path, member)}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`,
      );
    }
  }
  // A structure's first `requiredCount` members are its required ones (StaticStructureSchema).
  const [, , , , members = [], , requiredCount = 0] = schema.getSchema() as StaticStructureSchema;
  for (const member of members.slice(0, requiredCount)) {
    if (input[member] === undefined) {
      reading.problems.push(`Value null at '${memberPath(path, member)}' failed to satisfy constraint: Member must not be null`);
    }
  }
  return input;
}

function readValue(schema: NormalizedSchema, value: unknown, path: string, reading: Reading): unknown {
  if (schema.isStructSchema() || schema.isUnionSchema()) return readStructure(schema, value, path, reading);
  if (schema.isDocumentSchema()) return value;
  if (schema.isListSchema()) {
    if (!Array.isArray(value)) throw serializationError(isObject(value) ? STRUCTURE_NOT_EXPECTED : UNEXPECTED_TYPE);
    const items = schema.getValueSchema();
    return value.filter((item) => item !== null).map((item, index) => readValue(items, item, `${path}.${index + 1}.member`, reading));
  }
  if (schema.isMapSchema()) {
    if (!isObject(value)) throw serializationError(Array.isArray(value) ? LIST_NOT_EXPECTED : MAP_EXPECTED);
    const values = schema.getValueSchema();
    const map: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      // defineProperty: a key named `__proto__` stays a key.
      if (item !== null)
        Object.defineProperty(map, key, {
          value: readValue(values, item, `${path}.${key}`, reading),
          enumerable: true,
          writable: true,
          configurable: true,
        });
    }
    return map;
  }
  if (isObject(value)) throw serializationError(STRUCTURE_NOT_EXPECTED);
  if (Array.isArray(value)) throw serializationError(LIST_NOT_EXPECTED);
  return readScalar(schema, value as string | number | boolean);
}

function readScalar(schema: NormalizedSchema, value: string | number | boolean): unknown {
  if (schema.isStringSchema()) return String(value);
  if (schema.isBooleanSchema()) return typeof value === 'string' ? value.toLowerCase() === 'true' : Boolean(value);
  if (schema.isNumericSchema() || schema.isTimestampSchema()) {
    const number = typeof value === 'boolean' || value === '' ? Number.NaN : Number(value);
    if (!Number.isFinite(number)) throw serializationError(UNEXPECTED_TYPE);
    return number;
  }
  if (schema.isBlobSchema() && typeof value !== 'string') throw serializationError(UNEXPECTED_TYPE);
  return value;
}

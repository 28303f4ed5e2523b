import type { SchemaAttributeType } from '@aws-sdk/client-cognito-identity-provider';
import { STANDARD_ATTRIBUTES } from '../cognito/attributes/standard-attributes.ts';
import { LocalStackTemplateError } from './template.ts';

/**
 * Cognito only adds custom attributes to an existing pool; CloudFormation fails an update that
 * changes or removes one, or changes a standard attribute (AddCustomAttributes, and "Custom
 * attributes" in the updating page above).
 */
export function addedSchemaAttributes(
  logicalId: string,
  previous: readonly SchemaAttributeType[],
  next: readonly SchemaAttributeType[],
): SchemaAttributeType[] {
  const before = new Map(previous.map((attribute) => [attribute.Name, JSON.stringify(attribute)]));
  const after = new Set(next.map((attribute) => attribute.Name));
  for (const name of before.keys()) {
    if (!after.has(name)) throw schemaChangeError(logicalId, `removes the attribute ${name}`);
  }
  const added: SchemaAttributeType[] = [];
  for (const attribute of next) {
    const earlier = before.get(attribute.Name);
    if (earlier === undefined) {
      if (!isCustom(attribute)) throw schemaChangeError(logicalId, `adds the standard attribute ${attribute.Name}`);
      added.push(attribute);
    } else if (earlier !== JSON.stringify(attribute)) {
      throw schemaChangeError(logicalId, `changes the attribute ${attribute.Name}`);
    }
  }
  return added;
}

function isCustom(attribute: SchemaAttributeType): boolean {
  return !STANDARD_ATTRIBUTES.includes(attribute.Name ?? '');
}

function schemaChangeError(logicalId: string, change: string): LocalStackTemplateError {
  return new LocalStackTemplateError(
    `${logicalId}.Properties.Schema ${change}: Cognito cannot change an existing pool's schema except by adding custom attributes, ` +
      'so CloudFormation would fail this update on AWS. Add a new custom attribute instead, or give the pool a new logical id ' +
      '(CloudFormation then replaces it, and every user in it is deleted); locally, `npm run reset` starts over.',
  );
}

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { writeJsonFile } from './local-stack.ts';
import { LocalStackTemplateError } from './template.ts';

/** A resource as the local stage last deployed it: CloudFormation's record of a stack's resource. */
export interface DeployedResource {
  readonly type: string;
  readonly physicalId: string;
  readonly attributes: Readonly<Record<string, string>>;
  /** Its properties, resolved, as last applied. */
  readonly properties: Readonly<Record<string, unknown>>;
  /** Its DeletionPolicy was Retain: once it leaves the template, it is kept. */
  readonly retainOnDelete?: boolean;
}

/** What the local stage has deployed, by logical id; kept between starts beside the emulator's data. */
export interface StackState {
  readonly resources: Readonly<Record<string, DeployedResource>>;
}

export function stackStatePath(dataDir: string): string {
  return path.join(dataDir, 'stack-state.json');
}

/** The state of the last deploy, or undefined on a first start (or a data folder from before the state was kept). */
export function readStackState(file: string): StackState | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const state = JSON.parse(text) as StackState;
    if (typeof state?.resources !== 'object' || state.resources === null) throw new Error('no resources');
    return state;
  } catch (cause) {
    throw new LocalStackTemplateError(
      `${file} is damaged (not the local stack's state). Delete it to adopt the local resources again by name, or run \`npm run reset\` to start over.`,
      { cause },
    );
  }
}

export function writeStackState(file: string, state: StackState): void {
  writeJsonFile(file, state);
}

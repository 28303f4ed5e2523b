import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { writeJsonFile } from './json-file.ts';
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

/**
 * The record of stack `stackName` (`<service>-<stage>`, as serverless names the CloudFormation
 * stack) in a data folder: one per stack, as CloudFormation keeps one per stack, so that a
 * renamed service is a new stack and the old one's record (and resources) stay as they were.
 */
export function stackStatePath(dataDir: string, stackName: string): string {
  return path.join(dataDir, STACKS_FOLDER, `${stackName}.json`);
}

const STACKS_FOLDER = 'stacks';
/** Where versions before records per stack kept the data folder's only record. */
const LEGACY_FILE = 'stack-state.json';

/** What a start knows of its stack before deploying: its record, and whether the folder predates records. */
export interface OpenedStackState {
  /** The last deploy's record of this stack; undefined on its first start. */
  readonly previous: StackState | undefined;
  /**
   * The data folder holds no record of any stack: made before records were kept, or new. Only
   * then may resources an older start made (untagged) be taken over by name.
   */
  readonly noRecords: boolean;
  /** The other stacks this data folder holds a record of (a renamed service leaves its old name here). */
  readonly otherStacks: readonly string[];
  /** Said once, when the previous version's record was taken as this stack's. */
  readonly notice?: string;
}

/**
 * This stack's record, taking over the one record of a data folder made by the previous version
 * (`<dataDir>/stack-state.json`, which did not say which stack it was): it becomes this stack's,
 * and the terminal says so, since a service renamed at the same time would inherit it.
 */
export function openStackState(file: string, stackName: string): OpenedStackState {
  const folder = path.dirname(file);
  const records = existsSync(folder) ? readdirSync(folder).filter((name) => name.endsWith('.json')) : [];
  const otherStacks = records.map((name) => name.slice(0, -'.json'.length)).filter((name) => name !== stackName);
  if (existsSync(file)) return { previous: readStackState(file), noRecords: false, otherStacks };
  const legacy = path.basename(folder) === STACKS_FOLDER ? path.join(path.dirname(folder), LEGACY_FILE) : undefined;
  if (legacy && existsSync(legacy)) {
    const previous = readStackState(legacy)!;
    writeStackState(file, previous);
    rmSync(legacy);
    return {
      previous,
      noRecords: false,
      otherStacks,
      notice: `The data folder's record of what was deployed (${legacy}, kept by an earlier version for one stack) is now stack ${stackName}'s (${file}).`,
    };
  }
  if (otherStacks.length === 0) return { previous: undefined, noRecords: true, otherStacks };
  return {
    previous: undefined,
    noRecords: false,
    otherStacks,
    notice:
      `Stack ${stackName} starts for the first time in this data folder, with new resources; the folder also holds ${otherStacks.join(', ')}, ` +
      'left as they were (a renamed service is a new stack, as on AWS; start the old name to find its users again).',
  };
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

import { readStackState, stackStatePath } from '../cloudformation/stack-state.ts';

/** A pool's domain as the local stage deployed it (`AWS::Cognito::UserPoolDomain`). */
export interface DeployedDomain {
  readonly userPoolId: string;
  /** The domain prefix (or custom domain) of the template. */
  readonly domain: string;
}

/** The user pool domains stack `stackName` has in data folder `dataDir`, from its record of what it deployed. */
export function deployedDomains(dataDir: string, stackName: string | undefined): DeployedDomain[] {
  if (!stackName) return [];
  const state = readStackState(stackStatePath(dataDir, stackName));
  return Object.values(state?.resources ?? {})
    .filter((resource) => resource.type === 'AWS::Cognito::UserPoolDomain')
    .map((resource) => ({ userPoolId: String(resource.properties.UserPoolId), domain: resource.physicalId }));
}

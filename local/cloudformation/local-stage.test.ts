import { describe, expect, it } from 'vitest';
import { assertSettings } from './local-stage.ts';

describe('custom.localStack', () => {
  it('takes resources and notEmulated', () => {
    expect(() =>
      assertSettings({
        resources: { SharedUserPool: { Type: 'AWS::Cognito::UserPool', StandsFor: 'arn:…' } },
        notEmulated: ['OrdersTable', 'Pool.LambdaConfig'],
      }),
    ).not.toThrow();
    expect(() => assertSettings({})).not.toThrow();
  });

  it('says where it is malformed and what it must be', () => {
    expect(() => assertSettings('yes')).toThrow('custom.localStack must be a map with `resources` and/or `notEmulated`.');
    expect(() => assertSettings({ notEmulated: 'OrdersTable' })).toThrow('custom.localStack.notEmulated must be a list of logical ids');
    expect(() => assertSettings({ resources: { Pool: { Properties: {} } } })).toThrow(
      'custom.localStack.resources.Pool must be a CloudFormation resource, with a `Type`.',
    );
    expect(() => assertSettings({ resource: {} })).toThrow(
      'custom.localStack.resource must be left out: the local stage reads only `resources` and `notEmulated`.',
    );
  });
});

import { describe, expect, it } from 'vitest';
import { evaluateCondition, resolveIntrinsics, type IntrinsicContext } from './intrinsics.ts';
import { LocalStackTemplateError } from './template.ts';

// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html
const context: IntrinsicContext = {
  ref: (name) => ({ 'AWS::Region': 'eu-west-1', UserPool: 'local_Pool1', Client: 'client1' })[name] ?? `unknown:${name}`,
  getAtt: (id, attribute) => `${id}.${attribute}`,
  condition: (name) => name === 'IsLocal',
  mappings: { Sizes: { local: { memory: '128' } } },
};
const resolve = (value: unknown) => resolveIntrinsics(value, context, 'Test');

describe('resolveIntrinsics', () => {
  it('resolves Ref and both spellings of Fn::GetAtt', () => {
    expect(resolve({ a: { Ref: 'UserPool' }, b: { 'Fn::GetAtt': ['UserPool', 'Arn'] }, c: { 'Fn::GetAtt': 'UserPool.Arn' } })).toEqual({
      a: 'local_Pool1',
      b: 'UserPool.Arn',
      c: 'UserPool.Arn',
    });
  });

  it('joins, splits and selects', () => {
    expect(resolve({ 'Fn::Join': ['/', ['a', { Ref: 'UserPool' }]] })).toBe('a/local_Pool1');
    expect(resolve({ 'Fn::Select': [1, { 'Fn::Split': [':', 'x:y:z'] }] })).toBe('y');
  });

  it('substitutes names, attributes, variables and leaves ${!literals} alone', () => {
    expect(resolve({ 'Fn::Sub': 'https://cognito-idp.${AWS::Region}.amazonaws.com/${UserPool}' })).toBe(
      'https://cognito-idp.eu-west-1.amazonaws.com/local_Pool1',
    );
    expect(resolve({ 'Fn::Sub': ['${Arn}|${Client}|${!Literal}', { Arn: { 'Fn::GetAtt': ['UserPool', 'Arn'] } }] })).toBe(
      'UserPool.Arn|client1|${Literal}',
    );
    expect(resolve({ 'Fn::Sub': '${UserPool.ProviderURL}' })).toBe('UserPool.ProviderURL');
  });

  it('picks a branch of Fn::If and drops AWS::NoValue', () => {
    expect(resolve({ A: { 'Fn::If': ['IsLocal', 'yes', 'no'] }, B: { 'Fn::If': ['IsProd', 'x', { Ref: 'AWS::NoValue' }] } })).toEqual({
      A: 'yes',
    });
    expect(resolve(['a', { 'Fn::If': ['IsProd', 'b', { Ref: 'AWS::NoValue' }] }])).toEqual(['a']);
  });

  it('finds values in the Mappings', () => {
    expect(resolve({ 'Fn::FindInMap': ['Sizes', 'local', 'memory'] })).toBe('128');
  });

  it('refuses Fn::ImportValue with what to do instead', () => {
    expect(() => resolve({ 'Fn::ImportValue': 'shared-UserPoolArn' })).toThrow(/another stack.*custom\.localStack\.resources/);
  });

  it('refuses a function it does not know, naming where it is', () => {
    expect(() => resolveIntrinsics({ 'Fn::GetAZs': '' }, context, 'Pool.Properties.X')).toThrow(LocalStackTemplateError);
    expect(() => resolveIntrinsics({ 'Fn::GetAZs': '' }, context, 'Pool.Properties.X')).toThrow(/^Pool\.Properties\.X: Fn::GetAZs/);
  });

  it('leaves plain values as they are', () => {
    expect(resolve({ Name: 'x', Count: 3, Flag: true, List: [1, 'two'] })).toEqual({ Name: 'x', Count: 3, Flag: true, List: [1, 'two'] });
  });
});

describe('evaluateCondition', () => {
  it('evaluates Fn::Equals, Fn::Not, Fn::And, Fn::Or and named conditions', () => {
    const equalsRegion = { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'eu-west-1'] };
    expect(evaluateCondition(equalsRegion, context, 'C')).toBe(true);
    expect(evaluateCondition({ 'Fn::Not': [equalsRegion] }, context, 'C')).toBe(false);
    expect(evaluateCondition({ 'Fn::And': [equalsRegion, { Condition: 'IsLocal' }] }, context, 'C')).toBe(true);
    expect(evaluateCondition({ 'Fn::Or': [{ Condition: 'IsProd' }, { 'Fn::Equals': ['a', 'b'] }] }, context, 'C')).toBe(false);
  });
});

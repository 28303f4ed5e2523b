import { describe, expect, it } from 'vitest';
import { stageArgument, StartArgumentsError } from './start-arguments.ts';

describe('npm start arguments', () => {
  it('take a stage in either spelling', () => {
    expect(stageArgument(['--stage', 'dev'])).toBe('dev');
    expect(stageArgument(['--stage=qa'])).toBe('qa');
    expect(stageArgument([])).toBeUndefined();
  });

  it('refuse anything else, saying what npm start takes', () => {
    expect(() => stageArgument(['--region', 'x'])).toThrow(StartArgumentsError);
    expect(() => stageArgument(['--region', 'x'])).toThrow(
      'npm start does not take --region. It takes one option: npm start -- --stage <name>.',
    );
    expect(() => stageArgument(['--stage'])).toThrow('--stage needs a name');
  });
});

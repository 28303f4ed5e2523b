import { describe, expect, it } from 'vitest';
import { startArguments, stageArgument, StartArgumentsError } from './start-arguments.ts';

describe('npm start arguments', () => {
  it('take a stage in either spelling', () => {
    expect(stageArgument(['--stage', 'dev'])).toBe('dev');
    expect(stageArgument(['--stage=qa'])).toBe('qa');
    expect(stageArgument([])).toBeUndefined();
  });

  it('refuse anything else, saying what npm start takes', () => {
    expect(() => stageArgument(['--region', 'x'])).toThrow(StartArgumentsError);
    expect(() => stageArgument(['--region', 'x'])).toThrow(
      'npm start does not take --region. It takes two options: npm start -- --stage <name> --config <file>.',
    );
    expect(() => stageArgument(['--stage'])).toThrow('--stage needs a name');
    expect(() => startArguments(['--config'])).toThrow('--config needs a file');
  });

  it('take another serverless configuration file, as serverless does', () => {
    expect(startArguments(['--config', 'serverless.team.yml', '--stage', 'dev'])).toEqual({ config: 'serverless.team.yml', stage: 'dev' });
    expect(startArguments(['--config=serverless.team.yml'])).toEqual({ config: 'serverless.team.yml' });
  });
});

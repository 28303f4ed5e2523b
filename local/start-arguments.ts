/** `npm start -- --stage <name>`: which serverless.yml stage to run locally. */
export class StartArgumentsError extends Error {
  override name = 'StartArgumentsError';
}

export function stageArgument(args: readonly string[]): string | undefined {
  let stage: string | undefined;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (arg === '--stage' || arg === '-s') stage = args[++index];
    else if (arg.startsWith('--stage=')) stage = arg.slice('--stage='.length);
    else throw new StartArgumentsError(`npm start does not take ${arg}. It takes one option: npm start -- --stage <name>.`);
    if (!stage) throw new StartArgumentsError('--stage needs a name: npm start -- --stage <name>.');
  }
  return stage;
}

/** `npm start -- [--stage <name>] [--config <file>]`: which stage, of which serverless.yml, to run locally. */
export class StartArgumentsError extends Error {
  override name = 'StartArgumentsError';
}

export interface StartArguments {
  readonly stage?: string;
  /** Another serverless configuration file in the project's folder (serverless's own `--config`). */
  readonly config?: string;
}

const USAGE = 'npm start -- --stage <name> --config <file>';

export function startArguments(args: readonly string[]): StartArguments {
  const options: { stage?: string; config?: string } = {};
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg];
    const name = flag === '--stage' || flag === '-s' ? 'stage' : flag === '--config' || flag === '-c' ? 'config' : undefined;
    if (!name) throw new StartArgumentsError(`npm start does not take ${arg}. It takes two options: ${USAGE}.`);
    const value = inline ?? args[++index];
    if (!value) throw new StartArgumentsError(`--${name} needs a ${name === 'stage' ? 'name' : 'file'}: ${USAGE}.`);
    options[name] = value;
  }
  return options;
}

/** The stage alone (what every service reads, as LOCAL_STAGE). */
export const stageArgument = (args: readonly string[]): string | undefined => startArguments(args).stage;

// `npm start -- --stage <name>` becomes LOCAL_STAGE, which local/config.ts reads, as every
// service of the stack does; `--config <file>` goes to the API service (serverless's own
// option). start.ts imports this module first, before the config is read.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startArguments } from './start-arguments.ts';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

function readStartArguments() {
  try {
    const options = startArguments(process.argv.slice(2));
    if (options.stage) process.env.LOCAL_STAGE = options.stage;
    if (options.config && !existsSync(path.resolve(root, options.config))) {
      throw new Error(`npm start -- --config ${options.config}: there is no such file in ${root}.`);
    }
    return options;
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}

/** The serverless configuration file the API serves, when not serverless.yml. */
export const startConfigFile: string | undefined = readStartArguments().config;

// `npm start -- --stage <name>` becomes LOCAL_STAGE, which local/config.ts reads, as every
// service of the stack does. start.ts imports this module first, before the config is read.
import { stageArgument } from './start-arguments.ts';

try {
  const stage = stageArgument(process.argv.slice(2));
  if (stage) process.env.LOCAL_STAGE = stage;
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

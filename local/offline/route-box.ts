import { stripVTControlCharacters } from 'node:util';

/** boxen's frame, as serverless-offline's utils/logRoutes.js prints it with console.log. */
const isRouteBox = (text: string) => /^\s*┌─+┐[\s\S]*└─+┘\s*$/.test(stripVTControlCharacters(text));

/**
 * Leaves out serverless-offline's route box (the banner lists the routes, with their
 * authorizers) while offline starts; anything else goes to the console. Returns the undo.
 */
export function hideRouteBox(console_: Pick<Console, 'log'> = console): () => void {
  const log = console_.log;
  console_.log = (...args: unknown[]) => {
    if (args.length === 1 && typeof args[0] === 'string' && isRouteBox(args[0])) return;
    log.apply(console_, args);
  };
  return () => {
    console_.log = log;
  };
}

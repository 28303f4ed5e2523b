// An input's constraints broken, each in the words of Cognito's front door (operation-input.ts), for constraintViolations.

/** A pattern constraint broken, in the front door's words; undefined when `value` matches. */
export function patternProblem(value: string, at: string, pattern: RegExp, source: string): string | undefined {
  return pattern.test(value)
    ? undefined
    : `Value '${value}' at '${at}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${source}`;
}

/** A length constraint broken, in the front door's words. */
export function lengthProblem(value: string, at: string, min: number, max: number): string | undefined {
  if (value.length < min)
    return `Value '${value}' at '${at}' failed to satisfy constraint: Member must have length greater than or equal to ${min}`;
  if (value.length > max)
    return `Value '${value}' at '${at}' failed to satisfy constraint: Member must have length less than or equal to ${max}`;
  return undefined;
}

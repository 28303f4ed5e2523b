import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const HERE = import.meta.dirname;
const CATALOGUE = path.join(HERE, 'cognito-answers.ts');

/** Constructing one of Cognito's errors (or the emulator's own refusal): cognito-local's classes, or CognitoError. */
const CONSTRUCTION =
  /new (?:NotAuthorizedError|InvalidParameterError|ResourceNotFoundError|UserNotFoundError|UserNotConfirmedException|PasswordResetRequiredError|CodeMismatchError|ExpiredCodeError|UsernameExistsError)\(|new CognitoError\(/g;

const sourcesOf = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'testing' ? [] : sourcesOf(file);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [file] : [];
  });

describe("the catalogue of Cognito's answers", () => {
  it('recognises an answer written in place', () => {
    const inline =
      "throw new NotAuthorizedError('Incorrect username or password.');\nthrow new CognitoError('CodeMismatchException', 'x');";
    expect(inline.match(CONSTRUCTION)).toHaveLength(2);
    expect('throw notEmulated(`device tracking`);'.match(CONSTRUCTION)).toBeNull();
  });

  it('is the one place under local/cognito that words one (test fakes aside)', () => {
    const inPlace = sourcesOf(HERE)
      .filter((file) => file !== CATALOGUE)
      .flatMap((file) => {
        const text = readFileSync(file, 'utf8');
        return [...text.matchAll(CONSTRUCTION)].map((match) => {
          const line = text.slice(0, match.index).split('\n').length;
          return `${path.relative(HERE, file)}:${line}`;
        });
      });
    expect(inPlace, 'add the answer to cognito-answers.ts and call it from there').toEqual([]);
  });

  it('names the source of every answer: [D] an AWS page, [C] a reported answer, [U] the strict side', () => {
    const text = readFileSync(CATALOGUE, 'utf8');
    const unsourced = [...text.matchAll(/(?:^|\n)((?:\/\*\*[\s\S]*?\*\/\n)?)export (?:const|function) (\w+)/g)]
      .filter(([, comment]) => !/\[[DCU]\]/.test(comment ?? ''))
      .map(([, , name]) => name);
    expect(unsourced).toEqual([]);
  });
});

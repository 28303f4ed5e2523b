// Every value a page echoes goes through here: the request's parameters, the client's name, the
// user's input, Cognito's messages, the pool's attribute names. Nothing reaches a page unescaped.

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** `value` as HTML text or a double-quoted attribute value: `&`, `<`, `>`, quotes and backticks as entities. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"'`]/g, (character) => ENTITIES[character]!);
}

/** A piece of markup the pages built themselves (its dynamic parts escaped), as opposed to a value to escape. */
export interface Markup {
  readonly markup: string;
}

/**
 * A template whose interpolations are escaped unless they are {@link Markup} (or lists of it):
 * html`<p>${message}</p>` cannot carry a tag in `message`.
 */
export function html(
  strings: TemplateStringsArray,
  ...values: readonly (string | number | Markup | readonly Markup[] | undefined)[]
): Markup {
  let markup = strings[0]!;
  values.forEach((value, index) => {
    markup += interpolate(value) + strings[index + 1]!;
  });
  return { markup };
}

function interpolate(value: string | number | Markup | readonly Markup[] | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'string') return escapeHtml(value);
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.map((part: Markup) => part.markup).join('');
  return (value as Markup).markup;
}

/** A managed-login path with `parameters` as its query (a form's action, a link to the next page): same-origin by construction. */
export function pagePath(path: `/${string}`, parameters: URLSearchParams): string {
  const query = parameters.toString();
  return query === '' ? path : `${path}?${query}`;
}

// Reads the pages' own markup in tests: every attribute value they write is double-quoted and
// escaped, so a tag's attributes can be read with one pattern (it is no parser for other HTML).

/** An element of a page: its tag and attributes (entities decoded). */
export interface Element {
  readonly tag: string;
  readonly attributes: Readonly<Record<string, string>>;
}

const DECODE: Readonly<Record<string, string>> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#96;': '`' };

export function decode(value: string): string {
  return value.replace(/&(amp|lt|gt|quot|#39|#96);/g, (entity) => DECODE[entity]!);
}

/** Every start tag of `page`, in order. */
export function elements(page: string): Element[] {
  return [...page.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="[^"]*")?)*)\s*\/?>/g)].map(([, tag, rest]) => ({
    tag: tag!.toLowerCase(),
    attributes: Object.fromEntries(
      [...(rest ?? '').matchAll(/([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="([^"]*)")?/g)].map(([, name, value]) => [name!, decode(value ?? '')]),
    ),
  }));
}

/** The elements of `page` whose `attribute` is `value`. */
export function withAttribute(page: string, attribute: string, value: string): Element[] {
  return elements(page).filter((element) => element.attributes[attribute] === value);
}

/** The text of `page` with its tags taken out and entities decoded. */
export function text(page: string): string {
  return decode(page.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ');
}

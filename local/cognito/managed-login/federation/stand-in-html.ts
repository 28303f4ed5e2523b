// The few HTML pieces of the stand-in provider's pages: every value they show goes through
// escapeHtml, and they run no script (the managed login's Content-Security-Policy allows none).

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** `text` safe inside an element or a quoted attribute. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (character) => ESCAPES[character]!);

/** A whole page: `title` (text) and `body` (HTML, already escaped where it holds values). */
export function htmlPage(title: string, body: string): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    '<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}',
    'label{display:block;margin-top:.6rem}input[type=text]{width:100%;box-sizing:border-box;padding:.3rem}',
    'form{margin:1rem 0;padding:1rem;border:1px solid #ccc;border-radius:.4rem}.note{color:#555}</style>',
    '</head>',
    `<body>${body}</body>`,
    '</html>',
  ].join('\n');
}

/** A page that says what went wrong, with `status`. */
export function messagePage(status: number, title: string, message: string) {
  return { kind: 'html', status, html: htmlPage(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>`) } as const;
}

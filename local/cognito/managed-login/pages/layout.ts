import { html, type Markup } from './html.ts';
import { pageLanguage } from './page-language.ts';

/**
 * Bootstrap 3's responsive visibility classes, which the classic hosted UI's login page uses to
 * show one of its two copies of the form (`visible-xs visible-sm` and `visible-md visible-lg`):
 * tests written against AWS select `.visible-lg #signInFormUsername` or the second match.
 */
const STYLE = `
body{font-family:Arial,Helvetica,sans-serif;background:#fafafa;margin:0;color:#333}
.modal-content{max-width:380px;margin:40px auto;background:#fff;border:1px solid #ddd;border-radius:4px;padding:20px}
.visible-xs,.visible-sm,.visible-md,.visible-lg{display:none!important}
@media (max-width:767px){.visible-xs{display:block!important}}
@media (min-width:768px) and (max-width:991px){.visible-sm{display:block!important}}
@media (min-width:992px) and (max-width:1199px){.visible-md{display:block!important}}
@media (min-width:1200px){.visible-lg{display:block!important}}
label{display:block;margin:10px 0 4px}
.form-control{width:100%;box-sizing:border-box;padding:6px 10px;font-size:14px}
.btn{margin-top:14px;width:100%;padding:8px;font-size:14px;cursor:pointer}
.errorMessage-customizable{color:#a94442;background:#f2dede;padding:8px;border-radius:3px}
.socialButton-customizable{display:block;margin:6px 0;text-align:center;padding:8px;border:1px solid #ccc;border-radius:3px;text-decoration:none;color:#333}
`;

export interface LayoutOptions {
  /** The document's title (the classic pages': `Signin`, `Signup`, …). */
  readonly title: string;
  /** The request's `lang` (page-language.ts). */
  readonly lang?: string | null;
  readonly body: Markup;
}

/** A whole page: no script, no resource of another origin (the listener's CSP allows `'self'` and inline styles only). */
export function layout({ title, lang, body }: LayoutOptions): string {
  return html`<!DOCTYPE html>
<html lang="${pageLanguage(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${{ markup: STYLE }}</style>
</head>
<body>
${body}
</body>
</html>
`.markup;
}

/** The error paragraph a form shows above its fields, or nothing. */
export function errorMessage(error: string | undefined, id?: string): Markup {
  if (error === undefined) return html``;
  return id === undefined
    ? html`<p class="errorMessage-customizable" role="alert">${error}</p>`
    : html`<p id="${id}" class="errorMessage-customizable" role="alert">${error}</p>`;
}

/** A hidden input carrying `value` on the next post. */
export function hidden(name: string, value: string | undefined): Markup {
  return value === undefined ? html`` : html`<input type="hidden" name="${name}" value="${value}">`;
}

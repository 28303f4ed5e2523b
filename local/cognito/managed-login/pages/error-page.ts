import { html } from './html.ts';
import { layout } from './layout.ts';

export interface ErrorPageOptions {
  /** The HTTP status the page is answered with (the handler's; kept here for the page's words). */
  readonly status: number;
  readonly message: string;
}

/** The page a request no page can serve gets (an unknown client, a client without OAuth): no redirect, as Cognito answers it. */
export function errorPage({ status, message }: ErrorPageOptions): string {
  return layout({
    title: 'Error',
    body: html`<div class="modal-content">
<h1>An error was encountered with the requested page.</h1>
<p id="errorMessage" class="errorMessage-customizable" data-status="${status}">${message}</p>
</div>`,
  });
}

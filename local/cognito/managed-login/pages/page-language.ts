/**
 * The languages managed login is localized in, by their `lang` codes ("Managed login
 * localization", https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-managed-login.html).
 */
export const MANAGED_LOGIN_LANGUAGES = ['de', 'en', 'es', 'fr', 'id', 'it', 'ja', 'ko', 'pt-BR', 'zh-CN', 'zh-TW'] as const;

export type ManagedLoginLanguage = (typeof MANAGED_LOGIN_LANGUAGES)[number];

/**
 * The language a page is in for the request's `lang`: one of the documented codes, exactly as
 * written, or English for anything else (the strict side: no case folding, no `fr-CA` → `fr`).
 * Locally the words stay English in every language; the page's `lang` says which was asked for
 * (README, "Differences from AWS").
 */
export function pageLanguage(lang: string | null | undefined): ManagedLoginLanguage {
  return MANAGED_LOGIN_LANGUAGES.find((code) => code === lang) ?? 'en';
}

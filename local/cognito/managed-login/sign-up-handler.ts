import type { SignUpCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import type { UserPool } from '../cognito-local.ts';
import { signUpNotPermitted } from '../cognito-answers.ts';
import { schemaOf } from '../rules/attribute-rules.ts';
import type { ManagedLoginDeps } from './managed-login-deps.ts';
import { isPageResult, pageClientOf, refused } from './page-client.ts';
import { runOperation, secretHashFor, storedUsername } from './page-operations.ts';
import type { PageHandler, PageResult, SignedIn } from './page-types.ts';
import { SIGN_UP } from './pages/classic-ids.ts';
import { confirmPage } from './pages/confirm-page.ts';
import { signUpPage } from './pages/sign-up-page.ts';
import { type UsernameKind, usernameKindOf } from './pages/username-kind.ts';

const ATTRIBUTE_FIELD = /^requiredAttributes\[(.+)\]$/;

/**
 * /signup: GET shows the form (the pool's required attributes, its kind of username); POST runs
 * SignUp. A user confirmed at once (PreSignUp's autoConfirmUser) is signed in and sent on to the
 * callback; otherwise the page asks for the code the pool sent (/confirm).
 * Only where the pool lets users sign themselves up (AdminCreateUserConfig.AllowAdminCreateUserOnly).
 * https://docs.aws.amazon.com/cognito/latest/developerguide/managed-login-endpoints.html
 */
export function signUpHandler(deps: ManagedLoginDeps, signedIn: SignedIn): PageHandler {
  return async (request) => {
    const resolved = await pageClientOf(deps, request);
    if (isPageResult(resolved)) return resolved;
    const { client, pool, parameters, ctx } = resolved;
    if (pool.AdminCreateUserConfig?.AllowAdminCreateUserOnly) return refused(signUpNotPermitted().message);
    const usernameKind = usernameKindOf(pool);
    const form = { parameters, usernameKind, requiredAttributes: requiredAttributesOf(pool, usernameKind) };
    if (request.method !== 'POST') return page(signUpPage(form));

    const username = request.form.get(SIGN_UP.username) ?? '';
    const outcome = await runOperation<SignUpCommandOutput>(deps, ctx, 'SignUp', {
      ClientId: client.ClientId,
      Username: username,
      Password: request.form.get(SIGN_UP.password) ?? '',
      UserAttributes: attributesOf(request.form, usernameKind, username),
      ...secretHashFor(client, username),
    });
    if (outcome.error !== undefined) {
      const values = Object.fromEntries([...request.form].filter(([name]) => name !== SIGN_UP.password));
      return page(signUpPage({ ...form, error: outcome.error, values }), 400);
    }
    if (outcome.output.UserConfirmed) {
      const stored = await storedUsername(deps, ctx, pool.Id!, username);
      if (stored !== undefined) return signedIn(request, pool.Id!, stored, parameters);
    }
    return page(confirmPage({ parameters, username, delivery: outcome.output.CodeDeliveryDetails }));
  };
}

function page(html: string, status = 200): PageResult {
  return { kind: 'html', status, html };
}

/** The pool's required attributes the form asks for: not `sub` (Cognito makes it), nor the one the username is. */
export function requiredAttributesOf(pool: UserPool, kind: UsernameKind): string[] {
  const implied = { username: [], email: ['email'], phone: ['phone_number'], 'email-or-phone': [] }[kind] as string[];
  return schemaOf(pool)
    .filter(({ Name = '', Required }) => Required && Name !== 'sub' && !implied.includes(Name))
    .map(({ Name = '' }) => Name);
}

/** The form's `requiredAttributes[name]` fields, and the phone number a phone-as-username pool keeps from the username. */
function attributesOf(form: URLSearchParams, kind: UsernameKind, username: string): { Name: string; Value: string }[] {
  const given = [...form].flatMap(([field, Value]) => {
    const Name = ATTRIBUTE_FIELD.exec(field)?.[1];
    return Name === undefined ? [] : [{ Name, Value }];
  });
  const phone = kind === 'phone' || (kind === 'email-or-phone' && !username.includes('@'));
  return phone && !given.some(({ Name }) => Name === 'phone_number') ? [...given, { Name: 'phone_number', Value: username }] : given;
}

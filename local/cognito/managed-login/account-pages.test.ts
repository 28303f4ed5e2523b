import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { AppClient, Router, Services, User, UserPool } from '../cognito-local.ts';
import { cognitoRoutes } from '../cognito-routes.ts';
import { appClient, userWithAttributes } from '../testing/fake-cognito.ts';
import { functionArn } from '../testing/fake-lambda.ts';
import { AWS_DEFAULT_POLICY, operationTestbed } from '../testing/operation-testbed.ts';
import { text, withAttribute } from '../testing/page-markup.ts';
import { accountPages } from './account-pages.ts';
import { PASSWORDS_DIFFER } from './code-handlers.ts';
import type { ManagedLoginDeps } from './managed-login-deps.ts';
import type { PageRequest, PageResult, SignedIn } from './page-types.ts';
import { PoolOAuthStore } from '../pool-oauth-store.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ADA_SUB = '0a1b2c3d-0000-4000-8000-000000000001';
const PASSWORD = 'Correct-Horse-1';
const PARAMETERS = {
  client_id: 'client-1',
  response_type: 'code',
  redirect_uri: 'https://app.example/callback',
  state: 'st-1',
  scope: 'openid',
};

const testbed = operationTestbed();

/** No operation of cognito-local's own is called by the account pages. */
const noGuest: Router = (target) => async () => {
  throw new Error(`the account pages called ${target}, which is not ours`);
};

interface Setup {
  readonly pool?: Partial<UserPool>;
  readonly client?: Partial<AppClient>;
  readonly users?: User[];
  /** The pool's domain; undefined: the pool has none. */
  readonly domain?: string | null;
}

/**
 * The account pages over the real operations (cognito-routes.ts) and a fake store: an
 * email-as-username pool that verifies emails, with Cognito's default password policy, Ada
 * (confirmed, email verified) and client-1, an OAuth client whose callback is app.example's.
 */
function accountPagesOf({ pool = {}, client = {}, users, domain = 'local-domain' }: Setup = {}) {
  const fake = testbed.fake({
    users: users ?? [userWithAttributes(ADA_SUB, { email: 'ada@example.com', email_verified: 'true' })],
    pool: { UsernameAttributes: ['email'], AutoVerifiedAttributes: ['email'], Policies: { PasswordPolicy: AWS_DEFAULT_POLICY }, ...pool },
    clients: [appClient('client-1', { AllowedOAuthFlowsUserPoolClient: true, CallbackURLs: ['https://app.example/callback'], ...client })],
    otp: '654321',
  });
  const services = fake.deps as unknown as Services;
  const signedInAs: Array<[string, string, Record<string, string>]> = [];
  const signedIn: SignedIn = async (_request, userPoolId, username, parameters) => {
    signedInAs.push([userPoolId, username, Object.fromEntries(parameters)]);
    return { kind: 'redirect', location: 'https://app.example/callback?code=issued' };
  };
  const deps: ManagedLoginDeps = {
    services,
    triggers: fake.deps.triggers,
    router: cognitoRoutes(noGuest, services, fake.deps.triggers, new PoolOAuthStore(mkdtempSync(path.join(tmpdir(), 'account-pages-')))),
    configs: { settingsOf: async () => ({ ...(domain !== null && { domain }), resourceServers: [], identityProviders: [] }) },
    origin: 'https://127.0.0.1:9443',
    logger: pino({ level: 'silent' }),
    log: () => {},
  };
  return { ...fake, pages: accountPages(deps, signedIn), signedInAs };
}

function request(
  method: 'GET' | 'POST',
  path: string,
  form: Record<string, string> = {},
  query: Record<string, string> = PARAMETERS,
): PageRequest {
  return { method, path, query: new URLSearchParams(query), form: new URLSearchParams(form), headers: {}, cookies: {} };
}

async function visit(pages: ReturnType<typeof accountPagesOf>['pages'], page: PageRequest): Promise<PageResult> {
  return pages[page.path]!(page);
}

/** The page's HTML, or the test fails. */
function htmlOf(result: PageResult): string {
  if (result.kind !== 'html') throw new Error(`expected a page, got ${JSON.stringify(result)}`);
  return result.html;
}

describe('the account pages', () => {
  it("are served at Cognito's paths", () => {
    expect(Object.keys(accountPagesOf().pages).sort()).toEqual(
      ['/confirm', '/confirmForgotPassword', '/confirmforgotPassword', '/forgotPassword', '/resendcode', '/signup'].sort(),
    );
  });

  describe('refuse, with an error page and no redirect,', () => {
    const cases: Array<[string, Setup, Record<string, string>, string]> = [
      ['a request without client_id', {}, { response_type: 'code' }, 'Required parameters missing'],
      ['an unknown client', {}, { ...PARAMETERS, client_id: 'nobody' }, 'Client does not exist'],
      ['a client whose pool has no domain', { domain: null }, PARAMETERS, 'Client does not exist'],
      ['a client without OAuth', { client: { AllowedOAuthFlowsUserPoolClient: false } }, PARAMETERS, 'unauthorized_client'],
      ['a redirect_uri not among the callback URLs', {}, { ...PARAMETERS, redirect_uri: 'https://evil.example/cb' }, 'redirect_mismatch'],
    ];
    it.each(cases)('%s', async (_name, setup, query, message) => {
      const { pages } = accountPagesOf(setup);
      for (const path of ['/signup', '/forgotPassword', '/confirm']) {
        const result = await visit(pages, request('GET', path, {}, { ...query, username: 'ada@example.com' }));
        expect(result.kind === 'html' && result.status).toBe(400);
        expect(text(htmlOf(result))).toContain(message);
      }
    });
  });

  describe('/signup', () => {
    it("asks for the pool's required attributes and an email where the pool signs in by email", async () => {
      const schema = [
        { Name: 'sub', Required: true },
        { Name: 'email', Required: true },
        { Name: 'name', Required: true },
        { Name: 'nickname', Required: false },
      ];
      const html = htmlOf(await visit(accountPagesOf({ pool: { SchemaAttributes: schema } }).pages, request('GET', '/signup')));
      expect(withAttribute(html, 'name', 'username')[0]!.attributes.type).toBe('email');
      expect(withAttribute(html, 'name', 'requiredAttributes[name]')).toHaveLength(1);
      expect(html).not.toContain('requiredAttributes[email]');
      expect(html).not.toContain('requiredAttributes[nickname]');
    });

    it('signs a user up UNCONFIRMED through SignUp, and asks for the code it sent (masked, as SignUp answers)', async () => {
      const { pages, stored, delivered, signedInAs } = accountPagesOf();
      const result = await visit(pages, request('POST', '/signup', { username: 'grace@example.com', password: PASSWORD }));
      const html = htmlOf(result);
      expect(text(html)).toContain('We have sent a code by email to g***@e***.');
      expect(withAttribute(html, 'name', 'username')[0]!.attributes.value).toBe('grace@example.com');
      const grace = [...stored.values()].find((user) => user.Attributes.some(({ Value }) => Value === 'grace@example.com'));
      expect(grace).toMatchObject({ UserStatus: 'UNCONFIRMED', ConfirmationCode: '654321' });
      expect(delivered.map((call) => [call[1], call[5]])).toEqual([['SignUp', '654321']]);
      expect(signedInAs).toEqual([]);
    });

    it("shows Cognito's refusal (the password policy) on the form again, keeping what was typed but the password", async () => {
      const { pages, stored } = accountPagesOf();
      const result = await visit(pages, request('POST', '/signup', { username: 'grace@example.com', password: 'short' }));
      expect(result.kind === 'html' && result.status).toBe(400);
      const html = htmlOf(result);
      expect(text(html)).toMatch(/Password did not conform with policy/);
      expect(withAttribute(html, 'name', 'username')[0]!.attributes.value).toBe('grace@example.com');
      expect(html).not.toContain('short');
      expect(stored.size).toBe(1);
    });

    it("signs in a user PreSignUp confirms at once, by the pool's Username for them, with the authorize parameters", async () => {
      const { pages, signedInAs, stored } = accountPagesOf({ pool: { LambdaConfig: { PreSignUp: functionArn('pages-pre-sign-up') } } });
      testbed.lambda().handle('pages-pre-sign-up', (event) => ({ ...event, response: { autoConfirmUser: true } }));
      const result = await visit(pages, request('POST', '/signup', { username: 'grace@example.com', password: PASSWORD }));
      expect(result).toEqual({ kind: 'redirect', location: 'https://app.example/callback?code=issued' });
      const grace = [...stored.values()].find((user) => user.Attributes.some(({ Value }) => Value === 'grace@example.com'))!;
      expect(signedInAs).toEqual([['local_Pool1', grace.Username, PARAMETERS]]);
      expect(grace.Username).not.toBe('grace@example.com');
    });

    it("sends the SECRET_HASH of a client with a secret, as Cognito's own page knows it", async () => {
      const { pages, stored } = accountPagesOf({ client: { ClientSecret: 'client-secret' } });
      htmlOf(await visit(pages, request('POST', '/signup', { username: 'grace@example.com', password: PASSWORD })));
      expect(stored.size).toBe(2);
    });

    it('takes the phone number from the username where the pool signs in by phone', async () => {
      const { pages, stored } = accountPagesOf({
        pool: { UsernameAttributes: ['phone_number'], AutoVerifiedAttributes: ['phone_number'] },
        users: [],
      });
      htmlOf(await visit(pages, request('POST', '/signup', { username: '+15555550100', password: PASSWORD })));
      expect([...stored.values()][0]!.Attributes).toContainEqual({ Name: 'phone_number', Value: '+15555550100' });
    });

    it('is refused where only administrators create users', async () => {
      const { pages } = accountPagesOf({ pool: { AdminCreateUserConfig: { AllowAdminCreateUserOnly: true } } });
      for (const method of ['GET', 'POST'] as const) {
        const result = await visit(pages, request(method, '/signup', { username: 'grace@example.com', password: PASSWORD }));
        expect(result.kind === 'html' && result.status).toBe(400);
        expect(text(htmlOf(result))).toContain('SignUp is not permitted for this user pool');
      }
    });
  });

  describe('/confirm and /resendcode', () => {
    const pending = () =>
      userWithAttributes(
        '0a1b2c3d-0000-4000-8000-000000000002',
        { email: 'grace@example.com' },
        { UserStatus: 'UNCONFIRMED', ConfirmationCode: '111111' },
      );

    it('confirms the user with the code and signs them in, as the classic hosted UI does after a sign-up', async () => {
      const { pages, stored, signedInAs } = accountPagesOf({ users: [pending()] });
      const result = await visit(pages, request('POST', '/confirm', { username: 'grace@example.com', confirmation_code: '111111' }));
      expect(result.kind).toBe('redirect');
      expect(stored.get('0a1b2c3d-0000-4000-8000-000000000002')!.UserStatus).toBe('CONFIRMED');
      expect(signedInAs).toEqual([['local_Pool1', '0a1b2c3d-0000-4000-8000-000000000002', PARAMETERS]]);
    });

    it("shows ConfirmSignUp's refusal of a wrong code on the page", async () => {
      const { pages, signedInAs } = accountPagesOf({ users: [pending()] });
      const result = await visit(pages, request('POST', '/confirm', { username: 'grace@example.com', confirmation_code: '999999' }));
      expect(text(htmlOf(result))).toContain('Invalid verification code provided, please try again.');
      expect(signedInAs).toEqual([]);
    });

    it('sends a new code and says where', async () => {
      const { pages, stored } = accountPagesOf({ users: [pending()] });
      const html = htmlOf(await visit(pages, request('GET', '/resendcode', {}, { ...PARAMETERS, username: 'grace@example.com' })));
      expect(text(html)).toContain('We have sent a code by email to g***@e***.');
      expect(stored.get('0a1b2c3d-0000-4000-8000-000000000002')!.ConfirmationCode).toBe('654321');
    });
  });

  describe('/forgotPassword and /confirmforgotPassword', () => {
    it('sends a reset code, then sets the new password with it and goes back to /login with the authorize parameters', async () => {
      const { pages, stored } = accountPagesOf();
      const sent = htmlOf(await visit(pages, request('POST', '/forgotPassword', { username: 'ada@example.com' })));
      expect(text(sent)).toContain('We have sent a code by email to a***@e***.');
      const reset = { username: 'ada@example.com', code: '654321', password: 'New-Horse-2', confirmPassword: 'New-Horse-2' };
      const result = await visit(pages, request('POST', '/confirmforgotPassword', reset));
      expect(result).toEqual({ kind: 'redirect', location: `/login?${new URLSearchParams(PARAMETERS)}` });
      expect(stored.get(ADA_SUB)!.Password).toBe('New-Horse-2');
    });

    it('refuses two different passwords before asking Cognito', async () => {
      const { pages, stored } = accountPagesOf();
      await visit(pages, request('POST', '/forgotPassword', { username: 'ada@example.com' }));
      const reset = { username: 'ada@example.com', code: '654321', password: 'New-Horse-2', confirmPassword: 'New-Horse-3' };
      expect(text(htmlOf(await visit(pages, request('POST', '/confirmforgotPassword', reset))))).toContain(PASSWORDS_DIFFER);
      expect(stored.get(ADA_SUB)!.Password).toBe(PASSWORD);
    });

    it('hides whether the user exists where the client prevents user existence errors, and tells where it does not', async () => {
      const hidden = accountPagesOf({ client: { PreventUserExistenceErrors: 'ENABLED' } });
      const simulated = htmlOf(await visit(hidden.pages, request('POST', '/forgotPassword', { username: 'nobody@example.com' })));
      expect(withAttribute(simulated, 'id', 'forgot_password_code')).toHaveLength(1);
      const legacy = accountPagesOf({ client: { PreventUserExistenceErrors: 'LEGACY' } });
      const told = htmlOf(await visit(legacy.pages, request('POST', '/forgotPassword', { username: 'nobody@example.com' })));
      expect(text(told)).toContain('Username/client id combination not found.');
    });
  });
});

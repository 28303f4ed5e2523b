import { usernameTaken, noAttributeToVerify, usernameShouldBeEmail } from '../cognito-answers.ts';
import { randomUUID } from 'node:crypto';
import type { SignUpCommandInput, SignUpCommandOutput } from '@aws-sdk/client-cognito-identity-provider';
import { selectAppropriateDeliveryMethod, type User, type UserPool } from '../cognito-local.ts';
import { refuseSchemaViolationsOnCreate, refuseUnwritableAttributes } from '../rules/attribute-rules.ts';
import { refuseWrongSecretHash } from '../rules/client-secret-rules.ts';
import { refuseSelfSignUp, refuseWeakPassword } from '../rules/cognito-rules.ts';
import { maskedDelivery } from '../rules/masked-destinations.ts';
import type { SignUpFlags } from '../triggers/pool-triggers.ts';
import { clientOf } from './client-of.ts';
import type { Operation, OperationDeps } from './operation-deps.ts';

type Attributes = User['Attributes'];

/**
 * SignUp: a new user of the app client's pool, UNCONFIRMED until the code it is sent confirms
 * them, or confirmed at once by the pool's PreSignUp trigger. Cognito's rules, in the order the
 * conformance suite pins: the client's SECRET_HASH, self sign-up allowed, the schema, the
 * client's WriteAttributes, the password policy, a name not taken (and an email where the pool
 * signs in by email); then PreSignUp, the code's message, one save, PostConfirmation.
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SignUp.html
 */
export const signUp: Operation<
  SignUpCommandInput,
  SignUpCommandOutput,
  Pick<OperationDeps, 'cognito' | 'clock' | 'otp' | 'messages' | 'triggers'>
> = async (deps, ctx, input) => {
  const { ClientId: clientId = '', Username: name = '', Password: password = '', ClientMetadata: clientMetadata } = input;
  const { pool, client } = await clientOf(deps.cognito, ctx, clientId);
  const options = pool.options;
  const given = input.UserAttributes ?? [];
  refuseWrongSecretHash(client, input.SecretHash, [name]);
  refuseSelfSignUp(options);
  refuseSchemaViolationsOnCreate(options, given);
  refuseUnwritableAttributes(client, given);
  refuseWeakPassword(options, password);
  // An email-as-username pool keeps the email as an attribute and the `sub` as the username.
  const emailUsername = options.UsernameAttributes?.includes('email') === true;
  if (await pool.getUserByUsername(ctx, name)) throw usernameTaken(emailUsername);
  if (emailUsername && !name.includes('@')) throw usernameShouldBeEmail();

  const sub = randomUUID();
  let attributes: Attributes = [
    { Name: 'sub', Value: sub },
    ...given.flatMap(({ Name = '', Value }) => (Name === 'sub' ? [] : [{ Name, Value }])),
  ];
  if (emailUsername && !given.some((attribute) => attribute.Name === 'email')) attributes.push({ Name: 'email', Value: name });
  const username = emailUsername ? sub : name;

  const flags = deps.triggers.has(options, 'PreSignUp')
    ? await deps.triggers.runPreSignUp(options, {
        source: 'PreSignUp_SignUp',
        clientId,
        clientMetadata,
        userAttributes: attributes,
        username,
        userPoolId: options.Id,
        validationData: input.ValidationData && Object.fromEntries(input.ValidationData.map(({ Name = '', Value = '' }) => [Name, Value])),
      })
    : undefined;
  attributes = verifiedAsTheTriggerSays(attributes, flags);
  const now = deps.clock.get();
  const user: User = {
    Username: username,
    Password: password,
    Attributes: attributes,
    UserStatus: flags?.autoConfirmUser ? 'CONFIRMED' : 'UNCONFIRMED',
    Enabled: true,
    RefreshTokens: [],
    UserCreateDate: now,
    UserLastModifiedDate: now,
  };
  const code = deps.otp();
  const delivery = codeDelivery(options, user);
  // Delivered before the user is saved: a CustomMessage trigger that fails leaves no user.
  if (delivery) await deps.messages.deliver(ctx, 'SignUp', clientId, options.Id, user, code, clientMetadata, delivery, options);
  await pool.saveUser(ctx, { ...user, ConfirmationCode: code });
  if (user.UserStatus === 'CONFIRMED' && deps.triggers.has(options, 'PostConfirmation')) {
    await deps.triggers.runPostConfirmation(options, {
      source: 'PostConfirmation_ConfirmSignUp',
      clientId,
      clientMetadata,
      username,
      userPoolId: options.Id,
      userAttributes: attributes,
    });
  }
  return {
    UserConfirmed: user.UserStatus === 'CONFIRMED',
    UserSub: sub,
    ...(delivery && { CodeDeliveryDetails: maskedDelivery(delivery) }),
  };
};

/** The attributes with `email_verified` / `phone_number_verified` set where PreSignUp's answer says. */
function verifiedAsTheTriggerSays(attributes: Attributes, flags: SignUpFlags | undefined): Attributes {
  const has = (name: string) => attributes.some((attribute) => attribute.Name === name && attribute.Value);
  const verified = [
    flags?.autoVerifyEmail && has('email') && 'email_verified',
    flags?.autoVerifyPhone && has('phone_number') && 'phone_number_verified',
  ];
  const names = verified.filter((name): name is string => typeof name === 'string');
  return [...attributes.filter((attribute) => !names.includes(attribute.Name)), ...names.map((Name) => ({ Name, Value: 'true' }))];
}

/**
 * Where the sign-up code goes: the first of the pool's AutoVerifiedAttributes the user has (the
 * phone before the email). A pool that verifies nothing sends no code; one that verifies an
 * attribute the user lacks refuses the sign-up (cognito-local's answer, kept).
 */
function codeDelivery(pool: UserPool, user: User) {
  const verified = pool.AutoVerifiedAttributes ?? [];
  const delivery = selectAppropriateDeliveryMethod(verified, user);
  if (!delivery && verified.length > 0) throw noAttributeToVerify();
  return delivery ?? undefined;
}

import type { CodeDeliveryDetailsType } from '@aws-sdk/client-cognito-identity-provider';
import type { Route } from '../cognito-local.ts';

/** What an answer already masked looks like: `a***@e***`, `+*******1234`. */
const MASKED = /^(.?\*\*\*@.?\*\*\*|\+\*+\d{0,4})$/;

/**
 * Where a code went, as Cognito shows it to the client: an email as the first letter of the
 * local part and of the domain (`a***@e***`), a phone number as `+`, one `*` per digit, then the
 * last four digits (`+*******1234`). Undocumented edges, on the strict side: a phone number of
 * four digits or fewer shows none; an empty local part or domain shows only `***`.
 */
export function maskedDestination(destination: string): string {
  if (MASKED.test(destination)) return destination;
  const at = destination.lastIndexOf('@');
  if (at >= 0) return `${destination.slice(0, Math.min(1, at))}***@${destination.slice(at + 1, at + 2)}***`;
  const digits = destination.replace(/\D/g, '');
  const shown = digits.length > 4 ? digits.slice(-4) : '';
  return `+${'*'.repeat(digits.length - shown.length)}${shown}`;
}

/** Where a code went, as the client is told it: its Destination masked (maskedDestination). */
export const maskedDelivery = (details: CodeDeliveryDetailsType): CodeDeliveryDetailsType =>
  typeof details?.Destination === 'string' ? { ...details, Destination: maskedDestination(details.Destination) } : details;

/**
 * Every answer that says where a code went masks the address, as Cognito does
 * (CodeDeliveryDetails of SignUp, ResendConfirmationCode, ForgotPassword,
 * GetUserAttributeVerificationCode; UpdateUserAttributes' CodeDeliveryDetailsList; an MFA
 * challenge's CODE_DELIVERY_DESTINATION). The dev inbox still gets the real address: the
 * message is delivered before the answer is masked.
 */
export const maskDestinations =
  (route: Route): Route =>
  async (ctx, req) => {
    const answer = await route(ctx, req);
    if (typeof answer !== 'object' || answer === null) return answer;
    const { CodeDeliveryDetails, CodeDeliveryDetailsList, ChallengeParameters } = answer;
    return {
      ...answer,
      ...(CodeDeliveryDetails && { CodeDeliveryDetails: maskedDelivery(CodeDeliveryDetails) }),
      ...(Array.isArray(CodeDeliveryDetailsList) && { CodeDeliveryDetailsList: CodeDeliveryDetailsList.map(maskedDelivery) }),
      ...(typeof ChallengeParameters?.CODE_DELIVERY_DESTINATION === 'string' && {
        ChallengeParameters: {
          ...ChallengeParameters,
          CODE_DELIVERY_DESTINATION: maskedDestination(ChallengeParameters.CODE_DELIVERY_DESTINATION),
        },
      }),
    };
  };

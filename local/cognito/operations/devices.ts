import type { ListDevicesResponse } from '@aws-sdk/client-cognito-identity-provider';
import type { Context, Route, Services } from '../cognito-local.ts';
import { accessTokenUser } from '../rules/access-tokens.ts';
import { adminUser } from '../rules/admin-users.ts';
import { deviceDoesNotExist, notEmulated } from '../cognito-answers.ts';

type DeviceRequest = { AccessToken?: string; UserPoolId?: string; Username?: string };

/**
 * The device operations as Cognito answers them for a pool that remembers no devices (device
 * tracking off: no DeviceConfiguration, the only kind of pool the emulator keeps): no device is
 * listed, and any device key names a device that does not exist
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-device-tracking.html,
 * https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListDevices.html).
 * The access token (the admin forms: the user) is checked first, as for any user operation;
 * GetDevice and ForgetDevice, whose AccessToken the API marks optional, need one here too.
 */
export function deviceOperations(services: Pick<Services, 'cognito' | 'clock'>): Record<string, Route> {
  const tokenUser = (ctx: Context, req: DeviceRequest) => accessTokenUser(services, ctx, req.AccessToken ?? '');
  const namedUser = (ctx: Context, req: DeviceRequest) => adminUser(services, ctx, req);
  type Who = (ctx: Context, req: DeviceRequest) => Promise<unknown>;
  const listed = (who: Who) => async (ctx: Context, req: DeviceRequest) => {
    await who(ctx, req);
    return { Devices: [] } satisfies ListDevicesResponse;
  };
  const missing = (who: Who) => async (ctx: Context, req: DeviceRequest) => {
    await who(ctx, req);
    throw deviceDoesNotExist();
  };
  return {
    ListDevices: listed(tokenUser),
    AdminListDevices: listed(namedUser),
    GetDevice: missing(tokenUser),
    ForgetDevice: missing(tokenUser),
    UpdateDeviceStatus: missing(tokenUser),
    ConfirmDevice: missing(tokenUser),
    AdminGetDevice: missing(namedUser),
    AdminForgetDevice: missing(namedUser),
    AdminUpdateDeviceStatus: missing(namedUser),
  };
}

/**
 * CreateUserPool and UpdateUserPool refuse a DeviceConfiguration (device tracking on): the
 * emulator remembers no devices, so sign-in would never issue NewDeviceMetadata nor ask
 * DEVICE_SRP_AUTH as Cognito does, and Amplify's rememberDevice would fail.
 */
export function refuseDeviceTracking(configuration: object | undefined | null): void {
  if (configuration !== undefined && configuration !== null) {
    throw notEmulated(
      'the local Cognito emulator does not remember devices (DeviceConfiguration). Leave DeviceConfiguration out of the user pool (device tracking off) to run it locally; the device operations then answer as Cognito does for such a pool.',
    );
  }
}

import { describe, expect, it } from 'vitest';
import { signedAccessToken } from '../testing/access-token.ts';
import { ctx, fakeCognito, poolUser, rejection } from '../testing/fake-cognito.ts';
import { deviceOperations } from './devices.ts';

const ada = poolUser('4f1c2a4e-0000-4000-8000-000000000001', 'ada@example.com', 'CONFIRMED');
const operations = () =>
  deviceOperations(fakeCognito({ users: [ada], pool: { Id: 'local_Pool1', UsernameAttributes: ['email'] } }).services);
const DeviceKey = 'eu-west-1_0f6c6f3c-0000-4000-8000-000000000000';
const AccessToken = () => signedAccessToken(ada.Username, 'client-1');
const admin = { UserPoolId: 'local_Pool1', Username: 'ada@example.com' };

describe('device operations with device tracking off', () => {
  it('lists no devices, for the user and for an administrator', async () => {
    const ops = operations();
    expect(await ops.ListDevices!(ctx, { AccessToken: AccessToken() })).toEqual({ Devices: [] });
    expect(await ops.AdminListDevices!(ctx, admin)).toEqual({ Devices: [] });
  });

  it.each(['GetDevice', 'ForgetDevice', 'UpdateDeviceStatus', 'ConfirmDevice'])(
    '%s answers that the device does not exist',
    async (operation) => {
      const error = await rejection(operations()[operation]!(ctx, { AccessToken: AccessToken(), DeviceKey }));
      expect([error.code, error.message]).toEqual(['ResourceNotFoundException', 'Device does not exist.']);
    },
  );

  it.each(['AdminGetDevice', 'AdminForgetDevice', 'AdminUpdateDeviceStatus'])(
    '%s answers that the device does not exist',
    async (operation) => {
      const error = await rejection(operations()[operation]!(ctx, { ...admin, DeviceKey }));
      expect([error.code, error.message]).toEqual(['ResourceNotFoundException', 'Device does not exist.']);
    },
  );

  it.each(['ListDevices', 'GetDevice', 'ForgetDevice', 'UpdateDeviceStatus', 'ConfirmDevice'])(
    '%s refuses an invalid access token first',
    async (operation) => {
      const error = await rejection(operations()[operation]!(ctx, { AccessToken: 'not-a-jwt', DeviceKey }));
      expect([error.code, error.message]).toEqual(['NotAuthorizedException', 'Invalid Access Token']);
    },
  );

  it.each(['AdminListDevices', 'AdminGetDevice', 'AdminForgetDevice', 'AdminUpdateDeviceStatus'])(
    '%s answers an unknown user first',
    async (operation) => {
      const error = await rejection(operations()[operation]!(ctx, { ...admin, Username: 'grace@example.com', DeviceKey }));
      expect([error.code, error.message]).toEqual(['UserNotFoundException', 'User does not exist.']);
    },
  );
});

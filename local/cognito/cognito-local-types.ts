// cognito-local's types the emulator builds on. With cognito-local.ts, the only module that
// reaches into cognito-local's lib/ (not a public API: cognito-local-contract.test.ts checks it).
export type { AppClient } from 'cognito-local/lib/services/appClient.js';
export type { CognitoService } from 'cognito-local/lib/services/cognitoService.js';
export type { Context } from 'cognito-local/lib/services/context.js';
export type { DataStore } from 'cognito-local/lib/services/dataStore/dataStore.js';
export type { DataStoreFactory } from 'cognito-local/lib/services/dataStore/factory.js';
export type { LogService } from 'cognito-local/lib/services/LogService.js';
export type { DeliveryDetails } from 'cognito-local/lib/services/messageDelivery/messageDelivery.js';
export type { Messages } from 'cognito-local/lib/services/messages.js';
export type { Route, Router } from 'cognito-local/lib/server/Router.js';
export type { TokenGenerator, Tokens } from 'cognito-local/lib/services/tokenGenerator.js';
export type { User, UserPool, UserPoolService, UserPoolServiceFactory } from 'cognito-local/lib/services/userPoolService.js';
export type { Triggers } from 'cognito-local/lib/services/triggers/triggers.js';

import type { Clock as CognitoLocalClock } from 'cognito-local/lib/services/clock.js';
import type { Services as CognitoLocalServices } from 'cognito-local/lib/services/index.js';
import type { Clock as LocalClock } from '../clock.ts';

/** The local stack's clock (epoch ms, `now()`) as cognito-local's too (a Date, `get()`): one time for its code and ours. */
export type Clock = CognitoLocalClock & LocalClock;

/** cognito-local's services, with the local stack's clock. */
export type Services = Omit<CognitoLocalServices, 'clock'> & { readonly clock: Clock };

import type { Route } from 'cognito-local/lib/server/Router.js';

/** A rule in front of an operation's route: it checks the request, then hands it on (or refuses it). */
export type Wrapper = (route: Route) => Route;

// CreateUserPool is ours now (operations/create-user-pool.ts); the front door (emulator-http.ts)
// still imports the signing region's helper from here.
export { withSigningRegion } from '../signed-region.ts';

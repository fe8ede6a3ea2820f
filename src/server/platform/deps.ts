/**
 * The dependency bag every feature receives: the database, the clock and the configuration. It lives below the
 * features (not in app.ts, which imports them all) so that no feature imports the module that builds the app.
 */
import type { Db } from '../db/client';
import type { Clock } from './clock';
import type { Config } from './config';

export interface AppDeps {
  db: Db;
  clock: Clock;
  config: Config;
}

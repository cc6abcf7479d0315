/**
 * Every module of the server, in the order their routes register. Adding a module is one folder
 * under `modules/` with an `index.ts` definition (platform/kit/module.ts) plus one line here.
 * (`demo` is not a module: it seeds the demo city through the modules' exported functions.)
 */
import type { ModuleDefinition } from '../platform/kit/module.js';
import { regionsModule } from './regions/index.js';
import { gridsModule } from './grids/index.js';
import { usersModule } from './users/index.js';
import { departmentsModule } from './departments/index.js';
import { registersModule } from './registers/index.js';
import { importsModule } from './imports/index.js';
import { exportsModule } from './exports/index.js';
import { ticketsModule } from './tickets/index.js';
import { open311Module } from './open311/index.js';
import { dashboardModule } from './dashboard/index.js';
import { formsModule } from './forms/index.js';
import { announcementsModule } from './announcements/index.js';
import { keypersonsModule } from './keypersons/index.js';
import { disputesModule } from './disputes/index.js';
import { basemapModule } from './basemap/index.js';
import { navigationModule } from './navigation/index.js';
import { accessModule } from './access/index.js';
import { warningsModule } from './warnings/index.js';
import { petitionsModule } from './petitions/index.js';
import { reservationsModule } from './reservations/index.js';
import { campaignsModule } from './campaigns/index.js';
import { declarationsModule } from './declarations/index.js';
import { enterprisesModule } from './enterprises/index.js';
import { publicinfoModule } from './publicinfo/index.js';
import { arrivalsModule } from './arrivals/index.js';
import { checkinsModule } from './checkins/index.js';
import { tracingModule } from './tracing/index.js';
import { quarantineModule } from './quarantine/index.js';
import { healthcodeModule } from './healthcode/index.js';
import { suppliesModule } from './supplies/index.js';
import { emergencyModule } from './emergency/index.js';
import { broadcastModule } from './broadcast/index.js';
import { calloutsModule } from './callouts/index.js';
import { devicesModule } from './devices/index.js';
import { sensingModule } from './sensing/index.js';
import { watchlistModule } from './watchlist/index.js';

export const MODULES: readonly ModuleDefinition[] = [
  regionsModule,
  gridsModule,
  usersModule,
  departmentsModule,
  registersModule,
  importsModule,
  exportsModule,
  ticketsModule,
  open311Module,
  dashboardModule,
  formsModule,
  announcementsModule,
  keypersonsModule,
  disputesModule,
  basemapModule,
  navigationModule,
  accessModule,
  warningsModule,
  petitionsModule,
  reservationsModule,
  campaignsModule,
  declarationsModule,
  enterprisesModule,
  publicinfoModule,
  arrivalsModule,
  checkinsModule,
  tracingModule,
  quarantineModule,
  healthcodeModule,
  suppliesModule,
  emergencyModule,
  broadcastModule,
  calloutsModule,
  devicesModule,
  sensingModule,
  watchlistModule,
];

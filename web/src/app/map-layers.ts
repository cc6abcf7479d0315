/**
 * The count layers the console's maps offer (the grid map, the dashboard map): a figure per
 * grid, each shown only to those holding its permission and loaded from a route the server
 * scopes like the feature's list. A feature adds its layer here (one line).
 */
import type { CountLayerSpec } from '../shared/map/count-layers';
import { keypersonsLayer } from '../features/keypersons/map-layer';
import { disputesLayer } from '../features/disputes/map-layer';
import { warningsLayer } from '../features/warnings/map-layer';
import { casesLayer, contactsLayer } from '../features/tracing/map-layers';
import { alarmsLayer } from '../features/sensing/map-layer';

export const COUNT_LAYERS: readonly CountLayerSpec[] = [keypersonsLayer, disputesLayer, warningsLayer, casesLayer, contactsLayer, alarmsLayer];

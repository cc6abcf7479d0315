/**
 * Types of the HTTP API as the console uses them, derived from the shared zod schemas.
 * Anything defined by hand here is missing from @gridgov/contracts and is marked so.
 */
import type { z } from 'zod';
import type {
  Region,
  auditListQuery,
  changePasswordRequest,
  createGridRequest,
  createRegionRequest,
  createUserRequest,
  gridLookupResponse,
  gridWriteResponse,
  loginRequest,
  loginResponse,
  mapConfig,
  resetPasswordRequest,
  enrolmentCompleteRequest,
  enrolmentInspectRequest,
  updateGridRequest,
  updateRegionRequest,
  updateUserRequest,
  warning,
} from '@gridgov/contracts';

export type LoginRequest = z.input<typeof loginRequest>;
export type LoginResponse = z.output<typeof loginResponse>;
export type EnrolmentInspectRequest = z.input<typeof enrolmentInspectRequest>;
export type EnrolmentCompleteRequest = z.input<typeof enrolmentCompleteRequest>;
export type ChangePasswordRequest = z.input<typeof changePasswordRequest>;
export type CreateRegionRequest = z.input<typeof createRegionRequest>;
export type UpdateRegionRequest = z.input<typeof updateRegionRequest>;
export type CreateGridRequest = z.input<typeof createGridRequest>;
export type UpdateGridRequest = z.input<typeof updateGridRequest>;
export type CreateUserRequest = z.input<typeof createUserRequest>;
export type UpdateUserRequest = z.input<typeof updateUserRequest>;
export type ResetPasswordRequest = z.input<typeof resetPasswordRequest>;
export type AuditListQuery = Partial<z.output<typeof auditListQuery>>;
export type MapConfig = z.output<typeof mapConfig>;
export type Warning = z.output<typeof warning>;
export type GridLookupResponse = z.output<typeof gridLookupResponse>;
export type GridWriteResponse = z.output<typeof gridWriteResponse>;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** GET /api/regions/:code — not in contracts as a schema (region plus its ancestors). */
export type RegionDetail = Region & { path: Region[] };


/** GET /api/grids/geojson — not in contracts as a schema. */
export type GridFeatureProperties = {
  id: string;
  code: string;
  name: string;
  regionCode: string;
  targetHouseholds: number;
};

export type GridFeature = {
  type: 'Feature';
  id?: string | number;
  properties: GridFeatureProperties;
  geometry: { type: 'Polygon'; coordinates: [number, number][][] };
};

export type GridFeatureCollection = {
  type: 'FeatureCollection';
  features: GridFeature[];
};

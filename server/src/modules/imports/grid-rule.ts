/**
 * Where an import's rows get their grid (contracts' `ImportGridRule`): a grid-code column, one
 * grid for every row, a column of grid names, or an address column matched against the
 * buildings register (a point, where the row gives one, placed in the grid that contains it).
 * Every lookup is limited to the importer's scope; a row whose grid is not found fails with a
 * reason of its own, never lands in a guessed grid.
 *
 * A row's grid is named by a key (its code, its grid name, its address and point): keys are
 * resolved per batch and remembered for the whole import, for residents and the other
 * registers alike.
 */
import type { ErrorCode, ImportGridRule, ImportGridRuleKind } from '@gridgov/contracts';
import type { Actor } from '../../platform/context.js';
import type { Db } from '../../platform/db/client.js';
import { AppError } from '../../platform/errors.js';
import { pointInPolygon } from '../../platform/geo/polygon.js';
import { gridBoundariesInScope, gridsByCode, gridsByName, gridsInScope, type GridRef } from '../grids/queries.js';
import { buildingPlacesInScope } from '../registers/buildings.js';
import { checkMapping, type FieldSpec } from './fields.js';
import type { RowIssue } from './row-issues.js';
import type { SheetRow } from './sheet-row.js';

export const CODE_RULE: ImportGridRule = { by: 'code' };
export const EVERY_GRID_RULE: readonly ImportGridRuleKind[] = ['code', 'fixed', 'name', 'address'];

/** The rule an import runs with (imports started before rules existed named grids by code). */
export function gridRuleOf(job: { gridRule: unknown }): ImportGridRule {
  return (job.gridRule as ImportGridRule | null) ?? CODE_RULE;
}

/** The columns a rule reads besides the mapping. */
function ruleColumns(rule: ImportGridRule): string[] {
  if (rule.by === 'name') return [rule.column];
  if (rule.by === 'address') return [rule.column, ...(rule.lon ? [rule.lon] : []), ...(rule.lat ? [rule.lat] : [])];
  return [];
}

/**
 * Checks a mapping with its grid rule and returns the mapping to store: a rule other than `code`
 * makes the grid-code column unnecessary (and ignored), a rule must be one the register offers,
 * its columns must exist, and a fixed grid must be in the importer's scope.
 */
export async function checkGridMapping(
  db: Db,
  actor: Actor,
  target: { fields: readonly FieldSpec[]; gridRules: readonly ImportGridRuleKind[] },
  columns: readonly string[],
  mapping: Record<string, string>,
  rule: ImportGridRule,
): Promise<Record<string, string>> {
  // A kind that places its rows itself offers no rule: only the default (`code`) is accepted, and means none.
  if (target.gridRules.length === 0 && rule.by === 'code') {
    checkMapping(target.fields, columns, mapping);
    return mapping;
  }
  if (!target.gridRules.includes(rule.by)) throw new AppError('IMPORT_GRID_RULE_INVALID', { rule: rule.by });
  const missing = ruleColumns(rule).filter((c) => !columns.includes(c));
  if (missing.length) throw new AppError('IMPORT_GRID_RULE_INVALID', { missingColumns: missing });
  if (rule.by === 'code') {
    checkMapping(target.fields, columns, mapping);
    return mapping;
  }
  const { gridCode: _ignored, ...rest } = mapping;
  checkMapping(target.fields, columns, rest, new Set(['gridCode']));
  if (rule.by === 'fixed' && !(await gridsInScope(db, actor, [rule.gridId])).has(rule.gridId)) throw new AppError('IMPORT_GRID_OUT_OF_SCOPE');
  return rest;
}

/** Addresses compared without spaces, punctuation or full-width forms. */
export function addressKey(value: string): string {
  return value.normalize('NFKC').replace(/[\s,，.。;；:：、#＃\-—–()（）[\]【】"'“”]/g, '');
}

const NUMBER = /^[-+]?\d+(\.\d+)?$/;

/** Reads the key of a row's grid under a rule; an empty cell the rule needs is a row problem. */
export class GridKeyReader {
  private readonly at: Record<string, number>;

  constructor(
    readonly rule: ImportGridRule,
    columns: readonly string[],
  ) {
    this.at = Object.fromEntries(ruleColumns(rule).map((c) => [c, columns.indexOf(c)]));
  }

  private cell(row: SheetRow, column: string | undefined): string {
    return column === undefined ? '' : (row.cells[this.at[column] ?? -1] ?? '').normalize('NFKC').trim();
  }

  /** The row's key, or null (with an issue unless the grid-code column already reported it). */
  read(row: SheetRow, values: Record<string, string | null>, issues: RowIssue[]): string | null {
    const rule = this.rule;
    switch (rule.by) {
      case 'code':
        return values.gridCode ?? null;
      case 'fixed':
        return rule.gridId;
      case 'name': {
        const name = this.cell(row, rule.column);
        if (!name) issues.push({ row: row.row, column: rule.column, field: null, code: 'IMPORT_CELL_REQUIRED' });
        return name || null;
      }
      case 'address': {
        const address = addressKey(this.cell(row, rule.column));
        const lon = this.cell(row, rule.lon);
        const lat = this.cell(row, rule.lat);
        const point = NUMBER.test(lon) && NUMBER.test(lat) ? `${Number(lon)},${Number(lat)}` : '';
        if (!address && !point) {
          issues.push({ row: row.row, column: rule.column, field: null, code: 'IMPORT_CELL_REQUIRED' });
          return null;
        }
        return `${point}\u0000${address}`;
      }
    }
  }
}

/** Longest building name or address that an address starts with, read from its start or after an administrative word. */
function matchAddress(address: string, places: ReadonlyMap<string, ReadonlySet<string>>): ReadonlySet<string> | null {
  const starts = [0];
  for (let i = 0; i < address.length - 1; i++) if ('省市区县镇乡道'.includes(address[i]!)) starts.push(i + 1);
  let best: { length: number; grids: ReadonlySet<string> } | null = null;
  for (const start of starts) {
    for (let end = address.length; end - start >= 2 && end - start > (best?.length ?? 0); end--) {
      const grids = places.get(address.slice(start, end));
      if (grids) {
        best = { length: end - start, grids };
        break;
      }
    }
  }
  return best?.grids ?? null;
}

/** The grids of rows' keys under a rule, looked up in the importer's scope and remembered for the import. */
export class GridResolver {
  private readonly found = new Map<string, GridRef | null>();
  private places: Promise<{ grids: Array<GridRef & { boundary: { coordinates: number[][][] } }>; byId: Map<string, GridRef>; addresses: Map<string, Set<string>> }> | null = null;

  constructor(
    private readonly actor: Actor,
    readonly rule: ImportGridRule,
    /** The grid-code column's header (for `code`). */
    private readonly codeColumn: string | null,
  ) {}

  /** The problem of a row whose grid is not found. */
  get miss(): { code: ErrorCode; column: string | null; field: string | null } {
    switch (this.rule.by) {
      case 'name':
        return { code: 'IMPORT_GRID_NAME_UNMATCHED', column: this.rule.column, field: null };
      case 'address':
        return { code: 'IMPORT_ADDRESS_UNMATCHED', column: this.rule.column, field: null };
      default:
        return { code: 'IMPORT_GRID_OUT_OF_SCOPE', column: this.codeColumn, field: 'gridCode' };
    }
  }

  get(key: string): GridRef | null {
    return this.found.get(key) ?? null;
  }

  /** Resolves the keys not seen yet. */
  async load(db: Db, keys: Iterable<string>): Promise<void> {
    const unknown = [...new Set(keys)].filter((k) => !this.found.has(k));
    if (unknown.length === 0) return;
    const rule = this.rule;
    let answers: Map<string, GridRef | null>;
    if (rule.by === 'code') answers = await gridsByCode(db, this.actor, unknown);
    else if (rule.by === 'fixed') answers = await gridsInScope(db, this.actor, unknown);
    else if (rule.by === 'name') {
      const byName = await gridsByName(db, this.actor, unknown);
      answers = new Map(unknown.map((name) => [name, byName.get(name)?.length === 1 ? byName.get(name)![0]! : null]));
    } else answers = await this.byPlace(db, unknown);
    for (const key of unknown) this.found.set(key, answers.get(key) ?? null);
  }

  private async byPlace(db: Db, keys: readonly string[]): Promise<Map<string, GridRef | null>> {
    this.places ??= (async () => {
      const [grids, buildings] = await Promise.all([gridBoundariesInScope(db, this.actor), buildingPlacesInScope(db, this.actor)]);
      const addresses = new Map<string, Set<string>>();
      const add = (text: string | null, min: number) => {
        const key = text ? addressKey(text) : '';
        if (key.length < min) return;
        const set = addresses.get(key) ?? new Set<string>();
        addresses.set(key, set);
        return set;
      };
      for (const b of buildings) {
        add(b.address, 2)?.add(b.gridId);
        // Short names ("1栋") say nothing on their own: only names long enough to be a place.
        add(b.name, 4)?.add(b.gridId);
      }
      return { grids, byId: new Map(grids.map((g) => [g.id, { id: g.id, name: g.name, regionCode: g.regionCode }])), addresses };
    })();
    const { grids, byId, addresses } = await this.places;
    return new Map(
      keys.map((key) => {
        const [point = '', address = ''] = key.split('\u0000');
        if (point) {
          const [lon, lat] = point.split(',').map(Number) as [number, number];
          const inside = grids.filter((g) => pointInPolygon(lon, lat, g.boundary.coordinates));
          if (inside.length === 1) return [key, byId.get(inside[0]!.id)!];
        }
        const matched = address ? matchAddress(address, addresses) : null;
        // An address whose buildings lie in more than one grid is not guessed.
        return [key, matched?.size === 1 ? (byId.get([...matched][0]!) ?? null) : null];
      }),
    );
  }
}

/**
 * Cleans cells of what Excel and clerks do to numbers: full-width digits and letters
 * (１３８…, ＩＤ), spaces and hyphens inside a number, a `+86` or `0086` before a mobile, an
 * apostrophe that forced text. A long number Excel stored as a number (an ID number shown as
 * 4.30702E+17) has lost its digits: it cannot be recovered, only reported.
 */
import type { CellKind } from '../../platform/imports/kind.js';

export type { CellKind };

/** How Excel writes a long number in its General format, and how a CSV export keeps it. */
const SCIENTIFIC = /^[-+]?\d+(\.\d+)?e[-+]?\d+$/i;
const DASHES = /[‐-―−－﹣]/g;
const MOBILE = /^(?:\+?86|0086)?(1[3-9]\d{9})$/;

export function normalizeCell(kind: CellKind, raw: string): { value: string } | { scientific: true } {
  const text = raw.normalize('NFKC').replace(DASHES, '-').replace(/^'/, '').trim();
  if (SCIENTIFIC.test(text.replace(/\s/g, ''))) return { scientific: true };
  switch (kind) {
    case 'id': {
      const compact = text.replace(/[\s-]/g, '');
      return { value: /^\d{17}x$/.test(compact) ? compact.toUpperCase() : compact };
    }
    case 'phone': {
      const compact = text.replace(/[\s-]/g, '').replace(/^\((0\d{2,3})\)/, '$1');
      const mobile = MOBILE.exec(compact);
      if (mobile) return { value: mobile[1]! };
      // A landline keeps the hyphen after its area code when it had one: 0736-7251234.
      return { value: text.replace(/\s/g, '').replace(/^\((0\d{2,3})\)/, '$1-') };
    }
    case 'code':
      return { value: text.replace(/\s/g, '') };
  }
}

/**
 * The scan of captured logs for personal data and secrets: full ID numbers, mobile numbers,
 * session tokens, Open311 keys, cookies and bearer credentials, and any secret-named JSON field
 * whose value is not the redaction mark. What it reports is itself masked.
 */
import { BASE64URL_SECRET, ID_NUMBER, MOBILE, OPEN311_KEY, REDACTED } from './redact.js';

export interface LogFinding {
  line: number;
  kind: 'id_number' | 'mobile' | 'token' | 'open311_key' | 'cookie' | 'secret_field';
  /** The finding's first characters only. */
  excerpt: string;
}

const SHAPES: [LogFinding['kind'], RegExp][] = [
  ['id_number', ID_NUMBER],
  ['mobile', MOBILE],
  ['open311_key', OPEN311_KEY],
  ['token', BASE64URL_SECRET],
  ['cookie', /(gg_sid=|[Bb]earer\s+)(?!\[redacted\])[^\s";,]+/g],
];
/** Field names that must only ever carry the redaction mark. */
const SECRET_FIELD = /^(password|newPassword|currentPassword|token|cookie|authorization|sessionId|totp|apiKey|api_key|idNumber|phone|set-cookie)$/i;

function secretFields(value: unknown, path: string, out: string[]): void {
  if (value === null || typeof value !== 'object') return;
  for (const [k, v] of Object.entries(value)) {
    if (SECRET_FIELD.test(k) && v !== REDACTED && v !== null) out.push(`${path}${k}`);
    else secretFields(v, `${path}${k}.`, out);
  }
}

export function scanLogText(text: string): LogFinding[] {
  const findings: LogFinding[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    for (const [kind, shape] of SHAPES) {
      for (const match of line.matchAll(new RegExp(shape.source, shape.flags))) findings.push({ line: i + 1, kind, excerpt: `${match[0].slice(0, 4)}…` });
    }
    if (line.startsWith('{')) {
      try {
        const fields: string[] = [];
        secretFields(JSON.parse(line), '', fields);
        for (const field of fields) findings.push({ line: i + 1, kind: 'secret_field', excerpt: field });
      } catch {
        // not a JSON line: the shapes above are all that apply
      }
    }
  });
  return findings;
}

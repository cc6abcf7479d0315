/**
 * Imported first by main.tsx, before any schema is made: zod compiles object parsers with
 * `new Function` unless told not to, and the Content-Security-Policy (script-src 'self', no
 * 'unsafe-eval') refuses that. The console parses little; the interpreter is fast enough.
 */
import { z } from 'zod';

z.config({ jitless: true });

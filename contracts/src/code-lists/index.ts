/** National code lists as data (民族, 性别, 学历, 证件类型), read through `/api/code-lists?list=`. */
import { z } from 'zod';
import { CODE_LISTS } from './data.js';

export const CODE_LIST_KEYS = CODE_LISTS.map((l) => l.key) as [string, ...string[]];
export const codeListQuery = z.strictObject({ list: z.enum(CODE_LIST_KEYS) });
export const codeListItem = z.object({ code: z.string(), zh: z.string(), en: z.string() });
export const codeListResponse = z.object({ key: z.string(), standard: z.string(), items: z.array(codeListItem) });
export type CodeListResponse = z.infer<typeof codeListResponse>;

export * from './data.js';

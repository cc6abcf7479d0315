/** The national code lists (民族, 性别, 学历, 证件类型) for any signed-in console page. */
import { codeListQuery, codeListResponse } from '@gridgov/contracts';
import type { App } from '../../platform/http/types.js';
import type { Kit } from '../../platform/kit/kit.js';
import { readCodeList } from '../../platform/code-lists/code-lists.js';

export function codeListRoutes(app: App, kit: Kit): void {
  app.get('/api/code-lists', {
    config: { access: 'authenticated' },
    schema: { tags: ['code-lists'], summary: 'A national code list (GB/T 3304, GB/T 2261.1, GB/T 4658, GA/T 517)', querystring: codeListQuery, response: { 200: codeListResponse } },
    handler: (req) => readCodeList(kit.db, req.query.list),
  });
}

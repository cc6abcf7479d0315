/** The imports' progress for /metrics: how many run now and how many rows they have done. */
import { sql } from 'drizzle-orm';
import { rows } from '../../platform/db/client.js';
import type { GaugeSource } from '../../platform/observability/gauges.js';

export const importGauges: GaugeSource = async (kit) => {
  const [row] = await rows<{ queued: number; running: number; rows_done: number; rows_total: number }>(
    kit.db,
    sql`select count(*) filter (where status = 'queued')::int as queued,
               count(*) filter (where status = 'running')::int as running,
               coalesce(sum(processed_rows) filter (where status = 'running'), 0)::float8 as rows_done,
               coalesce(sum(total_rows) filter (where status = 'running'), 0)::float8 as rows_total
        from import_job where status in ('queued', 'running')`,
  );
  return [
    { name: 'gridgov_imports', help: 'Register imports waiting or running, by status', samples: [{ labels: { status: 'queued' }, value: row?.queued ?? 0 }, { labels: { status: 'running' }, value: row?.running ?? 0 }] },
    { name: 'gridgov_import_rows_done', help: 'Rows the running imports have processed', samples: [{ value: row?.rows_done ?? 0 }] },
    { name: 'gridgov_import_rows_total', help: 'Rows of the running imports\' files (where known)', samples: [{ value: row?.rows_total ?? 0 }] },
  ];
};

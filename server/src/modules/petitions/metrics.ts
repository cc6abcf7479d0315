/**
 * The no-petition villages' dashboard facts, over each village's newest assessed month
 * (`latest`): villages assessed, villages 达标, and villages that lost it that month. Kept by
 * the trigger `metrics_petition_village` (in the module's migration), recounted below.
 */
import type { MetricDefinition, TileDefinition } from '../../platform/metrics/metrics.js';

const KEPT = { trigger: 'metrics_petition_village', table: 'petition_village_status' };
const UNIT = { zh: '个', en: 'villages' };

const METRICS: MetricDefinition[] = [
  {
    name: 'petitions.villages', label: { zh: '评定村（社区）', en: 'Villages assessed' }, unit: UNIT, permission: 'petition_village:read', period: 'now',
    kept: { fact: 'petitions.villages', ...KEPT }, recount: `select region_code, null::uuid, null::date, '', 1 from petition_village_status where latest`,
  },
  {
    name: 'petitions.villages_met', label: { zh: '无上访村达标', en: 'No-petition villages' }, unit: UNIT, permission: 'petition_village:read', period: 'now',
    kept: { fact: 'petitions.villages_met', ...KEPT }, recount: `select region_code, null::uuid, null::date, '', 1 from petition_village_status where latest and status = 'met'`,
  },
  {
    name: 'petitions.villages_lost', label: { zh: '新失去无上访村', en: 'Villages newly not met' }, unit: UNIT, permission: 'petition_village:read', period: 'now',
    kept: { fact: 'petitions.villages_lost', ...KEPT }, recount: `select region_code, null::uuid, null::date, '', 1 from petition_village_status where latest and change = 'lost'`,
  },
];

const LAST_ASSESSED = { zh: '最近评定月', en: 'latest month assessed' };

const TILES: TileDefinition[] = [
  { id: 'noPetitionVillages', label: { zh: '无上访村达标率', en: 'No-petition villages' }, hint: LAST_ASSESSED, kind: 'rate', metric: 'petitions.villages_met', per: 'petitions.villages', window: 'now', tone: 'good', order: 87 },
  { id: 'noPetitionLost', label: { zh: '新失去无上访村', en: 'Villages newly not met' }, hint: LAST_ASSESSED, kind: 'count', metric: 'petitions.villages_lost', window: 'now', tone: 'alert', order: 88 },
];

export const petitionsMetrics = { metrics: METRICS, tiles: TILES };

/** The trigger that keeps them (appended to the module's migration). */
export const PETITION_METRICS_SQL = `-- no-petition villages: the facts of each village's newest assessed month.
CREATE FUNCTION petition_village_metric_facts(s petition_village_status) RETURNS metric_fact[] LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN s.latest THEN
    ARRAY[ROW('petitions.villages', NULL, '', 1)::metric_fact]
    || CASE WHEN s.status = 'met' THEN ARRAY[ROW('petitions.villages_met', NULL, '', 1)::metric_fact] ELSE '{}'::metric_fact[] END
    || CASE WHEN s.change = 'lost' THEN ARRAY[ROW('petitions.villages_lost', NULL, '', 1)::metric_fact] ELSE '{}'::metric_fact[] END
  ELSE '{}'::metric_fact[] END
$$;
--> statement-breakpoint
CREATE FUNCTION petition_village_metrics_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM metric_record(
    CASE WHEN TG_OP <> 'INSERT' THEN OLD.region_code END, NULL,
    CASE WHEN TG_OP <> 'INSERT' THEN petition_village_metric_facts(OLD) END,
    CASE WHEN TG_OP <> 'DELETE' THEN NEW.region_code END, NULL,
    CASE WHEN TG_OP <> 'DELETE' THEN petition_village_metric_facts(NEW) END);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER metrics_petition_village AFTER INSERT OR UPDATE OR DELETE ON petition_village_status FOR EACH ROW EXECUTE FUNCTION petition_village_metrics_changed();
`;

/**
 * The warnings' dashboard facts: open warnings now, by severity and by rule, and the open
 * high-severity ones. Kept by the trigger `metrics_warning` (in the warnings' migration);
 * recounted below from the table.
 */
import type { MetricDefinition, TileDefinition } from '../../platform/metrics/metrics.js';

const OPEN = `status in ('raised', 'acknowledged', 'assigned', 'handled')`;
const WARNING = { trigger: 'metrics_warning', table: 'warning' };
const UNIT = { zh: '条', en: 'warnings' };

const METRICS: MetricDefinition[] = [
  {
    name: 'warnings.open', label: { zh: '未办结风险预警', en: 'Open risk warnings' }, unit: UNIT, permission: 'warning:handle', period: 'now', by: 'severity',
    kept: { fact: 'warnings.open', ...WARNING }, recount: `select region_code, grid_id, null::date, severity, 1 from warning where ${OPEN}`,
  },
  {
    name: 'warnings.open_by_rule', label: { zh: '各规则未办结预警', en: 'Open warnings by rule' }, unit: UNIT, permission: 'warning:handle', period: 'now', by: 'rule',
    kept: { fact: 'warnings.open_by_rule', ...WARNING }, recount: `select region_code, grid_id, null::date, rule_id::text, 1 from warning where ${OPEN}`,
  },
  {
    name: 'warnings.open_high', label: { zh: '高风险预警', en: 'High-severity warnings' }, unit: UNIT, permission: 'warning:handle', period: 'now',
    kept: { fact: 'warnings.open_high', ...WARNING }, recount: `select region_code, grid_id, null::date, '', 1 from warning where ${OPEN} and severity = 'high'`,
  },
];

const TILES: TileDefinition[] = [
  { id: 'openWarnings', label: { zh: '风险预警', en: 'Risk warnings' }, kind: 'count', metric: 'warnings.open', window: 'now', tone: 'alert', order: 97 },
  { id: 'highWarnings', label: { zh: '高风险预警', en: 'High-severity warnings' }, kind: 'count', metric: 'warnings.open_high', window: 'now', tone: 'alert', order: 98 },
];

export const warningsMetrics = { metrics: METRICS, tiles: TILES };

/** The trigger that keeps them (appended to the warnings' migration). */
export const WARNING_METRICS_SQL = `-- warnings: a warning's facts while open (by severity, by rule, high).
CREATE FUNCTION warning_metric_facts(w warning) RETURNS metric_fact[] LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE WHEN w.status IN ('raised', 'acknowledged', 'assigned', 'handled') THEN
    ARRAY[ROW('warnings.open', NULL, w.severity, 1)::metric_fact, ROW('warnings.open_by_rule', NULL, w.rule_id::text, 1)::metric_fact]
    || CASE WHEN w.severity = 'high' THEN ARRAY[ROW('warnings.open_high', NULL, '', 1)::metric_fact] ELSE '{}'::metric_fact[] END
  ELSE '{}'::metric_fact[] END
$$;
--> statement-breakpoint
CREATE FUNCTION warning_metrics_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM metric_record(
    CASE WHEN TG_OP <> 'INSERT' THEN OLD.region_code END, CASE WHEN TG_OP <> 'INSERT' THEN OLD.grid_id END,
    CASE WHEN TG_OP <> 'INSERT' THEN warning_metric_facts(OLD) END,
    CASE WHEN TG_OP <> 'DELETE' THEN NEW.region_code END, CASE WHEN TG_OP <> 'DELETE' THEN NEW.grid_id END,
    CASE WHEN TG_OP <> 'DELETE' THEN warning_metric_facts(NEW) END);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER metrics_warning AFTER INSERT OR UPDATE OR DELETE ON warning FOR EACH ROW EXECUTE FUNCTION warning_metrics_changed();
`;

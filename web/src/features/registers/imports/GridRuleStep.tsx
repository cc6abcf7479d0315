/**
 * Part of step 2 of an import: where the rows get their grid. A file exported from another
 * system rarely has the 15-digit grid code: all rows into one grid of the importer's scope, a
 * grid-name column, or the address matched with the buildings register (a point where the row
 * has one) are offered for registers that have a grid of their own.
 */
import { Alert, Radio, Select, Space, Typography } from 'antd';
import type { ImportGridRule, ImportGridRuleKind, ImportJob } from '@gridgov/contracts';
import { GridSelect } from '../../../shared/fields/GridSelect';
import { useI18n } from '../../../i18n/i18n';

/** The rule as it is being chosen: what it needs may not be picked yet. */
export interface GridRuleDraft {
  by: ImportGridRuleKind;
  gridId?: string;
  column?: string;
  lon?: string;
  lat?: string;
}

/** The first choice: the grid-code column when the file has one, else one grid. */
export function defaultGridRule(job: ImportJob): GridRuleDraft {
  if (job.gridRule) return { ...job.gridRule };
  return job.mapping.gridCode || !job.gridRules.includes('fixed') ? { by: 'code' } : { by: 'fixed' };
}

/** The rule to send, or null while something it needs is not chosen. */
export function readyGridRule(draft: GridRuleDraft): ImportGridRule | null {
  switch (draft.by) {
    case 'code':
      return { by: 'code' };
    case 'fixed':
      return draft.gridId ? { by: 'fixed', gridId: draft.gridId } : null;
    case 'name':
      return draft.column ? { by: 'name', column: draft.column } : null;
    case 'address':
      return draft.column ? { by: 'address', column: draft.column, ...(draft.lon && draft.lat ? { lon: draft.lon, lat: draft.lat } : {}) } : null;
  }
}

/** A label and its control on one line, wrapping on a phone. */
const LINE = { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8 } as const;

interface Props {
  job: ImportJob;
  rule: GridRuleDraft;
  onChange: (rule: GridRuleDraft) => void;
}

export function GridRuleStep({ job, rule, onChange }: Props) {
  const { t } = useI18n();
  if (job.gridRules.length <= 1) {
    return job.fields.some((f) => f.field === 'gridCode') ? <Alert type="info" showIcon title={t('import.gridRule.none')} style={{ marginBottom: 12 }} /> : null;
  }
  const columnSelect = (key: 'column' | 'lon' | 'lat', label: string, optional = false) => (
    <div style={LINE}>
      <Typography.Text>{label}</Typography.Text>
      <Select<string>
        value={rule[key]}
        allowClear={optional}
        placeholder={t('import.gridRule.column')}
        style={{ flex: '1 1 200px', maxWidth: 240 }}
        options={job.columns.map((column) => ({ value: column, label: column }))}
        onChange={(value) => onChange({ ...rule, [key]: value ?? undefined })}
        data-testid={`imports-grid-${key}`}
      />
    </div>
  );
  return (
    <div data-testid="imports-grid-rule" style={{ marginBottom: 16 }}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('import.gridRule')}
      </Typography.Title>
      <div style={{ marginBottom: 12 }}>
        <Radio.Group
          value={rule.by}
          onChange={(event) => onChange({ by: event.target.value as ImportGridRuleKind })}
          options={job.gridRules.map((by) => ({ value: by, label: <span data-testid={`imports-grid-by-${by}`}>{t(`import.gridRule.${by}`)}</span> }))}
        />
      </div>
      {rule.by === 'fixed' && (
        <div style={LINE}>
          <Typography.Text>{t('import.gridRule.grid')}</Typography.Text>
          <GridSelect
            value={rule.gridId}
            onChange={(gridId) => onChange({ ...rule, gridId })}
            withCode
            placeholder={t('import.gridRule.gridHint')}
            style={{ flex: '1 1 240px', maxWidth: 360 }}
            data-testid="imports-grid-fixed"
          />
        </div>
      )}
      {rule.by === 'name' && columnSelect('column', t('import.gridRule.nameColumn'))}
      {rule.by === 'address' && (
        <Space orientation="vertical">
          {columnSelect('column', t('import.gridRule.addressColumn'))}
          {columnSelect('lon', t('import.gridRule.lonColumn'), true)}
          {columnSelect('lat', t('import.gridRule.latColumn'), true)}
          <Typography.Text type="secondary">{t('import.gridRule.addressHint')}</Typography.Text>
        </Space>
      )}
    </div>
  );
}

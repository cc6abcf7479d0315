/** Risk areas as data with dates: listed for readers of codes, replaced as a whole by a city-wide operator (every code recomputed). */
import { Button, Card, DatePicker, Input, Select, Table } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import dayjs from 'dayjs';
import { divisionPrefix, RISK_LEVELS, type RiskAreaRequest } from '@gridgov/contracts';
import { useFeedback } from '../../app/feedback';
import { useMe } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { enumLabel } from '../../shared/labels';
import { holds } from '../../shared/permissions';
import { healthCodeApi, healthCodeKeys } from './healthcode-api';

export function RiskAreasPanel() {
  const { t } = useI18n();
  const me = useMe();
  const feedback = useFeedback();
  const client = useQueryClient();
  const areas = useQuery({ queryKey: healthCodeKeys.areas, queryFn: ({ signal }) => healthCodeApi.areas(signal) });
  const [rows, setRows] = useState<RiskAreaRequest[]>([]);
  useEffect(() => {
    if (areas.data) setRows(areas.data.map((a) => ({ name: a.name, level: a.level, from: a.from, until: a.until })));
  }, [areas.data]);
  const save = useMutation({
    mutationFn: () => healthCodeApi.replaceAreas(rows),
    onSuccess: (saved) => {
      client.setQueryData(healthCodeKeys.areas, saved);
      void client.invalidateQueries({ queryKey: healthCodeKeys.codes });
      feedback.success(t('healthcode.area.saved'));
    },
    onError: (error) => feedback.error(error),
  });
  const editable = holds('healthcode:rule', me.permissions) && !me.scope.gridId && divisionPrefix(me.scope.regionCode).length <= 4;
  const patch = (i: number, p: Partial<RiskAreaRequest>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...p } : r)));
  return (
    <Card size="small" loading={areas.isLoading} data-testid="healthcode-areas">
      <Table<RiskAreaRequest & { i: number }>
        rowKey="i"
        size="small"
        pagination={false}
        dataSource={rows.map((r, i) => ({ ...r, i }))}
        columns={[
          { key: 'name', title: t('healthcode.area.name'), render: (_, r) => <Input disabled={!editable} value={r.name} maxLength={60} onChange={(e) => patch(r.i, { name: e.target.value })} data-testid={`healthcode-area-name-${r.i}`} /> },
          { key: 'level', title: t('healthcode.area.level'), render: (_, r) => <Select disabled={!editable} value={r.level} style={{ width: 110 }} onChange={(v) => patch(r.i, { level: v })} options={RISK_LEVELS.map((k) => ({ value: k, label: enumLabel(t, 'riskLevel', k) }))} /> },
          { key: 'from', title: t('healthcode.area.from'), render: (_, r) => <DatePicker showTime disabled={!editable} allowClear={false} value={dayjs(r.from)} onChange={(d) => d && patch(r.i, { from: d.toISOString() })} /> },
          { key: 'until', title: t('healthcode.area.until'), render: (_, r) => <DatePicker showTime disabled={!editable} value={r.until ? dayjs(r.until) : null} onChange={(d) => patch(r.i, { until: d ? d.toISOString() : null })} /> },
          ...(editable ? [{ key: 'x', title: '', render: (_: unknown, r: { i: number }) => <Button size="small" danger onClick={() => setRows(rows.filter((_r, j) => j !== r.i))}>×</Button> }] : []),
        ]}
      />
      {editable && (
        <div style={{ marginTop: 12, display: 'flex', gap: 8 }}>
          <Button onClick={() => setRows([...rows, { name: '', level: 'high', from: new Date().toISOString(), until: null }])} data-testid="healthcode-area-add">{t('healthcode.area.add')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => save.mutate()} data-testid="healthcode-area-save">{t('healthcode.area.save')}</Button>
        </div>
      )}
    </Card>
  );
}

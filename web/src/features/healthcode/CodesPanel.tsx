/** Codes placed in the reader's scope (colour, rule line, evidence kinds; no names), and one person's reason read with the stated purpose (audited). */
import { Card, Descriptions, Drawer, List, Select, Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { CODE_COLOURS, type CodeSummary } from '@gridgov/contracts';
import { useI18n } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format';
import { enumLabel } from '../../shared/labels';
import { COLOUR_HEX, healthCodeApi, healthCodeKeys } from './healthcode-api';
import { reasonText } from './reason';

export function CodesPanel() {
  const { t, locale } = useI18n();
  const [colour, setColour] = useState<string | undefined>('red');
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string | null>(null);
  const list = useQuery({ queryKey: [...healthCodeKeys.codes, colour, page], queryFn: ({ signal }) => healthCodeApi.list({ colour, page, pageSize: 20 }, signal) });
  const detail = useQuery({ queryKey: [...healthCodeKeys.codes, 'one', open], queryFn: ({ signal }) => healthCodeApi.read(open!, signal), enabled: open !== null });
  const tag = (c: CodeSummary['colour']) => <Tag color={COLOUR_HEX[c]}>{enumLabel(t, 'codeColour', c)}</Tag>;
  return (
    <Card size="small" data-testid="healthcode-codes">
      <Select
        allowClear
        style={{ width: 160, marginBottom: 12 }}
        placeholder={t('healthcode.allColours')}
        value={colour}
        onChange={(v) => { setColour(v); setPage(1); }}
        options={CODE_COLOURS.map((c) => ({ value: c, label: enumLabel(t, 'codeColour', c) }))}
        data-testid="healthcode-colour-filter"
      />
      <Table<CodeSummary>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage }}
        onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
        data-testid="healthcode-list"
        columns={[
          { key: 'colour', title: t('healthcode.colour'), render: (_, r) => tag(r.colour) },
          { key: 'kinds', title: t('healthcode.kinds'), render: (_, r) => r.kinds.map((k) => <Tag key={k}>{enumLabel(t, 'evidenceKind', k)}</Tag>) },
          { key: 'line', title: t('healthcode.line'), render: (_, r) => (r.line === null ? '—' : `${t('healthcode.rule.version', { version: r.ruleVersion })} ${t('healthcode.lineN', { n: r.line + 1 })}`) },
          { key: 'computedAt', title: t('healthcode.computedAt'), render: (_, r) => formatDateTime(r.computedAt, locale) },
          { key: 'validUntil', title: t('healthcode.validUntil'), render: (_, r) => formatDateTime(r.validUntil, locale) },
        ]}
      />
      <Drawer open={open !== null} onClose={() => setOpen(null)} title={t('healthcode.detail')} width={480} loading={detail.isLoading} data-testid="healthcode-detail">
        {detail.data && (
          <>
            <Descriptions
              column={1}
              size="small"
              bordered
              items={[
                { key: 'colour', label: t('healthcode.colour'), children: tag(detail.data.colour) },
                { key: 'line', label: t('healthcode.line'), children: detail.data.override ? t('healthcode.override') : detail.data.line === null ? '—' : `${t('healthcode.rule.version', { version: detail.data.ruleVersion })} ${t('healthcode.lineN', { n: detail.data.line + 1 })}` },
                { key: 'validUntil', label: t('healthcode.validUntil'), children: formatDateTime(detail.data.validUntil, locale) },
              ]}
            />
            <List size="small" style={{ marginTop: 12 }} dataSource={detail.data.evidence} locale={{ emptyText: t('healthcode.reason.none') }} renderItem={(e) => <List.Item>{reasonText(t, locale, e)}</List.Item>} data-testid="healthcode-detail-reasons" />
          </>
        )}
      </Drawer>
    </Card>
  );
}

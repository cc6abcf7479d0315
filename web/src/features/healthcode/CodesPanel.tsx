/**
 * Codes placed in the reader's scope (colour, rule line, evidence kinds; no names), and one
 * person's reason read with the stated purpose (audited): from the list, or found by the
 * document number of a resident who calls about their code.
 */
import { Card, Descriptions, Drawer, Input, List, Select, Space, Table, Tag } from 'antd';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { CODE_COLOURS, type CodeDetail, type CodeSummary } from '@gridgov/contracts';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../i18n/i18n';
import { formatDateTime } from '../../shared/format';
import { enumLabel } from '../../shared/labels';
import { COLOUR_HEX, healthCodeApi, healthCodeKeys } from './healthcode-api';
import { reasonText } from './reason';

export function CodesPanel() {
  const { t, locale } = useI18n();
  const [colour, setColour] = useState<string | undefined>('red');
  const [page, setPage] = useState(1);
  const feedback = useFeedback();
  const [open, setOpen] = useState<string | null>(null);
  const [found, setFound] = useState<CodeDetail | null>(null);
  const list = useQuery({ queryKey: [...healthCodeKeys.codes, colour, page], queryFn: ({ signal }) => healthCodeApi.list({ colour, page, pageSize: 20 }, signal) });
  const read = useQuery({ queryKey: [...healthCodeKeys.codes, 'one', open], queryFn: ({ signal }) => healthCodeApi.read(open!, signal), enabled: open !== null });
  const lookup = useMutation({ mutationFn: (idNumber: string) => healthCodeApi.lookup(idNumber), onSuccess: setFound, onError: (error) => feedback.error(error) });
  const detail = found ? { data: found, isLoading: false } : read;
  const close = () => { setOpen(null); setFound(null); };
  const tag = (c: CodeSummary['colour']) => <Tag color={COLOUR_HEX[c]}>{enumLabel(t, 'codeColour', c)}</Tag>;
  return (
    <Card size="small" data-testid="healthcode-codes">
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={t('healthcode.allColours')}
          value={colour}
          onChange={(v) => { setColour(v); setPage(1); }}
          options={CODE_COLOURS.map((c) => ({ value: c, label: enumLabel(t, 'codeColour', c) }))}
          data-testid="healthcode-colour-filter"
        />
        <Input.Search
          allowClear
          style={{ width: 300 }}
          placeholder={t('healthcode.lookup')}
          enterButton={t('healthcode.lookupButton')}
          loading={lookup.isPending}
          onSearch={(v) => v.trim() && lookup.mutate(v.trim())}
          data-testid="healthcode-lookup"
        />
      </Space>
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
      <Drawer open={open !== null || found !== null} onClose={close} title={t('healthcode.detail')} width={480} loading={detail.isLoading} data-testid="healthcode-detail">
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

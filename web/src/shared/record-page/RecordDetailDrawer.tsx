/**
 * The detail of one record: its sections (fields, and parts such as members), personal data
 * masked with 查看完整信息 for those who may, the change history, and the buttons the viewer may
 * use (编辑, 删除 and the config's own).
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Drawer, Space, Spin, Tabs, Typography } from 'antd';
import { useEffect, useState, type ReactNode } from 'react';
import { useMe } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { useEventCallback } from '../hooks/use-event-callback';
import { HistoryTimeline } from '../record/HistoryTimeline';
import { UnmaskButton, type Revealed } from '../record/UnmaskButton';
import { detailLayout, type RowAction, type Viewer } from './derive';
import { RowActionButton } from './RowActionButton';
import type { DetailSection, FormValues, RecordBase, RecordPageConfig } from './types';

interface Props<R extends RecordBase, V extends FormValues> {
  config: RecordPageConfig<R, V>;
  id: string;
  viewer: Viewer;
  canWrite: boolean;
  /** The row actions the viewer may use here (edit, delete, the config's own). */
  actions: readonly RowAction<R>[];
  onAction: (action: RowAction<R>, record: R) => void;
  onClose: () => void;
  /** A part changed the record (members, employees). */
  onChanged: (record: R) => void;
}

export function RecordDetailDrawer<R extends RecordBase, V extends FormValues>(props: Props<R, V>) {
  const { config, id, viewer, canWrite, actions, onAction, onClose, onChanged } = props;
  const { t, locale } = useI18n();
  const me = useMe();
  const { slug, detail } = config;
  const query = useQuery({ queryKey: [...config.source.key, 'detail', id], queryFn: ({ signal }) => config.source.get(id, signal) });
  const record = query.data ?? null;
  const [unmasked, setUnmasked] = useState<{ id: string; values: Revealed } | null>(null);
  const [tab, setTab] = useState('info');
  const revealed = unmasked?.id === id ? unmasked.values : null;

  // A record that cannot be read (gone, out of scope) closes the drawer; the message bar says why.
  const failed = query.isError && !query.data;
  const close = useEventCallback(onClose);
  useEffect(() => {
    if (failed) close();
  }, [failed, close]);

  const { main, tabs } = detailLayout(detail.sections, viewer);
  const ctx = { t, locale, me, unmasked: revealed };

  const section = (part: DetailSection<R>, shown: R): ReactNode => (
    <div key={part.key} style={{ marginTop: part === main[0] ? 0 : 16 }}>
      {part.title && <Typography.Title level={5}>{t(part.title)}</Typography.Title>}
      {part.fields && (
        <Descriptions
          bordered
          size="small"
          column={1}
          items={part.fields(shown, ctx)}
          styles={{ label: { width: 140 } }}
          data-testid={`${slug}-detail-${part.key}`}
        />
      )}
      {part.Component && <part.Component record={shown} canWrite={canWrite} onChange={onChanged} />}
    </div>
  );

  const unmaskFields = record && detail.unmask ? detail.unmask.fields(record) : [];
  const headerActions = actions.filter((action) => action.inDetail && (!record || !action.when || action.when(record)));

  return (
    <Drawer
      open
      size={detail.width ?? 640}
      onClose={onClose}
      title={record ? config.recordName(record) : t('record.detail')}
      data-testid={`${slug}-detail`}
      extra={
        record &&
        headerActions.length > 0 && (
          <Space>
            {headerActions.map((action) => (
              <RowActionButton key={action.key} action={action} record={record} name={config.recordName(record)} onRun={onAction} testId={`${slug}-detail-${action.key}`} />
            ))}
          </Space>
        )
      }
    >
      {!record ? (
        <Spin style={{ display: 'block', margin: '80px auto' }} />
      ) : (
        <>
          {detail.Header && <detail.Header record={record} canWrite={canWrite} onChange={onChanged} />}
          <Tabs
            activeKey={tab}
            onChange={setTab}
            items={[
              {
                key: 'info',
                label: <span data-testid={`${slug}-tab-info`}>{t('record.tab.info')}</span>,
                children: (
                  <>
                    {revealed ? (
                      <Alert
                        type="warning"
                        showIcon
                        title={t('record.unmasked')}
                        action={
                          <Button size="small" onClick={() => setUnmasked(null)}>
                            {t('record.hide')}
                          </Button>
                        }
                        style={{ marginBottom: 12 }}
                        data-testid={`${slug}-unmasked`}
                      />
                    ) : (
                      detail.unmask &&
                      unmaskFields.length > 0 && (
                        <div style={{ marginBottom: 12, textAlign: 'right' }}>
                          <UnmaskButton
                            needs={detail.unmask.needs}
                            fields={unmaskFields}
                            reveal={(request) => (detail.unmask ? detail.unmask.reveal(record, request) : Promise.resolve({}))}
                            reasonSchema={detail.unmask.reasonSchema}
                            testId={slug}
                            onUnmasked={(values) => setUnmasked({ id: record.id, values })}
                          />
                        </div>
                      )
                    )}
                    {main.map((part) => section(part, record))}
                  </>
                ),
              },
              ...tabs.map((part) => ({
                key: part.key,
                label: <span data-testid={`${slug}-tab-${part.key}`}>{part.tab ? t(part.tab) : part.key}</span>,
                children: section(part, record),
              })),
              ...(detail.history
                ? [
                    {
                      key: 'history',
                      label: <span data-testid={`${slug}-tab-history`}>{t('record.tab.history')}</span>,
                      children:
                        tab === 'history' ? (
                          <HistoryTimeline
                            query={{ queryKey: detail.history.key(record), queryFn: ({ signal }) => (detail.history ? detail.history.load(record, signal) : Promise.resolve([])) }}
                            fieldLabel={detail.history.fieldLabel}
                            formatValue={detail.history.formatValue}
                            hidden={detail.history.hidden}
                            testId={slug}
                          />
                        ) : null,
                    },
                  ]
                : []),
            ]}
          />
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 8 }} copyable={{ text: record.id }}>
            ID {record.id}
          </Typography.Paragraph>
        </>
      )}
    </Drawer>
  );
}

/**
 * The detail of one record: its fields (personal data masked, with 查看完整信息 for those who
 * may), register-specific parts (members, employees, venue code), and the change history.
 */
import { Alert, Button, Descriptions, Drawer, Popconfirm, Space, Spin, Tabs, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { RegisterKind } from '@gridgov/contracts';
import { useFeedback } from '../../../app/feedback';
import { formatDateTime } from '../../../app/labels';
import { registersApi, type RegisterRecord, type UnmaskField, type UnmaskResponse } from '../../../api/registers';
import { useI18n } from '../../../i18n/i18n';
import { HistoryTimeline } from '../../../shared/record/HistoryTimeline';
import type { RegisterConfig } from './register-config';
import { UnmaskButton } from '../../../shared/record/UnmaskButton';

/** Where each unmaskable field shows masked on a record. */
const MASKED: Record<UnmaskField, string> = { idNumber: 'idNumberMasked', phone: 'phoneMasked', contactPhone: 'contactPhoneMasked' };

/** The personal data this record actually holds (no button for a phone that was never given). */
function heldFields(record: object, fields: readonly UnmaskField[]): UnmaskField[] {
  const values = new Map(Object.entries(record));
  return fields.filter((field) => {
    const value = values.get(MASKED[field]);
    return typeof value === 'string' && value !== '';
  });
}

interface Props<K extends RegisterKind> {
  config: RegisterConfig<K>;
  id: string;
  canWrite: boolean;
  /** A newer copy of the record (saved by the form): shown without reading it again. */
  updated: RegisterRecord<K> | null;
  onClose: () => void;
  onEdit: (record: RegisterRecord<K>) => void;
  onDelete: (record: RegisterRecord<K>) => Promise<void>;
  /** The drawer changed the record itself (members, employees). */
  onChanged: (record: RegisterRecord<K>) => void;
}

export function RecordDrawer<K extends RegisterKind>({ config, id, canWrite, updated, onClose, onEdit, onDelete, onChanged }: Props<K>) {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const [record, setRecord] = useState<RegisterRecord<K> | null>(null);
  const [unmasked, setUnmasked] = useState<UnmaskResponse | null>(null);
  const [tab, setTab] = useState('info');
  const { kind, slug, DetailHeader, DetailExtra } = config;

  useEffect(() => {
    const controller = new AbortController();
    setRecord(null);
    setUnmasked(null);
    setTab('info');
    registersApi
      .get(kind, id, controller.signal)
      .then(setRecord)
      .catch((err: unknown) => {
        feedback.error(err);
        if (!controller.signal.aborted) onClose();
      });
    return () => controller.abort();
    // Read again only for another record (onClose is left out on purpose).
  }, [kind, id, feedback]);

  useEffect(() => {
    if (updated && updated.id === id) setRecord(updated);
  }, [updated, id]);

  const change = (next: RegisterRecord<K>) => {
    setRecord(next);
    onChanged(next);
  };

  const items = record
    ? [
        ...config.describe(record, { t, locale, unmasked }),
        { key: 'grid', label: t('reg.grid'), children: record.gridName },
        { key: 'createdAt', label: t('reg.createdAt'), children: formatDateTime(record.createdAt, locale) },
        { key: 'updatedAt', label: t('reg.updatedAt'), children: formatDateTime(record.updatedAt, locale) },
        { key: 'version', label: t('reg.version'), children: <span data-testid={`${slug}-detail-version`}>{record.version}</span> },
      ]
    : [];

  return (
    <Drawer
      open
      size={640}
      onClose={onClose}
      title={record ? config.recordName(record) : t('reg.detail')}
      data-testid={`${slug}-detail`}
      extra={
        record &&
        canWrite && (
          <Space>
            <Button onClick={() => onEdit(record)} data-testid={`${slug}-detail-edit`}>
              {t('common.edit')}
            </Button>
            <Popconfirm
              title={t('reg.deleteConfirm', { name: config.recordName(record) })}
              description={t('reg.deleteHint')}
              okButtonProps={{ danger: true }}
              onConfirm={() => onDelete(record)}
            >
              <Button danger data-testid={`${slug}-detail-delete`}>
                {t('common.delete')}
              </Button>
            </Popconfirm>
          </Space>
        )
      }
    >
      {!record ? (
        <Spin style={{ display: 'block', margin: '80px auto' }} />
      ) : (
        <>
          {DetailHeader && <DetailHeader record={record} canWrite={canWrite} onChange={change} />}
          <Tabs
            activeKey={tab}
            onChange={setTab}
            items={[
              {
                key: 'info',
                label: <span data-testid={`${slug}-tab-info`}>{t('reg.tab.info')}</span>,
                children: (
                  <>
                    {unmasked ? (
                      <Alert
                        type="warning"
                        showIcon
                        title={t('reg.unmasked')}
                        action={
                          <Button size="small" onClick={() => setUnmasked(null)}>
                            {t('reg.hide')}
                          </Button>
                        }
                        style={{ marginBottom: 12 }}
                        data-testid={`${slug}-unmasked`}
                      />
                    ) : (
                      heldFields(record, config.unmask).length > 0 && (
                        <div style={{ marginBottom: 12, textAlign: 'right' }}>
                          <UnmaskButton kind={kind} id={record.id} fields={heldFields(record, config.unmask)} testId={slug} onUnmasked={setUnmasked} />
                        </div>
                      )
                    )}
                    <Descriptions bordered size="small" column={1} items={items} styles={{ label: { width: 140 } }} data-testid={`${slug}-detail-fields`} />
                    {DetailExtra && <DetailExtra record={record} canWrite={canWrite} onChange={change} />}
                  </>
                ),
              },
              {
                key: 'history',
                label: <span data-testid={`${slug}-tab-history`}>{t('reg.tab.history')}</span>,
                children: tab === 'history' ? <HistoryTimeline kind={kind} id={record.id} version={record.version} testId={slug} /> : null,
              },
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

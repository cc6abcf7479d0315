/** Asks for the purpose of reading before records of a sensitive kind (key-person archives, health declarations) are shown; shows it with a way to change it. */
import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useI18n, type MessageKey } from '../../i18n/i18n';
import type { PurposeStore } from './purpose';

/** `introKey` names the message that says why this kind of record is sensitive (a generic one by default). */
export function PurposeGate({ store, testId, introKey = 'purpose.intro', children }: { store: PurposeStore; testId: string; introKey?: MessageKey; children: ReactNode }) {
  const { t } = useI18n();
  const [purpose, setState] = useState(store.current);
  const [draft, setDraft] = useState('');
  if (!purpose) {
    const confirm = () => {
      const value = draft.trim();
      if (value.length < 2) return;
      store.set(value);
      setState(value);
    };
    return (
      <Card title={t('purpose.title')} style={{ maxWidth: 560, margin: '24px auto' }} data-testid={`${testId}-purpose-gate`}>
        <Typography.Paragraph>{t(introKey)}</Typography.Paragraph>
        <Form layout="vertical" onFinish={confirm}>
          <Form.Item label={t('purpose.title')} required>
            <Input data-testid={`${testId}-purpose-input`} maxLength={200} value={draft} onChange={(e) => setDraft(e.target.value)} placeholder={t('purpose.placeholder')} />
          </Form.Item>
          <Button type="primary" htmlType="submit" disabled={draft.trim().length < 2} data-testid={`${testId}-purpose-confirm`}>
            {t('purpose.confirm')}
          </Button>
        </Form>
      </Card>
    );
  }
  return (
    <>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        data-testid={`${testId}-purpose-current`}
        message={
          <Space wrap>
            {t('purpose.current', { purpose })}
            <Button size="small" type="link" onClick={() => { store.set(''); setState(''); }} data-testid={`${testId}-purpose-change`}>
              {t('purpose.change')}
            </Button>
          </Space>
        }
      />
      {children}
    </>
  );
}

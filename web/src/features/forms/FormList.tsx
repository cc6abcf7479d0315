/** The forms and their versions; a version is chosen by its tag. */
import { Card, Empty, List, Spin, Tag, Typography } from 'antd';
import { localized, type FormStatus, type FormSummary } from '@gridgov/contracts';
import { useI18n } from '../../i18n/i18n';

export const STATUS_COLOR: Record<FormStatus, string> = { draft: 'gold', published: 'green', retired: 'default' };

interface Props {
  forms: FormSummary[] | null;
  selected: { key: string; version: number } | null;
  onSelect: (key: string, version: number) => void;
}

export function FormList({ forms, selected, onSelect }: Props) {
  const { t, locale } = useI18n();
  return (
    <Card size="small" title={t('formsConfig.forms')} data-testid="forms-list">
      {forms === null ? (
        <Spin style={{ display: 'block', margin: '24px auto' }} />
      ) : forms.length === 0 ? (
        <Empty />
      ) : (
        <List
          size="small"
          dataSource={forms}
          renderItem={(form) => (
            <List.Item key={form.key} style={{ flexWrap: 'wrap', gap: 8 }}>
              <div style={{ minWidth: 0 }}>
                <Typography.Text strong>{localized(form.title, locale)}</Typography.Text>
                <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }} copyable={{ text: form.key }}>
                  {form.key}
                </Typography.Text>
              </div>
              <div>
                {form.versions.map((v) => {
                  const active = selected?.key === form.key && selected.version === v.version;
                  return (
                    <Tag
                      key={v.version}
                      color={STATUS_COLOR[v.status]}
                      onClick={() => onSelect(form.key, v.version)}
                      style={{ cursor: 'pointer', outline: active ? '2px solid #1677ff' : undefined, outlineOffset: 1 }}
                      data-testid={`forms-version-${form.key}-${v.version}`}
                    >
                      {t('formsConfig.version', { version: v.version })} · {t(`formsConfig.status.${v.status}`)}
                    </Tag>
                  );
                })}
              </div>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

/**
 * A list target's households from an uploaded .xlsx or .csv file (one column of household
 * numbers, header optional): the server reads it and gives the numbers back, or says which row
 * is wrong. The value is the list of numbers. A controlled antd form control.
 */
import { Alert, Button, Space, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { SurveyListFile } from '@gridgov/contracts';
import { errorText } from '../../app/feedback';
import { useI18n } from '../../i18n/i18n';
import { campaignsApi } from './campaigns-api';

interface Props {
  value?: string[];
  onChange?: (value: string[] | undefined) => void;
  'data-testid'?: string;
}

export function ListFileField({ value, onChange, 'data-testid': testId }: Props) {
  const { t } = useI18n();
  const [file, setFile] = useState<{ name: string; read: SurveyListFile } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [reading, setReading] = useState(false);

  const read = async (picked: File) => {
    setReading(true);
    setFailure(null);
    try {
      const answer = await campaignsApi.readList(picked);
      setFile({ name: picked.name, read: answer });
      onChange?.(answer.householdNumbers);
    } catch (error) {
      setFile(null);
      setFailure(errorText(error, t));
      onChange?.(undefined);
    } finally {
      setReading(false);
    }
  };

  const shown = file && value === file.read.householdNumbers ? file : null;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid={testId}>
      <Upload
        accept=".xlsx,.csv"
        maxCount={1}
        showUploadList={false}
        beforeUpload={(picked) => {
          void read(picked);
          return false;
        }}
      >
        <Button loading={reading} data-testid={testId ? `${testId}-button` : undefined}>
          {t(value?.length ? 'campaign.list.replace' : 'campaign.list.upload')}
        </Button>
      </Upload>
      <Typography.Text type="secondary">{t('campaign.list.hint')}</Typography.Text>
      {failure && <Alert type="error" showIcon title={failure} data-testid={testId ? `${testId}-error` : undefined} />}
      {shown && (
        <Alert
          type="success"
          showIcon
          data-testid={testId ? `${testId}-read` : undefined}
          title={t('campaign.list.read', { file: shown.name, n: shown.read.householdNumbers.length })}
          description={[shown.read.header ? t('campaign.list.header') : null, shown.read.duplicates > 0 ? t('campaign.list.duplicates', { n: shown.read.duplicates }) : null].filter(Boolean).join('；') || undefined}
        />
      )}
    </Space>
  );
}

/**
 * Photos for a report or a step: each uploaded at once to /api/attachments, the value being
 * the uploaded references. A controlled antd form control.
 */
import { Upload } from 'antd';
import type { UploadFile } from 'antd';
import { useState } from 'react';
import type { AttachmentRef } from '@gridgov/contracts';
import { ticketsApi } from '../../../api/tickets';
import { errorText } from '../../../app/feedback';
import { useSession } from '../../../app/session';
import { useI18n } from '../../../i18n/i18n';

/** POST /api/attachments takes an upload from anyone signed in (it stays theirs until a record claims it). */
export function useCanUpload(): boolean {
  return useSession().me !== null;
}

interface Props {
  value?: AttachmentRef[];
  onChange?: (value: AttachmentRef[]) => void;
  max?: number;
  'data-testid'?: string;
}

export function PhotoUpload({ onChange, max = 9, 'data-testid': testId }: Props) {
  const { t } = useI18n();
  const [files, setFiles] = useState<UploadFile<AttachmentRef>[]>([]);
  return (
    <div data-testid={testId}>
      <Upload<AttachmentRef>
        listType="picture-card"
        accept="image/jpeg,image/png,image/gif,image/webp"
        multiple
        maxCount={max}
        fileList={files}
        customRequest={({ file, onSuccess, onError }) => {
          if (!(file instanceof File)) return;
          ticketsApi
            .upload(file)
            .then((ref) => onSuccess?.(ref))
            .catch((err: unknown) => onError?.(new Error(errorText(err, t))));
        }}
        onChange={({ fileList }) => {
          setFiles(fileList);
          onChange?.(fileList.flatMap((item) => (item.status === 'done' && item.response ? [item.response] : [])));
        }}
      >
        {files.length < max && <span>{t('ticket.form.addPhoto')}</span>}
      </Upload>
    </div>
  );
}

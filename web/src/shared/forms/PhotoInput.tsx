/** Photos: each uploaded as soon as it is chosen, up to the field's maximum. */
import { Upload, type UploadFile } from 'antd';
import { useEffect, useState } from 'react';
import type { FormAttachment } from '@gridgov/contracts';
import { errorText } from '../../app/feedback';
import { useI18n } from '../../i18n/i18n';
import type { AttachmentHandling } from './attachments';

interface Props {
  value: FormAttachment[];
  onChange: (value: FormAttachment[] | undefined) => void;
  max: number;
  attachments: AttachmentHandling;
  disabled?: boolean;
  testId: string;
}

function fileOf(ref: FormAttachment, attachments: AttachmentHandling): UploadFile<FormAttachment> {
  return { uid: ref.id, name: ref.name ?? ref.id, status: 'done', url: attachments.url(ref), response: ref };
}

export function PhotoInput({ value, onChange, max, attachments, disabled, testId }: Props) {
  const { t } = useI18n();
  const [files, setFiles] = useState<UploadFile<FormAttachment>[]>(() => value.map((ref) => fileOf(ref, attachments)));
  // The answers changed from outside (a reset): show what they hold, unless an upload is under way.
  useEffect(() => {
    setFiles((current) => {
      if (current.some((f) => f.status === 'uploading')) return current;
      const shown = current.flatMap((f) => (f.status === 'done' && f.response ? [f.response.id] : []));
      const same = shown.length === value.length && value.every((ref, i) => ref.id === shown[i]);
      return same ? current : value.map((ref) => fileOf(ref, attachments));
    });
  }, [value, attachments]);
  return (
    <div data-testid={testId}>
      <Upload<FormAttachment>
        listType="picture-card"
        accept="image/jpeg,image/png,image/gif,image/webp"
        multiple
        maxCount={max}
        fileList={files}
        disabled={disabled}
        customRequest={({ file, onSuccess, onError }) => {
          if (!(file instanceof File)) return;
          attachments
            .upload(file)
            .then((ref) => onSuccess?.(ref))
            .catch((err: unknown) => onError?.(new Error(t('form.photo.uploadFailed', { reason: errorText(err, t) }))));
        }}
        onChange={({ fileList }) => {
          setFiles(fileList);
          const refs = fileList.flatMap((item) => (item.status === 'done' && item.response ? [item.response] : []));
          onChange(refs.length > 0 ? refs : undefined);
        }}
      >
        {files.length < max && !disabled && <span>{t('form.photo.add')}</span>}
      </Upload>
    </div>
  );
}

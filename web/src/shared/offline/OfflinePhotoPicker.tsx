/**
 * Photos kept on the phone until the submission is sent (a controlled form control whose value is
 * the picked files): nothing is uploaded while picking, so it works without network; the offline
 * queue uploads them with the submission.
 */
import { Upload } from 'antd';
import type { UploadFile } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n } from '../../i18n/i18n';

interface Props {
  value?: File[];
  onChange?: (value: File[]) => void;
  max?: number;
  'data-testid'?: string;
}

const ACCEPT = 'image/jpeg,image/png,image/gif,image/webp';

function asUploadFile(file: File, index: number): UploadFile {
  return { uid: `${index}-${file.name}-${file.size}`, name: file.name, status: 'done', originFileObj: file as UploadFile['originFileObj'], thumbUrl: undefined };
}

export function OfflinePhotoPicker({ value, onChange, max = 9, 'data-testid': testId }: Props) {
  const { t } = useI18n();
  const [files, setFiles] = useState<UploadFile[]>(() => (value ?? []).map(asUploadFile));
  // A value set from outside (a refused submission put back in the form, a reset).
  useEffect(() => {
    const current = files.flatMap((f) => (f.originFileObj ? [f.originFileObj as File] : []));
    const next = value ?? [];
    if (current.length !== next.length || current.some((f, i) => f !== next[i])) setFiles(next.map(asUploadFile));
  }, [value]);
  return (
    <div data-testid={testId} data-count={files.length}>
      <Upload
        listType="picture-card"
        accept={ACCEPT}
        multiple
        maxCount={max}
        fileList={files}
        beforeUpload={() => false}
        onChange={({ fileList }) => {
          const kept = fileList.map((f) => ({ ...f, status: 'done' as const }));
          setFiles(kept);
          onChange?.(kept.flatMap((f) => (f.originFileObj ? [f.originFileObj as File] : [])));
        }}
      >
        {files.length < max && <span>{t('offline.photo.add')}</span>}
      </Upload>
    </div>
  );
}

/**
 * Photos of the problem: "take a photo" opens the camera on phones (capture), "choose" the album.
 * Each photo uploads at once (POST /api/attachments) and shows as a thumbnail from the device,
 * so nothing is fetched back; the form sends the ids of the uploaded ones.
 */
import { Button, Spin, Typography } from 'antd';
import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import { errorText } from '../app/feedback';
import { portalApi } from '../api/portal';
import { useI18n } from '../i18n/i18n';
import { CameraIcon, PictureIcon } from './icons';

export const MAX_PHOTOS = 9;
const MAX_BYTES = 10 * 1024 * 1024;

interface Photo {
  key: string;
  name: string;
  preview: string;
  status: 'uploading' | 'done' | 'error';
  id?: string;
  error?: string;
}

export interface PhotoState {
  ids: string[];
  uploading: boolean;
}

interface Props {
  /** Uploads through the public (rate-limited) endpoint. */
  anonymous: boolean;
  onChange: (state: PhotoState) => void;
  testId: string;
}

let counter = 0;

export function PhotoPicker({ anonymous, onChange, testId }: Props) {
  const { t } = useI18n();
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const cameraRef = useRef<HTMLInputElement>(null);
  const albumRef = useRef<HTMLInputElement>(null);
  const previews = useRef(new Set<string>());
  const latest = useRef(onChange);
  useEffect(() => {
    latest.current = onChange;
  });

  useEffect(() => {
    latest.current({
      ids: photos.flatMap((photo) => (photo.status === 'done' && photo.id ? [photo.id] : [])),
      uploading: photos.some((photo) => photo.status === 'uploading'),
    });
  }, [photos]);

  useEffect(() => {
    const urls = previews.current;
    return () => {
      for (const url of urls) URL.revokeObjectURL(url);
      urls.clear();
    };
  }, []);

  function update(key: string, patch: Partial<Photo>) {
    setPhotos((list) => list.map((photo) => (photo.key === key ? { ...photo, ...patch } : photo)));
  }

  function add(event: ChangeEvent<HTMLInputElement>) {
    const files = [...(event.target.files ?? [])];
    event.target.value = '';
    setProblem(null);
    const room = MAX_PHOTOS - photos.length;
    if (files.length > room) setProblem(t('portal.photos.tooMany', { n: MAX_PHOTOS }));
    const added: Photo[] = [];
    for (const file of files.slice(0, Math.max(0, room))) {
      if (!file.type.startsWith('image/')) {
        setProblem(t('portal.photos.notImage'));
        continue;
      }
      if (file.size > MAX_BYTES) {
        setProblem(t('portal.photos.tooLarge'));
        continue;
      }
      const preview = URL.createObjectURL(file);
      previews.current.add(preview);
      const photo: Photo = { key: `photo-${++counter}`, name: file.name, preview, status: 'uploading' };
      added.push(photo);
      portalApi
        .uploadPhoto(file, anonymous)
        .then((ref) => update(photo.key, { status: 'done', id: ref.id }))
        .catch((err: unknown) => update(photo.key, { status: 'error', error: errorText(err, t) }));
    }
    if (added.length) setPhotos((list) => [...list, ...added]);
  }

  function remove(photo: Photo) {
    URL.revokeObjectURL(photo.preview);
    previews.current.delete(photo.preview);
    setPhotos((list) => list.filter((item) => item.key !== photo.key));
  }

  const full = photos.length >= MAX_PHOTOS;
  return (
    <div data-testid={testId}>
      {photos.length > 0 && (
        <div className="gg-portal-photos">
          {photos.map((photo) => (
            <div key={photo.key} className="gg-portal-photo" data-testid={`${testId}-item`} data-status={photo.status}>
              <img src={photo.preview} alt={photo.name} />
              {photo.status === 'uploading' && (
                <div className="gg-portal-photo-cover">
                  <Spin size="small" />
                </div>
              )}
              {photo.status === 'error' && (
                <div className="gg-portal-photo-cover gg-portal-photo-failed" title={photo.error}>
                  {t('portal.photos.failed')}
                </div>
              )}
              <button type="button" className="gg-portal-photo-remove" aria-label={t('portal.photos.remove')} onClick={() => remove(photo)}>
                ×
              </button>
            </div>
          ))}
        </div>
      )}
      <div className="gg-portal-photo-buttons">
        <Button icon={<CameraIcon />} disabled={full} onClick={() => cameraRef.current?.click()} data-testid={`${testId}-camera`}>
          {t('portal.photos.camera')}
        </Button>
        <Button icon={<PictureIcon />} disabled={full} onClick={() => albumRef.current?.click()} data-testid={`${testId}-album`}>
          {t('portal.photos.album')}
        </Button>
      </div>
      <input ref={cameraRef} type="file" accept="image/*" capture="environment" style={{ display: 'none' }} onChange={add} data-testid={`${testId}-camera-input`} />
      <input ref={albumRef} type="file" accept="image/*" multiple style={{ display: 'none' }} onChange={add} data-testid={`${testId}-input`} />
      <Typography.Text type={problem ? 'danger' : 'secondary'} className="gg-portal-hint">
        {problem ?? t('portal.photos.hint', { n: MAX_PHOTOS })}
      </Typography.Text>
    </div>
  );
}

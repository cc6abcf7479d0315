/**
 * A signature drawn with a finger or the mouse on a canvas, saved as a PNG attachment. The
 * canvas takes the touches itself (no page scrolling while signing).
 */
import { Button, Space, Typography } from 'antd';
import { useEffect, useRef, useState, type PointerEvent } from 'react';
import type { FormAttachment } from '@gridgov/contracts';
import { errorText } from '../../app/feedback';
import { useI18n } from '../../i18n/i18n';
import type { AttachmentHandling } from './attachments';

interface Props {
  value: FormAttachment | null;
  onChange: (value: FormAttachment | undefined) => void;
  attachments: AttachmentHandling;
  disabled?: boolean;
  testId: string;
}

const HEIGHT = 160;

function toPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('toBlob'))), 'image/png'));
}

export function SignatureInput({ value, onChange, attachments, disabled, testId }: Props) {
  const { t } = useI18n();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const last = useRef<{ x: number; y: number } | null>(null);
  const [drawn, setDrawn] = useState(false);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  // Size the drawing surface to its box and the screen's pixel density.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || value) return;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.round(canvas.clientWidth * ratio);
    canvas.height = Math.round(HEIGHT * ratio);
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.scale(ratio, ratio);
    ctx.lineWidth = 2.5;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.strokeStyle = '#111827';
  }, [value]);

  const point = (e: PointerEvent<HTMLCanvasElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - box.left, y: e.clientY - box.top };
  };
  const stroke = (to: { x: number; y: number }) => {
    const ctx = canvasRef.current?.getContext('2d');
    const from = last.current;
    if (!ctx || !from) return;
    ctx.beginPath();
    ctx.moveTo(from.x, from.y);
    ctx.lineTo(to.x + 0.01, to.y + 0.01);
    ctx.stroke();
    last.current = to;
  };

  const clear = () => {
    const canvas = canvasRef.current;
    canvas?.getContext('2d')?.clearRect(0, 0, canvas.width, canvas.height);
    setDrawn(false);
    setProblem(null);
  };

  const save = async () => {
    const canvas = canvasRef.current;
    if (!canvas || !drawn) {
      setProblem(t('form.signature.empty'));
      return;
    }
    setSaving(true);
    setProblem(null);
    try {
      const file = new File([await toPng(canvas)], 'signature.png', { type: 'image/png' });
      onChange(await attachments.upload(file));
    } catch (err) {
      setProblem(errorText(err, t));
    } finally {
      setSaving(false);
    }
  };

  if (value) {
    return (
      <Space orientation="vertical" size={4} data-testid={testId}>
        <img src={attachments.url(value)} alt="" style={{ maxWidth: '100%', height: 100, border: '1px solid #e5e7eb', borderRadius: 6, background: '#fff' }} data-testid={`${testId}-image`} />
        {!disabled && (
          <Button size="small" onClick={() => onChange(undefined)} data-testid={`${testId}-redo`}>
            {t('form.signature.redo')}
          </Button>
        )}
      </Space>
    );
  }
  return (
    <div data-testid={testId} style={{ maxWidth: 480 }}>
      <canvas
        ref={canvasRef}
        aria-label={t('form.signature.hint')}
        style={{ width: '100%', height: HEIGHT, border: '1px dashed #9ca3af', borderRadius: 6, background: '#fff', touchAction: 'none', display: 'block', cursor: 'crosshair' }}
        onPointerDown={(e) => {
          if (disabled) return;
          e.currentTarget.setPointerCapture(e.pointerId);
          last.current = point(e);
          stroke(point(e));
          setDrawn(true);
        }}
        onPointerMove={(e) => {
          if (last.current) stroke(point(e));
        }}
        onPointerUp={() => (last.current = null)}
        onPointerCancel={() => (last.current = null)}
        data-testid={`${testId}-canvas`}
      />
      <Space style={{ marginTop: 6 }} wrap>
        <Typography.Text type="secondary">{t('form.signature.hint')}</Typography.Text>
        <Button size="small" onClick={clear} disabled={disabled || saving}>
          {t('form.signature.clear')}
        </Button>
        <Button size="small" type="primary" onClick={() => void save()} loading={saving} disabled={disabled} data-testid={`${testId}-confirm`}>
          {t('form.signature.confirm')}
        </Button>
      </Space>
      {problem && (
        <Typography.Text type="danger" style={{ display: 'block' }}>
          {problem}
        </Typography.Text>
      )}
    </div>
  );
}

/**
 * Create or edit a grid. The boundary comes from the map (drawn by clicking vertices) or from
 * pasted GeoJSON; the page owns it because the map shows it while the form is open.
 */
import { Alert, Button, Drawer, Form, Input, InputNumber, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import type { Grid, PolygonGeometry } from '@gridgov/contracts';
import { errorText } from '../../app/feedback';
import { ApiError } from '../../api/client';
import { gridsApi } from '../../api/grids';
import type { CreateGridRequest, GridWriteResponse, UpdateGridRequest } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import { RegionCodeInput } from '../../shared/regions/RegionCodeInput';
import { parseBoundary } from '../../shared/map/geometry';

export type GridEditor = { mode: 'create'; regionCode?: string } | { mode: 'edit'; grid: Grid };

interface Values {
  regionCode?: string;
  name: string;
  targetHouseholds?: number | null;
}

interface Props {
  editor: GridEditor;
  boundary: PolygonGeometry | null;
  onBoundaryChange: (boundary: PolygonGeometry | null) => void;
  drawing: boolean;
  onStartDrawing: () => void;
  onClose: () => void;
  onSaved: (response: GridWriteResponse) => void;
}

const RECOMMENDED = { min: 400, max: 500 };
export const GRID_FORM_WIDTH = 440;

export function GridForm({ editor, boundary, onBoundaryChange, drawing, onStartDrawing, onClose, onSaved }: Props) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const [pasted, setPasted] = useState('');
  const [pasteError, setPasteError] = useState<string | null>(null);
  const [error, setError] = useState<{ message: string; details?: unknown } | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const households = Form.useWatch('targetHouseholds', form);

  const editing = editor.mode === 'edit' ? editor.grid : null;
  const initialValues: Values = editing
    ? { name: editing.name, targetHouseholds: editing.targetHouseholds }
    : { regionCode: editor.mode === 'create' ? editor.regionCode : undefined, name: '', targetHouseholds: 450 };

  function applyPasted() {
    const result = parseBoundary(pasted);
    if (result.ok) {
      setPasteError(null);
      onBoundaryChange(result.polygon);
    } else {
      setPasteError(t(result.error));
    }
  }

  async function submit(values: Values) {
    if (!boundary) {
      setError({ message: t('grids.boundaryRequired') });
      return;
    }
    setSubmitting(true);
    setError(null);
    const name = values.name.trim();
    const targetHouseholds = values.targetHouseholds ?? undefined;
    try {
      let response: GridWriteResponse;
      if (editing) {
        const body: UpdateGridRequest = { name, boundary, targetHouseholds };
        response = await gridsApi.update(editing.id, body);
      } else {
        const body: CreateGridRequest = { regionCode: (values.regionCode ?? '').trim(), name, boundary, targetHouseholds };
        response = await gridsApi.create(body);
      }
      onSaved(response);
    } catch (err) {
      setError({ message: errorText(err, t), details: err instanceof ApiError ? err.details : undefined });
    } finally {
      setSubmitting(false);
    }
  }

  const vertexCount = boundary ? Math.max(0, (boundary.coordinates[0]?.length ?? 1) - 1) : 0;
  const outsideRecommended = typeof households === 'number' && (households < RECOMMENDED.min || households > RECOMMENDED.max);

  return (
    <Drawer
      open
      title={editing ? t('grids.editTitle', { name: editing.name }) : t('grids.createTitle')}
      size={GRID_FORM_WIDTH}
      mask={false}
      onClose={onClose}
      data-testid="grid-form"
      footer={
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={submitting} onClick={() => form.submit()} data-testid="grid-form-submit">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {error && (
        <Alert
          type="error"
          showIcon
          title={error.message}
          description={
            error.details !== undefined && error.details !== null ? (
              <pre className="gg-json" style={{ maxHeight: 160 }}>
                {JSON.stringify(error.details, null, 2)}
              </pre>
            ) : undefined
          }
          style={{ marginBottom: 16 }}
          data-testid="grid-form-error"
        />
      )}
      <Form<Values> form={form} layout="vertical" initialValues={initialValues} onFinish={submit} requiredMark={false}>
        {editing ? (
          <Form.Item label={t('grids.community')}>
            <Typography.Text>
              {editing.regionName}（{editing.regionCode}）
            </Typography.Text>
          </Form.Item>
        ) : (
          <Form.Item
            name="regionCode"
            label={t('grids.communityCode')}
            rules={[{ required: true, pattern: /^\d{12}$/, message: t('regions.codeInvalid') }]}
          >
            <RegionCodeInput levels={['community']} data-testid="grid-form-region" />
          </Form.Item>
        )}
        <Form.Item name="name" label={t('grids.name')} rules={[{ required: true, whitespace: true, max: 64, message: t('common.required') }]}>
          <Input maxLength={64} data-testid="grid-form-name" />
        </Form.Item>
        <Form.Item
          name="targetHouseholds"
          label={t('grids.targetHouseholds')}
          extra={t('grids.householdsHint', RECOMMENDED)}
          validateStatus={outsideRecommended ? 'warning' : undefined}
          help={outsideRecommended ? t('grids.householdsOutside', RECOMMENDED) : undefined}
        >
          <InputNumber min={1} max={100000} precision={0} style={{ width: '100%' }} data-testid="grid-form-households" />
        </Form.Item>
        {editing && (
          <Form.Item label={t('grids.workers')} extra={t('grids.workersHint')}>
            <Typography.Text data-testid="grid-form-workers">
              {editing.workers.length ? editing.workers.map((worker) => worker.displayName).join('、') : t('grids.noWorkers')}
            </Typography.Text>
          </Form.Item>
        )}
        <Form.Item label={t('grids.boundary')} required>
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Text type={boundary ? 'success' : 'secondary'} data-testid="grid-form-boundary-status">
              {boundary ? t('grids.boundarySet', { n: vertexCount }) : t('grids.boundaryNotSet')}
            </Typography.Text>
            <Tabs
              size="small"
              items={[
                {
                  key: 'draw',
                  label: t('grids.boundaryDraw'),
                  children: (
                    <Space orientation="vertical" style={{ width: '100%' }}>
                      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
                        {t('grids.drawIntro')}
                      </Typography.Paragraph>
                      <Space>
                        <Button onClick={onStartDrawing} disabled={drawing} data-testid="grid-form-draw">
                          {boundary ? t('grids.redraw') : t('grids.startDraw')}
                        </Button>
                        {boundary && (
                          <Button onClick={() => onBoundaryChange(null)} disabled={drawing}>
                            {t('grids.clearBoundary')}
                          </Button>
                        )}
                      </Space>
                    </Space>
                  ),
                },
                {
                  key: 'paste',
                  label: t('grids.boundaryPaste'),
                  children: (
                    <Space orientation="vertical" style={{ width: '100%' }}>
                      <Input.TextArea
                        rows={6}
                        value={pasted}
                        onChange={(event) => setPasted(event.target.value)}
                        placeholder='{"type":"Polygon","coordinates":[[[112.98,28.19],[112.99,28.19],[112.99,28.2],[112.98,28.19]]]}'
                        style={{ fontFamily: 'monospace', fontSize: 12 }}
                        data-testid="grid-form-geojson"
                      />
                      {pasteError && <Typography.Text type="danger">{pasteError}</Typography.Text>}
                      <Space>
                        <Button onClick={applyPasted} disabled={!pasted.trim()} data-testid="grid-form-geojson-apply">
                          {t('grids.applyGeojson')}
                        </Button>
                        {boundary && (
                          <Button onClick={() => setPasted(JSON.stringify(boundary))}>{t('grids.showCurrentGeojson')}</Button>
                        )}
                      </Space>
                    </Space>
                  ),
                },
              ]}
            />
          </Space>
        </Form.Item>
      </Form>
    </Drawer>
  );
}

import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Descriptions, Form, Input, Space, Spin, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Grid, PolygonGeometry } from '@gridgov/contracts';
import { useFeedback } from '../../app/feedback';
import { useSession } from '../../app/session';
import { gridQueries, gridsApi } from '../../api/grids';
import { gridKeys } from '../../api/keys';
import { useI18n } from '../../i18n/i18n';
import { collectionBounds, ringsBounds } from '../../shared/map/geometry';
import { useMapConfig } from '../../shared/map/map-data';
import { RegionCodeInput } from '../../shared/regions/RegionCodeInput';
import { GRID_FORM_WIDTH, GridForm, type GridEditor } from './GridForm';
import { GridMap, type GridMapHandle } from './GridMap';
import { GridTable } from './GridTable';

interface Filters {
  region: string;
  q: string;
}

export default function GridsPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const feedback = useFeedback();
  const client = useQueryClient();
  const mapHandle = useRef<GridMapHandle>(null);
  const config = useMapConfig();
  const [filters, setFilters] = useState<Filters>({ region: '', q: '' });
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [selected, setSelected] = useState<Grid | null>(null);
  const [editor, setEditor] = useState<GridEditor | null>(null);
  const [boundary, setBoundary] = useState<PolygonGeometry | null>(null);
  const [drawing, setDrawing] = useState(false);
  const canWrite = can('grid:write');
  const region = /^\d{12}$/.test(filters.region) ? filters.region : undefined;

  const listed = useQuery({ ...gridQueries.list({ region, q: filters.q.trim() || undefined, ...paging }), placeholderData: keepPreviousData });
  const list = listed.data ?? null;
  const geojson = useQuery(gridQueries.shapes(region)).data ?? null;

  // When the region filter changes, the map moves to the new set of polygons once they arrive.
  const fittedRegion = useRef(region);
  useEffect(() => {
    if (!geojson || fittedRegion.current === region) return;
    fittedRegion.current = region;
    const bounds = collectionBounds(geojson);
    if (bounds) mapHandle.current?.fitTo(bounds);
  }, [geojson, region]);

  /** Grids changed: lists, polygons and names are read again. */
  const gridsChanged = useCallback(() => client.invalidateQueries({ queryKey: gridKeys.all }), [client]);

  const focus = useCallback((grid: Grid) => {
    setSelected(grid);
    const bounds = ringsBounds(grid.boundary.coordinates);
    if (bounds) mapHandle.current?.fitTo(bounds);
  }, []);

  const selectFromMap = useCallback(
    (id: string) => {
      const onPage = list?.items.find((grid) => grid.id === id);
      if (onPage) {
        setSelected(onPage);
        return;
      }
      client
        .fetchQuery(gridQueries.detail(id))
        .then(setSelected)
        .catch((err: unknown) => feedback.error(err));
    },
    [list, client, feedback],
  );

  function openEditor(next: GridEditor) {
    setEditor(next);
    setBoundary(next.mode === 'edit' ? next.grid.boundary : null);
    setDrawing(false);
    if (next.mode === 'edit') setSelected(next.grid);
  }

  // Zoom to the grid being edited once the form is open (the map then keeps clear of it).
  const editedGrid = editor?.mode === 'edit' ? editor.grid : null;
  useEffect(() => {
    const bounds = editedGrid ? ringsBounds(editedGrid.boundary.coordinates) : null;
    if (bounds) mapHandle.current?.fitTo(bounds);
  }, [editedGrid]);

  function closeEditor() {
    setEditor(null);
    setBoundary(null);
    setDrawing(false);
  }

  async function remove(grid: Grid) {
    try {
      await gridsApi.remove(grid.id);
      feedback.success(t('grids.deleted', { name: grid.name }));
      if (selected?.id === grid.id) setSelected(null);
      void gridsChanged();
    } catch (err) {
      feedback.error(err);
    }
  }

  function onSearch(values: Filters) {
    setFilters({ region: values.region ?? '', q: values.q ?? '' });
    setPaging((current) => ({ ...current, page: 1 }));
  }

  return (
    <div data-testid="grids-page">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('menu.grids')}
        </Typography.Title>
        {canWrite && (
          <Button
            type="primary"
            onClick={() => openEditor({ mode: 'create', regionCode: region })}
            disabled={editor !== null}
            data-testid="grid-create"
          >
            {t('grids.create')}
          </Button>
        )}
      </Space>

      <Card styles={{ body: { padding: 12 } }} style={{ marginBottom: 16 }}>
        {config ? (
          <GridMap
            ref={mapHandle}
            config={config}
            data={geojson}
            selectedId={selected?.id ?? null}
            onSelect={selectFromMap}
            draft={editor ? boundary : null}
            drawing={drawing}
            onDrawn={(polygon) => {
              setBoundary(polygon);
              setDrawing(false);
            }}
            onDrawCancel={() => setDrawing(false)}
            coveredRight={editor ? GRID_FORM_WIDTH : 0}
          />
        ) : (
          <Spin style={{ display: 'block', margin: '120px auto' }} />
        )}
        {selected && (
          <Descriptions
            size="small"
            style={{ marginTop: 12 }}
            data-testid="grid-selected"
            column={{ xs: 1, md: 4 }}
            items={[
              { key: 'name', label: t('grids.name'), children: selected.name },
              { key: 'code', label: t('grids.code'), children: selected.code },
              { key: 'community', label: t('grids.community'), children: selected.regionName },
              { key: 'households', label: t('grids.targetHouseholds'), children: selected.targetHouseholds },
            ]}
          />
        )}
      </Card>

      <Card>
        <Form<Filters> layout="inline" onFinish={onSearch} initialValues={filters} style={{ marginBottom: 16, rowGap: 8 }}>
          <Form.Item name="region" label={t('grids.filterRegion')}>
            <RegionCodeInput allowClear style={{ width: 280 }} data-testid="grids-filter-region" />
          </Form.Item>
          <Form.Item name="q" label={t('common.keyword')}>
            <Input allowClear placeholder={t('grids.searchPlaceholder')} style={{ width: 220 }} data-testid="grids-search" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" data-testid="grids-search-submit">
              {t('common.search')}
            </Button>
          </Form.Item>
        </Form>
        <GridTable
          page={list}
          loading={listed.isFetching}
          selectedId={selected?.id ?? null}
          canWrite={canWrite}
          onPageChange={(page, pageSize) => setPaging({ page, pageSize })}
          onRowClick={focus}
          onEdit={(grid) => openEditor({ mode: 'edit', grid })}
          onDelete={(grid) => void remove(grid)}
        />
      </Card>

      {editor && (
        <GridForm
          key={editor.mode === 'edit' ? editor.grid.id : 'new'}
          editor={editor}
          boundary={boundary}
          onBoundaryChange={(next) => {
            setBoundary(next);
            const bounds = next ? ringsBounds(next.coordinates) : null;
            if (bounds) mapHandle.current?.fitTo(bounds);
          }}
          drawing={drawing}
          onStartDrawing={() => setDrawing(true)}
          onClose={closeEditor}
          onSaved={({ grid, warnings }) => {
            feedback.success(editor.mode === 'edit' ? t('grids.updated', { name: grid.name }) : t('grids.created', { name: grid.name }));
            feedback.warnings(warnings);
            closeEditor();
            focus(grid);
            void gridsChanged();
          }}
        />
      )}
    </div>
  );
}

import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Space, Switch, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { Region } from '@gridgov/contracts';
import { useFeedback } from '../../app/feedback';
import { navigate, useLocation } from '../../app/router';
import { useMe, useSession } from '../../app/session';
import { regionQueries } from '../../api/regions';
import { useI18n } from '../../i18n/i18n';
import { RegionDetail } from './RegionDetail';
import { RegionDialogs, type RegionDialog } from './RegionDialogs';
import { RegionTree } from '../../shared/regions/RegionTree';
import { useExpandedRegions, useRegionTree } from '../../shared/regions/region-tree';

export default function RegionsPage() {
  const { t } = useI18n();
  const { can } = useSession();
  const me = useMe();
  const feedback = useFeedback();
  const location = useLocation();
  const selectedCode = location.query.get('code');
  const [includeRevoked, setIncludeRevoked] = useState(false);
  const tree = useRegionTree(includeRevoked);
  const [expandedKeys, setExpandedKeys] = useExpandedRegions(tree);
  const [dialog, setDialog] = useState<RegionDialog>(null);

  const select = useCallback((code: string) => navigate(`/regions?code=${code}`), []);

  // Select the scope root when nothing is selected yet.
  const firstRoot = tree.nodes[0]?.key;
  useEffect(() => {
    if (!selectedCode && firstRoot) navigate(`/regions?code=${firstRoot}`, { replace: true });
  }, [selectedCode, firstRoot]);

  const detailQuery = useQuery({ ...regionQueries.detail(selectedCode ?? ''), enabled: selectedCode !== null });
  const detail = detailQuery.isError ? null : (detailQuery.data ?? null);

  async function onDone(kind: 'create' | 'rename' | 'revoke', region: Region, changed: Region) {
    setDialog(null);
    feedback.success(kind === 'create' ? t('regions.created', { name: changed.name }) : kind === 'rename' ? t('regions.renamed') : t('regions.revokedDone'));
    // The tree (the parent's children, a renamed or revoked node) and the detail are read again.
    await tree.loadChildren(region.code).catch((err: unknown) => feedback.error(err));
    await tree.reload();
    if (kind === 'create') setExpandedKeys((keys) => (keys.includes(region.code) ? keys : [...keys, region.code]));
  }

  return (
    <div data-testid="regions-page">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('menu.regions')}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9} xl={8}>
          <Card
            title={t('regions.tree')}
            extra={
              <Space size="small">
                <Typography.Text type="secondary">{t('regions.showRevoked')}</Typography.Text>
                <Switch
                  size="small"
                  checked={includeRevoked}
                  onChange={(checked) => {
                    setExpandedKeys([]);
                    setIncludeRevoked(checked);
                  }}
                  data-testid="region-show-revoked"
                />
              </Space>
            }
            styles={{ body: { maxHeight: 'calc(100vh - 240px)', overflow: 'auto' } }}
          >
            <RegionTree
              key={String(includeRevoked)}
              tree={tree}
              selectedCode={selectedCode}
              expandedKeys={expandedKeys}
              onExpand={setExpandedKeys}
              onSelect={(node) => select(node.key)}
            />
          </Card>
        </Col>
        <Col xs={24} lg={15} xl={16}>
          <Card title={t('regions.detail')}>
            <RegionDetail
              detail={detail}
              scopeRootCode={me.scope.regionCode}
              loading={detailQuery.isFetching}
              canWrite={can('region:write')}
              onNavigate={select}
              onCreateChild={(region) => setDialog({ kind: 'create', region })}
              onRename={(region) => setDialog({ kind: 'rename', region })}
              onRevoke={(region) => setDialog({ kind: 'revoke', region })}
            />
          </Card>
        </Col>
      </Row>
      <RegionDialogs dialog={dialog} onClose={() => setDialog(null)} onDone={(kind, region, changed) => void onDone(kind, region, changed)} />
    </div>
  );
}

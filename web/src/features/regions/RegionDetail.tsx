import { Breadcrumb, Button, Descriptions, Empty, Space, Spin, Tag, Typography } from 'antd';
import type { Region } from '@gridgov/contracts';
import { levelLabel } from '../../app/labels';
import { useI18n } from '../../i18n/i18n';
import type { RegionDetail as RegionDetailData } from '../../api/types';
import { isRevoked } from '../../shared/regions/region-tree';

interface Props {
  detail: RegionDetailData | null;
  /** The root of the caller's scope: breadcrumb links stop there. */
  scopeRootCode: string;
  loading: boolean;
  canWrite: boolean;
  onNavigate: (code: string) => void;
  onCreateChild: (region: Region) => void;
  onRename: (region: Region) => void;
  onRevoke: (region: Region) => void;
}

export function RegionDetail({ detail, scopeRootCode, loading, canWrite, onNavigate, onCreateChild, onRename, onRevoke }: Props) {
  const { t } = useI18n();
  if (loading && !detail) return <Spin style={{ display: 'block', margin: '40px auto' }} />;
  if (!detail) return <Empty description={t('regions.selectHint')} />;

  const revoked = isRevoked(detail);
  // Ancestors above the caller's scope root are shown but cannot be opened.
  const scopeIndex = detail.path.findIndex((ancestor) => ancestor.code === scopeRootCode);
  return (
    <div data-testid="region-detail">
      <Breadcrumb
        style={{ marginBottom: 12 }}
        data-testid="region-breadcrumb"
        items={[
          ...detail.path.map((ancestor, index) => ({
            key: ancestor.code,
            title:
              scopeIndex < 0 || index < scopeIndex ? (
                ancestor.name
              ) : (
                <a
                  href={`#/regions?code=${ancestor.code}`}
                  onClick={(event) => {
                    event.preventDefault();
                    onNavigate(ancestor.code);
                  }}
                >
                  {ancestor.name}
                </a>
              ),
          })),
          { key: detail.code, title: detail.name },
        ]}
      />
      <Space align="center" style={{ marginBottom: 12 }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="region-detail-name">
          {detail.name}
        </Typography.Title>
        <Tag color="blue">{levelLabel(t, detail.level)}</Tag>
        {detail.validTo && (
          <Tag color={revoked ? 'default' : 'orange'}>
            {revoked ? t('regions.revokedOn', { date: detail.validTo }) : t('regions.revokesOn', { date: detail.validTo })}
          </Tag>
        )}
      </Space>
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'code', label: t('regions.code'), children: <span data-testid="region-detail-code">{detail.code}</span> },
          { key: 'level', label: t('regions.level'), children: levelLabel(t, detail.level) },
          { key: 'parent', label: t('regions.parentCode'), children: detail.parentCode ?? '—' },
          { key: 'validFrom', label: t('regions.validFrom'), children: detail.validFrom },
          {
            key: 'status',
            label: t('regions.status'),
            children: detail.validTo
              ? revoked
                ? t('regions.revokedOn', { date: detail.validTo })
                : t('regions.revokesOn', { date: detail.validTo })
              : t('regions.stillValid'),
          },
          { key: 'children', label: t('regions.childCount'), children: detail.childCount },
          { key: 'grids', label: t('regions.gridCount'), children: detail.gridCount },
        ]}
      />
      {canWrite && !revoked && (
        <Space style={{ marginTop: 16 }} wrap>
          {detail.level !== 'community' && (
            <Button type="primary" onClick={() => onCreateChild(detail)} data-testid="region-create-child">
              {t('regions.createChild')}
            </Button>
          )}
          <Button onClick={() => onRename(detail)} data-testid="region-rename">
            {t('regions.rename')}
          </Button>
          <Button danger onClick={() => onRevoke(detail)} data-testid="region-revoke">
            {t('regions.revoke')}
          </Button>
        </Space>
      )}
    </div>
  );
}

import { Card, Col, Descriptions, Row, Typography } from 'antd';
import type { Role } from '@gridgov/contracts';
import { levelLabel, roleLabel } from '../../app/labels';
import { allowedRoutes } from '../../app/routes';
import { useMe } from '../../app/session';
import { useI18n, type MessageKey } from '../../i18n/i18n';

const INTRO: Record<Role, MessageKey> = {
  system_admin: 'home.intro.system_admin',
  security_admin: 'home.intro.security_admin',
  auditor: 'home.intro.auditor',
  operator: 'home.intro.operator',
  department_handler: 'home.intro.department_handler',
  grid_worker: 'home.intro.grid_worker',
  resident: 'home.intro.resident',
};

const DESCRIPTION: Partial<Record<string, MessageKey>> = {
  regions: 'home.card.regions',
  grids: 'home.card.grids',
  users: 'home.card.users',
  audit: 'home.card.audit',
  registers: 'home.card.registers',
  tickets: 'home.card.tickets',
};

export default function HomePage() {
  const { t } = useI18n();
  const me = useMe();
  // One card per page, and one per menu group (opening the group's first page).
  const pages: { key: string; path: string; label: MessageKey }[] = [];
  for (const route of allowedRoutes(me.permissions)) {
    if (route.path === '/') continue;
    if (!route.group) pages.push(route);
    else if (!pages.some((page) => page.key === route.group?.key)) pages.push({ key: route.group.key, path: route.path, label: route.group.label });
  }
  return (
    <div data-testid="home-page">
      <Typography.Title level={3} data-testid="home-welcome">
        {t('home.welcome', { name: me.displayName })}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t(INTRO[me.role])}</Typography.Paragraph>
      <Card style={{ marginBottom: 16 }}>
        <Descriptions
          column={{ xs: 1, md: 3 }}
          items={[
            { key: 'role', label: t('home.role'), children: roleLabel(t, me.role) },
            {
              key: 'scope',
              label: t('home.scope'),
              children: (
                <span data-testid="home-scope">
                  {me.scope.regionName}（{levelLabel(t, me.scope.level)}，{me.scope.regionCode}）
                </span>
              ),
            },
            ...(me.scope.gridId
              ? [{ key: 'grid', label: t('home.grid'), children: <span data-testid="home-grid">{me.scope.gridName ?? me.scope.gridId}</span> }]
              : []),
          ]}
        />
      </Card>
      <Row gutter={[16, 16]}>
        {pages.map((route) => {
          const description = DESCRIPTION[route.key];
          return (
            <Col key={route.key} xs={24} sm={12} lg={6}>
              <a href={`#${route.path}`} data-testid={`home-link-${route.key}`}>
                <Card hoverable title={t(route.label)}>
                  {description ? t(description) : null}
                </Card>
              </a>
            </Col>
          );
        })}
      </Row>
    </div>
  );
}

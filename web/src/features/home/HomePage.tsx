import { Card, Col, Descriptions, Row, Typography } from 'antd';
import type { Role } from '@gridgov/contracts';
import { levelLabel, roleLabel } from '../../app/labels';
import { homeCards } from '../../app/routes';
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

export default function HomePage() {
  const { t } = useI18n();
  const me = useMe();
  // The cards the user's permissions allow, each opening the first of its pages they may open.
  const cards = homeCards(me.permissions);
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
                  {me.scope.regionName}（{levelLabel(t, me.scope.level)}）
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
        {cards.map((card) => (
          <Col key={card.key} xs={24} sm={12} lg={6}>
            <a href={`#${card.path}`} data-testid={`home-link-${card.key}`}>
              <Card hoverable title={t(card.label)} data-testid={`home-card-${card.key}`}>
                {card.pageLabels ? card.pageLabels.map((label) => t(label)).join('、') : card.description ? t(card.description) : null}
              </Card>
            </a>
          </Col>
        ))}
      </Row>
    </div>
  );
}

/**
 * 吹哨报到: every summons in scope (乡镇吹哨、部门报到) with its departments — checked in (when,
 * and what they did), not yet, or late — and the time left to check in. Opens the ticket.
 */
import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Card, Col, Empty, Row, Segmented, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import type { SummonsItem } from '@gridgov/contracts';
import { ticketQueries } from '../../../api/tickets';
import { formatDateTime } from '../../../app/labels';
import { useI18n } from '../../../i18n/i18n';
import { TicketDrawer } from '../detail/TicketDrawer';
import { Countdown } from '../shared/TicketTags';
import { useOpenTicket } from '../shared/use-open-ticket';

const REFRESH_MS = 60_000;

type Part = SummonsItem['departments'][number];

function PartStatus({ part }: { part: Part }) {
  const { t, locale } = useI18n();
  if (part.checkedInAt) {
    return (
      <Tooltip title={formatDateTime(part.checkedInAt, locale)}>
        <Tag color={part.late ? 'orange' : 'green'} data-testid="summons-checked-in">
          {part.late ? t('ticket.summons.checkedInLate') : t('ticket.summons.checkedIn')}
        </Tag>
      </Tooltip>
    );
  }
  return part.late ? (
    <Tag color="red" data-testid="summons-late">
      {t('ticket.summons.late')}
    </Tag>
  ) : (
    <Tag data-testid="summons-waiting">{t('ticket.summons.waiting')}</Tag>
  );
}

export default function SummonsBoardPage() {
  const { t, locale } = useI18n();
  const { openId, open, close } = useOpenTicket();
  const [status, setStatus] = useState<'open' | 'all'>('open');
  const board = useQuery({ ...ticketQueries.summonses(status), refetchInterval: REFRESH_MS });
  const items = board.data ?? (board.isError ? [] : null);

  return (
    <div data-testid="summons-page">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Space orientation="vertical" size={0}>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('menu.summonses')}
          </Typography.Title>
          <Typography.Text type="secondary">{t('ticket.hint.summonses')}</Typography.Text>
        </Space>
        <Space>
          <Segmented<'open' | 'all'>
            value={status}
            onChange={setStatus}
            options={[
              { value: 'open', label: t('ticket.summons.open') },
              { value: 'all', label: t('ticket.summons.all') },
            ]}
          />
          <Button onClick={() => void board.refetch()}>{t('ticket.refresh')}</Button>
        </Space>
      </Space>
      {items === null ? (
        <Spin style={{ display: 'block', margin: '80px auto' }} />
      ) : items.length === 0 ? (
        <Card>
          <Empty description={t('ticket.summons.empty')} />
        </Card>
      ) : (
        <Row gutter={[12, 12]}>
          {items.map((item) => {
            const done = item.departments.filter((part) => part.checkedInAt).length;
            const allIn = done === item.departments.length;
            return (
              <Col key={item.id} xs={24} lg={12} xxl={8}>
                <Card
                  size="small"
                  data-testid={`summons-${item.id}`}
                  title={
                    <Space size={8}>
                      <Typography.Link onClick={() => open(item.ticketId)} data-testid={`summons-open-${item.ticketId}`}>
                        {item.ticketNumber}
                      </Typography.Link>
                      <Badge status={allIn ? 'success' : 'processing'} text={t('ticket.summons.progress', { done, n: item.departments.length })} />
                    </Space>
                  }
                  extra={allIn ? null : <Countdown at={item.dueAt} />}
                >
                  <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 6 }}>
                    {item.description}
                  </Typography.Paragraph>
                  {item.note && (
                    <Typography.Paragraph type="secondary" style={{ marginBottom: 6 }}>
                      {t('ticket.summons.note', { note: item.note })}
                    </Typography.Paragraph>
                  )}
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('ticket.summons.times', { at: formatDateTime(item.createdAt, locale), due: formatDateTime(item.dueAt, locale) })}
                  </Typography.Text>
                  <div style={{ marginTop: 8 }}>
                    {item.departments.map((part) => (
                      <div
                        key={part.departmentId}
                        style={{ display: 'flex', justifyContent: 'space-between', gap: 8, padding: '4px 0', borderTop: '1px dashed #f0f0f0' }}
                        data-testid={`summons-department-${part.departmentId}`}
                      >
                        <span>
                          <Typography.Text>{part.departmentName}</Typography.Text>
                          {part.action && (
                            <Typography.Text type="secondary" style={{ marginInlineStart: 8 }}>
                              {part.action}
                            </Typography.Text>
                          )}
                        </span>
                        <PartStatus part={part} />
                      </div>
                    ))}
                  </div>
                </Card>
              </Col>
            );
          })}
        </Row>
      )}
      {openId && <TicketDrawer id={openId} onClose={close} onOpenTicket={open} />}
    </div>
  );
}

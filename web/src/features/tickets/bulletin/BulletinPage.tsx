/**
 * 每日通报: the day's figures of a region — new, closed, overdue and returned tickets,
 * satisfaction, the most reported categories and the departments with the most overdue work —
 * and its export as a spreadsheet.
 */
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, DatePicker, Empty, Form, Row, Space, Spin, Statistic, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { dayInZone } from '@gridgov/contracts';
import { displayTimeZone } from '../../../shared/time-zone';
import { useEffect, useState } from 'react';
import type { Bulletin } from '@gridgov/contracts';
import { ticketQueries, ticketsApi } from '../../../api/tickets';
import { saveFile } from '../../../api/transfers';
import { errorText, useFeedback } from '../../../app/feedback';
import { formatDateTime } from '../../../app/labels';
import { useMe } from '../../../app/session';
import { useI18n } from '../../../i18n/i18n';
import { RegionCodeInput } from '../../../shared/regions/RegionCodeInput';

interface Query {
  region?: string;
  day?: string;
}

type TopCategory = Bulletin['data']['topCategories'][number];
type WorstDepartment = Bulletin['data']['worstDepartments'][number];

export default function BulletinPage() {
  const { t, locale } = useI18n();
  const me = useMe();
  const feedback = useFeedback();
  const [form] = Form.useForm<{ region?: string; day?: Dayjs }>();
  const [query, setQuery] = useState<Query>({ region: me.scope.regionCode });
  const [exporting, setExporting] = useState(false);
  // The figures shown stay while the next day's are read; a failure is said above them.
  const answer = useQuery({ ...ticketQueries.bulletin(query), placeholderData: keepPreviousData });
  const bulletin = answer.isError ? null : (answer.data ?? null);
  const error = answer.isError ? errorText(answer.error, t) : null;
  const loading = answer.isFetching;

  // The day the server chose (yesterday, by default) fills the empty day field.
  const shownDay = answer.data?.day;
  useEffect(() => {
    if (shownDay && !form.getFieldValue('day')) form.setFieldsValue({ day: dayjs(shownDay) });
  }, [shownDay, form]);

  async function exportFile() {
    setExporting(true);
    try {
      saveFile(await ticketsApi.bulletinExport({ region: bulletin?.regionCode ?? query.region, day: bulletin?.day ?? query.day }));
    } catch (err) {
      feedback.error(err);
    } finally {
      setExporting(false);
    }
  }

  const categoryColumns: TableColumnsType<TopCategory> = [
    { key: 'rank', title: t('ticket.bulletin.rank'), width: 60, render: (_v, _row, index) => index + 1 },
    { key: 'name', title: t('ticket.field.category'), dataIndex: 'name' },
    { key: 'count', title: t('ticket.bulletin.count'), dataIndex: 'count', align: 'right', width: 100 },
  ];
  const departmentColumns: TableColumnsType<WorstDepartment> = [
    { key: 'name', title: t('ticket.assign.department'), dataIndex: 'name' },
    { key: 'overdue', title: t('ticket.bulletin.overdue'), dataIndex: 'overdue', align: 'right', width: 100 },
    {
      key: 'onTimeRate',
      title: t('ticket.bulletin.onTimeRate'),
      dataIndex: 'onTimeRate',
      align: 'right',
      width: 120,
      render: (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)}%`),
    },
  ];

  const data = bulletin?.data;
  return (
    <div data-testid="bulletin-page">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('menu.bulletin')}
        </Typography.Title>
        <Button type="primary" onClick={() => void exportFile()} loading={exporting} disabled={!bulletin} data-testid="bulletin-export">
          {t('ticket.bulletin.export')}
        </Button>
      </Space>
      <Card style={{ marginBottom: 12 }}>
        <Form
          form={form}
          layout="inline"
          initialValues={{ region: me.scope.regionCode }}
          onFinish={(values) =>
            setQuery({
              region: values.region && /^\d{12}$/.test(values.region) ? values.region : undefined,
              day: values.day ? values.day.format('YYYY-MM-DD') : undefined,
            })
          }
          style={{ rowGap: 8 }}
        >
          <Form.Item name="region" label={t('ticket.field.region')}>
            <RegionCodeInput style={{ width: 240 }} data-testid="bulletin-region" />
          </Form.Item>
          {/* Days are the deployment's days (its time zone), whatever the browser's: none after its today. */}
          <Form.Item name="day" label={t('ticket.bulletin.day')}>
            <DatePicker disabledDate={(day) => day.format('YYYY-MM-DD') > dayInZone(new Date(), displayTimeZone())} data-testid="bulletin-day" />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" data-testid="bulletin-search">
              {t('common.search')}
            </Button>
          </Form.Item>
        </Form>
      </Card>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      {loading && !bulletin ? (
        <Spin style={{ display: 'block', margin: '80px auto' }} />
      ) : !bulletin || !data ? (
        !error && <Empty />
      ) : (
        <Spin spinning={loading}>
          <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="bulletin-title">
            {t('ticket.bulletin.title', { region: bulletin.regionName, day: bulletin.day })}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('ticket.bulletin.generated', { at: formatDateTime(bulletin.createdAt, locale) })}</Typography.Paragraph>
          <Row gutter={[12, 12]} style={{ marginBottom: 12 }} data-testid="bulletin-figures">
            <Figure title={t('ticket.bulletin.new')} value={data.newTickets} />
            <Figure title={t('ticket.bulletin.closed')} value={data.closed} color="#16a34a" />
            <Figure title={t('ticket.bulletin.overdue')} value={data.overdue} color={data.overdue > 0 ? '#cf1322' : undefined} />
            <Figure title={t('ticket.bulletin.returned')} value={data.returned} />
            <Col xs={12} md={8} xl={4}>
              <Card size="small">
                <Statistic
                  title={t('ticket.bulletin.satisfaction', { n: data.ratedCount })}
                  value={data.satisfaction === null ? '—' : data.satisfaction.toFixed(2)}
                  suffix={data.satisfaction === null ? undefined : '/ 5'}
                />
              </Card>
            </Col>
          </Row>
          <Row gutter={12}>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('ticket.bulletin.topCategories')}>
                <Table<TopCategory> rowKey="categoryId" size="small" pagination={false} columns={categoryColumns} dataSource={data.topCategories} />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('ticket.bulletin.worstDepartments')}>
                <Table<WorstDepartment> rowKey="departmentId" size="small" pagination={false} columns={departmentColumns} dataSource={data.worstDepartments} />
              </Card>
            </Col>
          </Row>
        </Spin>
      )}
    </div>
  );
}

function Figure({ title, value, color }: { title: string; value: number; color?: string }) {
  return (
    <Col xs={12} md={8} xl={4}>
      <Card size="small">
        <Statistic title={title} value={value} styles={{ content: color ? { color } : {} }} />
      </Card>
    </Col>
  );
}

/**
 * 疫情态势: the region's WHO contact-tracing indicators over a period, per child region (a click
 * goes down a level), the daily trend, and the daily briefing as xlsx. Counts only, each over what
 * the reader may list; the maps show cases and contacts per grid as count layers.
 */
import { Button, Card, DatePicker, Space, Statistic, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useMemo, useState } from 'react';
import dayjs, { type Dayjs } from 'dayjs';
import { dayInZone, type EpidemicSituation, type SituationFigures } from '@gridgov/contracts';
import { saveFile } from '../../api/transfers';
import { navigate } from '../../app/router';
import { useFeedback } from '../../app/feedback';
import { useI18n, type MessageKey, type Translate } from '../../i18n/i18n';
import { EChart } from '../../shared/charts/EChart';
import type { ChartOption } from '../../shared/charts/echarts';
import { displayTimeZone } from '../../shared/time-zone';
import { tracingApi, tracingKeys } from './tracing-api';
import { useMe } from '../../app/session';
import { holds } from '../../shared/permissions';
import { quarantineApi, quarantineKeys } from '../quarantine/quarantine-api';
import type { MapPoint } from '../../shared/map/PointsMap';

const PointsMap = lazy(() => import('../../shared/map/PointsMap'));

/** Today in the deployment's time zone, wherever the browser is. */
const today = () => dayjs(dayInZone(new Date(), displayTimeZone()));

type Row = SituationFigures & { regionCode: string; name: string };

const percent = (v: number | null) => (v === null ? '—' : `${Math.round(v * 1000) / 10}%`);

const COLUMNS: { key: keyof SituationFigures; label: MessageKey; share?: boolean }[] = [
  { key: 'newCases', label: 'situation.newCases' },
  { key: 'confirmed', label: 'situation.confirmed' },
  { key: 'fromContactsShare', label: 'situation.fromContactsShare', share: true },
  { key: 'tracedWithin24hShare', label: 'situation.tracedWithin24hShare', share: true },
  { key: 'newContacts', label: 'situation.newContacts' },
  { key: 'contactsPerCase', label: 'situation.contactsPerCase' },
  { key: 'following', label: 'situation.following' },
  { key: 'ended', label: 'situation.ended' },
  { key: 'becameCases', label: 'situation.becameCases' },
  { key: 'quarantined', label: 'situation.quarantined' },
  { key: 'followedDailyShare', label: 'situation.followedDailyShare', share: true },
  { key: 'completedShare', label: 'situation.completedShare', share: true },
  { key: 'lost', label: 'situation.lost' },
];

function trendOption(t: Translate, s: EpidemicSituation): ChartOption {
  const days = s.trend.map((d) => d.day.slice(5));
  const line = (name: MessageKey, data: number[], axis = 0) => ({ type: 'line' as const, name: t(name), data, yAxisIndex: axis });
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 48, top: 36, bottom: 24 },
    xAxis: { type: 'category', data: days },
    yAxis: [{ type: 'value', minInterval: 1 }, { type: 'value', minInterval: 1, splitLine: { show: false } }],
    series: [
      line('situation.newCases', s.trend.map((d) => d.newCases)),
      line('situation.confirmed', s.trend.map((d) => d.confirmed)),
      line('situation.newContacts', s.trend.map((d) => d.newContacts), 1),
      line('situation.following', s.trend.map((d) => d.following), 1),
    ],
  } as ChartOption;
}

export function SituationPanel() {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [today().subtract(13, 'day'), today()]);
  const [trail, setTrail] = useState<{ code: string; name: string }[]>([]);
  const region = trail.at(-1)?.code;
  const params = { from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD'), region };
  const situation = useQuery({ queryKey: [...tracingKeys.all, 'situation', params], queryFn: ({ signal }) => tracingApi.situation(params, signal) });
  const me = useMe();
  const seesSites = holds('quarantine:read', me.permissions);
  const sites = useQuery({ queryKey: quarantineKeys.sites, queryFn: ({ signal }) => quarantineApi.sites(signal), enabled: seesSites });
  const sitePoints = useMemo<MapPoint[]>(
    () =>
      (sites.data ?? []).map((site) => ({
        id: site.id,
        lon: site.lng,
        lat: site.lat,
        label: t('situation.site', { name: site.name, n: site.occupancy, capacity: site.capacity }),
        color: site.occupancy >= site.capacity ? '#dc2626' : site.occupancy >= site.capacity * 0.8 ? '#d97706' : '#16a34a',
      })),
    [sites.data, t],
  );
  const [downloading, setDownloading] = useState(false);
  const s = situation.data;
  const option = useMemo(() => (s ? trendOption(t, s) : null), [t, s]);

  async function download() {
    setDownloading(true);
    try {
      saveFile(await tracingApi.briefing({ to: params.to, region }));
    } catch (error) {
      feedback.error(error);
    } finally {
      setDownloading(false);
    }
  }

  const columns = [
    {
      key: 'name',
      title: t('situation.region'),
      fixed: 'left' as const,
      render: (_: unknown, r: Row) =>
        r.regionCode === s?.regionCode ? (
          r.name
        ) : (
          <Typography.Link data-testid={`situation-region-${r.regionCode}`} onClick={() => setTrail([...trail, { code: r.regionCode, name: r.name }])}>
            {r.name}
          </Typography.Link>
        ),
    },
    ...COLUMNS.map((c) => ({
      key: c.key,
      title: t(c.label),
      align: 'right' as const,
      render: (_: unknown, r: Row) => (c.share ? percent(r[c.key] as number | null) : (r[c.key] ?? '—')),
    })),
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="situation">
      <Space wrap>
        <DatePicker.RangePicker
          allowClear={false}
          value={range}
          disabledDate={(d) => d.isAfter(today(), 'day')}
          onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
          data-testid="situation-range"
        />
        <Button onClick={download} loading={downloading} data-testid="situation-briefing">{t('situation.briefing')}</Button>
        <Typography.Link href="#/grids">{t('situation.onMap')}</Typography.Link>
      </Space>
      <Space wrap>
        <Typography.Link onClick={() => setTrail([])} disabled={trail.length === 0}>{t('situation.top')}</Typography.Link>
        {trail.map((r, i) => (
          <span key={r.code}>
            {' / '}
            <Typography.Link onClick={() => setTrail(trail.slice(0, i + 1))} disabled={i === trail.length - 1}>{r.name}</Typography.Link>
          </span>
        ))}
      </Space>
      <Card size="small" loading={!s} title={s ? `${s.regionName} · ${s.from} ~ ${s.to}` : undefined}>
        {s && (
          <Space wrap size="large">
            {COLUMNS.map((c) => (
              <Statistic key={c.key} title={t(c.label)} value={c.share ? percent(s.total[c.key] as number | null) : (s.total[c.key] ?? '—')} data-testid={`situation-total-${c.key}`} />
            ))}
          </Space>
        )}
      </Card>
      <Card size="small" title={t('situation.byRegion')}>
        <Table<Row> rowKey="regionCode" size="small" pagination={false} scroll={{ x: 'max-content' }} loading={situation.isFetching} dataSource={s?.regions ?? []} columns={columns} data-testid="situation-regions" />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>{t('situation.note')}</Typography.Paragraph>
      </Card>
      {seesSites && (
        <Card size="small" title={t('situation.sites')} extra={<Typography.Link href="#/grids">{t('situation.onMap')}</Typography.Link>}>
          <Suspense fallback={<Card loading />}>
            <PointsMap points={sitePoints} onOpen={() => navigate('/quarantine?tab=sites')} testId="situation-sites-map" height={320} />
          </Suspense>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>{t('situation.sitesNote')}</Typography.Paragraph>
        </Card>
      )}
      <Card size="small" title={t('situation.trend')}>
        {s && option && <EChart option={option} dark={false} locale={locale} items={s.trend.length} testId="situation-trend" style={{ height: 300, width: '100%' }} />}
      </Card>
    </Space>
  );
}

/**
 * Public information on the portal (辟谣, 医院信息, 在线咨询), at the resident's place (their
 * region and the regions above it) or, for a visitor, at a community they look up by name:
 * rebuttals with a word search, hospitals and fever clinics on a list and a map with "open now"
 * and the distance from the resident's location, and answered questions with a form to ask one.
 */
import { Alert, AutoComplete, Button, Card, Empty, Input, Segmented, Switch, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { Map as MapLibreMap, Marker } from 'maplibre-gl';
import type { PlaceHit, PublicHealthFacility, RumourVerdict } from '@gridgov/contracts';
import { errorText } from '../app/feedback';
import { formatDateTime } from '../app/labels';
import { useSession } from '../app/session';
import { api } from '../api/client';
import { useI18n } from '../i18n/i18n';
import { createMap, maplibregl } from '../shared/map/maplibre';
import { useMapConfig } from '../shared/map/map-data';
import { consultationKeys, facilityKeys, publicinfoApi, rebuttalKeys } from '../features/publicinfo/publicinfo-api';
import { portalMapStyle, type LonLat } from './LocationPicker';

const VERDICT_COLOURS: Record<RumourVerdict, string> = { false: 'red', true: 'green', partly: 'orange', unverified: 'default' };
const PLACE_KEY = 'gridgov.portal.publicinfo.place';

type Tab = 'rebuttals' | 'facilities' | 'consultations';

/** A visitor's community, looked up by name (kept on this device). */
function PlaceChooser({ value, onChange }: { value: { code: string; name: string } | null; onChange: (p: { code: string; name: string }) => void }) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const hits = useQuery({
    queryKey: ['places', 'public', q],
    queryFn: ({ signal }) => api.get<{ items: PlaceHit[] }>('/public/places/search', { q }, signal).then((r) => r.items.filter((h) => h.kind === 'region')),
    enabled: q.trim().length >= 2,
    meta: { silent: true },
  }).data ?? [];
  return (
    <AutoComplete
      style={{ width: '100%' }}
      value={q}
      onChange={setQ}
      placeholder={value ? value.name : t('portal.info.placePlaceholder')}
      options={hits.map((h) => ({ value: h.id, label: `${h.name}${h.context ? ` · ${h.context}` : ''}` }))}
      onSelect={(code: string) => {
        const hit = hits.find((h) => h.id === code);
        if (hit) onChange({ code, name: hit.name });
        setQ('');
      }}
      data-testid="portal-info-place"
    />
  );
}

function Rebuttals({ region }: { region: string }) {
  const { t, locale } = useI18n();
  const [q, setQ] = useState('');
  const items = useQuery({ queryKey: rebuttalKeys.publicAt(region, q), queryFn: ({ signal }) => publicinfoApi.publicRebuttals(region, q, signal) }).data;
  return (
    <div data-testid="portal-rebuttals">
      <Input.Search allowClear placeholder={t('portal.info.searchRumours')} onSearch={setQ} enterButton data-testid="portal-rebuttals-search" style={{ marginBottom: 12 }} />
      {items?.length === 0 && <Empty description={t('portal.info.none')} />}
      {items?.map((r) => (
        <Card key={r.id} size="small" style={{ marginBottom: 8 }} data-testid="portal-rebuttal">
          <Typography.Text strong>{r.claim}</Typography.Text> <Tag color={VERDICT_COLOURS[r.verdict]}>{t(`publicinfo.verdict.${r.verdict}`)}</Tag>
          <Typography.Paragraph style={{ marginTop: 6, marginBottom: 4, whiteSpace: 'pre-wrap' }}>{r.evidence}</Typography.Paragraph>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('portal.info.source')}: {r.sourceUrl ? <a href={r.sourceUrl} target="_blank" rel="noreferrer">{r.sourceName}</a> : r.sourceName} · {r.regionName} · {formatDateTime(r.publishedAt, locale)}
          </Typography.Text>
        </Card>
      ))}
    </div>
  );
}

function FacilityMap({ items, here }: { items: PublicHealthFacility[]; here: LonLat | null }) {
  const config = useMapConfig();
  const ref = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MapLibreMap | null>(null);
  const markers = useRef<Marker[]>([]);
  useEffect(() => {
    if (!config || !ref.current) return;
    const map = createMap({ container: ref.current, style: portalMapStyle(config), center: config.center, zoom: config.zoom, cooperativeGestures: true });
    mapRef.current = map;
    return () => {
      map?.remove();
      mapRef.current = null;
    };
  }, [config]);
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    for (const m of markers.current) m.remove();
    const points = [...items.map((f) => ({ lon: f.lon, lat: f.lat, colour: f.openNow ? '#389e0d' : '#8c8c8c', title: f.name })), ...(here ? [{ ...here, colour: '#1677ff', title: '' }] : [])];
    markers.current = points.map((p) => new maplibregl.Marker({ color: p.colour }).setLngLat([p.lon, p.lat]).addTo(map));
    if (points.length > 0) {
      const bounds = new maplibregl.LngLatBounds([points[0]!.lon, points[0]!.lat], [points[0]!.lon, points[0]!.lat]);
      for (const p of points) bounds.extend([p.lon, p.lat]);
      map.fitBounds(bounds, { padding: 30, maxZoom: 15, duration: 0 });
    }
  }, [items, here, config]);
  if (!config) return null;
  return <div ref={ref} style={{ height: 240, borderRadius: 8, overflow: 'hidden', marginBottom: 12 }} data-testid="portal-facilities-map" />;
}

function Facilities({ region }: { region: string }) {
  const { t } = useI18n();
  const [openOnly, setOpenOnly] = useState(false);
  const [here, setHere] = useState<LonLat | null>(null);
  const [locateError, setLocateError] = useState<string | null>(null);
  const params = { region, ...(openOnly ? { openNow: 'true' as const } : {}), ...(here ? { lon: here.lon, lat: here.lat } : {}) };
  const items = useQuery({ queryKey: facilityKeys.publicAt(params), queryFn: ({ signal }) => publicinfoApi.publicFacilities(params, signal) }).data;
  const locate = () => {
    setLocateError(null);
    if (!('geolocation' in navigator)) return setLocateError(t('portal.info.noLocation'));
    navigator.geolocation.getCurrentPosition(
      (p) => setHere({ lon: p.coords.longitude, lat: p.coords.latitude }),
      () => setLocateError(t('portal.info.noLocation')),
      { timeout: 10_000 },
    );
  };
  return (
    <div data-testid="portal-facilities">
      <div style={{ display: 'flex', gap: 12, alignItems: 'center', marginBottom: 12, flexWrap: 'wrap' }}>
        <span>
          <Switch size="small" checked={openOnly} onChange={setOpenOnly} data-testid="portal-facilities-open" /> {t('portal.info.openOnly')}
        </span>
        <Button size="small" onClick={locate} data-testid="portal-facilities-locate">{t('portal.info.nearMe')}</Button>
      </div>
      {locateError && <Alert type="warning" showIcon message={locateError} style={{ marginBottom: 8 }} />}
      <FacilityMap items={items ?? []} here={here} />
      {items?.length === 0 && <Empty description={t('portal.info.none')} />}
      {items?.map((f) => (
        <Card key={f.id} size="small" style={{ marginBottom: 8 }} data-testid="portal-facility">
          <Typography.Text strong>{f.name}</Typography.Text> <Tag color={f.openNow ? 'green' : 'default'}>{t(f.openNow ? 'publicinfo.facility.openNow' : 'publicinfo.facility.closedNow')}</Tag>
          <Tag>{t(`publicinfo.kind.${f.kind}`)}</Tag>
          <div style={{ fontSize: 13, marginTop: 4 }}>
            {f.address}
            {f.distanceMeters !== null && <Typography.Text type="secondary"> · {t('portal.info.distance', { km: (f.distanceMeters / 1000).toFixed(1) })}</Typography.Text>}
          </div>
          <div style={{ fontSize: 13 }}>
            <a href={`tel:${f.phone}`}>{f.phone}</a>
            {f.services && <Typography.Text type="secondary"> · {f.services}</Typography.Text>}
          </div>
        </Card>
      ))}
    </div>
  );
}

function Consultations({ region, resident }: { region: string; resident: boolean }) {
  const { t, locale } = useI18n();
  const client = useQueryClient();
  const items = useQuery({ queryKey: consultationKeys.publicAt(region), queryFn: ({ signal }) => publicinfoApi.publicConsultations(region, signal) }).data;
  const [question, setQuestion] = useState('');
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const ask = async () => {
    setError(null);
    try {
      await (resident ? publicinfoApi.askSignedIn(question.trim()) : publicinfoApi.ask(region, question.trim()));
      setSent(true);
      setQuestion('');
      void client.invalidateQueries({ queryKey: consultationKeys.all });
    } catch (err) {
      setError(errorText(err, t));
    }
  };
  return (
    <div data-testid="portal-consultations">
      <Card size="small" title={t('portal.info.ask')} style={{ marginBottom: 12 }}>
        <Input.TextArea rows={3} maxLength={1000} value={question} onChange={(e) => setQuestion(e.target.value)} placeholder={t('portal.info.askPlaceholder')} data-testid="portal-ask-question" />
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '6px 0' }}>{t('portal.info.askHint')}</Typography.Paragraph>
        {sent && <Alert type="success" showIcon message={t('portal.info.asked')} style={{ marginBottom: 8 }} data-testid="portal-ask-sent" />}
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 8 }} />}
        <Button type="primary" disabled={question.trim().length < 5} onClick={() => void ask()} data-testid="portal-ask-submit">{t('portal.info.askSubmit')}</Button>
      </Card>
      {items?.length === 0 && <Empty description={t('portal.info.none')} />}
      {items?.map((c) => (
        <Card key={c.id} size="small" style={{ marginBottom: 8 }} data-testid="portal-consultation">
          <Typography.Text strong>{t('portal.info.q')} </Typography.Text>
          <span style={{ whiteSpace: 'pre-wrap' }}>{c.question}</span>
          <Typography.Paragraph style={{ marginTop: 6, marginBottom: 4, whiteSpace: 'pre-wrap' }}>
            <Typography.Text strong>{t('portal.info.a')} </Typography.Text>
            {c.answer}
          </Typography.Paragraph>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{c.regionName} · {formatDateTime(c.publishedAt, locale)}</Typography.Text>
        </Card>
      ))}
    </div>
  );
}

export default function PublicInfoPage() {
  const { t } = useI18n();
  const { me } = useSession();
  const resident = me?.role === 'resident';
  const [tab, setTab] = useState<Tab>('facilities');
  const [place, setPlace] = useState<{ code: string; name: string } | null>(() => {
    try {
      return JSON.parse(localStorage.getItem(PLACE_KEY) ?? 'null') as { code: string; name: string } | null;
    } catch {
      return null;
    }
  });
  const region = resident ? me.scope.regionCode : (place?.code ?? null);
  const choose = (p: { code: string; name: string }) => {
    setPlace(p);
    localStorage.setItem(PLACE_KEY, JSON.stringify(p));
  };
  return (
    <div data-testid="portal-info">
      {!resident && (
        <div style={{ marginBottom: 12 }}>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>{place ? t('portal.info.placeIs', { name: place.name }) : t('portal.info.placeNeeded')}</Typography.Text>
          <PlaceChooser value={place} onChange={choose} />
        </div>
      )}
      <Segmented
        block
        value={tab}
        onChange={(v) => setTab(v as Tab)}
        options={[
          { value: 'facilities', label: t('portal.info.tab.facilities') },
          { value: 'rebuttals', label: t('portal.info.tab.rebuttals') },
          { value: 'consultations', label: t('portal.info.tab.consultations') },
        ]}
        style={{ marginBottom: 12 }}
        data-testid="portal-info-tabs"
      />
      {region === null ? (
        <Empty description={t('portal.info.placeNeeded')} />
      ) : tab === 'rebuttals' ? (
        <Rebuttals region={region} />
      ) : tab === 'facilities' ? (
        <Facilities region={region} />
      ) : (
        <Consultations region={region} resident={resident} />
      )}
    </div>
  );
}

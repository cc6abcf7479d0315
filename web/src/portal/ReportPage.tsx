/**
 * 我要反映: describe the problem, mark it on the map, add an address, photos and a phone, submit.
 * Signed-in residents get the grid at the point, category suggestions and a note about similar
 * open reports while writing (POST /api/tickets/check), and file through POST /api/tickets.
 * Visitors without an account file through the public intake and get a tracking link; its form
 * carries a honeypot field that people never see.
 */
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Spin, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import type { PublicTicket, Ticket } from '@gridgov/contracts';
import { isApiError } from '../api/client';
import { portalApi, type IntakeBody, type PublicIntakeBody } from '../api/portal';
import { ticketChanged, ticketQueries } from '../api/tickets';
import { errorText } from '../app/feedback';
import { navigate } from '../app/router';
import { useI18n } from '../i18n/i18n';
import { CategoryPicker, effectiveCategory } from './CategoryPicker';
import { useDebounced } from '../shared/hooks/use-debounced';
import { useMapSettings } from '../shared/map/map-data';
import { useHomeArea } from '../shared/map/MapTools';
import { LocationPicker, type LocatedBy, type LonLat } from './LocationPicker';
import { loginPath, PORTAL_PATHS } from './paths';
import { PhotoPicker, type PhotoState } from './PhotoPicker';
import { SubmittedResult } from './SubmittedResult';
import { rememberReport } from './tracked';

interface ReportValues {
  description: string;
  address?: string;
  reporterName?: string;
  reporterPhone?: string;
  /** The honeypot: hidden from people, filled by bots. */
  website?: string;
  customFields?: Record<string, string | number | boolean | null | undefined>;
}

export type Submitted = { kind: 'account'; ticket: Ticket } | { kind: 'public'; ticket: PublicTicket };

const CHECK_DELAY_MS = 600;
const MIN_DESCRIPTION = 5;
const PHONE_PATTERN = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;

/** The answers to the extra questions, without the empty ones. */
function answers(values: ReportValues['customFields']): Record<string, string | number | boolean> {
  const out: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(values ?? {})) {
    if (value === null || value === undefined || value === '') continue;
    out[key] = typeof value === 'string' ? value.trim() : value;
  }
  return out;
}

function Section({ title, extra, children }: { title: string; extra?: ReactNode; children: ReactNode }) {
  return (
    <section className="gg-portal-section">
      <div className="gg-portal-section-head">
        <Typography.Text strong>{title}</Typography.Text>
        {extra}
      </div>
      {children}
    </section>
  );
}

/** The form for the signed-in resident (`account`) or for anyone (`public`). */
export default function ReportPage({ mode }: { mode: 'account' | 'public' }) {
  // A fresh form for each report.
  const [round, setRound] = useState(0);
  const [submitted, setSubmitted] = useState<Submitted | null>(null);
  if (submitted) {
    return (
      <SubmittedResult
        submitted={submitted}
        onAgain={() => {
          setSubmitted(null);
          setRound((n) => n + 1);
        }}
      />
    );
  }
  return <ReportForm key={round} mode={mode} onSubmitted={setSubmitted} />;
}

function ReportForm({ mode, onSubmitted }: { mode: 'account' | 'public'; onSubmitted: (submitted: Submitted) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<ReportValues>();
  const map = useMapSettings();
  const client = useQueryClient();
  const account = mode === 'account';
  const home = useHomeArea(account);
  // No point until the resident confirms one (locate, tap, or an address found): a default pin misroutes reports.
  const [point, setPoint] = useState<LonLat | null>(null);
  const [locatedBy, setLocatedBy] = useState<LocatedBy | null>(null);
  const [pointMissing, setPointMissing] = useState(false);
  const [photos, setPhotos] = useState<PhotoState>({ ids: [], uploading: false });
  const [chosen, setChosen] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const description = Form.useWatch('description', form) ?? '';

  const categories = useQuery({ ...ticketQueries.categories(), enabled: account, meta: { silent: true } }).data ?? [];

  // While the resident writes: the grid at the point, suggestions, similar open reports (the
  // last answer stays while the next is asked).
  const text = description.trim();
  const asked = useDebounced({ description: text, lon: point?.lon, lat: point?.lat }, CHECK_DELAY_MS);
  const check =
    useQuery({ ...ticketQueries.check(asked), enabled: account && asked.description.length >= MIN_DESCRIPTION, placeholderData: keepPreviousData }).data ?? null;

  function choosePoint(next: LonLat, by: LocatedBy) {
    setPoint(next);
    setLocatedBy(by);
    setPointMissing(false);
  }

  async function submit(values: ReportValues) {
    if (!point || !locatedBy) {
      setPointMissing(true);
      return;
    }
    setSubmitting(true);
    setError(null);
    const common = {
      description: values.description.trim(),
      address: values.address?.trim() || undefined,
      lon: point.lon,
      lat: point.lat,
      reporterPhone: values.reporterPhone?.trim() || undefined,
      photoIds: photos.ids,
    };
    try {
      if (account) {
        const category = effectiveCategory(categories, check?.suggestions ?? [], chosen);
        const custom = answers(values.customFields);
        // Without a choice the server takes its own suggestion; extra answers belong to the category shown.
        const categoryId = chosen ?? (category && category.customFields.length > 0 ? category.id : undefined);
        const body: IntakeBody = { ...common, categoryId, customFields: categoryId ? custom : {} };
        const answer = await portalApi.report(body);
        void ticketChanged(client);
        onSubmitted({ kind: 'account', ticket: answer.ticket });
      } else {
        const body: PublicIntakeBody = {
          ...common,
          reporterName: values.reporterName?.trim() || undefined,
          website: values.website || undefined,
          locatedBy,
        };
        const ticket = await portalApi.publicReport(body);
        if (ticket.trackingToken) rememberReport({ token: ticket.trackingToken, number: ticket.number, createdAt: ticket.createdAt });
        onSubmitted({ kind: 'public', ticket });
      }
    } catch (err) {
      if (isApiError(err, 'PHONE_INVALID')) {
        form.setFields([{ name: 'reporterPhone', errors: [err.message] }]);
      }
      setError(errorText(err, t));
    } finally {
      setSubmitting(false);
    }
  }

  const grid = check?.grid;
  const duplicates = check?.duplicates ?? [];
  return (
    <div data-testid="portal-report">
      {!account && (
        <Alert
          type="info"
          showIcon
          className="gg-portal-block"
          title={t('portal.report.anonymousTitle')}
          description={
            <span>
              {t('portal.report.anonymousHint')}{' '}
              <a href={`#${loginPath(PORTAL_PATHS.report)}`} data-testid="portal-report-login">
                {t('portal.report.anonymousLogin')}
              </a>
            </span>
          }
        />
      )}
      <Form<ReportValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={(values) => void submit(values)}
        onFinishFailed={() => !point && setPointMissing(true)}
        scrollToFirstError={{ block: 'center' }}
        data-testid="portal-report-form"
      >
        <Section title={t('portal.report.what')}>
          <Form.Item
            name="description"
            rules={[
              { required: true, whitespace: true, message: t('portal.report.descriptionRequired') },
              { min: MIN_DESCRIPTION, message: t('portal.report.descriptionShort', { n: MIN_DESCRIPTION }) },
            ]}
            style={{ marginBottom: account ? 12 : 0 }}
          >
            <Input.TextArea
              autoSize={{ minRows: 4, maxRows: 10 }}
              maxLength={2000}
              showCount
              placeholder={t('portal.report.descriptionPlaceholder')}
              data-testid="portal-report-description"
            />
          </Form.Item>
          {account && (
            <CategoryPicker
              categories={categories}
              suggestions={text.length >= MIN_DESCRIPTION ? (check?.suggestions ?? []) : []}
              chosen={chosen}
              onChoose={setChosen}
              testId="portal-report-category"
            />
          )}
        </Section>

        <Section title={t('portal.report.where')}>
          {map ? (
            <LocationPicker config={map.config} value={point} onChange={choosePoint} home={home} testId="portal-report-map" />
          ) : (
            <Spin style={{ display: 'block', margin: '48px auto' }} />
          )}
          <Typography.Text
            type={point ? 'success' : 'warning'}
            className="gg-portal-hint"
            data-testid="portal-report-location-state"
            data-confirmed={point ? 'true' : 'false'}
          >
            {point ? t('portal.map.confirmed') : t('portal.map.unconfirmed')}
          </Typography.Text>
          {pointMissing && (
            <Typography.Text type="danger" className="gg-portal-hint" data-testid="portal-report-point-missing">
              {t('portal.report.pointRequired')}
            </Typography.Text>
          )}
          {account && check && point && (
            grid ? (
              <Alert type="success" showIcon className="gg-portal-inline-alert" title={t('portal.report.grid', { name: grid.name })} data-testid="portal-report-grid" />
            ) : (
              <Alert type="warning" showIcon className="gg-portal-inline-alert" title={t('portal.report.outside')} data-testid="portal-report-outside" />
            )
          )}
          <Form.Item name="address" label={t('portal.report.address')} style={{ marginTop: 12, marginBottom: 0 }}>
            <Input maxLength={200} placeholder={t('portal.report.addressPlaceholder')} data-testid="portal-report-address" />
          </Form.Item>
        </Section>

        <Section title={t('portal.report.photos')}>
          <PhotoPicker anonymous={!account} onChange={setPhotos} testId="portal-report-photos" />
        </Section>

        <Section title={t('portal.report.contact')}>
          {!account && (
            <Form.Item name="reporterName" label={t('portal.report.name')}>
              <Input maxLength={50} autoComplete="name" placeholder={t('portal.report.namePlaceholder')} data-testid="portal-report-name" />
            </Form.Item>
          )}
          <Form.Item
            name="reporterPhone"
            label={t('portal.report.phone')}
            extra={t('portal.report.phoneHint')}
            rules={[{ pattern: PHONE_PATTERN, message: t('portal.report.phoneInvalid') }]}
            style={{ marginBottom: 0 }}
          >
            <Input type="tel" inputMode="tel" autoComplete="tel" maxLength={20} data-testid="portal-report-phone" />
          </Form.Item>
          {!account && (
            // Bots fill every field; people never see this one.
            <div className="gg-portal-honeypot" aria-hidden="true">
              <Form.Item name="website" label={t('portal.report.website')}>
                <Input tabIndex={-1} autoComplete="off" data-testid="portal-report-website" />
              </Form.Item>
            </div>
          )}
        </Section>

        {account && duplicates.length > 0 && (
          <Alert
            type="info"
            showIcon
            className="gg-portal-block"
            title={t('portal.report.duplicates', { n: duplicates.length })}
            description={t('portal.report.duplicatesHint')}
            data-testid="portal-report-duplicates"
          />
        )}
        {error && <Alert type="error" showIcon className="gg-portal-block" title={error} data-testid="portal-report-error" />}
        <div className="gg-portal-submit">
          <Button
            type="primary"
            htmlType="submit"
            block
            size="large"
            loading={submitting}
            disabled={photos.uploading || !point}
            data-testid="portal-report-submit"
          >
            {photos.uploading ? t('portal.report.waitPhotos') : t('portal.report.submit')}
          </Button>
          {!point && (
            <Typography.Text type="secondary" className="gg-portal-hint" data-testid="portal-report-submit-reason" style={{ display: 'block', textAlign: 'center' }}>
              {t('portal.report.confirmFirst')}
            </Typography.Text>
          )}
          {account && (
            <Button type="link" block onClick={() => navigate(PORTAL_PATHS.mine)}>
              {t('portal.report.toMine')}
            </Button>
          )}
        </div>
      </Form>
    </div>
  );
}

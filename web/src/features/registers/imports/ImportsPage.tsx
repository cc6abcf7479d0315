/**
 * 批量导入: choose the register and download its template, upload a file, map its columns
 * (pre-filled from the headers), preview a dry run, start, and follow the progress to the final
 * counts and the error report.
 */
import { Alert, Button, Card, Popconfirm, Select, Space, Steps, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { ARRIVAL_IMPORT_KIND, CHECKIN_IMPORT_KIND, REGISTER_KINDS, REGISTER_PATHS, type ImportJob, type ImportPreview, type RegisterKind } from '@gridgov/contracts';
import { errorText, useFeedback } from '../../../app/feedback';
import { navigate, useLocation } from '../../../app/router';
import { withTestId } from '../../../app/test-id';
import { importsApi, saveFile, type ImportKindName, type ImportMapping } from '../../../api/transfers';
import { useSession } from '../../../app/session';
import { useI18n } from '../../../i18n/i18n';
import { registerLabel } from '../shared/labels';
import { MappingStep, mappingFor, unmappedRequired } from './MappingStep';
import { defaultGridRule, GridRuleStep, readyGridRule, type GridRuleDraft } from './GridRuleStep';
import { UnfinishedImports } from './UnfinishedImports';
import { PreviewStep } from './PreviewStep';
import { RecentImports } from './RecentImports';
import { isRunning, ProgressStep } from './ProgressStep';

const POLL_MS = 1000;

function isRegisterKind(value: string | null): value is RegisterKind {
  return value !== null && (REGISTER_KINDS as readonly string[]).includes(value);
}

function isImportKind(value: string | null): value is ImportKindName {
  return value === ARRIVAL_IMPORT_KIND || value === CHECKIN_IMPORT_KIND || isRegisterKind(value);
}

function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export default function ImportsPage() {
  const { t } = useI18n();
  const feedback = useFeedback();
  const location = useLocation();
  const asked = location.query.get('register');
  const { can } = useSession();
  const [register, setRegister] = useState<ImportKindName>(isImportKind(asked) ? asked : 'resident');
  // Arriving again with another register asked for (the 导入 action of another register's page).
  useEffect(() => {
    if (isImportKind(asked)) setRegister(asked);
  }, [asked]);
  const [job, setJob] = useState<ImportJob | null>(null);
  const [mapping, setMapping] = useState<ImportMapping>({});
  const [gridRule, setGridRule] = useState<GridRuleDraft>({ by: 'code' });
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [step, setStep] = useState(0);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [recentKey, setRecentKey] = useState(0);

  // The list below shows the new state of this import.
  const status = job?.status;
  useEffect(() => setRecentKey((key) => key + 1), [status]);

  // Follow a running import until it is done or failed.
  const polling = job !== null && step === 3 && isRunning(job);
  const jobId = job?.id;
  useEffect(() => {
    if (!polling || !jobId) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      importsApi
        .get(jobId, controller.signal)
        .then(setJob)
        .catch((err: unknown) => {
          feedback.error(err);
          setError(errorText(err, t));
        });
    }, POLL_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [polling, jobId, job, feedback, t]);

  async function run<T>(work: () => Promise<T>, then: (value: T) => void) {
    setBusy(true);
    setError(null);
    try {
      then(await work());
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }

  function restart() {
    setJob(null);
    setMapping({});
    setGridRule({ by: 'code' });
    setPreview(null);
    setError(null);
    setStep(0);
  }

  /** Takes up an uploaded import at its mapping: just uploaded, or left unfinished earlier. */
  const open = (uploaded: ImportJob) => {
    setJob(uploaded);
    if (isImportKind(uploaded.register)) setRegister(uploaded.register);
    setMapping(uploaded.mapping);
    setGridRule(defaultGridRule(uploaded));
    setPreview(null);
    setError(null);
    setStep(1);
  };

  const upload = (file: File) => run(() => importsApi.upload(register, file), open);

  const downloadTemplate = () => run(() => importsApi.template(register), saveFile);

  const rule = readyGridRule(gridRule);

  const start = () => {
    if (!job || !rule) return Promise.resolve();
    return run(
      () => importsApi.start(job.id, mappingFor(mapping, gridRule), rule),
      (started) => {
        setJob(started);
        setStep(3);
      },
    );
  };

  const missing = job ? unmappedRequired(job, mapping, gridRule) : [];

  return (
    <div data-testid="imports-page">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('import.title')}
      </Typography.Title>
      <Card>
        <Steps
          current={step}
          status={job?.status === 'failed' ? 'error' : job?.status === 'done' ? 'finish' : 'process'}
          style={{ marginBottom: 24 }}
          items={[
            { title: t('import.step.file') },
            { title: t('import.step.mapping') },
            { title: t('import.step.preview') },
            { title: t('import.step.run') },
          ]}
        />
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="imports-error" closable={{ onClose: () => setError(null) }} />}

        {step === 0 && (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            <Space wrap>
              <Typography.Text>{t('import.register')}</Typography.Text>
              <Select<ImportKindName>
                value={register}
                onChange={setRegister}
                style={{ width: 160 }}
                options={[...REGISTER_KINDS, ...(can('arrival:import') ? [ARRIVAL_IMPORT_KIND] : []), ...(can('checkin:import') ? [CHECKIN_IMPORT_KIND] : [])].map((kind) => ({ value: kind, label: registerLabel(t, kind) }))}
                data-testid="imports-register"
              />
              <Button onClick={() => void downloadTemplate()} disabled={busy} data-testid="imports-template">
                {t('import.template')}
              </Button>
            </Space>
            <Typography.Text type="secondary">{t('import.templateHint')}</Typography.Text>
            <UnfinishedImports reloadKey={recentKey} onResume={open} />
            <Upload.Dragger
              accept=".xlsx,.csv"
              multiple={false}
              showUploadList={false}
              disabled={busy}
              beforeUpload={(file) => {
                void upload(file);
                return false;
              }}
              data-testid="imports-upload"
            >
              <p style={{ fontSize: 16, margin: '16px 0 4px' }}>{t('import.upload')}</p>
              <p style={{ color: '#888', marginBottom: 16 }}>{t('import.uploadHint')}</p>
            </Upload.Dragger>
          </Space>
        )}

        {job && step > 0 && (
          <Typography.Paragraph data-testid="imports-file">
            <Typography.Text type="secondary">{t('import.file')}：</Typography.Text>
            {t('import.fileInfo', { name: job.fileName, size: fileSize(job.fileBytes) })} · {registerLabel(t, job.register)} ·{' '}
            {t('import.columnsFound', { n: job.columns.length })}
          </Typography.Paragraph>
        )}

        {job && step === 1 && (
          <>
            <GridRuleStep job={job} rule={gridRule} onChange={setGridRule} />
            {!rule && <Alert type="warning" showIcon title={t('import.gridRule.missing')} style={{ marginBottom: 12 }} data-testid="imports-grid-missing" />}
            <MappingStep job={job} mapping={mapping} onChange={setMapping} rule={gridRule} />
            <Space style={{ marginTop: 16 }}>
              <Button onClick={restart} data-testid="imports-back">
                {t('import.back')}
              </Button>
              <Button
                type="primary"
                loading={busy}
                disabled={missing.length > 0 || !rule}
                onClick={() =>
                  void run(
                    () => importsApi.preview(job.id, mappingFor(mapping, gridRule), rule!),
                    (answer) => {
                      setPreview(answer);
                      setStep(2);
                    },
                  )
                }
                data-testid="imports-preview-button"
              >
                {t('import.preview')}
              </Button>
            </Space>
          </>
        )}

        {job && preview && step === 2 && (
          <>
            <PreviewStep job={job} mapping={mapping} preview={preview} />
            <Space style={{ marginTop: 16 }}>
              <Button onClick={() => setStep(1)}>{t('import.back')}</Button>
              <Popconfirm
                title={t('import.startWithErrors')}
                disabled={preview.failedRows === 0}
                onConfirm={() => void start()}
                okButtonProps={withTestId({}, 'imports-start-confirm')}
              >
                <Button
                  type="primary"
                  loading={busy}
                  onClick={preview.failedRows === 0 ? () => void start() : undefined}
                  data-testid="imports-start"
                >
                  {t('import.start')}
                </Button>
              </Popconfirm>
            </Space>
          </>
        )}

        {job && step === 3 && (
          <>
            <ProgressStep job={job} />
            {!isRunning(job) && (
              <Space style={{ marginTop: 16 }}>
                <Button onClick={restart} data-testid="imports-again">
                  {t('import.again')}
                </Button>
                {job.register === ARRIVAL_IMPORT_KIND && (
                  <Button type="primary" onClick={() => navigate('/arrivals?tab=matched')} data-testid="imports-open-arrivals">
                    {t('arrival.viewList')}
                  </Button>
                )}
                {isRegisterKind(job.register) && (
                  <Button type="primary" onClick={() => navigate(`/registers/${REGISTER_PATHS[job.register as RegisterKind]}`)} data-testid="imports-open-list">
                    {t('import.viewList', { register: registerLabel(t, job.register) })}
                  </Button>
                )}
              </Space>
            )}
          </>
        )}
      </Card>
      <RecentImports reloadKey={recentKey} />
    </div>
  );
}

/**
 * The public steps of a report, oldest first: reported, accepted, dispatched, reported back,
 * closed, rated, reopened. Roles and departments, never the names of staff.
 */
import { Image, Timeline, Typography } from 'antd';
import type { AttachmentRef, TicketAction } from '@gridgov/contracts';
import { portalApi } from '../api/portal';
import { formatDateTime } from '../app/labels';
import { useI18n } from '../i18n/i18n';
import { STEP_COLOR, stepLabel, stepText } from './labels';

export interface PublicStep {
  key: string;
  action: TicketAction;
  at: string;
  note: string | null;
  departmentName: string | null;
  attachments?: AttachmentRef[];
}

export function PublicTimeline({ steps, testId }: { steps: PublicStep[]; testId: string }) {
  const { t, locale } = useI18n();
  return (
    <Timeline
      className="gg-portal-timeline"
      data-testid={testId}
      items={steps.map((step) => ({
        key: step.key,
        color: STEP_COLOR[step.action] ?? 'gray',
        // Everything on one side of the line: a phone has no room for a title column.
        content: (
          <div className="gg-portal-step-body">
            <div className="gg-portal-step-head" data-testid={`${testId}-step`} data-action={step.action}>
              <Typography.Text strong>{stepLabel(t, step.action)}</Typography.Text>
              <Typography.Text type="secondary" className="gg-portal-step-time">
                {formatDateTime(step.at, locale)}
              </Typography.Text>
            </div>
            <div>{stepText(t, step.action, step.departmentName)}</div>
            {step.note && (
              <Typography.Paragraph className="gg-portal-step-note" data-testid={`${testId}-note`}>
                {step.note}
              </Typography.Paragraph>
            )}
            {step.attachments && step.attachments.length > 0 && (
              <Image.PreviewGroup>
                <div className="gg-portal-photos gg-portal-photos-small">
                  {step.attachments.map((file) => (
                    <Image key={file.id} src={portalApi.photoUrl(file.id)} alt={file.name} className="gg-portal-photo-img" />
                  ))}
                </div>
              </Image.PreviewGroup>
            )}
          </div>
        ),
      }))}
    />
  );
}

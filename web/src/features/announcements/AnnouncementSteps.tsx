/** The steps an announcement offers the viewer now, on the web kit's workflow steps. */
import { ANNOUNCEMENT_ACTION_INPUTS, type Announcement } from '@gridgov/contracts';
import type { DetailPartProps } from '../../shared/record-page/types';
import { WorkflowSteps } from '../../shared/record-page/WorkflowSteps';
import { announcementsApi } from './announcements-api';

export function AnnouncementSteps({ record, onChange }: DetailPartProps<Announcement>) {
  return (
    <WorkflowSteps
      record={record}
      onChange={onChange}
      slug="announcements"
      steps={['submit', 'publish', 'return', 'withdraw']}
      inputs={ANNOUNCEMENT_ACTION_INPUTS}
      label={(t, s) => t(`announcement.action.${s}`)}
      confirm={(t, s) => t(`announcement.confirm.${s}`)}
      done={(t, s) => t(`announcement.done.${s}`)}
      notePlaceholder={(t) => t('announcement.notePlaceholder')}
      noteNeeded={(t) => t('announcement.noteNeeded')}
      run={(step, body) => announcementsApi.step(record.id, step, body)}
      primary={['publish', 'submit']}
      danger={['withdraw']}
    />
  );
}

/** The steps a resumption application offers the viewer now, on the web kit's workflow steps. */
import { APPLICATION_ACTION_INPUTS, type Application } from '@gridgov/contracts';
import type { DetailPartProps } from '../../shared/record-page/types';
import { WorkflowSteps } from '../../shared/record-page/WorkflowSteps';
import { enterprisesApi } from './enterprises-api';

export function ApplicationSteps({ record, onChange }: DetailPartProps<Application>) {
  return (
    <WorkflowSteps
      record={record}
      onChange={onChange}
      slug="enterprise-applications"
      steps={['submit', 'approve', 'return', 'reject', 'revoke']}
      inputs={APPLICATION_ACTION_INPUTS}
      label={(t, s) => t(`enterprise.action.${s}`)}
      confirm={(t, s) => t(`enterprise.confirm.${s}`)}
      done={(t, s) => t(`enterprise.done.${s}`)}
      notePlaceholder={(t) => t('enterprise.notePlaceholder')}
      noteNeeded={(t) => t('enterprise.noteNeeded')}
      run={(step, body) => enterprisesApi.step(record.id, step, body)}
      primary={['approve', 'submit']}
      danger={['reject', 'revoke']}
    />
  );
}

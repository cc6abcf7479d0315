/** The workflow steps of a rebuttal and of a question, on the web kit's workflow steps. */
import { CONSULTATION_ACTION_INPUTS, REBUTTAL_ACTION_INPUTS, type Consultation, type Rebuttal } from '@gridgov/contracts';
import type { DetailPartProps } from '../../shared/record-page/types';
import { WorkflowSteps } from '../../shared/record-page/WorkflowSteps';
import { publicinfoApi } from './publicinfo-api';

export function RebuttalSteps({ record, onChange }: DetailPartProps<Rebuttal>) {
  return (
    <WorkflowSteps
      record={record}
      onChange={onChange}
      slug="rebuttals"
      steps={['publish', 'withdraw']}
      inputs={REBUTTAL_ACTION_INPUTS}
      label={(t, s) => t(`publicinfo.rebuttal.action.${s}`)}
      confirm={(t, s) => t(`publicinfo.rebuttal.confirm.${s}`)}
      done={(t, s) => t(`publicinfo.rebuttal.done.${s}`)}
      notePlaceholder={(t) => t('publicinfo.notePlaceholder')}
      noteNeeded={(t) => t('publicinfo.noteNeeded')}
      run={(step, body) => publicinfoApi.rebuttalStep(record.id, step, body)}
      primary={['publish']}
      danger={['withdraw']}
    />
  );
}

export function ConsultationSteps({ record, onChange }: DetailPartProps<Consultation>) {
  return (
    <WorkflowSteps
      record={record}
      onChange={onChange}
      slug="consultations"
      steps={['publish', 'reject']}
      inputs={CONSULTATION_ACTION_INPUTS}
      label={(t, s) => t(`publicinfo.consultation.action.${s}`)}
      confirm={(t, s) => t(`publicinfo.consultation.confirm.${s}`)}
      done={(t, s) => t(`publicinfo.consultation.done.${s}`)}
      notePlaceholder={(t) => t('publicinfo.notePlaceholder')}
      noteNeeded={(t) => t('publicinfo.noteNeeded')}
      run={(step, body) => publicinfoApi.consultationStep(record.id, step, body)}
      primary={['publish']}
      danger={['reject']}
    />
  );
}

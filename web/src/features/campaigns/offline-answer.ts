/**
 * A survey answer sent from the phone through the offline queue: the form's files (photos, a
 * signature) are kept on the phone and uploaded when it is sent, then the answer with the
 * submission's key; the answer's id is the submission's id, so neither a replay nor a resend
 * without the key answers twice.
 */
import type { AttachmentRef, SurveyAnswerInput } from '@gridgov/contracts';
import { defineOfflineKind } from '../../shared/offline/kinds';
import { swapAttachments } from '../../shared/offline/kept-attachments';
import { campaignKeys, campaignsApi } from './campaigns-api';

export interface AnswerSubmission {
  taskId: string;
  /** For the "to send" list only (stays on the phone, wiped on sign-out). */
  label: string;
  body: SurveyAnswerInput;
  /** The made-up ids of the queued files, in order. */
  answerFileIds: string[];
}

export const surveyAnswerKind = defineOfflineKind<AnswerSubmission, { id: string }>({
  kind: 'campaigns.answer',
  summary: (a) => a.label,
  send: async (a, { key, files, upload }) => {
    const uploaded = new Map<string, AttachmentRef>();
    for (let j = 0; j < a.answerFileIds.length && j < files.length; j++) uploaded.set(a.answerFileIds[j]!, await upload(j));
    return campaignsApi.answer(a.taskId, { ...a.body, answers: swapAttachments(a.body.answers, uploaded) }, key);
  },
  sent: (_result, client) => void client.invalidateQueries({ queryKey: campaignKeys.all }),
});

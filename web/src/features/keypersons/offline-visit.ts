/**
 * A key-person visit logged from the phone, through the offline queue: its photos and the visit
 * form's files (a signature) are kept on the phone and uploaded when it is sent (each with its own
 * idempotency key), then the visit with the submission's key; the visit's id is the submission's
 * id, so neither a replay nor a resend without the key logs it twice.
 */
import type { AttachmentRef } from '@gridgov/contracts';
import { defineOfflineKind } from '../../shared/offline/kinds';
import { swapAttachments } from '../../shared/offline/kept-attachments';
import { keypersonKeys, keypersonsApi, type VisitBody } from './keypersons-api';

export interface VisitSubmission {
  keyPersonId: string;
  /** For the "to send" list only (stays on the phone, wiped on sign-out). */
  personName: string;
  body: VisitBody;
  /** The first `photoCount` queued files are the visit's photos; the rest are the form's files, whose made-up ids are `answerFileIds`. */
  photoCount: number;
  answerFileIds: string[];
}

export const visitLogKind = defineOfflineKind<VisitSubmission, { id: string }>({
  kind: 'keyperson.visit',
  summary: (v) => `${v.personName} ${v.body.visitedOn}`,
  send: async (v, { key, files, upload }) => {
    const photoIds = [...v.body.photoIds];
    for (let i = 0; i < v.photoCount; i++) photoIds.push((await upload(i)).id);
    const uploaded = new Map<string, AttachmentRef>();
    for (let j = 0; j < v.answerFileIds.length && v.photoCount + j < files.length; j++) uploaded.set(v.answerFileIds[j]!, await upload(v.photoCount + j));
    return keypersonsApi.visit(v.keyPersonId, { ...v.body, photoIds, answers: swapAttachments(v.body.answers, uploaded) }, key);
  },
  sent: (_result, client) => void client.invalidateQueries({ queryKey: keypersonKeys.all }),
});

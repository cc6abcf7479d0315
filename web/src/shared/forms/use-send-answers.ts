/**
 * Sending a form's answers from a dialog: the answers are checked first (every error shown), the
 * button is busy while the call runs, the server's field errors land on their fields and any
 * other error is said in a message. `send` gives the call's result, or null when nothing was
 * sent or the call failed.
 */
import { useState } from 'react';
import type { FormAnswers } from '@gridgov/contracts';
import { useFeedback } from '../../app/feedback';
import type { FormController } from './use-form-answers';

export function useSendAnswers(form: FormController): { busy: boolean; send<T>(call: (answers: FormAnswers) => Promise<T>): Promise<T | null> } {
  const feedback = useFeedback();
  const [busy, setBusy] = useState(false);
  return {
    busy,
    async send(call) {
      if (!form.submit()) return null;
      setBusy(true);
      try {
        return await call(form.result.ok ? form.result.value : form.answers);
      } catch (error) {
        if (!form.showServerErrors(error)) feedback.error(error);
        return null;
      } finally {
        setBusy(false);
      }
    },
  };
}

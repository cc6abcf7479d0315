/** 密接人员: the contacts living in the reader's scope, the follow-up list of operators and grid workers; behind a stated purpose. */
import { PurposeGate } from '../../shared/purpose/PurposeGate';
import { RecordPage } from '../../shared/record-page/RecordPage';
import { contactPage } from './contact-page';
import { tracingPurpose } from './tracing-api';

export default function ContactsPage() {
  return (
    <PurposeGate store={tracingPurpose} testId="tracing" introKey="case.purposeIntro">
      <RecordPage config={contactPage} />
    </PurposeGate>
  );
}

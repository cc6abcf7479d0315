import { RecordPage } from '../../shared/record-page/RecordPage';
import { keypersonPage } from './keyperson-page';
import { PurposeGate } from '../../shared/purpose/PurposeGate';
import { keyPersonPurpose } from './purpose';

export default function KeyPersonsPage() {
  return (
    <PurposeGate store={keyPersonPurpose} testId="kp" introKey="kp.purpose.intro">
      <RecordPage config={keypersonPage} />
    </PurposeGate>
  );
}

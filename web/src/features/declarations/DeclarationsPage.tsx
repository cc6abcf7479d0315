import { RecordPage } from '../../shared/record-page/RecordPage';
import { PurposeGate } from '../../shared/purpose/PurposeGate';
import { declarationPage, declarationPurpose } from './declaration-page';

export default function DeclarationsPage() {
  return (
    <PurposeGate store={declarationPurpose} testId="declarations">
      <RecordPage config={declarationPage} />
    </PurposeGate>
  );
}

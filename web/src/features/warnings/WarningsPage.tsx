import { RecordPage } from '../../shared/record-page/RecordPage';
import { warningPage } from './warning-page';

export default function WarningsPage() {
  return <RecordPage config={warningPage} />;
}

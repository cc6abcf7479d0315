import { RecordPage } from '../../shared/record-page/RecordPage';
import { disputePage } from './dispute-page';

export default function DisputesPage() {
  return <RecordPage config={disputePage} />;
}

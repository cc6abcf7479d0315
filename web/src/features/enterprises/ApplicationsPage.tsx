import { RecordPage } from '../../shared/record-page/RecordPage';
import { applicationPage } from './application-page';

export default function ApplicationsPage() {
  return <RecordPage config={applicationPage} />;
}

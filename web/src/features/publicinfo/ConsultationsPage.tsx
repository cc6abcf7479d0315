import { RecordPage } from '../../shared/record-page/RecordPage';
import { consultationPage } from './consultation-page';

export default function ConsultationsPage() {
  return <RecordPage config={consultationPage} />;
}

import { RecordPage } from '../../shared/record-page/RecordPage';
import { facilityPage } from './facility-page';

export default function FacilitiesPage() {
  return <RecordPage config={facilityPage} />;
}

import { RecordPage } from '../../../shared/record-page/RecordPage';
import { facilityRegister } from './facility-register';

export default function FacilitiesPage() {
  return <RecordPage config={facilityRegister} />;
}

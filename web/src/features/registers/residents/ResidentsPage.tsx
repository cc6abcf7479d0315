import { RecordPage } from '../../../shared/record-page/RecordPage';
import { residentRegister } from './resident-register';

export default function ResidentsPage() {
  return <RecordPage config={residentRegister} />;
}

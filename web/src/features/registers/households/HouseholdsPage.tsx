import { RecordPage } from '../../../shared/record-page/RecordPage';
import { householdRegister } from './household-register';

export default function HouseholdsPage() {
  return <RecordPage config={householdRegister} />;
}

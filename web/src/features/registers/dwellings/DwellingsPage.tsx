import { RecordPage } from '../../../shared/record-page/RecordPage';
import { dwellingRegister } from './dwelling-register';

export default function DwellingsPage() {
  return <RecordPage config={dwellingRegister} />;
}

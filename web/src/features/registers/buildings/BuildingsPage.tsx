import { RecordPage } from '../../../shared/record-page/RecordPage';
import { buildingRegister } from './building-register';

export default function BuildingsPage() {
  return <RecordPage config={buildingRegister} />;
}

import { RecordPage } from '../../shared/record-page/RecordPage';
import { rebuttalPage } from './rebuttal-page';

export default function RebuttalsPage() {
  return <RecordPage config={rebuttalPage} />;
}

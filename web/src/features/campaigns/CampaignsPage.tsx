import { RecordPage } from '../../shared/record-page/RecordPage';
import { campaignPage } from './campaign-page';

export default function CampaignsPage() {
  return <RecordPage config={campaignPage} />;
}

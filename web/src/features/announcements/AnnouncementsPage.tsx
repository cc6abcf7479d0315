import { RecordPage } from '../../shared/record-page/RecordPage';
import { announcementPage } from './announcement-page';

export default function AnnouncementsPage() {
  return <RecordPage config={announcementPage} />;
}

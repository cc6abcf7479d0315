import { RecordPage } from '../../../shared/record-page/RecordPage';
import { organizationRegister } from './organization-register';

export default function OrganizationsPage() {
  return <RecordPage config={organizationRegister} />;
}

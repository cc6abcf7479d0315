import { RegisterPage } from '../shared/RegisterPage';
import { organizationRegister } from './organization-register';

export default function OrganizationsPage() {
  return <RegisterPage config={organizationRegister} />;
}

import { RegisterPage } from '../shared/RegisterPage';
import { residentRegister } from './resident-register';

export default function ResidentsPage() {
  return <RegisterPage config={residentRegister} />;
}

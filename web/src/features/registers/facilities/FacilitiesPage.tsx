import { RegisterPage } from '../shared/RegisterPage';
import { facilityRegister } from './facility-register';

export default function FacilitiesPage() {
  return <RegisterPage config={facilityRegister} />;
}

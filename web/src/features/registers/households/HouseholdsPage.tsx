import { RegisterPage } from '../shared/RegisterPage';
import { householdRegister } from './household-register';

export default function HouseholdsPage() {
  return <RegisterPage config={householdRegister} />;
}

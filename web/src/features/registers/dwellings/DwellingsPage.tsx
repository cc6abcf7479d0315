import { RegisterPage } from '../shared/RegisterPage';
import { dwellingRegister } from './dwelling-register';

export default function DwellingsPage() {
  return <RegisterPage config={dwellingRegister} />;
}

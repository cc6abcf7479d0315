import { RegisterPage } from '../shared/RegisterPage';
import { buildingRegister } from './building-register';

export default function BuildingsPage() {
  return <RegisterPage config={buildingRegister} />;
}

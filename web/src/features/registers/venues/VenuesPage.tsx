import { RegisterPage } from '../shared/RegisterPage';
import { venueRegister } from './venue-register';

export default function VenuesPage() {
  return <RegisterPage config={venueRegister} />;
}

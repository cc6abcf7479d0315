/** Prints the current TOTP code of a demo admin account: `npm run demo:totp -- sysadmin`. */
import { totpCode, totpStep } from '../platform/auth/totp.js';
import { demoTotpSecret } from '../modules/demo/seed-demo.js';

const username = process.argv[2];
if (!username) {
  console.error('usage: npm run demo:totp -- <username>');
  process.exit(2);
}
console.log(totpCode(demoTotpSecret(username), totpStep(new Date())));

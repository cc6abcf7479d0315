/** Mainland China mobile numbers: 11 digits starting 13-19. */

const MOBILE = /^1[3-9]\d{9}$/;

/** Returns the normalised 11-digit number (a +86 / 0086 prefix stripped), or null. */
export function validatePhone(s: string): string | null {
  const compact = s.trim().replace(/[\s-]/g, '');
  const digits = compact.replace(/^(\+86|0086)/, '');
  return MOBILE.test(digits) ? digits : null;
}

/** '13812341234' -> '138****1234'. Anything else keeps only its last 4 characters. */
export function maskPhone(phone: string): string {
  if (MOBILE.test(phone)) return `${phone.slice(0, 3)}****${phone.slice(7)}`;
  if (phone.length <= 4) return '*'.repeat(phone.length);
  return '*'.repeat(phone.length - 4) + phone.slice(-4);
}

const LANDLINE = /^0\d{2,3}-?\d{7,8}$/;

/** A mobile number, or a landline with its area code (0736-7251234); normalised, or null. */
export function validateContactPhone(s: string): string | null {
  const mobile = validatePhone(s);
  if (mobile) return mobile;
  const compact = s.trim().replace(/\s/g, '');
  return LANDLINE.test(compact) ? compact : null;
}

/** Password hashing (Argon2id) and the password policy. */
import { hash, verify, type Algorithm } from '@node-rs/argon2';

/** Algorithm.Argon2id (a const enum, which isolated modules cannot read). */
const ARGON2ID = 2 as Algorithm;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** A small list of passwords people reach for first; they fail the policy whatever their shape. */
const COMMON = new Set(
  [
    'password', 'password1', 'password123', 'passw0rd', 'p@ssw0rd', 'p@ssword1', 'qwerty123', 'qwertyuiop',
    'admin123', 'admin@123', 'administrator', 'abc12345', 'abcd1234', 'aa123456', 'a1234567', 'a12345678',
    '1qaz2wsx', '1qaz@wsx', 'zaq12wsx', 'iloveyou1', 'welcome1', 'welcome@1', 'changeme1', 'letmein1',
    'woaini1314', 'woaini520', 'root1234', 'test1234', 'test@123', 'qq123456', 'asd123456', 'zxc123456',
    'gridgov123', 'gridgov@123', 'huawei@123', 'admin@2024', 'admin@2025', 'admin@2026', 'p@ssw0rd123',
  ],
);

export interface PolicyResult {
  ok: boolean;
  reasons: ('too_short' | 'too_few_classes' | 'common' | 'contains_username')[];
}

export function checkPasswordPolicy(password: string, username?: string): PolicyResult {
  const reasons: PolicyResult['reasons'] = [];
  if (password.length < 8) reasons.push('too_short');
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^a-zA-Z\d]/].filter((re) => re.test(password)).length;
  if (classes < 3) reasons.push('too_few_classes');
  if (COMMON.has(password.toLowerCase())) reasons.push('common');
  if (username && username.length >= 3 && password.toLowerCase().includes(username.toLowerCase())) reasons.push('contains_username');
  return { ok: reasons.length === 0, reasons };
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** Verified against when the username is unknown, so timing does not tell whether it exists. */
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('not-a-real-password-Zz9!');
  return dummyHash;
}

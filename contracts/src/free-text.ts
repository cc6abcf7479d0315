/**
 * Phone and ID numbers typed into free text (a ticket's description, an address, a note) in any
 * of the forms people type them: unbroken, spaced or hyphenated in groups, with a +86 / 0086
 * prefix, in full-width digits (１３８…). `maskFreeText` masks them where text leaves to someone
 * other than its author and the staff handling it; `findPersonalNumbers` is the same detection
 * for the checks that scan every answer.
 */
import { maskIdNumber } from './id-number.js';
import { maskPhone } from './phone.js';

/** A run of digits (half- or full-width) with at most one separator between any two, and an optional country prefix. */
const RUN = /(?<![0-9０-９A-Za-zＡ-Ｚａ-ｚ+＋])(?:(?:\+|＋|00|００)\s?(?:86|８６)[\s\-－.]{0,2})?[0-9０-９](?:[\s\-－.·]?[0-9０-９]){9,20}(?:[\s\-－]?[XxＸｘ])?(?![0-9０-９A-Za-zＡ-Ｚａ-ｚ])/g;

const FULL_WIDTH = /[０-９ＸｘＡ-Ｚａ-ｚ]/g;

function halfWidth(s: string): string {
  return s.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

export type PersonalNumberKind = 'mobile' | 'landline' | 'id_number';

/** What a typed run of digits is, with its normalised form; null when it is none of them. */
export function classifyNumber(typed: string): { kind: PersonalNumberKind; value: string } | null {
  const compact = halfWidth(typed).replace(/[\s\-－.·+]/g, '').toUpperCase();
  const national = compact.replace(/^(0086|86)(?=1[3-9]\d{9}$)/, '');
  if (/^1[3-9]\d{9}$/.test(national)) return { kind: 'mobile', value: national };
  if (/^\d{17}[\dX]$/.test(compact) || /^\d{15}$/.test(compact)) return { kind: 'id_number', value: compact };
  if (/^0\d{9,11}$/.test(compact)) return { kind: 'landline', value: compact };
  return null;
}

/**
 * The personal numbers inside one typed run: the whole run when it is one, else the longest
 * stretches of its separator-delimited groups that are (two numbers typed one after the other).
 */
function numbersInRun(run: string): { start: number; end: number; kind: PersonalNumberKind; value: string }[] {
  const whole = classifyNumber(run);
  if (whole) return [{ start: 0, end: run.length, ...whole }];
  const groups = [...run.matchAll(/[^\s\-－.·]+/g)].map((g) => ({ start: g.index, end: g.index + g[0].length }));
  const found = [];
  for (let i = 0; i < groups.length; i++) {
    for (let j = groups.length - 1; j >= i; j--) {
      const c = classifyNumber(run.slice(groups[i]!.start, groups[j]!.end));
      if (c) {
        found.push({ start: groups[i]!.start, end: groups[j]!.end, ...c });
        i = j;
        break;
      }
    }
  }
  return found;
}

/** The phone and ID numbers in a text, as typed and as classified. */
export function findPersonalNumbers(text: string): { typed: string; kind: PersonalNumberKind; value: string }[] {
  return [...text.matchAll(RUN)].flatMap((m) => numbersInRun(m[0]).map((n) => ({ typed: m[0].slice(n.start, n.end), kind: n.kind, value: n.value })));
}

const URL = /https?:\/\/\S+/g;

/** The text with every phone and ID number masked (138****1234, 43**************3X, *******1234); web addresses are kept as they are. */
export function maskFreeText(text: string): string {
  let out = '';
  let at = 0;
  for (const url of text.matchAll(URL)) {
    out += maskNumbers(text.slice(at, url.index)) + url[0];
    at = url.index + url[0].length;
  }
  return out + maskNumbers(text.slice(at));
}

function maskNumbers(text: string): string {
  return text.replace(RUN, (run) => {
    let out = '';
    let at = 0;
    for (const n of numbersInRun(run)) {
      out += run.slice(at, n.start) + (n.kind === 'id_number' ? maskIdNumber(n.value) : maskPhone(n.value));
      at = n.end;
    }
    return out + run.slice(at);
  });
}

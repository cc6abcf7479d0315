import { RESIDENT_TAGS } from '@gridgov/contracts';

export type ResidentTag = (typeof RESIDENT_TAGS)[number];

const TAGS: readonly string[] = RESIDENT_TAGS;

export function isResidentTag(tag: string): tag is ResidentTag {
  return TAGS.includes(tag);
}

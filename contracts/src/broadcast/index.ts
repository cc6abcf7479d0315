/**
 * Broadcast (应急广播, M6): messages to the residents and enterprises of an area or a tag, by SMS
 * and WeChat through the outbox and by street-light loudspeakers through device commands, in
 * each recipient's language, from templates kept as data (zh-CN and English), with a two-person
 * rule before anything is sent and delivery counts per channel while it drains.
 */
import { z } from 'zod';
import { divisionCode, pageQuery, uuid } from '../common.js';

export const BROADCAST_STATUSES = ['draft', 'submitted', 'approved', 'sending', 'sent', 'cancelled'] as const;
export type BroadcastStatus = (typeof BROADCAST_STATUSES)[number];
export const BROADCAST_CHANNELS = ['sms', 'wechat', 'loudspeaker'] as const;
export type BroadcastChannel = (typeof BROADCAST_CHANNELS)[number];

/** `{name}` placeholders of a template text, in order of first use. */
export function templateParams(text: string): string[] {
  return [...new Set([...text.matchAll(/\{([a-zA-Z][a-zA-Z0-9_]{0,39})\}/g)].map((m) => m[1]!))];
}

/** A template text with its parameters filled in (an unknown placeholder stays as written). */
export function renderTemplate(text: string, params: Record<string, string>): string {
  return text.replace(/\{([a-zA-Z][a-zA-Z0-9_]{0,39})\}/g, (whole, name: string) => params[name] ?? whole);
}

/** The templates shipped with the product (read-only; a region adds its own with the same key to replace one). */
export const BROADCAST_DEFAULT_TEMPLATES = [
  {
    key: 'typhoon_warning', name: '台风预警', nameEn: 'Typhoon warning',
    zh: '台风“{name}”预计{time}影响本地，最大风力{force}级。请关好门窗，收好阳台物品，非必要不外出，远离广告牌和危旧房屋。',
    en: 'Typhoon {name} is expected to reach the area {time}, with winds up to force {force}. Close windows, bring in balcony items, stay indoors and keep away from billboards and unsafe buildings.',
  },
  {
    key: 'evacuation', name: '紧急疏散', nameEn: 'Evacuation',
    zh: '因{reason}，请{area}的居民立即撤离，前往{shelter}避险。请带好证件和必需药品，服从现场工作人员指挥。',
    en: 'Because of {reason}, residents of {area} must leave now for {shelter}. Bring your ID and essential medicines and follow the staff on site.',
  },
  {
    key: 'water_cut', name: '停水通知', nameEn: 'Water cut',
    zh: '因{reason}，{area}将于{start}至{end}停止供水，请提前储水。给您带来不便，敬请谅解。',
    en: 'Because of {reason}, the water supply to {area} stops from {start} to {end}. Please store water in advance. We apologise for the inconvenience.',
  },
  {
    key: 'flood_warning', name: '暴雨洪涝预警', nameEn: 'Heavy rain and flood warning',
    zh: '{time}将有强降雨，{area}可能出现积水和内涝。请勿涉水通行，地下车库车辆请及时转移。',
    en: 'Heavy rain is expected {time}; {area} may flood. Do not walk or drive through water, and move vehicles out of underground car parks.',
  },
] as const;

const text = z.string().trim().min(2).max(500);
const version = { version: z.number().int().min(1) };
const note = z.string().trim().min(1).max(500);
const paramValue = z.string().trim().min(1).max(100);

export const templateRequest = z.strictObject({
  key: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/),
  name: z.string().trim().min(1).max(50),
  nameEn: z.string().trim().min(1).max(80),
  regionCode: divisionCode,
  zh: text,
  en: text,
});
export type TemplateRequest = z.infer<typeof templateRequest>;
export const templateUpdateRequest = templateRequest.omit({ regionCode: true, key: true }).extend(version);
export type TemplateUpdateRequest = z.infer<typeof templateUpdateRequest>;

export const broadcastTemplate = z.object({
  id: z.string(),
  key: z.string(),
  name: z.string(),
  nameEn: z.string(),
  /** null: shipped with the product (read-only). */
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  zh: z.string(),
  en: z.string(),
  params: z.array(z.string()),
  version: z.number().int(),
  /** The caller may change or delete it. */
  editable: z.boolean(),
});
export type BroadcastTemplate = z.infer<typeof broadcastTemplate>;

export const broadcastAudience = z.strictObject({
  /** The residents of the area (their registered phone). */
  residents: z.boolean(),
  /** The enterprises and shops of the area (their contact's phone). */
  enterprises: z.boolean(),
  /** Only these grids of the region (none: the whole region subtree). */
  gridIds: z.array(uuid).max(100).default([]),
  /** Only residents carrying this tag (独居老人, 残疾人 ...). */
  tag: z.string().trim().min(1).max(40).nullable().default(null),
});
export type BroadcastAudience = z.infer<typeof broadcastAudience>;

export const broadcastRequest = z.strictObject({
  title: z.string().trim().min(2).max(100),
  regionCode: divisionCode,
  templateId: uuid,
  params: z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]{0,39}$/), paramValue).default({}),
  audience: broadcastAudience,
  channels: z.array(z.enum(BROADCAST_CHANNELS)).min(1).max(3),
});
export type BroadcastRequest = z.infer<typeof broadcastRequest>;

/** Recipients per channel before approval (counts only; the people are never listed). */
export const broadcastPreview = z.object({
  sms: z.number().int(),
  wechat: z.number().int(),
  loudspeaker: z.number().int(),
  /** Residents and enterprises reached (with a phone), of whom this many get English. */
  recipients: z.number().int(),
  english: z.number().int(),
  /** Residents of the audience without a phone in the register (reached by no message). */
  withoutPhone: z.number().int(),
});
export type BroadcastPreview = z.infer<typeof broadcastPreview>;

export const channelCounts = z.object({
  channel: z.enum(BROADCAST_CHANNELS),
  queued: z.number().int(),
  retrying: z.number().int(),
  sent: z.number().int(),
  failed: z.number().int(),
  disabled: z.number().int(),
  cancelled: z.number().int(),
  total: z.number().int(),
});
export type ChannelCounts = z.infer<typeof channelCounts>;

/** Each step of a broadcast, with what it takes. */
export const BROADCAST_ACTION_INPUTS = {
  edit: z.strictObject({ ...version, broadcast: broadcastRequest }),
  submit: z.strictObject(version),
  approve: z.strictObject({ ...version, note: note.optional() }),
  return: z.strictObject({ ...version, note }),
  cancel: z.strictObject({ ...version, note }),
} as const;
export type BroadcastAction = keyof typeof BROADCAST_ACTION_INPUTS;
export const BROADCAST_ACTIONS = Object.keys(BROADCAST_ACTION_INPUTS) as BroadcastAction[];

export const broadcastSummary = z.object({
  id: z.string(),
  number: z.string(),
  title: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  status: z.enum(BROADCAST_STATUSES),
  channels: z.array(z.enum(BROADCAST_CHANNELS)),
  templateName: z.string(),
  recipients: z.number().int().nullable(),
  createdAt: z.string(),
  approvedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  version: z.number().int(),
});
export type BroadcastSummary = z.infer<typeof broadcastSummary>;

export const broadcastDetail = broadcastSummary.extend({
  templateId: z.string(),
  params: z.record(z.string(), z.string()),
  textZh: z.string(),
  textEn: z.string(),
  audience: broadcastAudience,
  gridNames: z.array(z.string()),
  preview: broadcastPreview.nullable(),
  counts: z.array(channelCounts),
  /** Whether every recipient's message is queued (the outbox then drains them). */
  queuedAll: z.boolean(),
  drafterName: z.string().nullable(),
  approverName: z.string().nullable(),
  note: z.string().nullable(),
  actions: z.array(z.enum(BROADCAST_ACTIONS)),
});
export type BroadcastDetail = z.infer<typeof broadcastDetail>;

export const broadcastListQuery = z.strictObject({
  status: z.enum(BROADCAST_STATUSES).optional(),
  ...pageQuery,
});
export type BroadcastListQuery = z.infer<typeof broadcastListQuery>;

export const broadcastIdParams = z.strictObject({ id: uuid });

const lng = z.number().min(73).max(136);
const lat = z.number().min(3).max(54);

export const loudspeakerRequest = z.strictObject({
  name: z.string().trim().min(1).max(100),
  deviceId: z.string().trim().regex(/^[A-Za-z0-9_.:-]{3,64}$/),
  regionCode: divisionCode,
  gridId: uuid.nullable().default(null),
  lng,
  lat,
});
export type LoudspeakerRequest = z.infer<typeof loudspeakerRequest>;
export const loudspeakerUpdateRequest = loudspeakerRequest.extend(version);
export type LoudspeakerUpdateRequest = z.infer<typeof loudspeakerUpdateRequest>;

export const loudspeaker = z.object({
  id: z.string(),
  name: z.string(),
  deviceId: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  gridId: z.string().nullable(),
  gridName: z.string().nullable(),
  lng: z.number(),
  lat: z.number(),
  version: z.number().int(),
});
export type Loudspeaker = z.infer<typeof loudspeaker>;

export * from './permissions.js';
export * from './audit.js';
export * from './messages.js';
export * from './errors.js';
export * from './labels.js';

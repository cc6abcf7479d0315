import { defineMessages } from '../message-kit.js';

/** A capture matched an entry (for the filing job's warning): the entry's label and hint, never the value. */
export const WATCHLIST_MESSAGES = defineMessages({
  'watchlist.hit': { zh: '布控对象「{label}」（{hint}）于 {at} 在「{device}」被抓拍', en: 'Watch-list entry "{label}" ({hint}) was captured by "{device}" at {at}' },
});

import { defineMessages } from '../message-kit.js';

export const RESERVATION_MESSAGES = defineMessages({
  'reservation.reserved': {
    zh: '您已预约{item}{quantity}{unit}，领取码{code}，请于{from}至{until}到{point}（{address}）凭身份证领取',
    en: 'You reserved {quantity} {unit} of {item}. Pickup code {code}: collect it at {point} ({address}) between {from} and {until} with your ID card',
  },
});

import { defineMessages } from '../message-kit.js';

export const EMERGENCY_MESSAGES = defineMessages({
  'emergency.activated': { zh: '{eventNo}「{title}」已启动{level}级应急响应：{text}', en: '{eventNo} "{title}": level {level} response activated: {text}' },
  'emergency.dispatched': { zh: '{team} 已被派往 {eventNo}，任务：{task}，请立即确认', en: '{team} is dispatched to {eventNo} for: {task}; acknowledge now' },
});

export * from './api.js';
export * from './errors.js';
export * from './roles.js';
export * from './division-code.js';
export * from './id-number.js';
export * from './phone.js';
export * from './registers.js';
export * from './credit-code.js';

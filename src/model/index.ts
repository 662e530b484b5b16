export * from './position.js';
export * from './book.js';
